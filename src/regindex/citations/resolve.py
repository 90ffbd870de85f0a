"""Resolving a ``Reference`` against a library: which document, which element.

Nothing is guessed. A document is identified by its number (and issue date when the
number is reused); "Quy định này" and bare "Điều N" mean the current document, or, in a
Hướng dẫn, the one regulation it guides; "khoản này" and a bare "điểm b" are read
against the element the text is in. Whatever cannot be identified this way comes back
unresolved with a Vietnamese reason.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass

from ..ids import attachment_id, clean_num, element_id, roman_to_int
from ..library import Library, number_key
from ..model import Document, Node, cite_path
from ..parse.parser import ROOT_SCOPED
from ..present import vi_date
from ..vocabulary import KINDS
from .citation import Citation, Target
from .reference import CitedDocument, Level, Reference
from .words import CITED_PARENTS

__all__ = ["Resolver"]

# Kinds cited relative to the element the text is in ("điểm b" inside khoản 1).
RELATIVE = ("clause", "point")
# Kinds a Hướng dẫn cites in the regulation it guides ("Điều 5" in a guidance).
GUIDED = ("article", "chapter")


@dataclass(frozen=True)
class _Found:
    """The document a chain belongs to, or why there is none."""

    document: Document | None = None
    number: str | None = None
    issued: dt.date | None = None
    name: str = ""
    problem: str | None = None


class Resolver:
    """Looks references up in one library, through indexes built once."""

    def __init__(self, library: Library):
        self.library = library
        self.size = len(library.documents)
        self.by_number: dict[str, list[Document]] = defaultdict(list)
        self.by_alias: dict[str, list[Document]] = defaultdict(list)
        # Per document: (kind, number) → its elements, built on first lookup.
        self._indexes: dict[Document, dict[tuple[str, str], list[Node]]] = {}
        for document in library.documents:
            self.by_number[number_key(document.number)].append(document)
            for alias in document.meta.aliases:
                self.by_alias[number_key(alias)].append(document)

    def serves(self, library: Library) -> bool:
        """Still valid for ``library`` (the same object, no document added or removed)."""
        return self.library is library and self.size == len(library.documents)

    def citation(self, text: str, reference: Reference, current: Document | None,
                 node: Node | None) -> Citation:
        targets: list[Target] = []
        for chain in reference.chains:
            found = self._document(chain, reference.document, current)
            targets += self._targets(chain, found, current, node, reference.problem,
                                     reference.document)
        problems = dict.fromkeys(t.problem for t in targets if t.problem)
        return Citation(text[reference.start:reference.end], reference.start, reference.end,
                        tuple(targets), "; ".join(problems) or None)

    # -- which document ------------------------------------------------------------
    def _document(self, chain: tuple[Level, ...], cited: CitedDocument | None,
                  current: Document | None) -> _Found:
        if cited is not None:
            return self._cited(cited, current)
        if current is None:
            return _Found(problem="không rõ trích dẫn này thuộc văn bản nào: ghi thêm số hiệu, "
                                  "ví dụ “Điều 12 Quy định số 124-QĐ/TW”")
        relative = chain[-1].kind in RELATIVE or any(level.this for level in chain)
        if current.is_guidance and not relative and chain[-1].kind in GUIDED:
            return self._guided(chain, current)
        return _found(current)

    def _guided(self, chain: tuple[Level, ...], guidance: Document) -> _Found:
        what = f"{KINDS[chain[-1].kind].cite} {chain[-1].nums[0]}"
        if len(guidance.meta.guides) != 1:
            return _Found(problem=f"“{what}” trong {guidance.name}: văn bản này hướng dẫn "
                                  f"{len(guidance.meta.guides)} văn bản nên không rõ {what} của "
                                  "văn bản nào; ghi thêm số hiệu văn bản")
        ref = guidance.meta.guides[0]
        return self._by_number(ref.number, ref.issued, None, f"văn bản số {ref.number}")

    def _cited(self, cited: CitedDocument, current: Document | None) -> _Found:
        if cited.problem:
            return _Found(number=cited.number, name=cited.written, problem=cited.problem)
        if cited.this:
            if current is None:
                return _Found(name=f"{cited.type} này",
                              problem=f"“{cited.type} này” chỉ dùng được bên trong một văn bản: "
                                      "ghi số hiệu, ví dụ “Quy định số 124-QĐ/TW”")
            return _found(current)
        if cited.name and self.by_number.get(number_key(cited.name)):
            # a document without a number, filed under its name ("Điều lệ Đảng")
            return self._by_number(cited.name, cited.issued, cited.year, cited.written)
        if cited.name:
            return _Found(name=cited.name,
                          problem=f"chưa xác định được văn bản “{cited.name}”: kho tra văn bản "
                                  "theo số hiệu, ví dụ “Quy định số 124-QĐ/TW”")
        if cited.short:
            return self._by_alias(cited)
        return self._by_number(cited.number, cited.issued, cited.year, cited.written)

    def _by_number(self, number: str, issued: dt.date | None, year: int | None,
                   written: str) -> _Found:
        candidates = self.by_number.get(number_key(number), [])
        matching = [doc for doc in candidates
                    if (issued is None or doc.meta.issued == issued)
                    and (year is None or (doc.meta.issued and doc.meta.issued.year == year))]
        if len(matching) == 1:
            return _found(matching[0])
        dated = written + (f", ngày {vi_date(issued)}" if issued else f" năm {year}" if year else "")
        if not candidates:
            return _Found(number=number, issued=issued, name=written,
                          problem=f"{written} chưa có trong kho")
        dates = "; ".join(f"ngày {vi_date(doc.meta.issued)}" for doc in candidates)
        if not matching:
            return _Found(number=number, issued=issued, name=written,
                          problem=f"không có {dated} trong kho (số hiệu {number} trong kho: {dates})")
        return _Found(number=number, issued=issued, name=written,
                      problem=f"số hiệu {number} ứng với nhiều văn bản ({dates}): ghi thêm ngày "
                              f"ban hành, ví dụ “{written}, ngày {vi_date(matching[0].meta.issued)}”")

    def _by_alias(self, cited: CitedDocument) -> _Found:
        in_year = (lambda doc: cited.year is None
                   or (doc.meta.issued is not None and doc.meta.issued.year == cited.year))
        matching = [doc for doc in self.by_alias.get(number_key(cited.written), [])
                    if (cited.issued is None or doc.meta.issued == cited.issued) and in_year(doc)]
        if not matching and cited.year is not None:   # "Quy định 132 năm 2018": serial + year
            matching = [doc for docs in self.by_number.values() for doc in docs
                        if doc.meta.type == cited.type and in_year(doc)
                        and doc.number.split("-")[0].lstrip("0") == cited.short.lstrip("0")]
        if len(matching) == 1:
            return _found(matching[0])
        if not matching:
            return _Found(issued=cited.issued, name=cited.written,
                          problem=f"không có văn bản nào tên gọi “{cited.written}”"
                                  + (f" ban hành năm {cited.year}" if cited.year else "")
                                  + " trong kho: "
                                  "ghi đủ số hiệu, ví dụ “Quy định số 124-QĐ/TW”")
        return _Found(issued=cited.issued, name=cited.written,
                      problem=f"“{cited.written}” ứng với nhiều văn bản: ghi đủ số hiệu và ngày ban hành")

    # -- which elements ------------------------------------------------------------
    def _targets(self, chain: tuple[Level, ...], found: _Found, current: Document | None,
                 node: Node | None, problem: str | None,
                 cited: CitedDocument | None) -> list[Target]:
        document = found.document
        here = node if document is not None and document is current else None
        scope, base_id, missing = _scope(document, cited, here)
        if missing:
            return [_target(_Found(name=found.name, number=found.number, issued=found.issued,
                                   problem=missing), None, found.name, problem)]
        name = f"{cited.attachment} ban hành kèm theo {found.name}" \
            if cited is not None and cited.attachment else found.name
        if scope is not None and scope.kind == "attachment" and not (cited and cited.attachment):
            name = f"{scope.label} ban hành kèm theo {found.name}"
        if not chain:
            return [_target(found, base_id, name, problem)]
        targets = []
        for nums in itertools.product(*(level.nums or (None,) for level in chain)):
            path = [(_kind(chain, i), num) for i, num in reversed(list(enumerate(nums)))]
            eid, base, missing = _element_id(path, here, base_id)
            words = _compose(path, base)
            full = f"{words} {name}".strip()
            if missing:
                targets.append(_target(_Found(name=found.name, number=found.number,
                                              issued=found.issued, problem=missing),
                                       eid, full, problem))
                continue
            if scope is not None and document.has_body:
                matches = self._lookup(document, path, here, scope)
                if len(matches) > 1:
                    targets.append(_ambiguous(document, matches, full))
                    continue
                if matches:
                    eid = matches[0].eid
            targets.append(_target(found, eid, full, problem, name))
        return targets

    def _lookup(self, document: Document, path: list[tuple[str, str | None]],
                here: Node | None, scope: Node) -> list[Node]:
        """The elements a path names, read in the tree (not from an id), so that a path
        matching several elements ("mục 1.1" when each Phần has one) is seen as such."""
        index = self._indexes.get(document)
        if index is None:
            index = self._indexes[document] = defaultdict(list)
            for element in document.root.walk():
                if element.num is not None and element.eid:
                    index[(element.kind, _num_key(element.kind, element.num))].append(element)
        nodes = [scope]
        for i, (kind, num) in enumerate(path):
            if num is None:
                nodes = [n for n in [_enclosing(here, ("section", "division") if kind == "section"
                                                else (kind,))] if n is not None]
                continue
            if i == 0 and kind in RELATIVE:
                nodes = [n for n in [_enclosing(here, CITED_PARENTS[kind])] if n is not None]
            elif kind in ROOT_SCOPED:
                nodes = [scope]
            nodes = [found for found in index.get((kind, _num_key(kind, num)), [])
                     if any(_within(found, above) for above in nodes)]
        return nodes


def _scope(document: Document | None, cited: CitedDocument | None,
           here: Node | None) -> tuple[Node | None, str | None, str | None]:
    """(the node a citation's elements are looked up in, its id, problem): the document,
    or an instrument issued with it, named ("Quy chế ban hành kèm theo …") or the one
    the citing text is in (a bare "Điều 5", "Quy chế này")."""
    if document is None:
        return None, None, None
    attachments = [child for child in document.root.children if child.kind == "attachment"]
    if cited is not None and cited.attachment:
        if not document.has_body:       # metadata only: the id the element will have
            return None, attachment_id(cited.attachment, set()), None
        named = [a for a in attachments if _same_word(a.name, cited.attachment)]
        if len(named) == 1:
            return named[0], named[0].eid, None
        if not named:
            return None, None, f"{document.name} không có {cited.attachment} ban hành kèm theo"
        return None, None, (f"{document.name} có {len(named)} {cited.attachment} ban hành kèm "
                            "theo: không rõ trích dẫn chỉ văn bản nào")
    enclosing = _enclosing(here, ("attachment",))
    if enclosing is not None and (cited is None or (cited.this and _same_word(enclosing.name, cited.type))):
        return enclosing, enclosing.eid, None
    return document.root, None, None


def _same_word(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == " ".join(b.split()).casefold()


def _num_key(kind: str, num: str) -> str:
    """A number as compared: "II" and "2" for a Phần or Chương, "thứ hai" too; "1.1."
    and "1.1" for a section."""
    if kind in ("part", "chapter"):
        value = roman_to_int(num)
        if value is not None:
            return str(value)
    return clean_num(num)


def _within(node: Node, scope: Node) -> bool:
    """``node`` is inside ``scope`` without entering an attached instrument, a Phụ lục or
    a Mẫu that ``scope`` is not (their content is cited through them)."""
    for above in node.ancestors():
        if above is scope:
            return True
        if above.kind in ("attachment", "appendix", "form"):
            return False
    return False


def _ambiguous(document: Document, matches: list[Node], name: str) -> Target:
    listed = "; ".join(cite_path(match) for match in matches)
    return Target(document.number, document.meta.issued, None, document, False, False, None,
                  name, document.meta.status,
                  f"“{name}” ứng với {len(matches)} phần tử ({listed}): ghi rõ phần tử nào, "
                  f"ví dụ “{document.citation(matches[0])}”",
                  tuple(match.eid for match in matches))


def _found(document: Document) -> _Found:
    return _Found(document, document.number, document.meta.issued, document.name)


def _kind(chain: tuple[Level, ...], i: int) -> str:
    """The kind of level i; a "Mục" under a "Chương" is a division."""
    kind = chain[i].kind
    if kind == "section" and i + 1 < len(chain) and chain[i + 1].kind == "chapter":
        return "division"
    return kind


def _element_id(path: list[tuple[str, str | None]], node: Node | None, root: str | None = None):
    """(eid, the element it was read against, problem) for a path from the highest
    level down; "này" levels and relative tops are read against ``node``; ``root`` is
    the id of the attached instrument the path is in."""
    scope, base = root, None
    top_kind, top_num = path[0]
    if top_num is not None and top_kind in RELATIVE:
        base = _enclosing(node, CITED_PARENTS[top_kind])
        if base is None:
            return None, None, (f"không rõ “{KINDS[top_kind].cite} {top_num}” thuộc "
                                f"{'Điều' if top_kind == 'clause' else 'khoản, Điều'} nào: ghi đủ, "
                                f"ví dụ “{KINDS[top_kind].cite} {top_num} Điều 5”")
        scope = base.eid
    for kind, num in path:
        if num is None:
            base = _enclosing(node, ("section", "division") if kind == "section" else (kind,))
            if base is None:
                return None, None, (f"“{KINDS[kind].cite} này” chỉ dùng được bên trong "
                                    f"{KINDS[kind].cite} đó của văn bản")
            scope = base.eid
            continue
        if kind in ROOT_SCOPED:
            scope, base = root, None
        scope = element_id(KINDS[kind].prefix, num, scope)
    return scope, base, None


def _enclosing(node: Node | None, kinds: tuple[str, ...]) -> Node | None:
    """The nearest of ``node`` and its ancestors of one of ``kinds``."""
    if node is None:
        return None
    return next((n for n in (node, *node.ancestors()) if n.kind in kinds and n.eid), None)


def _compose(path: list[tuple[str, str | None]], base: Node | None) -> str:
    """The element part of the citation, as ``Document.citation`` writes it."""
    words = []
    for kind, num in reversed(path):
        if num is None:
            break
        words.append(f"{KINDS[kind].cite} {num}")
        if kind == "article":
            base = None
            break
    if base is not None:
        words.append(cite_path(base))
    return " ".join(words)


def _target(found: _Found, eid: str | None, name: str, problem: str | None,
            container: str | None = None) -> Target:
    """``container``: what the element is looked for in, when not the document itself
    ("Quy chế ban hành kèm theo Quyết định số …")."""
    document = found.document
    if document is None:
        return Target(found.number, found.issued, eid, None, False, False, None, name, None,
                      found.problem or problem)
    node = document.get(eid) if eid else document.root
    exists = node is not None
    if problem:          # a list or range that could not be expanded
        return Target(document.number, document.meta.issued, eid, None, False, False, None,
                      name, document.meta.status, problem)
    if exists:
        return Target(document.number, document.meta.issued, eid, document, True, True,
                      document.url(node if eid else None), document.citation(node if eid else None),
                      document.meta.status)
    if not document.has_body:      # metadata only: the id is right, the text not imported yet
        return Target(document.number, document.meta.issued, eid, document, True, False,
                      f"{document.slug}.html#{eid}", name, document.meta.status)
    container = container or document.name
    return Target(document.number, document.meta.issued, eid, document, True, False, None, name,
                  document.meta.status, f"{container} không có {name.removesuffix(' ' + container)}")
