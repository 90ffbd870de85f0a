"""Relevance and query speed of regindex search on ALQAC questions, beside a baseline.

    python benchmarks/relevance.py --corpus ../shared/corpora/alqac2024/law.json \\
        --questions ../shared/corpora/alqac2024/train_questions.json [--json]

Indexes the corpus through the product's pipeline (each law a Document, each article
an Điều; see alqac.py) and, for the questions as given and with diacritics stripped,
reports Recall@1/5/10 and MRR@10 over articles: a question's hits (clauses, points,
articles) are read in rank order and each new article counts once. The baseline is
Whoosh's StandardAnalyzer on the same records (syllables, no segmentation, no
folding), queried with every token of the question in text and heading, scored by
BM25F. Questions are prose, not query syntax: their quote characters are dropped.

The questions are split for good by a hash of their id (``part``): weights are tuned
on the tuning part only, and the validation part, which no tuning has seen, tells how
the search does on new questions. Both parts are reported, and all questions together.

Then it times warm queries in-process (after one warm-up query, 10 hits as the CLI
asks): the first six words of each question, and whole questions; and the
`regindex search` command as a new process on the first questions' six words.
The laws are written to a temporary folder as regulation files (never committed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median, quantiles

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import scoring
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, STORED, TEXT, Schema

sys.path.insert(0, str(Path(__file__).resolve().parent))
import alqac  # noqa: E402

from regindex.index import (SearchIndex, Searcher, folder_sources, records,  # noqa: E402
                            segment_cache_path)
from regindex.normalise import fold_diacritics  # noqa: E402

HITS_READ = 100
"""Hits read per question to rank ten articles (an article may have many hits)."""

QUOTES = str.maketrans({c: " " for c in "\"“”"})

PARTS = ("tuning", "validation")
VALIDATION_SHARE = 40
"""Percent of the questions held out for validation (about 212 of the 530)."""


def part(question: dict) -> str:
    """"tuning" or "validation": a question's part, fixed by a hash of its id."""
    digest = hashlib.sha256(str(question["question_id"]).encode()).digest()
    return "validation" if int.from_bytes(digest[:4], "big") % 100 < VALIDATION_SHARE else "tuning"


def by_part(questions: list[dict]) -> dict[str, list[dict]]:
    return {name: [q for q in questions if part(q) == name] for name in PARTS}


def scored(engine, questions, law_slugs) -> dict:
    """Relevance of all questions, and of each part, accented and stripped."""
    report, parts = {}, {name: {} for name in PARTS}
    for variant in ("accented", "stripped"):
        found = per_question(engine, questions, law_slugs, strip=variant == "stripped")
        report[variant] = mean(found, found)
        for name, asked in by_part(questions).items():
            parts[name][variant] = mean(found, [q["question_id"] for q in asked])
    return {**report, "parts": parts}


class Regindex:
    """The product: the laws as a regulations folder, its index, its searcher."""

    name = "regindex"

    def __init__(self, laws, work: Path):
        self.folder = alqac.write_folder(laws, work / "regulations")
        self.index = SearchIndex(work / "regindex", segments=segment_cache_path(self.folder))
        started = time.perf_counter()
        self.index.sync(folder_sources(self.folder))
        self.build_seconds = time.perf_counter() - started
        self.searcher = Searcher(self.index)

    def hits(self, question: str, limit: int) -> list[tuple[str, str | None]]:
        return [(hit.slug, hit.eid) for hit in self.searcher.search(question, limit=limit)]


class Baseline:
    """Plain Whoosh: StandardAnalyzer over the same records."""

    name = "baseline"

    def __init__(self, laws, folder: Path):
        started = time.perf_counter()
        analyzer = StandardAnalyzer()
        schema = Schema(heading=TEXT(analyzer=analyzer), text=TEXT(analyzer=analyzer),
                        slug=ID, shown=STORED)
        folder.mkdir(parents=True, exist_ok=True)
        ix = whoosh_index.create_in(folder, schema)
        with ix.writer(limitmb=256) as writer:
            for document in alqac.documents(laws):
                for record in records(document):
                    writer.add_document(heading=record.heading, text=record.text,
                                        shown=(document.slug, record.eid))
        self.build_seconds = time.perf_counter() - started
        self.analyzer = analyzer
        self.searcher = ix.searcher(weighting=scoring.BM25F())

    def hits(self, question: str, limit: int) -> list[tuple[str, str | None]]:
        words = dict.fromkeys(token.text for token in self.analyzer(question))
        found = self.searcher.search(
            wq.Or([wq.Term(field, word) for word in words for field in ("text", "heading")]),
            limit=limit)
        return [result["shown"] for result in found]


def articles(hits) -> list[tuple[str, str]]:
    """Distinct articles in the order their first hit ranks."""
    ranked = {}
    for slug, eid in hits:
        article = alqac.article_of(eid)
        if article is not None:
            ranked.setdefault((slug, article), None)
    return list(ranked)


def per_question(engine, questions, law_slugs, strip: bool) -> dict[str, dict]:
    """question id → its Recall@1/5/10 and reciprocal rank (questions without gold
    articles in the corpus left out)."""
    found = {}
    for question in questions:
        relevant = alqac.gold(question, law_slugs)
        if not relevant:
            continue
        text = question["text"].translate(QUOTES)
        ranked = articles(engine.hits(fold_diacritics(text) if strip else text, HITS_READ))[:10]
        scores = {f"recall@{k}": len(relevant & set(ranked[:k])) / len(relevant) for k in (1, 5, 10)}
        first = next((rank for rank, article in enumerate(ranked, 1) if article in relevant), None)
        scores["mrr@10"] = 1 / first if first else 0.0
        found[question["question_id"]] = scores
    return found


def mean(found: dict[str, dict], ids) -> dict:
    chosen = [found[i] for i in ids if i in found]
    return {name: round(sum(q[name] for q in chosen) / max(len(chosen), 1), 4)
            for name in ("recall@1", "recall@5", "recall@10", "mrr@10")}


def relevance(engine, questions, law_slugs, strip: bool) -> dict:
    found = per_question(engine, questions, law_slugs, strip)
    return mean(found, found)


def latency(engine, texts: list[str]) -> dict:
    """p50 and p95 milliseconds of warm queries (10 hits, as the CLI shows)."""
    engine.hits(texts[0], 10)
    times = []
    for text in texts:
        started = time.perf_counter()
        engine.hits(text, 10)
        times.append((time.perf_counter() - started) * 1000)
    if len(times) < 2:
        return {"p50": round(times[0], 1), "p95": round(times[0], 1)}
    cuts = quantiles(times, n=100, method="inclusive")
    return {"p50": round(cuts[49], 1), "p95": round(cuts[94], 1)}


def fresh_processes(engine: Regindex, texts: list[str]) -> dict:
    """Seconds a `regindex search` command takes, start to finish, in a new process."""
    times = []
    for text in texts:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "regindex", "search", text, "-d", str(engine.folder),
                        "--index", str(engine.index.path)], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return {"median": round(median(times), 2), "max": round(max(times), 2)}


def run(corpus: Path, questions_path: Path, work: Path, fresh: int) -> dict:
    laws = alqac.load_laws(corpus)
    questions = alqac.load_questions(questions_path)
    law_slugs = alqac.slugs(laws)
    whole = [q["text"].translate(QUOTES) for q in questions]
    short = [" ".join(text.split()[:6]) for text in whole]
    report = {"questions": len(questions), "laws": len(laws), "engines": {}}
    for engine in (Regindex(laws, work), Baseline(laws, work / "baseline")):
        report["engines"][engine.name] = {
            **scored(engine, questions, law_slugs),
            "latency_ms": {"six_words": latency(engine, short), "whole": latency(engine, whole)},
            "build_s": round(engine.build_seconds, 1),
        }
        if isinstance(engine, Regindex) and fresh:
            report["engines"]["regindex"]["fresh_process_s"] = fresh_processes(engine, short[:fresh])
    return report


def table(report: dict) -> str:
    metrics = ("recall@1", "recall@5", "recall@10", "mrr@10")
    lines = [f"{report['questions']} questions, {report['laws']} laws",
             *part_table(report["engines"], metrics), ""]
    lines.append("warm queries in-process, 10 hits:")
    lines.append(f"{'engine':<10} {'query':<10} {'p50 ms':>8} {'p95 ms':>8}   build s")
    for name, engine in report["engines"].items():
        for kind, label in (("six_words", "six words"), ("whole", "whole")):
            timing = engine["latency_ms"][kind]
            lines.append(f"{name:<10} {label:<10} {timing['p50']:>8.1f} {timing['p95']:>8.1f}"
                         + (f"   {engine['build_s']:>7.1f}" if kind == "whole" else ""))
    fresh = report["engines"]["regindex"].get("fresh_process_s")
    if fresh:
        lines.append(f"\n`regindex search` as a new process (six words): median "
                     f"{fresh['median']:.2f} s, max {fresh['max']:.2f} s")
    return "\n".join(lines)


def part_table(engines: dict, metrics) -> list[str]:
    """Rows of each engine's relevance: validation, tuning, all questions."""
    lines = [f"{'engine':<10} {'part':<10} {'questions':<9} " + " ".join(f"{m:>9}" for m in metrics)]
    for name, engine in engines.items():
        for label in ("validation", "tuning", "all"):
            figures = engine if label == "all" else engine["parts"][label]
            for variant in ("accented", "stripped"):
                lines.append(f"{name:<10} {label:<10} {variant:<9} "
                             + " ".join(f"{figures[variant][m]:>9.3f}" for m in metrics))
    return lines


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="ALQAC law.json")
    parser.add_argument("--questions", type=Path, required=True,
                        help="questions: [{text, relevant_articles: [{law_id, article_id}]}]")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--index", type=Path,
                        help="keep the indexes (and segmentation cache) here between runs")
    parser.add_argument("--fresh", type=int, default=10, metavar="N",
                        help="time `regindex search` as a new process on N questions")
    args = parser.parse_args(argv)
    work = args.index or Path(tempfile.mkdtemp(prefix="regindex-relevance-"))
    try:
        report = run(args.corpus, args.questions, work, args.fresh)
    finally:
        shutil.rmtree(work / "baseline", ignore_errors=True)
        if args.index is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
