/* regindex in-browser search engine: the index, query analysis, scoring, extracts.
 *
 * It reads the index written at build time by regindex.site.search_index (a script
 * assigning the global REGINDEX_SEARCH_INDEX, so it loads from file:// too) and answers
 * queries with no request. The search box lives in regindex-search-ui.js; this file
 * has no DOM code, so that Node's test runner loads it as it is.
 *
 * How it mirrors `regindex search` (regindex.index.search):
 * - The index carries every record as the words the Python segmentation found
 *   (underthesea cannot run here). On load, the engine builds from them the fields of
 *   the Whoosh schema: `text` and `heading` hold each word lower-cased and, when it
 *   differs, folded (no accents, đ → d); `syllables` holds the folded syllables of
 *   heading and text, and a document number's serial ("124" of "124-qđ/tw"). Field
 *   lengths are rounded through Whoosh's one-byte table, as Whoosh stores them.
 * - Every rule of the analysis (analysis form, folding, tokens, quotes, number and
 *   citation queries) is read from regindex-analysis.js, generated from Python
 *   (regindex.analysis.rules); tests/conformance/*.json are answered by both sides.
 * - A query that is a citation or a document number puts what it names first, as
 *   regindex.index.lookup does (`named`).
 * - A query is split as regindex.analysis.analyse_query splits it: its syllables are
 *   grouped greedily into the longest runs that are words of the index, compared
 *   without accents, so "xep loai dang vien" finds "xếp loại", "đảng viên".
 * - Scoring is regindex.index.rank's BM25F with the same weights: each word in `text`
 *   and `heading`, its syllables in `syllables`; typed without accents by its folded
 *   form (every accented form), typed with accents by its exact form only. Records of
 *   expired documents score `scoring.expired` of their score.
 *   "Quoted phrases" must occur, syllable after syllable.
 * - Only here: while typing, the last word also matches the words it starts ("tai li"
 *   → "tài liệu"); and the best candidates score more for having the query's words as
 *   typed: each pair of neighbouring words, and the whole query (a verbatim fragment of
 *   a clause finds that clause first). Both are weighed in the index's `scoring`.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.RegindexSearch = factory();
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Every analysis rule comes from Python (regindex.analysis.rules, generated into
  // regindex-analysis.js): nothing here writes one again.
  var RULES = typeof module === "object" && module.exports ? require("./regindex-analysis.js") :
    self.RegindexAnalysis;
  var TOKEN = new RegExp(RULES.token, "gu");
  var NEW_STYLE = new RegExp(RULES.newStyle, "gu");
  var RARE = new RegExp(RULES.rare, "gu");
  // every character the fold table changes, as one class (one replace per text)
  var FOLDED = new RegExp("[" + Object.keys(RULES.fold).map(function (c) {
    return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
  }).join("") + "]", "g");
  var UNCLEAN = new RegExp("[" + Object.keys(RULES.analysis).join("") + "]", "g");
  var QUOTED = new RegExp(RULES.query, "gu");
  var NUMBER_QUERY = new RegExp(RULES.numberQuery, "u");
  var NUMBER_CODE = new RegExp(RULES.numberCode, "gu");
  var CITATION_QUERY = new RegExp(RULES.citationQuery, "u");
  var ABBREVIATION = new RegExp(RULES.abbreviation, "giu");
  var STRUCTURE = new Set(RULES.structureWords);
  var MARK = /\p{M}/gu;
  var ASCII = /^[\x00-\x7f]*$/;
  var SERIAL = /^[0-9]+/;
  var DIGIT_IN = /[0-9]/;
  var SPACES = /\s\s|[^\S ]/;            // spaces other than single plain ones
  var SEQUENCES_KEPT = 5000;      // records whose syllables stay decoded between queries
  var BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = new Int8Array(128);
  for (var d = 0; d < BASE64.length; d++) DIGIT[BASE64.charCodeAt(d)] = d;

  function foldChar(c) {
    var folded = RULES.fold[c];
    return folded === undefined ? c : folded;
  }

  function foldRare(run) {
    return run.normalize("NFD").replace(MARK, "");
  }

  /** Drop Vietnamese diacritics (đ → d): regindex.normalise.fold_diacritics. */
  function fold(text) {
    if (ASCII.test(text)) return text;
    return text.replace(FOLDED, foldChar).replace(RARE, foldRare);
  }

  /** `text` in its analysis form: regindex.normalise.analysis_form (NFC, tones placed
   *  the old way, look-alikes and invisible characters read as Vietnamese and spaces;
   *  the same length, so offsets hold). Line ends are the caller's. */
  function normalise(text) {
    text = text.replace(/\r\n?/g, "\n").replace(/^\uFEFF+/, "").normalize("NFC");
    if (ASCII.test(text)) return text;
    text = text.replace(UNCLEAN, function (c) { return RULES.analysis[c]; });
    return text.replace(NEW_STYLE, function (pair) { return RULES.oldStyle[pair]; });
  }

  /** Tokens of a text: [{text (lower case), start, end, kind}], kind as in Python:
   *  "docnumber", "number" or "syllable". */
  function tokens(text) {
    var found = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      var groups = match.groups;
      found.push({
        text: match[0].toLowerCase(),
        start: match.index,
        end: TOKEN.lastIndex,
        kind: groups.docnumber !== undefined ? "docnumber" : groups.number !== undefined ? "number" : "syllable"
      });
    }
    return found;
  }

  function isDocnumber(word) {
    if (!DIGIT_IN.test(word)) return false;     // a document number has its serial
    var found = tokens(word);
    return found.length === 1 && found[0].kind === "docnumber" && found[0].end === word.length;
  }

  /** The numbers of a stream (see search_index.py): {pieces, starts}, where text i is
   *  pieces[starts[i]] … pieces[starts[i + 1] - 1]. */
  function decodeStream(code) {
    var pieces = new Int32Array(code.length);
    var starts = [0];
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
      if (value === 0) {
        starts.push(count);
      } else {
        pieces[count++] = value;
      }
      value = 0;
      shift = 1;
    }
    return { pieces: pieces.subarray(0, count), starts: starts };
  }

  /** BM25 of one term in one record, as regindex.index.rank computes it. */
  function bm25(idf, tf, length, average, k1, b) {
    return idf * (tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / average));
  }

  /** Lucene's idf, which regindex.index.rank uses: never negative. */
  function idf(records, df) {
    return Math.log(1 + (records - df + 0.5) / (df + 0.5));
  }

  /** A field length as Whoosh stores it: rounded up to its one-byte table. */
  function storedLength(table, length) {
    var low = 0;
    var high = table.length - 1;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (table[mid] < length) low = mid + 1; else high = mid;
    }
    return table[low];
  }

  /** Postings of word forms over the texts of a stream: the texts holding form f are
   *  ids[offsets[f] … offsets[f + 1]], tfs[…] times each. */
  function Postings(stream, formOf, formCount) {
    var texts = stream.starts.length - 1;
    var offsets = new Int32Array(formCount + 1);
    var last = new Int32Array(formCount).fill(-1);
    var f, p, t;
    for (t = 0; t < texts; t++) {
      for (p = stream.starts[t]; p < stream.starts[t + 1]; p++) {
        f = formOf[stream.pieces[p]];
        if (f >= 0 && last[f] !== t) {
          last[f] = t;
          offsets[f + 1]++;
        }
      }
    }
    for (f = 0; f < formCount; f++) offsets[f + 1] += offsets[f];
    var ids = new Int32Array(offsets[formCount]);
    var tfs = new Int32Array(offsets[formCount]);
    var cursor = offsets.slice(0, formCount);
    var slot = new Int32Array(formCount);
    last.fill(-1);
    for (t = 0; t < texts; t++) {
      for (p = stream.starts[t]; p < stream.starts[t + 1]; p++) {
        f = formOf[stream.pieces[p]];
        if (f < 0) continue;
        if (last[f] !== t) {
          last[f] = t;
          slot[f] = cursor[f]++;
          ids[slot[f]] = t;
        }
        tfs[slot[f]]++;
      }
    }
    this.offsets = offsets;
    this.ids = ids;
    this.tfs = tfs;
  }

  /** Term frequencies of one field key, gathered record by record. */
  function Gathered(count) {
    this.tf = new Int32Array(count);          // whole numbers: half the memory to touch
    this.records = new Int32Array(count);
    this.size = 0;
  }

  Gathered.prototype.add = function (record, tf) {
    if (this.tf[record] === 0) this.records[this.size++] = record;
    this.tf[record] += tf;
  };

  Gathered.prototype.clear = function () {
    for (var i = 0; i < this.size; i++) this.tf[this.records[i]] = 0;
    this.size = 0;
  };

  /** Scores of the records a query touches: the work of a query is in proportion to
   *  the records its terms find, not to the index (a pass over 347 k records per
   *  query was most of a query's time on the whole codified law). */
  function Scores(count) {
    this.of = new Float64Array(count);
    this.seen = new Uint8Array(count);
    this.records = new Int32Array(count);
    this.size = 0;
  }

  /** Note that a query touches `record`. */
  Scores.prototype.touch = function (record) {
    if (!this.seen[record]) {
      this.seen[record] = 1;
      this.records[this.size++] = record;
    }
  };

  Scores.prototype.add = function (record, score) {
    this.touch(record);
    this.of[record] += score;
  };

  /** The records touched, in record order. */
  Scores.prototype.inOrder = function () {
    var out = new Int32Array(this.size);
    for (var r = 0, n = 0; r < this.seen.length; r++) if (this.seen[r]) out[n++] = r;
    return out;
  };

  /** Keep the larger of a record's score and `score`. */
  Scores.prototype.raise = function (record, score) {
    this.touch(record);
    if (score > this.of[record]) this.of[record] = score;
  };

  Scores.prototype.clear = function () {
    for (var i = 0; i < this.size; i++) {
      this.of[this.records[i]] = 0;
      this.seen[this.records[i]] = 0;
    }
    this.size = 0;
  };

  /** The `k`-th largest of `values` (k ≥ 1, k ≤ values.length), by selection. */
  function kthLargest(values, k) {
    var low = 0;
    var high = values.length - 1;
    var target = values.length - k;         // its place in ascending order
    while (low < high) {
      var pivot = values[(low + high) >> 1];
      var i = low;
      var j = high;
      while (i <= j) {
        while (values[i] < pivot) i++;
        while (values[j] > pivot) j--;
        if (i <= j) {
          var swap = values[i];
          values[i++] = values[j];
          values[j--] = swap;
        }
      }
      if (target <= j) high = j;
      else if (target >= i) low = i;
      else return values[target];
    }
    return values[target];
  }

  /** The engine on an index script's payload (see search_index.py). */
  function Index(payload) {
    this.scoring = payload.scoring;
    this.documents = payload.documents;
    this.records = payload.records;
    this.vocabulary = payload.vocabulary;
    this.count = payload.records.document.length;
    this.texts = decodeStream(payload.stream);
    this.paths = decodeStream(payload.pathStream);
    this.readForms(new Set(payload.separators));
    this.inText = new Postings(this.texts, this.formOf, this.forms.length);
    this.inPath = new Postings(this.paths, this.formOf, this.forms.length);
    this.pathRecords = group(this.records.path, this.paths.starts.length - 1);
    this.fields = this.measureFields();
    this.gathered = new Gathered(this.count);
    this.sequences = new Map();
  }

  /** The word forms of the vocabulary: each word lower-cased, its syllables joined by
   *  one space, as the Whoosh tokenizer gives it (case variants share a form); and the
   *  look-ups by exact form, folded form, syllable and folded prefix. */
  Index.prototype.readForms = function (separators) {
    this.forms = [];              // form → exact text
    this.folded = [];             // form → folded text
    this.syllables = [];          // form → its tokens in `syllables` (see below)
    this.serials = [];            // form → a document number's serial, or null
    this.formOf = new Int32Array(this.vocabulary.length).fill(-1);
    this.exact = new Map();
    this.byFolded = new Map();    // folded text → its forms
    this.bySyllable = new Map();  // token of `syllables` → the forms that have it
    for (var n = 1; n < this.vocabulary.length; n++) {
      if (separators.has(n)) continue;
      var exact = formText(this.vocabulary[n]);
      var form = this.exact.get(exact);
      if (form === undefined) form = this.addForm(exact, this.forms.length);
      this.formOf[n] = form;
    }
  };

  /** The word form of a piece of the vocabulary. The vocabulary is the stored text;
   *  forms are read in its analysis form ("khoá" is "khóa"), lower-cased. */
  function formText(piece) {
    var exact = normalise(piece).toLowerCase();
    return SPACES.test(exact) ? exact.split(/\s+/).join(" ") : exact;
  }

  /** A new word form, number `form`, in every look-up (the sharded index learns forms
   *  in any order): its number. */
  Index.prototype.addForm = function (exact, form) {
    var folded = fold(exact);
    this.exact.set(exact, form);
    this.forms[form] = exact;
    this.folded[form] = folded;
    addTo(this.byFolded, folded, form);
    // As the syllable analyzer: each syllable folded and, when that differs, as
    // written; and a document number's serial.
    var syllables;
    if (folded === exact && folded.indexOf(" ") < 0) {
      syllables = [folded];
    } else {
      var bare = folded.split(" ");
      var written = exact.split(" ");
      syllables = [];
      for (var k = 0; k < bare.length; k++) {
        syllables.push(bare[k]);
        if (written[k] !== bare[k]) syllables.push(written[k]);
      }
    }
    var serial = isDocnumber(exact) ? SERIAL.exec(exact)[0] : null;
    if (serial !== null) syllables.push(serial);
    for (var s = 0; s < syllables.length; s++) addTo(this.bySyllable, syllables[s], form);
    this.syllables[form] = syllables;
    this.serials[form] = serial;
    return form;
  };

  /** Add `form` to the forms of `key`, in order of their numbers (as the single
   *  script reads them, whatever order the sharded index learns them in), once:
   *  "công cộng" has "cong" twice. */
  function addTo(map, key, form) {
    var list = map.get(key);
    if (!list) {
      map.set(key, [form]);
      return;
    }
    var at = list.length;
    while (at > 0 && list[at - 1] > form) at--;
    if (list[at - 1] !== form) list.splice(at, 0, form);
  }

  /** The three fields' lengths, as Whoosh counts tokens: a word, and its folded form
   *  when it differs; a syllable, and a document number's serial. */
  Index.prototype.measureFields = function () {
    var tokens = new Int32Array(this.forms.length);
    for (var f = 0; f < this.forms.length; f++) {
      tokens[f] = (this.forms[f] === this.folded[f] ? 1 : 2) | this.syllables[f].length << 8;
    }
    var inPaths = this.lengthsOf(this.paths, tokens);
    var inTexts = this.lengthsOf(this.texts, tokens);
    var heading = new Float64Array(this.count);
    var syllables = new Float64Array(this.count);
    for (var r = 0; r < this.count; r++) {
      heading[r] = inPaths.words[this.records.path[r]];
      syllables[r] = inPaths.syllables[this.records.path[r]] + inTexts.syllables[r];
    }
    var boosts = this.scoring.boosts;
    return {
      text: this.field(inTexts.words, boosts.text),
      heading: this.field(heading, boosts.heading),
      syllables: this.field(syllables, boosts.syllables)
    };
  };

  /** The records of each group, given each record's group: {offsets, ids} as in
   *  Postings (the records of group g are ids[offsets[g] … offsets[g + 1]]). */
  function group(groupOf, groups) {
    var offsets = new Int32Array(groups + 1);
    var r;
    for (r = 0; r < groupOf.length; r++) offsets[groupOf[r] + 1]++;
    for (var g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
    var ids = new Int32Array(groupOf.length);
    var cursor = offsets.slice(0, groups);
    for (r = 0; r < groupOf.length; r++) ids[cursor[groupOf[r]]++] = r;
    return { offsets: offsets, ids: ids };
  }

  /** Text `i` of a stream, as it was written. */
  Index.prototype.textOf = function (stream, i) {
    var out = "";
    var word = false;
    var pieces = this.piecesOf(stream, i);
    for (var p = 0; p < pieces.length; p++) {
      var n = pieces[p];
      var isWord = this.formOf[n] >= 0;
      if (word && isWord) out += " ";
      out += this.vocabulary[n];
      word = isWord;
    }
    return out;
  };

  /** Per text of a stream, its tokens in a word field and in the syllables field;
   *  `tokens[form]` holds the form's word tokens in its low byte, syllables above. */
  Index.prototype.lengthsOf = function (stream, tokens) {
    var texts = stream.starts.length - 1;
    var words = new Float64Array(texts);
    var syllables = new Float64Array(texts);
    for (var t = 0; t < texts; t++) {
      var w = 0;
      var y = 0;
      for (var p = stream.starts[t]; p < stream.starts[t + 1]; p++) {
        var form = this.formOf[stream.pieces[p]];
        if (form < 0) continue;
        w += tokens[form] & 255;
        y += tokens[form] >> 8;
      }
      words[t] = w;
      syllables[t] = y;
    }
    return { words: words, syllables: syllables };
  };

  /** A field's lengths as Whoosh stores them (rounded through its one-byte table),
   *  their average, and the field's boost. */
  Index.prototype.field = function (lengths, boost) {
    var total = 0;
    var stored = new Float64Array(lengths.length);
    for (var r = 0; r < lengths.length; r++) {
      stored[r] = lengths[r] ? storedLength(this.scoring.lengths, lengths[r]) : 0;
      total += stored[r];
    }
    return { lengths: stored, average: total / Math.max(1, lengths.length) || 1, boost: boost };
  };

  /** Add to `gathered` the frequency of `form`, times `times`, in the records' texts
   *  (or in their heading paths). */
  Index.prototype.gatherForm = function (form, times, gathered, inPath) {
    var postings = this.postings(form, inPath);
    for (var i = postings.from; i < postings.to; i++) {
      var tf = postings.tfs[i] * times;
      if (!inPath) {
        gathered.add(postings.ids[i], tf);
        continue;
      }
      var path = postings.ids[i];
      for (var j = this.pathRecords.offsets[path]; j < this.pathRecords.offsets[path + 1]; j++) {
        gathered.add(this.pathRecords.ids[j], tf);
      }
    }
  };

  /** The records holding `form` in their text (or the heading paths holding it):
   *  ids[from … to], tfs[…] times each. The sharded index (regindex-shards.js) gives
   *  them from the shards it has loaded. */
  Index.prototype.postings = function (form, inPath) {
    var postings = inPath ? this.inPath : this.inText;
    return { ids: postings.ids, tfs: postings.tfs, from: postings.offsets[form], to: postings.offsets[form + 1] };
  };

  /** How many records hold `form` in their text. */
  Index.prototype.frequency = function (form) {
    return this.inText.offsets[form + 1] - this.inText.offsets[form];
  };

  /** The piece numbers of text `i` of a stream (this.texts or this.paths). */
  Index.prototype.piecesOf = function (stream, i) {
    return stream.pieces.subarray(stream.starts[i], stream.starts[i + 1]);
  };

  /** Gather the frequencies of a Whoosh token in a field: in `text` and `heading`, an
   *  exact form (with accents) is that form; a folded form is every form that folds
   *  to it. In `syllables`, a syllable is in every form that has it. */
  Index.prototype.gather = function (name, key, gathered) {
    if (name === "syllables") {
      var holders = this.bySyllable.get(key) || [];
      for (var h = 0; h < holders.length; h++) {
        var times = 0;
        var list = this.syllables[holders[h]];
        for (var s = 0; s < list.length; s++) if (list[s] === key) times++;
        this.gatherForm(holders[h], times, gathered, false);
        this.gatherForm(holders[h], times, gathered, true);
      }
      return;
    }
    var forms = this.wordForms(key);
    for (var f = 0; f < forms.length; f++) this.gatherForm(forms[f], 1, gathered, name === "heading");
  };

  /** The forms a word key of `text` or `heading` stands for: an exact form (with
   *  accents) is that form; a folded form is every form that folds to it. */
  Index.prototype.wordForms = function (key) {
    return fold(key) === key ? this.byFolded.get(key) || [] :
      this.exact.has(key) ? [this.exact.get(key)] : [];
  };

  /** Note that the field lengths of records[from … to] are needed (the sharded index
   *  loads them). */
  Index.prototype.needLengths = function () {};

  /** Whether `folded` is a word of the index (in text or heading). */
  Index.prototype.known = function (folded) {
    return this.byFolded.has(folded);
  };

  /** The query as words {text, folded, prefix}, as analyse_query splits it: the
   *  longest runs of syllables (separated by spaces only) that are words of the index.
   *  When `typing` and the query ends in a letter, its last syllables are a prefix: the
   *  longest tail that starts some word ("tai li" → "tài liệu"). */
  Index.prototype.analyse = function (query, typing) {
    var text = normalise(query);
    var found = tokens(text);
    var tail = 0;
    var last = found[found.length - 1];
    if (typing && last && last.end === text.length && last.kind === "syllable") {
      tail = 1;
      for (var size = Math.min(this.scoring.longestWord, found.length); size > 1; size--) {
        var run = found.slice(found.length - size);
        if (joinable(text, run) && this.startsWord(fold(words(run)))) {
          tail = size;
          break;
        }
      }
    }
    var terms = [];
    for (var i = 0; i < found.length - tail;) {
      size = Math.min(this.scoring.longestWord, found.length - tail - i);
      while (size > 1 && !(joinable(text, found.slice(i, i + size)) &&
                           this.known(fold(words(found.slice(i, i + size)))))) size--;
      terms.push(term(found.slice(i, i + size), false));
      i += size;
    }
    if (tail) terms.push(term(found.slice(found.length - tail), true));
    return terms;
  };

  function joinable(text, run) {
    for (var i = 0; i < run.length; i++) {
      if (run[i].kind !== "syllable") return false;
      if (i && text.slice(run[i - 1].end, run[i].start).trim() !== "") return false;
    }
    return true;
  }

  function words(run) {
    return run.map(function (t) { return t.text; }).join(" ");
  }

  function term(run, prefix) {
    var exact = words(run);
    if (run[0].kind === "docnumber") exact = exact.replace(/\u2013/g, "-");
    return { text: exact, folded: fold(exact), prefix: prefix };
  }

  /** The folded words, sorted (made when the first word is completed). */
  Index.prototype.sortedWords = function () {
    return this.words || (this.words = Array.from(this.byFolded.keys()).sort());
  };

  /** The first position in the sorted folded words not below `form`. */
  Index.prototype.lowerBound = function (form) {
    var words = this.sortedWords();
    var low = 0;
    var high = words.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (words[mid] < form) low = mid + 1; else high = mid;
    }
    return low;
  };

  Index.prototype.startsWord = function (form) {
    var words = this.sortedWords();
    var at = this.lowerBound(form);
    return at < words.length && words[at].lastIndexOf(form, 0) === 0;
  };

  /** Folded words longer than `prefix` that start with it, most frequent first. */
  Index.prototype.completions = function (prefix, limit) {
    var words = this.sortedWords();
    var found = [];
    for (var at = this.lowerBound(prefix); at < words.length && words[at].lastIndexOf(prefix, 0) === 0; at++) {
      if (words[at] !== prefix) found.push(words[at]);
    }
    var self = this;
    function frequency(folded) {
      return self.byFolded.get(folded).reduce(function (sum, form) {
        return sum + self.frequency(form);
      }, 0);
    }
    found.sort(function (a, b) { return frequency(b) - frequency(a); });
    return found.slice(0, limit);
  };

  /** Add `weight` × the field's boost × BM25 of a Whoosh token `key` in field `name`
   *  to the scores. */
  Index.prototype.addScores = function (name, key, weight, scores) {
    if (name === "text") {
      var forms = this.wordForms(key);
      if (forms.length === 1) return this.addFormScores(forms[0], weight, scores);
    }
    var gathered = this.gathered;
    this.gather(name, key, gathered);
    if (gathered.size) {
      var s = this.scoring;
      var field = this.fields[name];
      var factor = weight * field.boost;
      var rarity = idf(this.count, gathered.size);
      for (var i = 0; i < gathered.size; i++) {
        var r = gathered.records[i];
        scores.add(r, factor * bm25(rarity, gathered.tf[r], field.lengths[r], field.average, s.k1, s.b));
      }
    }
    gathered.clear();
  };

  /** `addScores` of a `text` key that is one form: its postings are the records and
   *  their frequencies (the common case, with no forms to add up first). */
  Index.prototype.addFormScores = function (form, weight, scores) {
    var postings = this.postings(form, false);
    var ids = postings.ids;
    var tfs = postings.tfs;
    if (postings.to === postings.from) return;
    this.needLengths(ids, postings.from, postings.to);
    var s = this.scoring;
    var field = this.fields.text;
    var lengths = field.lengths;
    var factor = weight * field.boost;
    var rarity = idf(this.count, postings.to - postings.from);
    for (var i = postings.from; i < postings.to; i++) {
      var r = ids[i];
      scores.add(r, factor * bm25(rarity, tfs[i], lengths[r], field.average, s.k1, s.b));
    }
  };

  /** The Whoosh terms of a query's words, as regindex.index.search builds them:
   *  [field, key, weight]. */
  Index.prototype.queryTerms = function (words) {
    var s = this.scoring;
    var terms = [];
    words.forEach(function (word) {
      // Typed with accents: the exact form only ("hôn nhân" never finds "hơn").
      var accented = word.text !== word.folded;
      var form = accented ? word.text : word.folded;
      var weight = accented ? s.exact + s.folded : s.folded;
      terms.push(["text", form, weight], ["heading", form, weight]);
      form.split(" ").forEach(function (syllable) { terms.push(["syllables", syllable, s.syllable]); });
    });
    return terms;
  };

  /** The best score of a completion of the word being typed, per record. */
  Index.prototype.scoreCompletions = function (word) {
    // kept between queries: each keystroke asks again
    var best = this.bestCompletion || (this.bestCompletion = new Scores(this.count));
    var scores = this.completionScores || (this.completionScores = new Scores(this.count));
    best.clear();
    var completions = this.completions(word.folded, this.scoring.completions);
    for (var c = 0; c < completions.length; c++) {
      this.addScores("text", completions[c], this.scoring.folded, scores);
      this.addScores("heading", completions[c], this.scoring.folded, scores);
      for (var i = 0; i < scores.size; i++) {
        var r = scores.records[i];
        best.raise(r, scores.of[r]);
      }
      scores.clear();
    }
    return best;
  };

  /** The folded syllables of a record, heading path first, as the syllables field
   *  holds them: [syllables, serials] (a document number's serial shares its
   *  position). */
  Index.prototype.sequence = function (record) {
    var found = this.sequences.get(record);
    if (found) return found;
    var syllables = [];
    var serials = [];
    var self = this;
    [[this.paths, this.records.path[record]], [this.texts, record]].forEach(function (part) {
      var pieces = self.piecesOf(part[0], part[1]);
      for (var p = 0; p < pieces.length; p++) {
        var form = self.formOf[pieces[p]];
        if (form < 0) continue;
        var list = self.folded[form].split(" ");
        var serial = self.serials[form];
        for (var k = 0; k < list.length; k++) {
          syllables.push(list[k]);
          serials.push(serial);
        }
      }
    });
    found = [syllables, serials];
    if (this.sequences.size >= SEQUENCES_KEPT) this.sequences.clear();
    this.sequences.set(record, found);
    return found;
  };

  /** Whether the folded syllables `wanted` stand one after another in the record. */
  Index.prototype.contains = function (record, wanted) {
    return this.occurrences(record, wanted, true) > 0;
  };

  /** How often the folded syllables `wanted` stand one after another in the record
   *  (stopping at the first when `any`). */
  Index.prototype.occurrences = function (record, wanted, any) {
    var sequence = this.sequence(record);
    var found = 0;
    for (var start = 0; start + wanted.length <= sequence[0].length; start++) {
      var k = 0;
      while (k < wanted.length && (sequence[0][start + k] === wanted[k] || sequence[1][start + k] === wanted[k])) k++;
      if (k === wanted.length && (++found, any)) break;
    }
    return found;
  };

  /** The phrases a query's words make, to reward records that have them as typed:
   *  each pair of neighbouring words, with the idf of its rarer word in the text (a
   *  pair is at least as rare as its words), and the whole query, with the sum of its
   *  words' idfs. [{syllables, idf, weight}] */
  Index.prototype.phrases = function (words) {
    var s = this.scoring;
    var whole = words.filter(function (word) { return !word.prefix; });
    var rarity = whole.map(function (word) {
      this.gather("text", word.folded, this.gathered);
      var found = this.gathered.size ? idf(this.count, this.gathered.size) : 0;
      this.gathered.clear();
      return found;
    }, this);
    var phrases = [];
    for (var w = 0; w + 1 < whole.length; w++) {
      phrases.push({ syllables: (whole[w].folded + " " + whole[w + 1].folded).split(" "),
                     idf: Math.max(rarity[w], rarity[w + 1]), weight: s.adjacent });
    }
    if (whole.length > 2) {
      phrases.push({ syllables: whole.map(function (word) { return word.folded; }).join(" ").split(" "),
                     idf: rarity.reduce(function (a, b) { return a + b; }, 0), weight: s.phrase });
    }
    return phrases;
  };

  /** A record's score for the query's phrases it has (see `phrases`): each scores as
   *  one more BM25 term of the syllables field, as Solr's "pf" and "pf2" do. */
  Index.prototype.phraseScore = function (record, phrases) {
    var s = this.scoring;
    var field = this.fields.syllables;
    var score = 0;
    for (var p = 0; p < phrases.length; p++) {
      var tf = this.occurrences(record, phrases[p].syllables, false);
      if (tf) score += phrases[p].weight * bm25(phrases[p].idf, tf, field.lengths[record], field.average, s.k1, s.b);
    }
    return score;
  };

  /** {text, phrases}: quoted phrases must occur; their words rank like the others.
   *  As regindex.index.query.parse_query, but a quote never closed is left out rather
   *  than refused (the box is read while it is typed). */
  function parseQuery(query) {
    var phrases = [];
    var words = [];
    var match;
    QUOTED.lastIndex = 0;
    while ((match = QUOTED.exec(query)) !== null) {
      var phrase = match.groups.phrase;
      if (phrase !== undefined) {
        var found = tokens(normalise(phrase));
        if (found.length) phrases.push(found.map(function (t) { return fold(t.text); }));
      }
      words.push(match[0].replace(/^["\u201C\u201D]+|["\u201C\u201D]+$/g, ""));
    }
    return { text: words.join(" "), phrases: phrases };
  }

  /** Ranked results for a query.
   *  options: limit (10), inForce (only documents still in force), typing (the last
   *  syllable may be unfinished). */
  Index.prototype.search = function (query, options) {
    options = options || {};
    var s = this.scoring;
    var limit = options.limit || 10;
    var self = this;
    var named = this.named(query).filter(function (hit) {
      var doc = self.documents.indexOf(hit.document);
      return (options.document === undefined || options.document === doc) &&
        (!options.inForce || s.inForce.indexOf(hit.document.status) >= 0);
    });
    var parsed = parseQuery(query);
    var words = this.analyse(parsed.text, options.typing);
    var head = this.candidates(parsed, words, options, Math.max(limit, s.candidates))
      .map(function (hit) { return { record: hit.record, score: hit.score }; });
    var phrases = s.adjacent || s.phrase ? this.phrases(words) : [];
    if (phrases.length) {
      for (var h = 0; h < head.length; h++) {
        var extra = this.phraseScore(head[h].record, phrases);
        head[h].score += this.expired(head[h].record) ? s.expired * extra : extra;
      }
      head.sort(byScore);
    }
    var shown = new Set(named.map(function (hit) { return hit.url; }));
    var ranked = head.map(function (hit) { return self.result(hit, words); })
      .filter(function (hit) { return !shown.has(hit.url); });
    return named.concat(ranked).slice(0, limit);
  };

  /** The `wanted` best records by their terms' scores ([{record, score}], best
   *  first), before the phrase scores. */
  Index.prototype.candidates = function (parsed, words, options, wanted) {
    var s = this.scoring;
    var scores = this.scores || (this.scores = new Scores(this.count));
    scores.clear();
    var terms = this.queryTerms(words);
    for (var t = 0; t < terms.length; t++) this.addScores(terms[t][0], terms[t][1], terms[t][2], scores);
    var last = words[words.length - 1];
    if (last && last.prefix) {
      var completed = this.scoreCompletions(last);
      for (var c = 0; c < completed.size; c++) {
        var record = completed.records[c];
        scores.add(record, s.prefix * completed.of[record]);
      }
    }
    if (this.lacking()) return [];
    // per document: whether the options keep its records, whether it has expired
    var kept = new Float64Array(scores.size);
    var allowed = new Uint8Array(this.documents.length);
    var expired = new Uint8Array(this.documents.length);
    for (var d = 0; d < this.documents.length; d++) {
      var status = this.documents[d].status;
      allowed[d] = (!options.inForce || s.inForce.indexOf(status) >= 0) &&
        (options.document === undefined || options.document === d) ? 1 : 0;
      expired[d] = status === "expired" ? 1 : 0;
    }
    var documentOf = this.records.document;
    var phrases = parsed.phrases.length > 0;
    var found = 0;
    // A record whose field lengths are not known yet has an upper bound for a score
    // (`bounded`): it is ranked once its bound reaches the best exact scores.
    var bounds = [];
    // When a query touches many records, reading them in order is faster than in the
    // order they were found (the order does not change the result).
    var touched = scores.size > this.count / 8 ? scores.inOrder() : scores.records.subarray(0, scores.size);
    for (var i = 0; i < touched.length; i++) {
      var r = touched[i];
      if (scores.of[r] > 0 && allowed[documentOf[r]] && (!phrases || this.hasPhrases(r, parsed.phrases))) {
        if (expired[documentOf[r]]) scores.of[r] *= s.expired;
        if (this.bounded(r)) bounds.push(r);
        else kept[found++] = scores.of[r];
      } else {
        scores.of[r] = 0;
      }
    }
    // The score of the `wanted`-th best: only records at or above it are sorted.
    var floor = found >= wanted ? kthLargest(kept.subarray(0, found), wanted) : 0;
    // (when none is asked for, every bound is below the floor: none is in the head)
    if (bounds.length && this.resolveBounds(bounds, scores, floor, wanted - found)) return [];
    var head = [];
    for (i = 0; i < touched.length; i++) {
      r = touched[i];
      if (scores.of[r] > 0 && scores.of[r] >= floor) head.push({ record: r, score: scores.of[r] });
    }
    head.sort(byScore);
    return head.slice(0, wanted);
  };

  /** Whether a record's score is only an upper bound: its field lengths are not
   *  known yet, only a lower bound of each (the sharded index loads them). */
  Index.prototype.bounded = function () {
    return false;
  };

  /** Ask for the lengths of the bounded records that may rank: those whose bound
   *  reaches `floor` (the `wanted`-th best exact score); while `short` exact scores
   *  are still wanted, the `short` best bounds first. Each term of a bound is at or
   *  above the exact term (BM25 falls as a length grows, and rounding keeps that
   *  order), so a record whose bound is below the floor can never rank. Returns
   *  whether any was asked for. */
  Index.prototype.resolveBounds = function (bounds, scores, floor, short) {
    if (short > 0 && bounds.length > short) {
      var values = new Float64Array(bounds.length);
      for (var i = 0; i < bounds.length; i++) values[i] = scores.of[bounds[i]];
      floor = Math.max(floor, kthLargest(values, short));
    }
    var asked = false;
    for (var b = 0; b < bounds.length; b++) {
      if (scores.of[bounds[b]] >= floor) {
        this.needRecord(bounds[b]);
        asked = true;
      }
    }
    return asked;
  };

  /** Note that a record's field lengths are needed (the sharded index loads them). */
  Index.prototype.needRecord = function () {};

  /** Whether data the scores need is not at hand (the sharded index loads it and
   *  asks again): the ranking is then not worth finishing. */
  Index.prototype.lacking = function () {
    return false;
  };

  /** Whether a record's document has expired: it yields to in-force ones on close
   *  scores (regindex.index.search.EXPIRED_FACTOR). */
  Index.prototype.expired = function (record) {
    return this.documents[this.records.document[record]].status === "expired";
  };

  // -- Queries that name what they want (regindex.index.lookup): a citation, or a
  // document number. The patterns come from Python; tests/conformance/citations.json
  // holds the queries both sides read alike.

  /** The hits a query names: the element it cites, or the documents with the number it
   *  is, newest first. Each is labelled `named` ("Trích dẫn", "Số hiệu"). */
  Index.prototype.named = function (query) {
    var written = normalise(query).toLowerCase().replace(/\s+/g, " ").trim();
    var text = fold(written);
    var cited = this.cited(text, written);
    return cited.length ? cited : this.numbered(text);
  };

  /** The element (or document) a query cites, as a hit: [] or [hit]. `text` is the
   *  query folded, `written` as typed (it tells điểm đ from điểm d). */
  Index.prototype.cited = function (text, written) {
    text = text.replace(ABBREVIATION, function (short, level) {
      return RULES.abbreviations[short.toLowerCase()] + (level ? " " : "");
    });
    var match = CITATION_QUERY.exec(text);
    if (!match) return [];
    var key = match.groups.elements.replace(/(^|\s)so\s+/g, "$1").replace(/[\s,]+/g, " ").trim();
    var number = match.groups.number.replace(/\u2013/g, "-");
    var type = (match.groups.type || "").trim();
    var docs = this.documents.filter(function (doc) {
      return fold(doc.number).toLowerCase().replace(/\u2013/g, "-") === number ||
        (type && doc.aliases.indexOf(type + " " + number) >= 0);
    });
    if (docs.length !== 1) return [];
    var doc = docs[0];
    var d = this.documents.indexOf(doc);
    var best = null;
    for (var r = 0; r < this.count; r++) {
      if (this.records.document[r] !== d || !this.records.cite[r]) continue;
      if (fold(this.records.cite[r]).toLowerCase() !== key) continue;
      if (best === null || written.indexOf(this.records.cite[r].toLowerCase()) >= 0) best = r;
    }
    var hit;
    if (best !== null) {
      hit = this.result({ record: best, score: 0 }, []);
    } else {
      var element = this.element(d, key);
      if (!element && doc.hasText) return [];
      hit = this.documentHit(doc, element);
      if (!element) {       // a document the library has no text of: say so
        hit.citation = this.citationOf(key, doc);
        hit.note = doc.name + " chưa có nội dung trong thư viện" +
          (doc.succession.length ? "; đã được thay thế bởi " + doc.succession.join(" → ") : "");
      }
    }
    hit.named = "Trích dẫn";
    return [hit];
  };

  /** The element of document `d` a folded citation `key` names: [key, id], or
   *  undefined. */
  Index.prototype.element = function (d, key) {
    return this.documents[d].elements.filter(function (pair) { return pair[0] === key; })[0];
  };

  /** A cited element's words as a citation ("dieu 12" → "Điều 12 Quy định số …"),
   *  for a document whose text the library does not have. */
  Index.prototype.citationOf = function (elements, doc) {
    return elements.replace(/[\s,]+/g, " ").trim().replace(/[a-z]+/g, function (word) {
      return RULES.citationWords[word] || word;
    }) + " " + doc.name;
  };

  /** A hit for a whole document, or for an element of it without a record of its own
   *  (`element`: [folded citation, id]): its first record inside gives the extract. */
  Index.prototype.documentHit = function (doc, element) {
    var d = this.documents.indexOf(doc);
    var first = null;
    for (var r = 0; r < this.count && first === null; r++) {
      if (this.records.document[r] !== d) continue;
      if (element ? this.records.eid[r].lastIndexOf(element[1] + "-", 0) === 0 : !this.records.eid[r]) first = r;
    }
    var hit = first !== null ? this.result({ record: first, score: 0 }, []) :
      { record: null, score: 0, eid: "", heading: "", document: doc, snippet: [] };
    hit.eid = element ? element[1] : "";
    hit.url = doc.url + (element ? "#" + element[1] : "");
    hit.citation = element ? this.citationOf(element[0], doc) : doc.name;
    return hit;
  };

  /** The documents with the number a folded query is ("124/qd-tw", "43-hd", "qd 124",
   *  "124"), newest first. */
  Index.prototype.numbered = function (text) {
    var match = NUMBER_QUERY.exec(text);
    if (!match) return [];
    var codes = match.groups.codes.match(NUMBER_CODE) || [];
    if (match.groups.kind) {
      var kind = match.groups.kind.split(/\s+/);
      codes.unshift(kind.length === 1 ? kind[0] : kind.map(function (w) { return w.charAt(0); }).join(""));
    }
    var serial = match.groups.serial;
    var self = this;
    return this.documents.filter(function (doc) { return finds(doc.parts, serial, codes); })
      .sort(function (a, b) { return (b.issued || "").localeCompare(a.issued || ""); })
      .map(function (doc) {
        var hit = self.documentHit(doc, null);
        hit.named = "Số hiệu";
        return hit;
      });
  };

  /** Whether a number's parts [serial, codes] have this serial and, in order, codes
   *  starting with these (regindex.index.lookup.NumberQuery.finds). */
  function finds(parts, serial, codes) {
    if (!parts || parts[0].replace(/^0+/, "") !== serial.replace(/^0+/, "")) return false;
    var at = 0;
    return codes.every(function (wanted) {
      while (at < parts[1].length && parts[1][at].lastIndexOf(wanted, 0) !== 0) at++;
      return at++ < parts[1].length;
    });
  }

  Index.prototype.hasPhrases = function (record, phrases) {
    for (var p = 0; p < phrases.length; p++) {
      if (!this.contains(record, phrases[p])) return false;
    }
    return true;
  };

  function byScore(a, b) {
    return b.score - a.score || a.record - b.record;
  }

  /** What the search box shows for a hit. */
  Index.prototype.result = function (hit, words) {
    var r = this.records;
    var doc = this.documents[r.document[hit.record]];
    var eid = r.eid[hit.record];
    var cite = r.cite[hit.record];
    return {
      record: hit.record,
      score: hit.score,
      eid: eid,
      citation: cite ? cite + " " + doc.name : doc.name,
      url: doc.url + (eid ? "#" + eid : ""),
      heading: this.textOf(this.paths, r.path[hit.record]),
      document: doc,
      snippet: snippet(this.textOf(this.texts, hit.record), words, this.scoring.snippet)
    };
  };

  /** Character ranges of the text's syllables that the query's words match, as
   *  regindex.index.snippet marks them (a syllable typed with accents marks only
   *  itself; structure words and small numbers only within a citation the query has),
   *  neighbours joined; a prefix word also marks the syllables its last syllable starts. */
  function highlights(text, words) {
    var exact = new Set();
    var bare = new Set();
    var starts = [];
    var pairs = new Set();
    words.forEach(function (word, w) {
      var folded = word.folded.split(" ");
      var written = word.text.split(" ");
      folded.forEach(function (syllable, k) {
        if (word.text !== word.folded && written[k] !== syllable) exact.add(written[k]);
        else bare.add(syllable);
      });
      if (word.prefix) starts.push(folded[folded.length - 1]);
      var next = words[w + 1];
      if (next && STRUCTURE.has(word.folded) && /^[0-9a-z.]+$/.test(next.folded) &&
          next.folded.replace(/\./g, "")) pairs.add(word.folded + " " + next.folded);
    });
    var found = tokens(normalise(text));
    var ranges = [];
    found.forEach(function (token, i) {
      var folded = fold(token.text);
      var marked = exact.has(token.text) || bare.has(folded) || starts.some(function (start) {
        return folded.lastIndexOf(start, 0) === 0;
      });
      if (!marked) return;
      if (STRUCTURE.has(folded) || (token.kind === "number" && token.text.length <= RULES.loneNumber)) {
        var before = found[i - 1];
        var after = found[i + 1];
        if (!(after && pairs.has(folded + " " + fold(after.text))) &&
            !(before && pairs.has(fold(before.text) + " " + folded))) return;
      }
      var previous = ranges[ranges.length - 1];
      if (previous && text.slice(previous[1], token.start).trim() === "") {
        previous[1] = token.end;        // one mark over "tài liệu", not two
      } else {
        ranges.push([token.start, token.end]);
      }
    });
    return ranges;
  }

  /** A short extract of the text around the densest cluster of matches, as pieces
   *  [{text, mark}] for the UI to render as text nodes (never as HTML). */
  function snippet(text, words, size) {
    size = size || 220;
    var clean = text.replace(/\s+/g, " ").trim();
    var ranges = highlights(clean, words);
    var start = 0;
    if (clean.length > size && ranges.length) {
      var bestCount = -1;
      for (var i = 0; i < ranges.length; i++) {
        var count = 0;
        for (var j = i; j < ranges.length && ranges[j][1] - ranges[i][0] <= size; j++) count++;
        if (count > bestCount) {
          bestCount = count;
          start = ranges[i][0];
        }
      }
      start = Math.max(0, Math.min(start - 40, clean.length - size));
      while (start > 0 && clean.charAt(start - 1) !== " ") start--;
    }
    var end = Math.min(clean.length, start + size);
    while (end < clean.length && clean.charAt(end) !== " ") end++;
    var pieces = [];
    if (start > 0) pieces.push({ text: "… ", mark: false });
    var at = start;
    for (var r = 0; r < ranges.length; r++) {
      var from = Math.max(ranges[r][0], start);
      var to = Math.min(ranges[r][1], end);
      if (to <= from) continue;
      if (from > at) pieces.push({ text: clean.slice(at, from), mark: false });
      pieces.push({ text: clean.slice(from, to), mark: true });
      at = to;
    }
    if (at < end) pieces.push({ text: clean.slice(at, end), mark: false });
    if (end < clean.length) pieces.push({ text: " …", mark: false });
    return pieces;
  }

  /** What tests/conformance/analysis.json records of a text: its analysis form, that
   *  folded, its tokens and the parts of it as a query. */
  function analysis(text) {
    var normalised = normalise(text);
    var query = parseQuery(text);
    return {
      normalised: normalised,
      folded: fold(normalised),
      tokens: tokens(normalised).map(function (t) { return [t.text, t.start, t.end, t.kind]; }),
      query: { text: query.text, phrases: query.phrases }
    };
  }

  return {
    Index: Index,
    analysis: analysis,
    parseQuery: parseQuery,
    Gathered: Gathered,
    kthLargest: kthLargest,
    group: group,
    fold: fold,
    formText: formText,
    normalise: normalise,
    tokens: tokens,
    decodeStream: decodeStream,
    bm25: bm25,
    idf: idf,
    storedLength: storedLength,
    highlights: highlights,
    snippet: snippet
  };
}));
