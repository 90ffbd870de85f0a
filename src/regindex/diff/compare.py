"""Compare a regulation with the one it replaced: "Những điểm mới".

The articles of both texts are aligned by content (``align``); inside every group of
articles aligned together (one to one, a split or a merge), their clauses are aligned,
and inside matched clauses their points. A ``Comparison`` lists the pairs in reading
order of the new text, each removed element after what preceded it in the old one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..errors import RegindexError
from ..library import Library
from ..model import Document, Node
from .align import align

__all__ = ["Pair", "Comparison", "compare", "replaced_pairs", "predecessor", "unit_text", "own_text",
           "CHANGE_LABELS", "INNER_KINDS"]

CHANGE_LABELS = {
    "same": "giữ nguyên", "reworded": "sửa đổi", "moved": "di chuyển", "split": "tách",
    "merged": "gộp", "new": "mới", "removed": "bỏ",
}
"""How each kind of change is named to users."""

INNER_KINDS = ("clause", "point", "section")
"""Kinds aligned inside matched elements (sections: the numbered items of a Hướng dẫn)."""

CONTAINER_KINDS = ("chapter", "part", "division")
"""Kinds whose change of an article makes it "moved" even in the same order."""


@dataclass(frozen=True)
class Pair:
    """An old element and its new counterpart (None for new / removed ones)."""

    old: Node | None
    new: Node | None
    change: str
    similarity: float
    depth: int          # 0: articles (or top sections), 1: their clauses, 2: points
    whole: bool = True  # its text is shown with its children's (they are not paired)

    @property
    def kind(self) -> str:
        return (self.new or self.old).kind

    def record(self) -> dict:
        return {"old": self.old.eid if self.old else None,
                "new": self.new.eid if self.new else None,
                "change": self.change, "kind": self.kind, "similarity": self.similarity}


@dataclass
class Comparison:
    old: Document
    new: Document
    pairs: list[Pair]

    @cached_property
    def counts(self) -> Counter:
        """Pairs per change. A split or merge counts its old (merged) or new (split)
        elements once each, as people count them."""
        counts = Counter(pair.change for pair in self.pairs
                         if pair.change not in ("split", "merged"))
        counts["split"] = len({pair.old.eid for pair in self.pairs if pair.change == "split"})
        counts["merged"] = len({pair.new.eid for pair in self.pairs if pair.change == "merged"})
        return counts

    def record(self) -> dict:
        """The JSON form (``regindex diff --json`` and the page's twin)."""
        return {"old": self.old.slug, "new": self.new.slug,
                "pairs": [pair.record() for pair in self.pairs]}


def compare(old: Document, new: Document) -> Comparison:
    """Align ``new`` with ``old`` (see the module docstring)."""
    for document in (old, new):
        if not document.has_body:
            raise RegindexError(
                f"{document.name} chưa có nội dung nên chưa so sánh được",
                hint="Nhập văn bản gốc bằng `regindex import TỆP` rồi chạy lại.")
    return Comparison(old, new, _align_level(_top_units(old), _top_units(new), 0))


def predecessor(library: Library, document: Document) -> Document:
    """The document ``document`` replaces (the default to compare it with)."""
    found = [library.get(ref) for ref in document.meta.replaces]
    found = [doc for doc in found if doc is not None]
    if len(found) == 1:
        return found[0]
    if not found:
        raise RegindexError(f"{document.name} không ghi văn bản nào nó thay thế có trong kho",
                            hint="Chỉ rõ văn bản cũ: regindex diff CŨ MỚI.")
    raise RegindexError(f"{document.name} thay thế nhiều văn bản: "
                        + ", ".join(doc.slug for doc in found),
                        hint="Chỉ rõ văn bản cũ: regindex diff CŨ MỚI.")


def replaced_pairs(library: Library) -> list[tuple[Document, Document]]:
    """(new, old) for every ``replaces`` relation whose two texts are in the library."""
    pairs = []
    for new in library.documents:
        for ref in new.meta.replaces:
            old = library.get(ref)
            if new.has_body and old is not None and old.has_body:
                pairs.append((new, old))
    return pairs


def unit_text(node: Node) -> str:
    """The text an element is compared by: all of it but its own label ("Điều 5."),
    so that renumbering changes nothing."""
    return _joined(node.body, "".join(child.full_text() for child in node.children))


def _joined(own: str, children: str) -> str:
    """``own`` (which lost its line end with its label) and the children's text, on
    their own lines."""
    return own + "\n" + children if own and children and not own.endswith("\n") else own + children


def own_text(node: Node) -> str:
    """``unit_text`` without the children paired on their own (clauses, points)."""
    return _joined(node.body, "".join(child.full_text() for child in node.children
                                      if not (child.eid and child.kind in INNER_KINDS)))


def _top_units(document: Document) -> list[Node]:
    nodes = list(document.root.walk())
    articles = [node for node in nodes if node.kind == "article" and node.eid]
    return articles or [node for node in nodes if node.kind == "section" and node.eid
                        and node.parent is not None and node.parent.kind != "section"]


def _inner(node: Node) -> list[Node]:
    return [child for child in node.children if child.eid and child.kind in INNER_KINDS]


def _container(node: Node) -> str | None:
    return next((a.eid for a in node.ancestors() if a.kind in CONTAINER_KINDS), None)


def _align_level(old: list[Node], new: list[Node], depth: int) -> list[Pair]:
    groups = {}
    if depth == 0:
        groups = {"old_groups": [_container(n) for n in old],
                  "new_groups": [_container(n) for n in new]}
    matches = align([unit_text(n) for n in old], [unit_text(n) for n in new], **groups)
    # Groups of elements aligned together (a split or merge is one group).
    parent = {}

    def root(key):
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for m in matches:
        if m.old is not None and m.new is not None:
            parent[root(("old", m.old))] = root(("new", m.new))
    blocks: dict = {}
    linked_new: dict[int, int] = {}
    for m in matches:
        if m.old is not None and m.new is not None:
            blocks.setdefault(root(("new", m.new)), []).append(m)
            linked_new[m.old] = max(linked_new.get(m.old, -1), m.new)
    keyed = []
    for members in blocks.values():
        keyed.append(((min(m.new for m in members), 0, 0), _block(members, old, new, depth)))
    for m in matches:
        if m.new is not None and m.old is None:
            keyed.append(((m.new, 0, 0), [Pair(None, new[m.new], "new", 0.0, depth)]))
        elif m.old is not None and m.new is None:
            before = max((linked_new[i] for i in linked_new if i < m.old), default=-1)
            keyed.append(((before, 1, m.old), [Pair(old[m.old], None, "removed", 0.0, depth)]))
    keyed.sort(key=lambda item: item[0])
    return [pair for _, pairs in keyed for pair in pairs]


def _block(members, old: list[Node], new: list[Node], depth: int) -> list[Pair]:
    """The pairs of one group of aligned elements, then the alignment of their children."""
    members = sorted(members, key=lambda m: (m.new, m.old))
    old_nodes = [old[i] for i in sorted({m.old for m in members})]
    new_nodes = [new[j] for j in sorted({m.new for m in members})]
    old_children = [c for n in old_nodes for c in _inner(n)]
    new_children = [c for n in new_nodes for c in _inner(n)]
    # Children are paired only when both sides have some: points that became the text
    # of clauses are not "removed", they are shown in the clauses' text.
    whole = not (old_children and new_children)
    pairs = [Pair(old[m.old], new[m.new], m.change, m.similarity, depth, whole)
             for m in members]
    if whole:
        return pairs
    if all(m.change == "same" for m in members):
        return pairs + _same(old_children, new_children, depth + 1)
    return pairs + _align_level(old_children, new_children, depth + 1)


def _same(old: list[Node], new: list[Node], depth: int) -> list[Pair]:
    """Children of identical texts: the same, one by one, down to the points."""
    pairs = []
    for old_child, new_child in zip(old, new):
        pairs.append(Pair(old_child, new_child, "same", 1.0, depth,
                          not (_inner(old_child) and _inner(new_child))))
        pairs += _same(_inner(old_child), _inner(new_child), depth + 1)
    return pairs
