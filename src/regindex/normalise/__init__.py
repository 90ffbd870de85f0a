"""Text normalisation used by everything: parser, search analysis, importer.

``normalise_text`` gives the one canonical form of Vietnamese text, ``problems`` says
what it would change, ``fold_diacritics`` strips accents for search; ``decode_bytes``
and the other legacy functions turn files in old Vietnamese encodings into Unicode.
"""

from .legacy import (convert_legacy_text, decode_bytes, detect_legacy_font, encode_legacy,
                     is_capital_font)
from .text import fold_diacritics, normalise_text, problems

__all__ = [
    "normalise_text", "problems", "fold_diacritics",
    "decode_bytes", "convert_legacy_text", "encode_legacy", "detect_legacy_font",
    "is_capital_font",
]
