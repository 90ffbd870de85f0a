"""The ALQAC corpus as regindex documents, for the benchmarks.

Each law becomes a Document and each of its articles an Điều, through the same parser
as the regulations folder: a synthesised front matter (the law's name as title, a
made-up number, type Luật) and "Điều N. <article text>". The benchmarks write them to
a temporary folder only, never into the repository.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from regindex import Document, document_slug, parse_source
from regindex.ids import clean_num

ISSUED = "2000-01-01"
"""Placeholder issue date: the corpus gives none, and slugs need a year."""


def load_laws(path: Path | str) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_questions(path: Path | str) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def law_number(position: int) -> str:
    return f"{position + 1}-L/ALQAC"


def law_slug(position: int) -> str:
    return document_slug(law_number(position), ISSUED[:4])


def law_source(law: dict, position: int) -> str:
    """The regulation source text of one law (front matter + articles)."""
    front = (f"---\nnumber: {law_number(position)}\ntype: Luật\n"
             f"title: {json.dumps(law['id'], ensure_ascii=False)}\nissued: {ISSUED}\n"
             "status: in-force\n---\n")
    return front + "".join(f"Điều {article['id']}. {article['text'].strip()}\n"
                           for article in law["articles"])


def write_folder(laws: list[dict], folder: Path) -> Path:
    """The laws as a regulations folder (one ``<slug>.md`` each), for the CLI and sync."""
    folder.mkdir(parents=True, exist_ok=True)
    for position, law in enumerate(laws):
        (folder / f"{law_slug(position)}.md").write_text(law_source(law, position),
                                                         encoding="utf-8")
    return folder


def documents(laws: list[dict]) -> list[Document]:
    return [parse_source(law_source(law, position), law["id"])
            for position, law in enumerate(laws)]


def slugs(laws: list[dict]) -> dict[str, str]:
    """law id (its name) → document slug."""
    return {law["id"]: law_slug(position) for position, law in enumerate(laws)}


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
