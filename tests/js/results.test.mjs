// What a result carries for the search box: citation, link, headings, extract.
import assert from "node:assert/strict";
import { test } from "node:test";

import engine from "../../site_overrides/assets/javascripts/regindex-search.js";
import { EXPIRED, IN_FORCE, buildIndex } from "./payload.mjs";

const PATH = "Chương II. TỔ CHỨC KHO › Điều 4. Sao_lưu kho tài_liệu";
const index = buildIndex([IN_FORCE, EXPIRED], [
  { eid: "dieu-4-khoan-2", cite: "khoản 2 Điều 4", heading: PATH, text: "2. Việc sao_lưu thực_hiện như sau:" },
  { eid: "dieu-4-khoan-2-diem-a", cite: "điểm a khoản 2 Điều 4", heading: PATH,
    text: "a) Sao_lưu kho tài_liệu ra thiết_bị USB mỗi quý;" },
  { doc: 1, eid: "dieu-9", cite: "Điều 9", text: "Khoản tiền <script>alert(1)</script> của kho" },
]);

test("a result cites the clause in Vietnamese and links to its anchor", () => {
  const [hit] = index.search("sao luu kho tai lieu ra thiet bi USB");
  assert.equal(hit.citation, "điểm a khoản 2 Điều 4 Quy định số 01-QĐ/MH");
  assert.equal(hit.url, "01-qd-mh-2024.html#dieu-4-khoan-2-diem-a");
  assert.equal(hit.heading, "Chương II. TỔ CHỨC KHO › Điều 4. Sao lưu kho tài liệu");
  assert.equal(hit.document.status, "in-force");
});

test("a record's text comes back exactly as it was written", () => {
  assert.equal(index.textOf(index.texts, 1), "a) Sao lưu kho tài liệu ra thiết bị USB mỗi quý;");
});

test("highlights cover whole syllables, matched with or without accents", () => {
  const text = "Kho tài liệu và khoản kho";
  const marked = engine.highlights(text, index.analyse("kho tai lieu")).map(([start, end]) => text.slice(start, end));
  assert.deepEqual(marked, ["Kho tài liệu", "kho"]);
});

test("the extract is plain text pieces, so markup in a text is shown, never run", () => {
  const [hit] = index.search("tiền của kho");
  assert.equal(hit.eid, "dieu-9");
  assert.ok(hit.snippet.every((piece) => typeof piece.text === "string" && typeof piece.mark === "boolean"));
  assert.ok(hit.snippet.map((p) => p.text).join("").includes("<script>alert(1)</script>"));
  assert.deepEqual(hit.snippet.filter((p) => p.mark).map((p) => p.text), ["tiền", "của kho"]);
});

test("a long text is cut around its matches", () => {
  const filler = "lời văn minh họa ".repeat(40);
  const pieces = engine.snippet(filler + "sao lưu kho tài liệu " + filler, index.analyse("sao lưu"), 120);
  const text = pieces.map((p) => p.text).join("");
  assert.ok(text.startsWith("… ") && text.endsWith(" …"));
  assert.ok(text.length < 200);
  assert.deepEqual(pieces.filter((p) => p.mark).map((p) => p.text), ["sao lưu"]);
});
