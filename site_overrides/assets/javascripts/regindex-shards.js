/* regindex sharded search index: the engine of regindex-search.js on an index that
 * loads only what a query needs (written by regindex.site.search_shards).
 *
 * The core (search/regindex-core.js) holds the vocabulary, each record's document and
 * heading path: what the query analysis and the scoring need up front. Postings
 * shards (search/p/N.js) hold the records of word forms, length shards (l/N.js) the
 * field lengths of a range of records, record shards (search/r/N.js) the citations
 * and texts of consecutive records, element shards (e/N.js) the citable elements of
 * document N (for citation queries). Each is a
 * script calling RegindexShards.add(name, data), loaded on demand with a <script>
 * element (a page opened from file:// may load a script, not fetch a file) and kept.
 *
 * The seam with the engine: ShardedIndex is an engine Index whose data accessors
 * (postings, frequency, piecesOf, the records' eid and cite, the fields' lengths) read
 * the shards loaded so far and note the shards they lacked. `find` runs the engine's synchronous `search`,
 * loads what it lacked and runs it again, until nothing was lacking: the engine's
 * analysis and scoring run unchanged on the same data, so the results are those of
 * the single-script index. `gather` first asks for the one shard that holds every form
 * of its key, so that a query word costs one shard, not one per form.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./regindex-search.js"));
  } else {
    root.RegindexShards = factory(root.RegindexSearch);
  }
}(typeof self !== "undefined" ? self : this, function (engine) {
  "use strict";

  var FORMAT = 3;
  var BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128);
  for (var d = 0; d < BASE64.length; d++) DIGIT[BASE64.charCodeAt(d)] = d;
  var NONE = new Int32Array(0);
  var EMPTY = { ids: NONE, tfs: NONE, from: 0, to: 0 };
  // a word in over 1/PREFETCH of the records gets every length shard with its postings
  var PREFETCH = 16;

  /** The numbers of a varint string (search_index.varint), in order. */
  function decode(code) {
    var out = new Int32Array(code.length);
    var count = 0;
    var value = 0;
    var shift = 1;
    for (var i = 0; i < code.length; i++) {
      var digit = DIGIT[code.charCodeAt(i)];
      value += (digit & 31) * shift;
      if (digit >= 32) {
        shift *= 32;
        continue;
      }
      out[count++] = value;
      value = 0;
      shift = 1;
    }
    return out.subarray(0, count);
  }

  /** A zigzag number (search_shards._zigzag) back to its sign: 0, 1, 2, 3 → 0, -1, 1, -2. */
  function signed(value) {
    return value & 1 ? -(value + 1) / 2 : value / 2;
  }

  /** The postings shard of a folded syllable, as search_shards.bucket: FNV-1a. */
  function bucket(syllable, buckets) {
    var h = 0x811c9dc5;
    for (var i = 0; i < syllable.length; i++) {
      h = Math.imul(h ^ syllable.charCodeAt(i), 0x01000193) >>> 0;
    }
    return h % buckets;
  }

  /** The sharded index on its core; `load(name)` gives a Promise of a shard's data. */
  function ShardedIndex(core, load) {
    if (core.format !== FORMAT) throw new Error("regindex: unknown index format " + core.format);
    this.load = load;
    this.loading = new Map();     // shard name → Promise
    this.missing = new Set();     // shards the last run of `search` lacked
    this.scoring = core.scoring;
    this.documents = core.documents;
    this.vocabulary = core.vocabulary;
    this.buckets = core.buckets;
    var gaps = decode(core.path);
    var count = gaps.length;
    var path = new Int32Array(count);
    var paths = 0;
    for (var r = 0; r < count; r++) {
      path[r] = (r ? path[r - 1] : 0) + signed(gaps[r]);
      if (path[r] >= paths) paths = path[r] + 1;
    }
    var document = new Int32Array(count);
    for (var n = 0, at = 0; n < core.documentRecords.length; n++) {
      document.fill(n, at, at + core.documentRecords[n]);
      at += core.documentRecords[n];
    }
    this.count = count;
    this.records = { document: document, path: path, eid: new Array(count), cite: new Array(count) };
    this.readForms(new Set(core.separators));
    if (this.forms.length !== core.forms) {
      throw new Error("regindex: the index has " + core.forms + " word forms, the engine reads " + this.forms.length);
    }
    this.frequencies = decode(core.frequency);
    this.pathRecords = engine.group(path, paths);
    this.lengthsShard = core.lengths.shard;
    this.loadedLengths = new Uint8Array(Math.ceil(count / this.lengthsShard) + 1);
    this.lengthsMissing = Math.ceil(count / this.lengthsShard);
    this.fields = this.storedFields(core.lengths);
    this.gathered = new engine.Gathered(count);
    this.sequences = new Map();
    this.texts = { name: "texts" };
    this.paths = { name: "paths" };
    this.inText = new Map();      // form → {ids, tfs} of the loaded postings
    this.inPath = new Map();
    this.encoded = new Map();     // form → where its postings are in a loaded shard
    this.textPieces = new Map();  // record → its piece numbers, once loaded
    this.pathPieces = new Map();
    this.loadedBuckets = new Set();
    this.scoringShards = 0;       // postings and length shards loaded so far
    var sizes = decode(core.recordShards);
    this.recordShards = new Int32Array(sizes.length + 1);
    for (var s = 0; s < sizes.length; s++) this.recordShards[s + 1] = this.recordShards[s] + sizes[s];
  }

  ShardedIndex.prototype = Object.create(engine.Index.prototype);
  ShardedIndex.prototype.constructor = ShardedIndex;

  /** The three fields: the heading's lengths from the core (per heading path, numbers
   *  of Whoosh's bytes), the text's and syllables' filled as their shards load. */
  ShardedIndex.prototype.storedFields = function (lengths) {
    var table = this.scoring.lengths;
    var byPath = decode(lengths.heading);
    var heading = new Float64Array(this.count);
    for (var r = 0; r < this.count; r++) heading[r] = table[byPath[this.records.path[r]]];
    var boosts = this.scoring.boosts;
    return {
      text: { lengths: new Float64Array(this.count), average: lengths.average.text, boost: boosts.text },
      heading: this.field(heading, boosts.heading),
      syllables: { lengths: new Float64Array(this.count), average: lengths.average.syllables, boost: boosts.syllables }
    };
  };

  /** A length shard: the text's stored lengths of its records (numbers of Whoosh's
   *  bytes), and the syllables' as zigzag gaps from them. */
  ShardedIndex.prototype.addLengths = function (data, n) {
    var table = this.scoring.lengths;
    var text = decode(data.text);
    var gaps = decode(data.syllables);
    var first = n * this.lengthsShard;
    for (var i = 0; i < text.length; i++) {
      this.fields.text.lengths[first + i] = table[text[i]];
      this.fields.syllables.lengths[first + i] = table[text[i] + signed(gaps[i])];
    }
    if (!this.loadedLengths[n]) this.lengthsMissing--;
    this.loadedLengths[n] = 1;
  };

  /** Note the length shards of records[from … to] that are not loaded. */
  ShardedIndex.prototype.needLengths = function (records, from, to) {
    if (!this.lengthsMissing) return;
    for (var i = from; i < to; i++) {
      var n = Math.floor(records[i] / this.lengthsShard);
      if (!this.loadedLengths[n]) this.missing.add("l/" + n);
    }
  };

  /** A word in many records needs the lengths of most: ask for them all with its
   *  postings, rather than once its postings say which (one wait less). */
  ShardedIndex.prototype.prefetchLengths = function (forms) {
    var records = 0;
    for (var f = 0; f < forms.length; f++) records += this.frequencies[forms[f]];
    if (records * PREFETCH < this.count) return;
    for (var n = 0; n * this.lengthsShard < this.count; n++) {
      if (!this.loadedLengths[n]) this.missing.add("l/" + n);
    }
  };

  /** Whether the postings shard of a folded syllable is loaded; if not, it is noted. */
  ShardedIndex.prototype.hasBucket = function (syllable) {
    var n = bucket(syllable, this.buckets);
    if (this.loadedBuckets.has(n)) return true;
    this.missing.add("p/" + n);
    return false;
  };

  /** Every form a key gathers has the key's first folded syllable (text, heading) or
   *  the key itself (syllables), so one shard holds them all. */
  ShardedIndex.prototype.gather = function (name, key, gathered) {
    var syllable = name === "syllables" ? key : engine.fold(key).split(" ")[0];
    var known = name === "syllables" ? this.bySyllable.has(key) : this.byFolded.has(engine.fold(key));
    if (known && !this.hasBucket(syllable)) {
      this.prefetchLengths(name === "syllables" ? this.bySyllable.get(key) : this.wordForms(key));
      return;
    }
    engine.Index.prototype.gather.call(this, name, key, gathered);
    this.needLengths(gathered.records, 0, gathered.size);
  };

  ShardedIndex.prototype.postings = function (form, inPath) {
    var found = (inPath ? this.inPath : this.inText).get(form);
    if (found) return found;
    var encoded = this.encoded.get(form);
    if (encoded) {
      this.readPostings(form, encoded);
      return (inPath ? this.inPath : this.inText).get(form);
    }
    this.hasBucket(this.syllables[form][0]);
    return EMPTY;
  };

  /** A document's citable elements are in a shard of their own (e/N.js): only a
   *  query citing that document needs them. */
  ShardedIndex.prototype.element = function (d, key) {
    if (this.documents[d].elements) return engine.Index.prototype.element.call(this, d, key);
    this.missing.add("e/" + d);
    return undefined;
  };

  ShardedIndex.prototype.frequency = function (form) {
    return this.frequencies[form];
  };

  ShardedIndex.prototype.piecesOf = function (stream, i) {
    var text = stream === this.texts;
    var found = (text ? this.textPieces : this.pathPieces).get(i);
    if (found) return found;
    var record = text ? i : this.pathRecords.ids[this.pathRecords.offsets[i]];
    this.missing.add("r/" + this.recordShard(record));
    return NONE;
  };

  ShardedIndex.prototype.recordShard = function (record) {
    var low = 0;
    var high = this.recordShards.length - 2;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (this.recordShards[mid] <= record) low = mid; else high = mid - 1;
    }
    return low;
  };

  /** Load a shard once (a failed load may be tried again). */
  ShardedIndex.prototype.shard = function (name, loaded) {
    var found = this.loading.get(name);
    if (found) return found;
    var self = this;
    found = (loaded || this.load(name)).then(function (data) {
      var kind = name.charAt(0);
      if (kind === "p" || kind === "l") self.scoringShards++;
      if (kind === "p") self.addPostings(data, +name.slice(2));
      else if (kind === "l") self.addLengths(data, +name.slice(2));
      else if (kind === "e") self.documents[+name.slice(2)].elements = data.elements;
      else self.addRecords(data);
    }, function (error) {
      self.loading.delete(name);
      throw error;
    });
    this.loading.set(name, found);
    return found;
  };

  /** A postings shard: per form, its number, then its text and path postings, each
   *  their count and (gap, tf) pairs. A shard holds many forms a query does not ask
   *  for: each form's lists are only found here, and read when asked (`postings`). */
  ShardedIndex.prototype.addPostings = function (data, n) {
    var numbers = decode(data.postings);
    var at = 0;
    while (at < numbers.length) {
      var form = numbers[at++];
      if (!this.encoded.has(form) && !this.inText.has(form)) this.encoded.set(form, { numbers: numbers, at: at });
      at += 1 + 2 * numbers[at];           // its text postings
      at += 1 + 2 * numbers[at];           // its path postings
    }
    this.loadedBuckets.add(n);
  };

  /** Read a form's text and path postings from its shard. */
  ShardedIndex.prototype.readPostings = function (form, encoded) {
    var numbers = encoded.numbers;
    var at = encoded.at;
    function list() {
      var size = numbers[at++];
      var ids = new Int32Array(size);
      var tfs = new Int32Array(size);
      var last = 0;
      for (var i = 0; i < size; i++) {
        last += numbers[at++];
        ids[i] = last;
        tfs[i] = numbers[at++];
      }
      return { ids: ids, tfs: tfs, from: 0, to: size };
    }
    this.inText.set(form, list());
    this.inPath.set(form, list());
    this.encoded.delete(form);
  };

  ShardedIndex.prototype.addRecords = function (data) {
    var texts = engine.decodeStream(data.stream);
    for (var i = 0; i < data.eid.length; i++) {
      var r = data.first + i;
      this.records.eid[r] = data.eid[i];
      this.records.cite[r] = data.cite[i];
      this.textPieces.set(r, texts.pieces.slice(texts.starts[i], texts.starts[i + 1]));
    }
    var paths = engine.decodeStream(data.pathStream);
    for (var p = 0; p < data.paths.length; p++) {
      this.pathPieces.set(data.paths[p], paths.pieces.slice(paths.starts[p], paths.starts[p + 1]));
    }
  };

  /** Postings or lengths are missing: the scores would be wrong. */
  ShardedIndex.prototype.lacking = function () {
    for (var name of this.missing) if (name.charAt(0) === "p" || name.charAt(0) === "l") return true;
    return false;
  };

  /** The candidates of a query are the same until a postings or length shard comes
   *  in: a run that only lacked record texts (for the phrase scores and extracts) or
   *  elements does not score the query again. (Quoted phrases filter the candidates
   *  by their texts: those are scored again.) */
  ShardedIndex.prototype.candidates = function (parsed, words, options, wanted) {
    if (parsed.phrases.length) return engine.Index.prototype.candidates.call(this, parsed, words, options, wanted);
    var key = JSON.stringify([parsed, words, options, wanted]);
    var kept = this.kept;
    if (kept && kept.key === key && kept.scoring === this.scoringShards) {
      kept.missing.forEach(function (name) { this.missing.add(name); }, this);
      return kept.head;
    }
    var before = new Set(this.missing);
    var head = engine.Index.prototype.candidates.call(this, parsed, words, options, wanted);
    if (!this.lacking()) {
      var missing = Array.from(this.missing).filter(function (name) { return !before.has(name); });
      this.kept = { key: key, scoring: this.scoringShards, head: head, missing: missing };
    }
    return head;
  };

  /** A Promise of the results of `search(query, options)`, loading what it needs. */
  ShardedIndex.prototype.find = function (query, options) {
    var self = this;
    function run() {
      self.missing = new Set();
      var hits = self.search(query, options);
      var wanted = Array.from(self.missing);
      if (!wanted.length) return hits;
      // postings and lengths first: until they are in, the best hits (whose texts
      // the record shards hold) are not known
      var scoring = wanted.filter(function (name) { return name.charAt(0) !== "r"; });
      if (scoring.length) wanted = scoring;
      self.sequences.clear();      // some were made from texts not loaded yet
      return Promise.all(wanted.map(function (name) { return self.shard(name); })).then(run);
    }
    return Promise.resolve().then(run);
  };

  /** The file of a shard, from the site's root. */
  function file(name) {
    return "search/" + (name === "core" ? "regindex-core" : name) + ".js";
  }

  var received = new Map();

  /** What every shard script calls. */
  function add(name, data) {
    received.set(name, data);
  }

  /** Load a shard script into the page, from the site at `site` (a URL). */
  function scriptLoader(site) {
    return function (name) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(file(name), site).href;
        script.onload = function () {
          var data = received.get(name);
          received.delete(name);
          script.remove();
          if (data) resolve(data); else reject(new Error("regindex: " + file(name) + " gave no data"));
        };
        script.onerror = function () {
          script.remove();
          reject(new Error("regindex: cannot load " + file(name)));
        };
        document.head.appendChild(script);
      });
    };
  }

  /** A Promise of the sharded index of the site at `site` (in the browser), or of
   *  the one `load` gives (`load(name)`: a Promise of a shard's data). With `query`
   *  (a page opened with ?q=), the postings shards of its syllables are asked for as
   *  soon as the core is in, so that they load while the index is being read. */
  function open(site, load, query) {
    load = load || scriptLoader(site);
    return load("core").then(function (core) {
      var early = new Map();
      if (query) {
        engine.tokens(engine.normalise(query)).forEach(function (token) {
          var name = "p/" + bucket(engine.fold(token.text), core.buckets);
          // a syllable the index lacks may have no shard: that is no error
          if (!early.has(name)) early.set(name, load(name));
        });
      }
      var index = new ShardedIndex(core, load);
      early.forEach(function (loaded, name) { index.shard(name, loaded).catch(function () {}); });
      return index;
    });
  }

  return {
    ShardedIndex: ShardedIndex,
    open: open,
    add: add,
    file: file,
    bucket: bucket,
    decode: decode
  };
}));
