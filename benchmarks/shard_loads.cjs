// The shards a first query loads from a site's sharded index, for each query on an
// index newly opened (nothing loaded but its core): node shard_loads.cjs SITE < queries.json
// Prints [[shard name, …] per query], the core first. (benchmarks/scale_site.py)
const fs = require("fs");
const path = require("path");
const shards = require("../site_overrides/assets/javascripts/regindex-shards.js");

/** A loader of the shards under `folder` (a site's root) as the browser's <script>
 *  elements load them, calling `loaded(name)` for each. */
function shardFiles(folder, loaded) {
  return (name) => {
    loaded(name);
    return fs.promises.readFile(path.join(folder, shards.file(name)), "utf8").then((text) => {
      let data;
      new Function("RegindexShards", text)({ add: (_, found) => { data = found; } });
      return data;
    });
  };
}

module.exports = { shardFiles };

if (require.main === module) {
  (async () => {
    const out = [];
    for (const query of JSON.parse(fs.readFileSync(0, "utf8"))) {
      const loads = [];
      const index = await shards.open(null, shardFiles(process.argv[2], (name) => loads.push(name)), query);
      await index.find(query, { limit: 20 });
      out.push(loads);
    }
    console.log(JSON.stringify(out));
  })().catch((error) => { console.error(error); process.exit(1); });
}
