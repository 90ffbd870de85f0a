// Runs the same queries on the single-script index and on the sharded index of the
// same documents: node compare_layouts.cjs SINGLE_SCRIPT SHARDS_FOLDER < request.json
// With "fresh": true, each query runs on a newly opened sharded index.
// Prints {single: [hits per query], sharded: [hits per query], loads: [shards per query]}.
const fs = require("fs");
const engine = require("../../site_overrides/assets/javascripts/regindex-search.js");
const shards = require("../../site_overrides/assets/javascripts/regindex-shards.js");
const { shardFiles } = require("../../benchmarks/shard_loads.cjs");

const [single, folder] = process.argv.slice(2);
const request = JSON.parse(fs.readFileSync(0, "utf8"));
const scope = {};
new Function("scope", fs.readFileSync(single, "utf8") + "; scope.index = REGINDEX_SEARCH_INDEX;")(scope);
const whole = new engine.Index(scope.index);

let loads = [];
const load = shardFiles(folder, (name) => loads.push(name));

function shown(hits) {
  return hits.map((hit) => ({ ...hit, document: hit.document.name }));
}

(async () => {
  let index = await shards.open(null, load);
  const out = { single: [], sharded: [], loads: [], core: loads };
  for (const query of request.queries) {
    for (const options of request.options || [{}]) {
      if (request.fresh) index = await shards.open(null, load);     // nothing loaded yet
      out.single.push(shown(whole.search(query, options)));
      loads = [];
      out.sharded.push(shown(await index.find(query, options)));
      out.loads.push(loads);
    }
  }
  console.log(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
