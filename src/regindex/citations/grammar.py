"""The citation grammar: verbose regexes built from the vocabulary in ``words``.

Each pattern is matched at a position (``pattern.match(text, pos)``); ``reference``
strings them together. A ``Grammar`` is compiled twice: for running text, case-sensitive
(where "quy định" is a verb and "Quy định" a document); for a citation a trainer types,
case-insensitive and letting a comma part its levels ("khoản 2, Điều 12, Quy định …").
"""

from __future__ import annotations

import re

from ..vocabulary import document_number
from .words import (ATTACHMENT_WORDS, COUNTED_NOUNS, ELEMENT_NUMBERS, ELEMENT_WORDS, TYPE_WORDS,
                    UNNUMBERED_DOCUMENTS)


def _alternation(words, any_first_case: bool = False) -> str:
    """Words as a regex alternation, longest first; spaces match any run of spaces."""
    def one(word: str) -> str:
        body = re.escape(word).replace(r"\ ", r"\s+")
        if any_first_case and word[0].isalpha():
            return f"[{word[0].upper()}{word[0].lower()}]{body[1:]}"
        return body
    return "(?:" + "|".join(one(w) for w in sorted(words, key=len, reverse=True)) + ")"


ELEMENT_WORD = _alternation(ELEMENT_WORDS, any_first_case=True)
TYPE_WORD = _alternation(TYPE_WORDS)
UNNUMBERED = _alternation(UNNUMBERED_DOCUMENTS)
ATTACHMENT_WORD = _alternation(ATTACHMENT_WORDS)
# Any element number as written; ``Grammar.numbers`` checks it fits the element's kind.
ELEMENT_NUMBER = r"(?:thứ\s+\w+|\d+(?:\.\d+)*[a-zA-Zđ]?|[IVXLC]+|[a-zđ])(?![\w/]|-\w)"
# Not a quantity ("khoản 2 triệu đồng", "Điều 3, 5 năm").
NOT_COUNTED = r"(?!\s+" + _alternation(COUNTED_NOUNS) + r"(?!\w))"

DOCUMENT_NUMBER = r"""
    (?=[\w-]*/)                       # a slash somewhere: "124-QĐ/TW", "45/2019/QH14"
""" + document_number() + r"""        # vocabulary.DOCUMENT_NUMBER
    (?![\w/-])                        # the whole number, not a prefix of one
"""

LEVEL = r"""
    (?:(?P<from>từ)\s+)?              # "từ Điều 5 đến Điều 8"
    (?:(?P<many>các)\s+)?             # "các Điều 5 và 6"
    (?P<word>{element_word})          # "Điều", "khoản", "Phụ lục" …
    \s+(?:số\s+)?                     # "Mẫu số 01"
    (?:
        (?P<this>này)(?!\w)           # "Điều này": the element the text is in
      | (?P<num>{number}){not_counted}  # its number as written
    )
"""

MORE = r"""
    (?:\s*,\s*(?:và\s+|hoặc\s+)?|\s+(?:và|hoặc)\s+)   # ", " "và" "hoặc"
    (?:(?P<word>{element_word})\s+)?  # the word may be repeated: "Điều 5, Điều 6"
    (?P<num>{number}){not_counted}    # the next number: "khoản 1, 2"
"""

UNTIL = r"""
    \s+đến\s+                         # "… đến …"
    (?:(?P<word>{element_word})\s+)?  # "đến Điều 8" or "đến 8"
    (?P<num>{number}){not_counted}    # the range's last number
"""

UPPER = r"""
    {gap}                             # "khoản 2 Điều 12": a higher level follows
    (?P<word>{element_word})
    \s+(?:số\s+)?
    (?:
        (?P<this>này)(?!\w)           # "khoản 3 Điều này"
      | (?P<num>{number}){not_counted}
    )
"""

CHAIN_SEPARATOR = r"""
    (?:\s*,\s*(?:và\s+|hoặc\s+)?|\s+(?:và|hoặc)\s+)   # "Điều 5 và khoản 2 Điều 6"
"""

CONNECTOR = r"""
    {gap}(?:của\s+|(?:ban\s+hành\s+)?kèm\s+theo\s+)?    # "Điều 12 của …", "Mẫu 01 kèm theo …"
"""

DOCUMENT = r"""
    (?:(?P<type>{type_word})\s+)?     # "Quy định" (optional before a full number)
    (?:[Ss]ố\s+)?                     # "số" (optional)
    (?:
        (?P<this>này)(?!\w)           # "Quy định này": the current document
      | (?P<number>{document_number}) # "124-QĐ/TW"
      | (?P<short>\d+)(?![\w/-])         # "Quy định 124": a name in `aliases`, or
        (?:(?=\s+năm\s+\d{{4}}(?!\w))|{not_counted})   # "Quy định 124 năm 2023" (not "5 năm")
    )
    (?:                               # the issue date tells reused numbers apart
        \s*,?\s*(?:ban\s+hành\s+)?ngày\s+
        (?:
            (?P<day>\d{{1,2}})[/.-](?P<month>\d{{1,2}})[/.-](?P<year>\d{{4}})          # "10/11/2023"
          | (?P<day_>\d{{1,2}})\s+tháng\s+(?P<month_>\d{{1,2}})\s+năm\s+(?P<year_>\d{{4}})  # "10 tháng 11 năm 2023"
        )
      | \s+năm\s+(?P<year_only>\d{{4}})(?!\w)  # "Quy định 124-QĐ/TW năm 2023"
    )?
"""

ATTACHED = r"""
    (?P<attached>{attachment_word})   # "Quy chế", "Điều lệ" …
    \s+(?:ban\s+hành\s+)?kèm\s+theo\s+  # "ban hành kèm theo": the document follows
"""

UNNUMBERED_DOCUMENT = r"""
    (?P<name>{unnumbered})(?!\w)      # "Điều lệ Đảng", "Luật …": no number to look up
"""

START = r"""
    (?<![\w/.-])(?:(?:từ|các)\s+)?{element_word}\s    # an element word
  | (?<!\w){type_word}\s                             # a document type word
  | (?<![\w/.-])(?:[Ss]ố\s+)?\d{{1,4}}[a-z]?(?:/\d{{4}})?[-/][A-ZĐ]   # a bare number
"""


class Grammar:
    """The patterns, compiled with one set of flags and the ``gap`` allowed between levels."""

    def __init__(self, flags: int = 0, gap: str = r"\s+"):
        def compile(pattern: str, **parts) -> re.Pattern:
            return re.compile(pattern.format(**parts) if parts else pattern, re.X | flags)

        words = dict(element_word=ELEMENT_WORD, number=ELEMENT_NUMBER, not_counted=NOT_COUNTED)
        self.level = compile(LEVEL, **words)
        self.more = compile(MORE, **words)
        self.until = compile(UNTIL, **words)
        self.upper = compile(UPPER, gap=gap, **words)
        self.chain_separator = compile(CHAIN_SEPARATOR)
        self.connector = compile(CONNECTOR, gap=gap)
        self.document = compile(DOCUMENT, type_word=TYPE_WORD, document_number=DOCUMENT_NUMBER,
                                not_counted=NOT_COUNTED)
        self.attached = compile(ATTACHED, attachment_word=ATTACHMENT_WORD)
        self.unnumbered = compile(UNNUMBERED_DOCUMENT, unnumbered=UNNUMBERED)
        self.start = compile(START, element_word=ELEMENT_WORD, type_word=TYPE_WORD)
        self.numbers = {kind: re.compile(f"(?:{pattern})", flags)
                        for kind, pattern in ELEMENT_NUMBERS.items()}
        self.kinds = {_key(word): kind for word, kind in ELEMENT_WORDS.items()}

    def kind(self, word: str) -> str:
        """The kind an element word as matched cites ("Khoản" → "clause")."""
        return self.kinds[_key(word)]

    def fits(self, kind: str, num: str) -> bool:
        return self.numbers[kind].fullmatch(num) is not None


def _key(word: str) -> str:
    return " ".join(word.lower().split())


RUNNING_TEXT = Grammar()
TYPED = Grammar(re.I, gap=r"\s*,?\s+")
