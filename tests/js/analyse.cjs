// The browser engine's analysis of texts, for tests/test_conformance.py: reads one JSON
// array of texts per line on stdin, writes one JSON array of analyses per line.
"use strict";
const readline = require("node:readline");
const engine = require("../../site_overrides/assets/javascripts/regindex-search.js");

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const found = JSON.parse(line).map((text) => engine.analysis(text));
  process.stdout.write(JSON.stringify(found) + "\n");
});
