// Query analysis in the browser: normalising, folding, tokens and maximal matching
// mirror regindex.analysis (tests/test_search_js.py checks them against Python).
import assert from "node:assert/strict";
import { test } from "node:test";

import engine from "../../site_overrides/assets/javascripts/regindex-search.js";
import { IN_FORCE, buildIndex } from "./payload.mjs";

test("folding drops every Vietnamese accent, đ included, and keeps offsets", () => {
  assert.equal(engine.fold("Đảng viên xếp loại, kiểm điểm"), "Dang vien xep loai, kiem diem");
  const text = "Ủy ban kiểm tra";
  assert.equal(engine.fold(text).length, text.length);
});

test("a query gets the texts' tone placement and NFC", () => {
  assert.equal(engine.normalise("hoà giải, thuỷ lợi, QUÝ, uỷ ban"), "hòa giải, thủy lợi, QUÝ, ủy ban");
  assert.equal(engine.normalise("đa\u0309ng"), "đảng");
});

test("document numbers, dates and numbers stay one token, as in Python", () => {
  const found = engine.tokens("Theo Quy định số 124-QĐ/TW ngày 04/10/2023, Luật 45/2019/QH14 và khoản 12a; 1.200.000 đồng");
  assert.deepEqual(found.map((t) => t.text), ["theo", "quy", "định", "số", "124-qđ/tw", "ngày", "04/10/2023",
    "luật", "45/2019/qh14", "và", "khoản", "12a", "1.200.000", "đồng"]);
  assert.deepEqual(found.filter((t) => t.kind !== "syllable").map((t) => t.kind),
    ["docnumber", "number", "docnumber", "number"]);
});

test("token offsets point into the original text", () => {
  const [first, second] = engine.tokens("  Sao lưu");
  assert.deepEqual([first.start, first.end, second.start, second.end], [2, 5, 6, 9]);
});

const index = buildIndex([IN_FORCE], [
  { text: "Sao_lưu kho tài_liệu ra thiết_bị USB" },
  { text: "Kho tài_liệu điện_tử của chi_bộ" },
]);

test("a query is split into the longest words of the index, with or without accents", () => {
  for (const query of ["sao lưu kho tài liệu", "sao luu kho tai lieu", "SAO LƯU KHO TÀI LIỆU"]) {
    assert.deepEqual(index.analyse(query).map((w) => w.folded), ["sao luu", "kho", "tai lieu"], query);
  }
  assert.deepEqual(index.analyse("Sao lưu").map((w) => [w.text, w.folded]), [["sao lưu", "sao luu"]]);
});

test("a sign between syllables keeps them apart, as in Python", () => {
  assert.deepEqual(index.analyse("tài, liệu").map((w) => w.text), ["tài", "liệu"]);
});

test("syllables that are no word of the index stay words of their own", () => {
  assert.deepEqual(index.analyse("lưu trữ").map((w) => w.text), ["lưu", "trữ"]);
});

test("only an unfinished last syllable is a prefix while typing", () => {
  assert.deepEqual(index.analyse("sao lư", true).map((w) => [w.folded, w.prefix]), [["sao lu", true]]);
  assert.equal(index.analyse("sao lư ", true).at(-1).prefix, false);
  assert.equal(index.analyse("sao lư?", true).at(-1).prefix, false);
  assert.equal(index.analyse("sao lư").at(-1).prefix, false);
});
