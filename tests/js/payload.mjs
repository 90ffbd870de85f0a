// A tiny search index for the engine's unit tests, in the format of
// regindex.site.search_index. Texts are the tests' own illustrative words; "_" joins
// the syllables of one segmented word, as the Python segmentation would.
import engine from "../../site_overrides/assets/javascripts/regindex-search.js";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function varint(value) {
  let out = "";
  while (value >= 32) {
    out += BASE64[32 + (value % 32)];
    value = Math.floor(value / 32);
  }
  return out + BASE64[value];
}

/** Scoring as the real index has it, but with exact stored lengths. */
export const SCORING = {
  k1: 1.2, b: 0.75, exact: 1, folded: 1, syllable: 0.3, boosts: { text: 1, heading: 2, syllables: 1 },
  longestWord: 5,
  inForce: ["in-force", "partly-expired"], lengths: [...Array(256).keys()], snippet: 220,
  prefix: 0.5, completions: 8, adjacent: 0.3, phrase: 2, candidates: 50, expired: 0.8,
};

/** [piece, isWord] of a text, as search_index.pieces gives them. */
function pieces(source) {
  const text = source.replace(/_/g, " ");
  const words = [];
  for (const token of engine.tokens(text)) {
    const last = words.at(-1);
    if (last && source[last.end] === "_" && last.end + 1 === token.start) last.end = token.end;
    else words.push({ start: token.start, end: token.end });
  }
  const found = [];
  let at = 0;
  for (const word of words) {
    const separator = text.slice(at, word.start);
    if (separator && !(separator === " " && found.length && found.at(-1)[1])) found.push([separator, false]);
    found.push([text.slice(word.start, word.end), true]);
    at = word.end;
  }
  if (text.slice(at)) found.push([text.slice(at), false]);
  return found;
}

/** An Index of records [{doc, eid, cite, heading, text}] of documents [{name, url, status, …}]. */
export function buildIndex(documents, records, scoring = SCORING) {
  const numbers = new Map();
  const vocabulary = [""];
  const separators = [];
  function encode(text) {
    let out = "";
    for (const [piece, isWord] of pieces(text)) {
      const key = (isWord ? "w" : "s") + piece;
      if (!numbers.has(key)) {
        numbers.set(key, vocabulary.length);
        if (!isWord) separators.push(vocabulary.length);
        vocabulary.push(piece);
      }
      out += varint(numbers.get(key));
    }
    return out + varint(0);
  }
  const paths = [];
  const path = records.map((record) => {
    const heading = record.heading || "";
    if (!paths.includes(heading)) paths.push(heading);
    return paths.indexOf(heading);
  });
  return new engine.Index({
    format: 1,
    scoring,
    documents,
    records: {
      document: records.map((r) => r.doc || 0),
      eid: records.map((r) => r.eid || ""),
      cite: records.map((r) => r.cite || ""),
      path,
    },
    stream: records.map((r) => encode(r.text)).join(""),
    pathStream: paths.map(encode).join(""),
    vocabulary,
    separators,
  });
}

export const IN_FORCE = {
  name: "Quy định số 01-QĐ/MH", url: "01-qd-mh-2024.html", status: "in-force", label: "Còn hiệu lực",
  illustrative: true, number: "01-QĐ/MH", issued: "2024-03-15", parts: ["01", ["qd", "mh"]],
  aliases: [], elements: [["dieu 4", "dieu-4"]], hasText: true, succession: [],
};
export const EXPIRED = {
  name: "Quy định số 02-QĐ/MH", url: "02-qd-mh-2020.html", status: "expired", label: "Hết hiệu lực",
  illustrative: true, number: "02-QĐ/MH", issued: "2020-01-15",
  parts: ["02", ["qd", "mh"]], aliases: ["quy dinh 2"], elements: [], hasText: true, succession: ["01-QĐ/MH"],
};
