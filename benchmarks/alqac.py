"""The ALQAC corpus as regindex documents, for the benchmarks (nothing is written).

Each law becomes a Document and each of its articles an Điều, through the same parser
as the regulations folder: a synthesised front matter (the law's name as title, a
made-up number, type Luật) and "Điều N. <article text>".
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from regindex import Document, document_slug, parse_source
from regindex.ids import clean_num
from regindex.index import Source

ISSUED = "2000-01-01"
"""Placeholder issue date: the corpus gives none, and slugs need a year."""


def load_laws(path: Path | str) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_questions(path: Path | str) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def law_number(position: int) -> str:
    return f"{position + 1}-L/ALQAC"


def law_source(law: dict, position: int) -> str:
    """The regulation source text of one law (front matter + articles)."""
    front = (f"---\nnumber: {law_number(position)}\ntype: Luật\n"
             f"title: {json.dumps(law['id'], ensure_ascii=False)}\nissued: {ISSUED}\n"
             "status: in-force\n---\n")
    return front + "".join(f"Điều {article['id']}. {article['text'].strip()}\n"
                           for article in law["articles"])


def sources(laws: list[dict]) -> list[Source]:
    """One index source per law, fingerprinted by its synthesised text."""
    found = []
    for position, law in enumerate(laws):
        text = law_source(law, position)
        found.append(Source(law["id"], hashlib.sha256(text.encode()).hexdigest()[:20],
                            lambda text=text, name=law["id"]: parse_source(text, name)))
    return found


def documents(laws: list[dict]) -> list[Document]:
    return [source.load() for source in sources(laws)]


def slugs(laws: list[dict]) -> dict[str, str]:
    """law id (its name) → document slug."""
    return {law["id"]: document_slug(law_number(position), ISSUED[:4])
            for position, law in enumerate(laws)}


def gold(question: dict, law_slugs: dict[str, str]) -> set[tuple[str, str]]:
    """The (slug, article eid) pairs a question's answer is in."""
    return {(law_slugs[item["law_id"]], f"dieu-{clean_num(str(item['article_id']))}")
            for item in question["relevant_articles"] if item["law_id"] in law_slugs}


ARTICLE = re.compile(r"""
    dieu-[^-]+        # the article part of an element id: "dieu-12" of "dieu-12-khoan-2"
""", re.X)


def article_of(eid: str | None) -> str | None:
    match = ARTICLE.match(eid or "")
    return match[0] if match else None
