"""Round trip on real statute text: 2,249 ALQAC articles parse and reassemble exactly."""

import re
import unicodedata

from regindex.parse import parse_body

CLAUSE_LINE = re.compile(r"^[ \t]*\d+\.[ \t]", re.M)
POINT_LINE = re.compile(r"^[ \t]*[a-zđ]\)[ \t]", re.M)


def article_source(article: dict) -> str:
    return unicodedata.normalize("NFC", f"Điều {article['id']}. {article['text']}\n")


def test_every_alqac_article_round_trips_with_independent_counts(alqac_laws):
    articles = [article for law in alqac_laws for article in law["articles"]]
    assert len(articles) == 2249
    mismatched = []
    for article in articles:
        body = article_source(article)
        tree = parse_body(body).root
        assert tree.full_text() == body
        kinds = [node.kind for node in tree.walk()]
        counts = (kinds.count("clause"), kinds.count("point"))
        expected = (len(CLAUSE_LINE.findall(body)), len(POINT_LINE.findall(body)))
        if counts != expected:
            mismatched.append((article["id"], counts, expected))
        assert tree.children[0].kind == "article" and tree.children[0].num == article["id"]
    assert mismatched == []


def test_alqac_clause_ids_follow_their_numbers(alqac_laws):
    article = alqac_laws[0]["articles"][1]          # an article with numbered clauses
    tree = parse_body(article_source(article)).root
    clauses = [node for node in tree.walk() if node.kind == "clause"]
    assert clauses, "the second article of the first law has clauses"
    for clause in clauses:
        assert clause.eid == f"dieu-{article['id']}-khoan-{clause.num}"
