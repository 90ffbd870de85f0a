"""Text normalisation used by everything: parser, search analysis, importer.

``normalise_text`` gives the stored form of a text (NFC, LF: the official text exactly),
``problems`` says what it would change, ``analysis_form`` is what the parser and search
read (one tone placement, no look-alikes or invisible characters, same offsets),
``fold_diacritics`` strips accents for search; ``decode_bytes``
and the other legacy functions turn files in old Vietnamese encodings into Unicode.
"""

from .legacy import (convert_legacy_text, decode_bytes, detect_legacy_font, encode_legacy,
                     is_capital_font)
from .text import analysis_form, fold_diacritics, normalise_text, problems

__all__ = [
    "normalise_text", "analysis_form", "problems", "fold_diacritics",
    "decode_bytes", "convert_legacy_text", "encode_legacy", "detect_legacy_font",
    "is_capital_font",
]
