"""Citations: the one place that reads "điểm a khoản 2 Điều 12 Quy định số 124-QĐ/TW".

``find_citations`` finds every citation in running text and ``parse_citation`` reads one
typed by a trainer; both resolve each to documents and element ids (``Target``), or say
in Vietnamese why they cannot. Layers: ``words`` (vocabulary) → ``grammar`` (regexes) →
``reference`` (text → what was cited) → ``resolve`` (→ documents and ids).
"""

from .citation import Citation, Target
from .find import find_citations, parse_citation
from .resolve import Resolver

__all__ = ["find_citations", "parse_citation", "Citation", "Target", "Resolver"]
