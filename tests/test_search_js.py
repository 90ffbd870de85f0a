"""The site's search index and the browser's engine (site_overrides/…/regindex-search.js):
the engine's own tests under Node's test runner, then the engine on the index of the
shipped regulations against `regindex search` on the same folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from regindex.index import SearchIndex, Searcher, folder_sources, records
from regindex.library import Library
from regindex.normalise import fold_diacritics
from regindex.site.search_index import GLOBAL, search_index_script, search_payload

from .conftest import REGULATIONS, ROOT

NODE = shutil.which("node")
ENGINE = ROOT / "site_overrides" / "assets" / "javascripts" / "regindex-search.js"

pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js")

# Loads an index script, then answers {"queries": [...], "options": {...}, "scoring": {...}}
# on stdin with each query's hits, and every record's text as the engine rebuilds it.
RUNNER = """
const fs = require("fs");
const engine = require(process.argv[2]);
const scope = {};
new Function("scope", fs.readFileSync(process.argv[3], "utf8") + "; scope.index = %s;")(scope);
const request = JSON.parse(fs.readFileSync(0, "utf8"));
Object.assign(scope.index.scoring, request.scoring || {});
const index = new engine.Index(scope.index);
const texts = [];
for (let r = 0; r < index.count; r++) texts.push(index.textOf(index.texts, r));
const hits = request.queries.map((query) => index.search(query, request.options || {}).map((hit) =>
  ({ citation: hit.citation, url: hit.url, score: hit.score, heading: hit.heading,
     named: hit.named || null, note: hit.note || null, succession: hit.document.succession })));
console.log(JSON.stringify({ texts, hits }));
""" % GLOBAL

QUERIES = [
    "sao lưu kho tài liệu ra thiết bị USB", "sao luu kho tai lieu ra thiet bi USB",
    "xếp loại đảng viên", "xep loai dang vien", "báo cáo viên trích dẫn", "bao cao vien",
    "124-QĐ/TW", "kiểm điểm cuối năm", "hoà giải", '"bản sao ngoại tuyến" thiết bị',
    "Quy định số 01-QĐ/MH", "tiêu chí", "chi uy",
]


def run_engine(script_path, tmp_path, queries, **request) -> dict:
    runner = tmp_path / "runner.js"
    runner.write_text(RUNNER, encoding="utf-8")
    done = subprocess.run([NODE, str(runner), str(ENGINE), str(script_path)],
                          input=json.dumps({"queries": queries, **request}),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_engine_unit_tests_pass():
    tests = sorted(str(path) for path in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert tests
    done = subprocess.run([NODE, "--test", *tests], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """(library, Whoosh index, site index script) of the shipped regulations."""
    folder = tmp_path_factory.mktemp("search")
    library = Library.load(REGULATIONS)
    index = SearchIndex(folder / "index")
    index.sync(folder_sources(REGULATIONS))
    script = folder / "regindex-index.js"
    script.write_text(search_index_script(search_payload(library.documents)), encoding="utf-8")
    return library, index, script


def test_browser_ranks_as_regindex_search(shipped, tmp_path):
    _, index, script = shipped
    # The browser's own additions (phrase scores, completion) off: the ranking itself.
    found = run_engine(script, tmp_path, QUERIES, scoring={"adjacent": 0, "phrase": 0},
                       options={"limit": 12})
    with Searcher(index) as searcher:
        for query, browser in zip(QUERIES, found["hits"]):
            python = searcher.search(query, limit=12)
            # regindex search adds in float32: equal scores may differ in the last digits
            assert [hit["score"] for hit in browser] == pytest.approx(
                [hit.score for hit in python], rel=1e-4), query
            # the last group of equal scores may go on past the limit
            assert _by_score(browser, "citation", "score")[:-1] == _by_score(
                [hit.record() for hit in python], "citation", "score")[:-1], query


def _by_score(hits: list[dict], name: str, score: str) -> list[set]:
    """The hits' ``name`` in rank order, hits of (nearly) equal scores as one set."""
    groups: list[set] = []
    for i, hit in enumerate(hits):
        if i and hit[score] == pytest.approx(hits[i - 1][score], rel=1e-4):
            groups[-1].add(hit[name])
        else:
            groups.append({hit[name]})
    return groups


def test_browser_keeps_regindex_search_top_results_with_its_additions(shipped, tmp_path):
    _, index, script = shipped
    found = run_engine(script, tmp_path, QUERIES)
    with Searcher(index) as searcher:
        shared = [len({hit["citation"] for hit in browser[:5]}
                      & {hit.citation for hit in searcher.search(query, limit=5)})
                  for query, browser in zip(QUERIES, found["hits"])]
    assert sum(shared) / (5 * len(QUERIES)) >= 0.8


def test_a_verbatim_fragment_finds_its_clause_with_or_without_accents(shipped, tmp_path):
    _, _, script = shipped
    fragment = "sao lưu kho tài liệu ra thiết bị USB"
    found = run_engine(script, tmp_path, [fragment, fold_diacritics(fragment)])
    for hits in found["hits"]:
        assert hits[0]["citation"] == "điểm a khoản 2 Điều 4 Quy định số 01-QĐ/MH"
        assert hits[0]["url"] == "01-qd-mh-2024.html#dieu-4-khoan-2-diem-a"
        assert hits[0]["heading"].endswith("Điều 4. Tổ chức và sao lưu kho tài liệu")


def test_the_index_gives_back_every_record_text_exactly(shipped, tmp_path):
    library, _, script = shipped
    texts = run_engine(script, tmp_path, [])["texts"]
    assert texts == [record.text for document in library.documents
                     for record in records(document)]


def test_the_index_is_one_script_assigning_one_global():
    script = search_index_script({"text": "dòng\u2028mới </script><script>alert(1)</script>"})
    assert script.startswith(f"var {GLOBAL} = ") and "\u2028" not in script
    done = subprocess.run([NODE, "-e", f"{script}; console.log({GLOBAL}.text)"],
                          capture_output=True, text=True)
    assert done.stdout.strip() == "dòng\u2028mới </script><script>alert(1)</script>"


# Invisible characters, look-alike letters and tone placement typed into a query.
VARIANTS = ["đảng viên", "Ðảng viên", "đảng\u200bviên", "đảng\u200dviên", "đảng\u00adviên",
            "đảng\u00a0viên", "ðảng viên"]


def test_invisible_characters_and_lookalikes_find_the_words_in_both_engines(shipped, tmp_path):
    _, index, script = shipped
    found = run_engine(script, tmp_path, VARIANTS, options={"limit": 200})
    browser = [[hit["url"] for hit in hits] for hits in found["hits"]]
    with Searcher(index) as searcher:
        python = [[hit.url for hit in searcher.search(query, limit=200)] for query in VARIANTS]
    assert browser[0] and python[0]
    assert all(urls == browser[0] for urls in browser), VARIANTS
    assert all(urls == python[0] for urls in python), VARIANTS
    assert len(browser[0]) == len(python[0])


CITATION_QUERIES = json.loads((ROOT / "tests" / "conformance" / "citations.json").read_text("utf-8"))


def test_the_browser_answers_the_citation_and_number_queries_as_regindex_search(shipped, tmp_path):
    """tests/test_index_search.py runs the same table through `regindex search`."""
    _, _, script = shipped
    found = run_engine(script, tmp_path, [case["query"] for case in CITATION_QUERIES])
    for case, hits in zip(CITATION_QUERIES, found["hits"]):
        first = hits[0]
        assert first["named"] == case["named"], case["query"]
        if case["named"]:
            assert (first["citation"], first["url"]) == (case["citation"], case["url"]), case["query"]
            assert case.get("note", "") in (first["note"] or ""), case["query"]


def test_the_browser_ranks_in_force_above_expired_on_close_scores(shipped, tmp_path):
    _, _, script = shipped
    hits = run_engine(script, tmp_path, ["xep loai chat luong dang vien"])["hits"][0]
    citations = [hit["citation"] for hit in hits]
    assert citations.index("Quy định số 366-QĐ/TW") < citations.index("Hướng dẫn số 16-HD/BTCTW")
    old = hits[citations.index("Hướng dẫn số 16-HD/BTCTW")]
    assert old["succession"] == ["25-HD/BTCTW", "43-HD/BTCTW"]
# --- the sharded index (regindex.site.search_shards, regindex-shards.js) ---------------

COMPARE = ROOT / "tests" / "js" / "compare_layouts.cjs"
OPTIONS = [{}, {"typing": True}, {"inForce": True, "limit": 20}]


def compare_layouts(documents, folder, queries, fresh=False, **sizes) -> dict:
    """Both layouts of ``documents``' index written under ``folder``, and the same
    queries run on each under Node."""
    from regindex.site.search_index import collect
    from regindex.site.search_shards import search_shards

    collected = collect(documents)
    single = folder / "regindex-index.js"
    single.write_text(search_index_script(search_payload(collected)), encoding="utf-8")
    for name, script in search_shards(collected, **sizes).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(script, encoding="utf-8")
    done = subprocess.run([NODE, str(COMPARE), str(single), str(folder)],
                          input=json.dumps({"queries": queries, "options": OPTIONS, "fresh": fresh}),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_sharded_index_answers_as_the_single_script(tmp_path):
    # typing: a partial first syllable is completed from many postings shards' words
    queries = QUERIES + ["tai li", "đảng viên vi phạm", "xyzzy qwrtp", "124", "ng", "th",
                         "đả", "kiểm điểm c", "q"]
    # small shards, as a large library has them
    found = compare_layouts(Library.load(REGULATIONS).documents, tmp_path, queries,
                            postings_size=300, records_size=100, lengths_records=16)
    assert any(found["single"]), "the queries find something"
    # everything a result shows: record, score, citation, link, headings, extract
    assert found["sharded"] == found["single"]
    # a page loads the core, then each query only some shards
    assert found["core"] == ["core"]
    postings = len(list((tmp_path / "search" / "p").glob("*.js")))
    records = len(list((tmp_path / "search" / "r").glob("*.js")))
    assert postings >= 16 and records >= 16
    for loads in found["loads"]:
        assert len(loads) == len(set(loads)), "a shard is loaded once"
        assert sum(name.startswith("p/") for name in loads) <= postings / 2
        # the best 50 candidates' texts (for the phrase scores) span a small library
        assert sum(name.startswith("r/") for name in loads) < records
    # without the vocabulary, a word is known to be missing once its syllable's
    # postings shard is in: an unknown word loads that one shard per syllable at most,
    # none when no word of the index has a syllable of that shard
    unknown = queries.index("xyzzy qwrtp") * len(OPTIONS)
    assert all(name.startswith("p/") for name in found["loads"][unknown])
    assert len(found["loads"][unknown]) <= 2
    core = json.loads((tmp_path / "search" / "regindex-core.js").read_text("utf-8")
                      .split(",", 1)[1].rsplit(");", 1)[0])
    empty = [n for n in range(core["buckets"]) if not (tmp_path / f"search/p/{n}.js").exists()]
    assert empty, "small shards leave some empty"
    said_empty = [n for n, records in enumerate(_varints(core["bucketRecords"])) if not records]
    assert said_empty == empty, "the core says which shards are empty (and only those)"
    nothing = next(word for word in ("zz" + str(i) for i in range(10_000))
                   if search_shards_bucket(word, core["buckets"]) in empty)
    assert compare_layouts_loads(tmp_path, [nothing]) == [[]]
    # a partial first syllable being typed loads its completion shard: its words
    # are in many postings shards
    typed = queries.index("ng") * len(OPTIONS) + OPTIONS.index({"typing": True})
    assert found["sharded"][typed], "'ng' completes to words"
    assert "c/110" in compare_layouts_loads(tmp_path, ["ng"], typing=True)[0]
    # typed with or without accents, a query needs the same postings shards: one per
    # syllable, whose shard holds every form having it however it is accented
    accented, bare = compare_layouts_loads(tmp_path, ["đảng viên vi phạm", "dang vien vi pham"])
    assert {n for n in accented if n.startswith("p/")} == {n for n in bare if n.startswith("p/")}


def _varints(code: str) -> list[int]:
    """The numbers of a varint string (search_index.varint)."""
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    out, value, shift = [], 0, 1
    for char in code:
        digit = digits.index(char)
        value += (digit & 31) * shift
        if digit >= 32:
            shift *= 32
            continue
        out.append(value)
        value, shift = 0, 1
    return out


def search_shards_bucket(syllable: str, buckets: int) -> int:
    from regindex.site.search_shards import bucket
    return bucket(syllable, buckets)


def compare_layouts_loads(folder, queries, **options) -> list[list[str]]:
    """The shards each query loads on the layouts already written under ``folder``
    (each on an index that has loaded only its core)."""
    done = subprocess.run([NODE, str(COMPARE), str(folder / "regindex-index.js"), str(folder)],
                          input=json.dumps({"queries": queries, "options": [options],
                                            "fresh": True}),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["loads"]



@pytest.mark.corpus
def test_on_real_laws_the_sharded_index_answers_as_the_single_script_from_a_few_shards(
        alqac_laws, alqac_questions, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import alqac

    names = ("Luật Phòng, chống ma túy", "Luật Cư trú")
    laws = [law for law in alqac_laws if law["id"] in names]
    asked = [q["text"] for q in alqac_questions
             if all(item["law_id"] in names for item in q["relevant_articles"])][:15]
    queries = asked + [" ".join(q.split()[:6]) for q in asked] + [fold_diacritics(asked[0])]
    # shards as small as a library of thousands of documents has them; each query on
    # an index that has loaded nothing but its core
    found = compare_layouts(alqac.documents(laws), tmp_path, queries, fresh=True,
                            postings_size=1000, records_size=300, lengths_records=64,
                            measures_records=4)
    assert found["sharded"] == found["single"]
    postings = len(list((tmp_path / "search" / "p").glob("*.js")))
    records = len(list((tmp_path / "search" / "r").glob("*.js")))
    measures = len(list((tmp_path / "search" / "m").glob("*.js")))
    buckets = [sum(n.startswith("p/") for n in loads) for loads in found["loads"]]
    texts = [sum(n.startswith("r/") for n in loads) for loads in found["loads"]]
    measured = [sum(n.startswith("m/") for n in loads) for loads in found["loads"]]
    # six words: a few postings shards; any query: the texts of its 50 best candidates
    # at most (for their phrase scores and extracts)
    six_words = buckets[len(asked) * len(OPTIONS):2 * len(asked) * len(OPTIONS)]
    assert max(six_words) <= 0.3 * postings, six_words
    assert max(texts) <= 50 < records, texts
    # a question's words are in most of these 600 records, whose scores are bounded
    # from their length classes: the exact lengths of few more than its 50 best are
    # read (at most 46 shards of 4 records, 26 for most)
    assert max(measured) <= 0.4 * measures, (sorted(measured), measures)
