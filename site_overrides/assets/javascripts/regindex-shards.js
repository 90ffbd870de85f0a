/* regindex sharded search index: the engine of regindex-search.js on an index that
 * loads only what a query needs (written by regindex.site.search_shards).
 *
 * The core (search/regindex-core.js) holds each record's document and heading path:
 * what the scoring needs up front; no vocabulary. Postings shards (search/p/N.js)
 * hold word forms (their text, their records), length shards (l/N.js) the class of
 * the field lengths of a range of records (a lower bound, so a record's score has an
 * upper bound), measures shards (m/N.js) the exact lengths of a few records (asked
 * for the records whose bound reaches the best scores), record shards (r/N.js) the
 * citations and texts of consecutive records (with the pieces of the vocabulary they
 * use), completion shards (c/N.js) the folded words starting with the character of code N,
 * element shards (e/N.js) the citable elements of document N (for citation queries).
 * Each is a script calling RegindexShards.add(name, data), loaded on demand with a
 * <script> element (a page opened from file:// may load a script, not fetch a file)
 * and kept.
 *
 * The seam with the engine: ShardedIndex is an engine Index whose data accessors
 * (postings, frequency, piecesOf, the records' eid and cite, the fields' lengths) and
 * word look-ups (known, wordForms, gather, startsWord, completions) read the shards
 * loaded so far and note the shards they lacked. The engine learns word forms as
 * shards come in, so a look-up of a word is trusted only once the postings shard of
 * its first syllable is in (it holds every form with that syllable); until then it
 * answers "not known" and notes that shard, and the run is not ranked (`lacking`).
 * `find` runs the engine's synchronous `search`,
 * loads what it lacked and runs it again, until nothing was lacking: the engine's
 * analysis and scoring run unchanged on the same data, so the results are those of
 * the single-script index (a score bounded from a length class ranks nothing:
 * `resolveBounds`). `gather` first asks for the one shard that holds every form of
 * its key, so that a query word costs one shard, not one per form.
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

  var FORMAT = 5;
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
    this.vocabulary = new Array(core.pieces);    // filled by the record shards
    this.buckets = core.buckets;
    // per postings shard, 1 + the most records of one of its forms (0: an empty shard)
    this.bucketRecords = decode(core.bucketRecords);
    this.completionShards = new Set(core.completions);
    this.completing = new Map();  // code of a first character → its words, sorted, and their records
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
    // the engine's look-ups of word forms (readForms), filled as shards come in
    this.forms = new Array(core.forms);
    this.folded = new Array(core.forms);
    this.syllables = new Array(core.forms);
    this.serials = new Array(core.forms);
    this.formOf = new Int32Array(core.pieces).fill(-1);
    this.exact = new Map();
    this.byFolded = new Map();
    this.bySyllable = new Map();
    this.byFirst = new Map();     // first folded syllable → the folded words starting with it
    this.pathRecords = engine.group(path, paths);
    this.lengthsShard = core.lengths.shard;
    this.lengthClass = core.lengths["class"];
    this.measuresShard = core.lengths.measures;
    this.measured = new Uint8Array(count);   // 1: a record's text and syllables lengths are known
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
   *  of Whoosh's bytes); the text's and syllables' are lower bounds (0, then the least
   *  length of each record's class as length shards load) until the record's
   *  measures shard is in (`measured`). */
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

  /** A length shard: the class of each of its records' text and syllables length
   *  bytes; a class's least length bounds the record's (below the exact lengths of a
   *  measures shard, when in). */
  ShardedIndex.prototype.addLengths = function (data, n) {
    this.readLengths(data, n * this.lengthsShard, this.lengthClass, false);
    if (!this.loadedLengths[n]) this.lengthsMissing--;
    this.loadedLengths[n] = 1;
  };

  /** A measures shard: the exact text and syllables length bytes of its records. */
  ShardedIndex.prototype.addMeasures = function (data, n) {
    this.readLengths(data, n * this.measuresShard, 1, true);
  };

  /** Length bytes (or classes of `width` bytes) of the records from `first`: the
   *  text's, and the syllables' as zigzag gaps from them. A record once `exact`
   *  keeps its lengths. */
  ShardedIndex.prototype.readLengths = function (data, first, width, exact) {
    var table = this.scoring.lengths;
    var text = decode(data.text);
    var gaps = decode(data.syllables);
    for (var i = 0; i < text.length; i++) {
      if (this.measured[first + i]) continue;
      this.fields.text.lengths[first + i] = table[text[i] * width];
      this.fields.syllables.lengths[first + i] = table[(text[i] + signed(gaps[i])) * width];
      if (exact) this.measured[first + i] = 1;
    }
  };

  /** Until a record's exact lengths are in, its score is an upper bound. */
  ShardedIndex.prototype.bounded = function (record) {
    return !this.measured[record];
  };

  ShardedIndex.prototype.needRecord = function (record) {
    this.missing.add("m/" + Math.floor(record / this.measuresShard));
  };

  /** Note the length shards of records[from … to] that are not loaded. */
  ShardedIndex.prototype.needLengths = function (records, from, to) {
    if (!this.lengthsMissing) return;
    for (var i = from; i < to; i++) {
      var n = Math.floor(records[i] / this.lengthsShard);
      if (!this.loadedLengths[n]) this.missing.add("l/" + n);
    }
  };

  /** A word in many records needs the lengths of most: a word whose shard has a
   *  frequent form asks for them all with its postings, rather than once its postings
   *  say which (one wait less; a prefetch never changes a result). */
  ShardedIndex.prototype.prefetchLengths = function (n) {
    if ((this.bucketRecords[n] - 1) * PREFETCH < this.count) return;
    for (var l = 0; l * this.lengthsShard < this.count; l++) {
      if (!this.loadedLengths[l]) this.missing.add("l/" + l);
    }
  };

  /** Whether every form having a syllable key is known: its postings shard is loaded,
   *  or empty (no form has it). If not, the shard is noted. */
  ShardedIndex.prototype.hasBucket = function (syllable) {
    var n = bucket(syllable, this.buckets);
    if (this.loadedBuckets.has(n) || !this.bucketRecords[n]) return true;
    this.missing.add("p/" + n);
    return false;
  };

  /** The engine's look-ups, trusted only for a loaded shard: forms learned from
   *  record shards are in the maps too, but not every form of their syllables. */
  ShardedIndex.prototype.known = function (folded) {
    return this.hasBucket(folded.split(" ")[0]) && this.byFolded.has(folded);
  };

  ShardedIndex.prototype.wordForms = function (key) {
    if (!this.hasBucket(engine.fold(key).split(" ")[0])) return [];
    return engine.Index.prototype.wordForms.call(this, key);
  };

  /** Every form a key gathers has the key's first folded syllable (text, heading) or
   *  the key folded (syllables: "hệ" is in forms having the syllable "he"), so one
   *  shard holds them all. */
  ShardedIndex.prototype.gather = function (name, key, gathered) {
    var syllable = engine.fold(name === "syllables" ? key : key.split(" ")[0]);
    if (!this.hasBucket(syllable)) {
      this.prefetchLengths(bucket(syllable, this.buckets));
      return;
    }
    engine.Index.prototype.gather.call(this, name, key, gathered);
    this.needLengths(gathered.records, 0, gathered.size);
  };

  ShardedIndex.prototype.addForm = function (exact, form) {
    engine.Index.prototype.addForm.call(this, exact, form);
    var folded = this.folded[form];
    if (this.byFolded.get(folded).length === 1) {
      var first = folded.split(" ")[0];
      var list = this.byFirst.get(first);
      if (list) list.push(folded); else this.byFirst.set(first, [folded]);
    }
    return form;
  };

  /** The folded words starting with `prefix`, sorted, and how many records hold each
   *  (undefined, noting the shard, while it is not loaded): from the completion shard
   *  of its first character, or, when its first syllable is whole, from that
   *  syllable's postings shard. */
  ShardedIndex.prototype.startingWith = function (prefix) {
    var space = prefix.indexOf(" ");
    if (space < 0) {
      var code = prefix.charCodeAt(0);
      if (!this.completionShards.has(code)) return { words: [], records: [] };
      var found = this.completing.get(code);
      if (!found) this.missing.add("c/" + code);
      return found;
    }
    var first = prefix.slice(0, space);
    if (!this.hasBucket(first)) return undefined;
    var words = (this.byFirst.get(first) || []).slice().sort();
    var self = this;
    return {
      words: words,
      records: words.map(function (word) {
        return self.byFolded.get(word).reduce(function (sum, form) { return sum + self.frequency(form); }, 0);
      })
    };
  };

  ShardedIndex.prototype.startsWord = function (prefix) {
    var found = this.startingWith(prefix);
    if (!found) return false;
    var words = found.words;
    for (var i = 0; i < words.length; i++) if (words[i].lastIndexOf(prefix, 0) === 0) return true;
    return false;
  };

  /** As the engine's: folded words longer than `prefix` that start with it, most
   *  frequent first (equal ones in sorted order). */
  ShardedIndex.prototype.completions = function (prefix, limit) {
    var found = this.startingWith(prefix);
    if (!found) return [];
    var chosen = [];
    for (var i = 0; i < found.words.length; i++) {
      var word = found.words[i];
      if (word !== prefix && word.lastIndexOf(prefix, 0) === 0) chosen.push(i);
    }
    chosen.sort(function (a, b) { return found.records[b] - found.records[a] || a - b; });
    return chosen.slice(0, limit).map(function (i) { return found.words[i]; });
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

  /** How many records hold `form` in their text (a form of a loaded postings shard). */
  ShardedIndex.prototype.frequency = function (form) {
    var found = this.inText.get(form);
    if (found) return found.to - found.from;
    var encoded = this.encoded.get(form);
    return encoded ? encoded.numbers[encoded.at] : 0;
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
      if (kind === "p" || kind === "l" || kind === "c") self.scoringShards++;
      if (kind === "p") self.addPostings(data, +name.slice(2));
      else if (kind === "l") self.addLengths(data, +name.slice(2));
      else if (kind === "m") self.addMeasures(data, +name.slice(2));
      else if (kind === "c") self.completing.set(+name.slice(2), { words: data.words, records: decode(data.records) });
      else if (kind === "e") self.documents[+name.slice(2)].elements = data.elements;
      else self.addRecords(data);
    }, function (error) {
      self.loading.delete(name);
      throw error;
    });
    this.loading.set(name, found);
    return found;
  };

  /** A postings shard: its forms' texts (pieces of the vocabulary) and per form, its
   *  number, then its text and path postings, each their count and (gap, tf) pairs. A
   *  shard holds many forms a query does not ask for: each form's lists are only found
   *  here, and read when asked (`postings`). */
  ShardedIndex.prototype.addPostings = function (data, n) {
    var numbers = decode(data.postings);
    var at = 0;
    for (var i = 0; at < numbers.length; i++) {
      var form = numbers[at++];
      if (this.forms[form] === undefined) this.addForm(engine.formText(data.forms[i]), form);
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

  /** A record shard: the pieces of the vocabulary its texts use (their numbers as
   *  gaps, texts, word forms + 1, 0 for a separator), then its records' citations and
   *  texts, and their heading paths. */
  ShardedIndex.prototype.addRecords = function (data) {
    var gaps = decode(data.pieces);
    var forms = decode(data.forms);
    for (var k = 0, piece = 0; k < gaps.length; k++) {
      var form = forms[k] - 1;
      piece += gaps[k];
      this.vocabulary[piece] = data.texts[k];
      this.formOf[piece] = form;
      if (form >= 0 && this.forms[form] === undefined) this.addForm(engine.formText(data.texts[k]), form);
    }
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

  /** Postings, lengths or completions are missing, or the exact lengths of records
   *  that may rank: the scores would be wrong (and while a postings shard is missing,
   *  the query's analysis may be). */
  ShardedIndex.prototype.lacking = function () {
    for (var name of this.missing) if ("plcm".indexOf(name.charAt(0)) >= 0) return true;
    return false;
  };

  /** The candidates of a query are the same until a postings, length or completion
   *  shard comes in: a run that only lacked record texts (for the phrase scores and extracts) or
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
   *  soon as the core is in, so that they load while the index is being read (a
   *  shard that is empty is never asked for). */
  function open(site, load, query) {
    load = load || scriptLoader(site);
    return load("core").then(function (core) {
      var early = new Map();
      if (query) {
        var most = decode(core.bucketRecords);
        engine.tokens(engine.normalise(query)).forEach(function (token) {
          var n = bucket(engine.fold(token.text), core.buckets);
          if (!early.has("p/" + n) && most[n]) early.set("p/" + n, load("p/" + n));
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
