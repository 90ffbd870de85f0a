// The shards a first query loads from a site's sharded index, for each query on an
// index newly opened (nothing loaded but its core): node shard_loads.cjs SITE < queries.json
// Prints [[shard name, …] per query], the core first. (benchmarks/scale_site.py)
const fs = require("fs");
const path = require("path");
const shards = require("../site_overrides/assets/javascripts/regindex-shards.js");

const site = process.argv[2];
let loads = [];
function load(name) {
  loads.push(name);
  return fs.promises.readFile(path.join(site, shards.file(name)), "utf8").then((text) => {
    let data;
    new Function("RegindexShards", text)({ add: (_, found) => { data = found; } });
    return data;
  });
}

(async () => {
  const out = [];
  for (const query of JSON.parse(fs.readFileSync(0, "utf8"))) {
    loads = [];
    const index = await shards.open(null, load, query);
    await index.find(query, { limit: 20 });
    out.push(loads);
  }
  console.log(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
