// Scoring: Whoosh's BM25F over the text, heading and syllables fields, with exact
// and folded forms; quoted phrases; and what only the browser adds.
import assert from "node:assert/strict";
import { test } from "node:test";

import engine from "../../site_overrides/assets/javascripts/regindex-search.js";
import { EXPIRED, IN_FORCE, SCORING, buildIndex, varint } from "./payload.mjs";

test("streams decode to each text's piece numbers, across varint sizes", () => {
  const numbers = [[1, 31, 32], [], [1023, 1024, 40000]];
  const code = numbers.map((text) => text.map(varint).join("") + varint(0)).join("");
  const stream = engine.decodeStream(code);
  const texts = numbers.map((_, i) => Array.from(stream.pieces.slice(stream.starts[i], stream.starts[i + 1])));
  assert.deepEqual(texts, numbers);
});

test("the k-th largest score is what sorting every score gives, ties and all", () => {
  // the floor of the candidates (search's selection instead of a sort of every score)
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let trial = 0; trial < 2000; trial++) {
    const n = 1 + Math.floor(random() * 60);
    const spread = trial % 3 ? 1000 : 3;             // a third with many equal scores
    const values = Float64Array.from({ length: n }, () => Math.floor(random() * spread) / 7);
    const k = 1 + Math.floor(random() * n);
    const sorted = Array.from(values).sort((a, b) => a - b);
    assert.equal(engine.kthLargest(values.slice(), k), sorted[n - k], `n=${n} k=${k}`);
  }
});

test("bm25 and idf are those of regindex.index.rank; lengths round up through Whoosh's table", () => {
  // idf · tf(k1+1) / (tf + k1((1-b) + b·dl/avgdl)), with Lucene's idf
  assert.equal(engine.bm25(2, 1, 10, 10, 1.2, 0.75), 2);
  assert.ok(Math.abs(engine.bm25(1.5, 2, 20, 10, 1.2, 0.75) - 1.5 * 4.4 / (2 + 1.2 * 1.75)) < 1e-12);
  assert.equal(engine.idf(3, 1), Math.log(1 + 2.5 / 1.5));
  assert.equal(engine.storedLength([0, 1, 2, 4, 8, 16], 5), 8);
  assert.equal(engine.storedLength([0, 1, 2, 4, 8, 16], 4), 4);
});

test("a word scores its exact and folded forms in text, and its syllables", () => {
  const index = buildIndex([IN_FORCE], [{ text: "bảo quản" }, { text: "mùa mưa" }, { text: "mùa khô" }]);
  const [hit, ...rest] = index.search("bảo");
  // text: "bao" and "bảo", each bm25(idf, 1, 4, 4) = idf; syllables: 0.3 × bm25(idf, 1, 2, 2)
  assert.ok(Math.abs(hit.score - 2.3 * engine.idf(3, 1)) < 1e-9, hit.score);
  assert.deepEqual(rest, []);
});

test("a word of the heading path counts twice what it counts in the text", () => {
  const index = buildIndex([IN_FORCE], [
    { eid: "dieu-1", heading: "Điều 1. Lưu trữ", text: "Chi_bộ giữ tài_liệu" },
    { eid: "dieu-2", heading: "Điều 2. Khác", text: "Chi_bộ lưu trữ tài_liệu" },
  ]);
  assert.deepEqual(index.search("lưu trữ").map((h) => h.eid), ["dieu-1", "dieu-2"]);
});

const storms = buildIndex([IN_FORCE], [
  { eid: "dieu-1", text: "bảo quản sổ" },
  { eid: "dieu-2", text: "mùa mưa bão" },
]);

test("a word typed with accents finds only itself; without, every accented form", () => {
  assert.deepEqual(storms.search("bảo").map((h) => h.eid), ["dieu-1"]);
  assert.deepEqual(storms.search("bão").map((h) => h.eid), ["dieu-2"]);
  const [first, second] = storms.search("bao");          // unaccented: both, equally
  assert.equal(first.score, second.score);
});

test("a quoted phrase must occur, syllable after syllable", () => {
  const index = buildIndex([IN_FORCE], [
    { eid: "apart", text: "tài_liệu được lưu trên máy; thư điện_tử gửi chi_bộ" },
    { eid: "phrase", text: "thư gửi chi_bộ: tài_liệu điện_tử được lưu trên máy" },
  ]);
  assert.deepEqual(index.search("\"tai lieu dien tu\"").map((h) => h.eid), ["phrase"]);
  assert.deepEqual(index.search("“lưu trên máy” thư").map((h) => h.eid).sort(), ["apart", "phrase"]);
  assert.deepEqual(index.search("\"máy tài liệu\"").map((h) => h.eid), []);
});

test("query words next to each other in the text win over the same words apart", () => {
  const index = buildIndex([IN_FORCE], [
    { eid: "apart", text: "tài_liệu được lưu trên máy; thư điện_tử gửi chi_bộ" },
    { eid: "phrase", text: "tài_liệu điện_tử được lưu trên máy gửi chi_bộ thư" },
  ]);
  assert.equal(index.search("tai lieu dien tu")[0].eid, "phrase");
  assert.equal(index.search("dien tu tai lieu")[0].eid, "apart");   // order matters
  index.scoring.adjacent = 0;
  const [first, second] = index.search("tai lieu dien tu");       // Whoosh's scores: a tie
  assert.equal(first.score, second.score);
});

test("a verbatim fragment of a clause finds it first, over its words in a heading", () => {
  const records = [
    { eid: "phu-luc-1", heading: "Phụ lục 1. Kiểm_tra thiết_bị USB sao_lưu",
      text: "PHỤ LỤC 1 KIỂM_TRA THIẾT_BỊ USB SAO_LƯU kho" },
    { eid: "dieu-4-khoan-2-diem-a", heading: "Điều 4. Tổ_chức kho",
      text: "a) Sao_lưu kho tài_liệu ra thiết_bị USB mỗi quý một lần;" },
  ];
  const fragment = "sao lưu kho tài liệu ra thiết bị USB";
  assert.equal(buildIndex([IN_FORCE], records).search(fragment)[0].eid, "dieu-4-khoan-2-diem-a");
  const plain = buildIndex([IN_FORCE], records, { ...SCORING, adjacent: 0, phrase: 0 });
  assert.equal(plain.search(fragment)[0].eid, "phu-luc-1");      // what BM25 alone ranks first
});

test("while typing, the last syllables complete to the words they start", () => {
  const index = buildIndex([IN_FORCE], [{ eid: "a", text: "Tài_sản riêng" }, { eid: "b", text: "Sao_lưu kho tài_liệu" }]);
  assert.deepEqual(index.search("tai li").map((h) => h.eid), ["a", "b"]);     // the syllable "tai"
  assert.deepEqual(index.search("tai li", { typing: true }).map((h) => h.eid), ["b", "a"]);
  assert.deepEqual(index.search("tai li ", { typing: true }).map((h) => h.eid), ["a", "b"]);
});

test("the in-force filter leaves out documents that are no longer in force", () => {
  const index = buildIndex([IN_FORCE, EXPIRED], [
    { doc: 1, eid: "dieu-1", text: "sao_lưu kho tài_liệu mỗi tháng" },
    { doc: 0, eid: "dieu-4", text: "sao_lưu kho tài_liệu mỗi quý một lần ra thiết_bị" },
  ], { ...SCORING, expired: 1 });
  const query = "sao lưu kho tài liệu mỗi tháng";
  assert.deepEqual(index.search(query).map((h) => h.document.name), [EXPIRED.name, IN_FORCE.name]);
  assert.deepEqual(index.search(query, { inForce: true }).map((h) => h.document.name), [IN_FORCE.name]);
});

test("an unknown word, an empty query and a lone quote find nothing", () => {
  assert.deepEqual(storms.search("zzz"), []);
  assert.deepEqual(storms.search("  "), []);
  assert.deepEqual(storms.search("\""), []);
});

test("on close scores a document in force ranks above an expired one; a clearly better match still wins", () => {
  const records = [
    { doc: 1, eid: "dieu-1", text: "sao_lưu kho tài_liệu mỗi tháng" },
    { doc: 0, eid: "dieu-4", text: "sao_lưu kho tài_liệu mỗi tháng một lần" },
  ];
  const query = "sao lưu kho tài liệu mỗi tháng";
  const even = buildIndex([IN_FORCE, EXPIRED], records, { ...SCORING, expired: 1 });
  assert.deepEqual(even.search(query).map((h) => h.eid), ["dieu-1", "dieu-4"]);     // shorter text
  const index = buildIndex([IN_FORCE, EXPIRED], records);
  assert.deepEqual(index.search(query).map((h) => h.eid), ["dieu-4", "dieu-1"]);
  assert.equal(index.search("sao lưu tháng")[0].document.status, "in-force");
  assert.equal(buildIndex([IN_FORCE, EXPIRED], [records[0], { doc: 0, eid: "x", text: "kho" }])
    .search(query)[0].eid, "dieu-1");
});

test("marks: accented syllables only themselves, structure words and small numbers only in a citation", () => {
  const index = buildIndex([IN_FORCE], [{ eid: "a", text: "Căn_cứ khoản 2 Điều 4, xếp_loại cán_bộ năm 2025 hơn" }]);
  const text = "Căn cứ khoản 2 Điều 4, xếp loại cán bộ năm 2025 hơn";
  const marked = (query) => engine.highlights(text, index.analyse(query)).map(([a, b]) => text.slice(a, b));
  assert.deepEqual(marked("xếp loại cán bộ 2025"), ["xếp loại cán bộ", "2025"]);
  assert.deepEqual(marked("xep loai can bo 2 dieu"), ["Căn", "xếp loại cán bộ"]);
  assert.deepEqual(marked("hôn nhân khoản 2 Điều 4"), ["khoản 2 Điều 4"]);
});

test("scores bounded by a lower length rank nothing: the records that may rank are measured, and only those", () => {
  // Illustrative records: short and long texts holding one word, some twice.
  const filler = "lời văn minh họa ";
  const records = Array.from({ length: 160 }, (_, i) => ({
    eid: `dieu-${i + 1}`, doc: i % 7 ? 0 : 1,
    text: `chi_bộ ${i % 3 ? "" : "chi_bộ "}họp ${filler.repeat(i % 11)}`,
  }));
  const exact = buildIndex([IN_FORCE, EXPIRED], records);
  const bounded = buildIndex([IN_FORCE, EXPIRED], records);
  // every length bounded below by its class (a multiple of 4) until the record is
  // "measured", as the sharded index's length shards give them
  const fields = [bounded.fields.text, bounded.fields.syllables];
  const lengths = fields.map((field) => field.lengths.slice());
  fields.forEach((field) => field.lengths.forEach((length, r) => { field.lengths[r] = length - length % 4; }));
  const measured = new Set();
  let asked = [];
  bounded.bounded = (record) => !measured.has(record);
  bounded.needRecord = (record) => asked.push(record);
  let hits;
  for (;;) {
    asked = [];
    hits = bounded.search("chi bộ họp", { limit: 20 });
    if (!asked.length) break;
    for (const record of asked) {
      measured.add(record);
      fields.forEach((field, f) => { field.lengths[record] = lengths[f][record]; });
    }
  }
  assert.deepEqual(hits, exact.search("chi bộ họp", { limit: 20 }));
  // the best 50 candidates are measured, and few more: not all 160
  assert.ok(measured.size >= 50 && measured.size < 120, `${measured.size} measured`);
  // a record never measured has a score below the 50th best: it could not rank
  const scores = new Map(exact.candidates({ phrases: [] }, exact.analyse("chi bộ họp"), {}, 160)
    .map((hit) => [hit.record, hit.score]));
  const floor = [...scores.values()].sort((a, b) => b - a)[49];
  for (const [record, score] of scores) if (!measured.has(record)) assert.ok(score < floor, `${record}`);
});
