"""Vietnamese analysis: text → words → terms, shared by every search path.

``analyse(text) -> list[Term]`` is the whole analysis of a text. It normalises the
text (``regindex.normalise``), splits it into syllable tokens (``tokens``; a document
number such as "124-QĐ/TW" stays one token), groups syllables into words with
underthesea's model and the domain word list (``segment``, ``domain_words.txt``), and
gives each word with its ``position`` (words counted from 0), its ``exact`` form
(lower case, NFC: "đảng viên"), its ``folded`` form ("dang vien") and its offsets in
the normalised text. An index stores both forms of every word; a query is looked up
by both, so that a query without accents finds accented text and exact matches rank
higher.

Queries are not run through the model: ``analyse_query(text, known)`` splits them by
the longest runs of syllables that are words of the index (``known`` tells whether a
folded word is in it), which also works for text typed without accents, needs no
model, and can be done the same way in a browser from the index's vocabulary.

Segmentation is the expensive step (underthesea's CRF): ``Segmenter`` segments each
distinct text once, keeps the result on disk in a ``SegmentCache`` keyed by content
hash, and segments many texts in worker processes (``Segmenter.prepare``).

The Whoosh analyzers (``analyzer``) are built from these pieces; they are imported on
first use, so that searching does not import Whoosh.
"""

from .cache import SegmentCache
from .query import analyse_query
from .segment import SEGMENTER, Segmenter, Word, domain_words
from .terms import Term, analyse
from .tokens import Token, tokenize

__all__ = [
    "analyse", "analyse_query", "Term",
    "Segmenter", "SEGMENTER", "SegmentCache", "Word", "domain_words", "Token", "tokenize",
    "word_analyzer", "syllable_analyzer", "WordTokenizer", "SyllableTokenizer", "FoldingFilter",
    "SerialNumberFilter",
]

_ANALYZERS = {"word_analyzer", "syllable_analyzer", "WordTokenizer", "SyllableTokenizer",
              "FoldingFilter", "SerialNumberFilter"}


def __getattr__(name):
    if name in _ANALYZERS:
        from . import analyzer
        return getattr(analyzer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
