/* regindex search box: the header search of every page, on the engine of
 * regindex-search.js.
 *
 * It replaces mkdocs-material's search (which cannot work from file://) but keeps what
 * its users know, and reuses its markup classes and its `__search` toggle so it looks
 * the same: the magnifier in the header, `/`, `s` or `f` to focus, results while typing
 * with the matched words highlighted, arrows and Enter to move and open, Escape to
 * close, and `?q=…` in the address opening the search with that query. Each result is
 * one article, clause or point: its Vietnamese citation, the headings above it, an
 * extract, and a mark when the document is no longer in force.
 *
 * The index (regindex-shards.js: its core, then the shards each query needs) is
 * loaded when the search is first used, or at once for a `?q=` link. Everything shown
 * is built as text nodes: no text from the index is ever parsed as HTML.
 */
(function () {
  "use strict";

  var SITE = new URL("../../", document.currentScript.src);   // this file is assets/javascripts/
  var LIMIT = 20;
  var ICONS = {
    search: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5Z",
    back: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11h12Z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12 19 6.41Z"
  };
  var TEXT = {
    placeholder: "Tìm kiếm",
    label: "Tìm điều, khoản, điểm (gõ có dấu hoặc không dấu)",
    button: "Tìm kiếm (phím /)",
    reset: "Xóa",
    inForce: "Chỉ văn bản còn hiệu lực",
    inDocument: "Chỉ trong văn bản này",
    documentBox: "Tìm trong văn bản này",
    more: "Xem thêm",
    loading: "Đang tải chỉ mục tìm kiếm…",
    failed: "Không tải được chỉ mục tìm kiếm (thư mục search/): hãy dựng lại trang bằng " +
            "regindex build, và khi chép trang thì chép cả thư mục site/.",
    prompt: "Gõ từ cần tìm",
    none: "Không có kết quả phù hợp",
    one: "1 kết quả",
    many: function (n, all) { return n + " kết quả" + (all ? "" : " đầu tiên"); },
    replacedBy: "thay thế bởi ",
    illustrative: "Văn bản minh họa"
  };

  var QUERY = new URLSearchParams(location.search).get("q");
  var index = null;          // the engine once the index's core has loaded
  var loading = null;        // the Promise of the core while it loads
  var failed = false;
  var asked = 0;             // the number of the last query asked (an older answer is dropped)
  var ui = null;
  var shown = LIMIT;         // results listed; "Xem thêm" lists LIMIT more

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function icon(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  /** material's search toggle (a checkbox before the header), or one of our own. */
  function toggle() {
    var box = document.getElementById("__search");
    if (!box) {
      box = element("input", "md-toggle");
      box.type = "checkbox";
      box.id = "__search";
      box.setAttribute("data-md-toggle", "search");
      document.body.insertBefore(box, document.body.firstChild);
    }
    return box;
  }

  function build() {
    var box = toggle();
    var button = element("label", "md-header__button md-icon rx-search__button");
    button.htmlFor = "__search";
    button.title = TEXT.button;
    button.appendChild(icon("search"));

    var root = element("div", "md-search rx-search");
    root.setAttribute("role", "dialog");
    var overlay = element("label", "md-search__overlay");
    overlay.htmlFor = "__search";
    var inner = element("div", "md-search__inner");
    inner.setAttribute("role", "search");
    var form = element("form", "md-search__form");
    form.name = "regindex-search";
    var input = element("input", "md-search__input");
    input.type = "text";
    input.name = "q";
    input.placeholder = TEXT.placeholder;
    input.title = TEXT.label;
    input.setAttribute("aria-label", TEXT.label);
    ["autocapitalize", "autocorrect", "autocomplete"].forEach(function (name) {
      input.setAttribute(name, "off");
    });
    input.spellcheck = false;
    var icons = element("label", "md-search__icon md-icon");
    icons.htmlFor = "__search";
    icons.appendChild(icon("search"));
    icons.appendChild(icon("back"));
    var options = element("nav", "md-search__options");
    var reset = element("button", "md-search__icon md-icon");
    reset.type = "reset";
    reset.title = TEXT.reset;
    reset.setAttribute("aria-label", TEXT.reset);
    reset.tabIndex = -1;
    reset.appendChild(icon("close"));
    options.appendChild(reset);
    form.appendChild(input);
    form.appendChild(icons);
    form.appendChild(options);

    var output = element("div", "md-search__output");
    var scroll = element("div", "md-search__scrollwrap");
    var result = element("div", "md-search-result");
    var meta = element("div", "md-search-result__meta rx-search__meta");
    var filter = element("label", "rx-search__filter");
    var inForce = element("input");
    inForce.type = "checkbox";
    inForce.name = "in-force";
    filter.appendChild(inForce);
    filter.appendChild(document.createTextNode(" " + TEXT.inForce));
    // On a document's page: only this document, as `regindex search --doc`.
    var page = document.querySelector(".rx-document");
    var scope = element("label", "rx-search__filter rx-search__scope");
    var inDocument = element("input");
    inDocument.type = "checkbox";
    inDocument.name = "in-document";
    scope.appendChild(inDocument);
    scope.appendChild(document.createTextNode(" " + TEXT.inDocument));
    scope.hidden = !page;
    var count = element("span", "rx-search__count", TEXT.prompt);
    meta.appendChild(count);
    meta.appendChild(filter);
    meta.appendChild(scope);
    var list = element("ol", "md-search-result__list");
    list.setAttribute("role", "list");
    result.appendChild(meta);
    result.appendChild(list);
    var more = element("button", "md-button rx-search__more", TEXT.more);
    more.type = "button";
    more.hidden = true;
    result.appendChild(more);
    scroll.appendChild(result);
    output.appendChild(scroll);
    inner.appendChild(form);
    inner.appendChild(output);
    root.appendChild(overlay);
    root.appendChild(inner);

    var header = document.querySelector(".md-header__inner");
    if (header) {
      var after = header.querySelector(".md-header__source");
      header.insertBefore(button, after);
      header.insertBefore(root, after);
    } else {
      var bar = element("div", "rx-search__bar");
      bar.appendChild(button);
      bar.appendChild(root);
      document.body.insertBefore(bar, box.nextSibling);
    }
    return { box: box, input: input, form: form, list: list, count: count, inForce: inForce,
             inDocument: inDocument, more: more, page: page };
  }

  /** Open the search; from the keyboard, select what is typed, as material does, so
   *  that typing replaces it. */
  function open(select) {
    ui.box.checked = true;
    ui.input.focus();
    if (select) ui.input.select();
    load();
    if (index && QUERY && ui.input.value === QUERY) render();     // loaded before the page was ready
  }

  function close() {
    ui.box.checked = false;
    ui.input.blur();
  }

  function fail() {
    failed = true;
    if (ui) ui.count.textContent = TEXT.failed;
  }

  /** Load the index's core once; `?q=` starts it before the page is even ready. */
  function load() {
    if (ui && !index) ui.count.textContent = failed ? TEXT.failed : TEXT.loading;
    if (index || loading) return;
    loading = window.RegindexShards.open(SITE, null, QUERY).then(function (opened) {
      index = opened;
      if (ui) render();
    }, fail);
  }

  /** A site URL for a result; a folder URL opens its index.html from file://. */
  function href(url) {
    var target = new URL(url, SITE);
    if (target.protocol === "file:" && /\/$/.test(target.pathname)) {
      target.pathname += "index.html";
    }
    return target.href;
  }

  // "366-QĐ/TW (còn hiệu lực)": a successor's number with its status, where it is indexed.
  function withStatus(number) {
    for (var d = 0; d < index.documents.length; d++) {
      var next = index.documents[d];
      if (next.number === number) return number + " (" + next.label.toLowerCase() + ")";
    }
    return number;
  }

  function item(hit) {
    var li = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = href(hit.url);
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("h2", "rx-search__title", (hit.named ? hit.named + ": " : "") + hit.citation));
    if (hit.note) article.appendChild(element("p", "rx-search__note", hit.note));
    if (hit.heading) article.appendChild(element("p", "rx-search__path", hit.heading));
    var doc = hit.document;
    if (doc.status !== "in-force" || doc.illustrative) {
      var flags = element("p", "rx-search__flags");
      if (doc.status !== "in-force") {
        var chain = doc.succession.map(withStatus).join(" → ");
        var status = doc.label + (chain ? " — " + TEXT.replacedBy + chain : "");
        flags.appendChild(element("span", "rx-search__status", status));
      }
      if (doc.illustrative) {
        flags.appendChild(element("span", "rx-search__illustrative", TEXT.illustrative));
      }
      article.appendChild(flags);
    }
    var extract = element("p", "rx-search__snippet");
    hit.snippet.forEach(function (piece) {
      extract.appendChild(piece.mark ? element("mark", "", piece.text) : document.createTextNode(piece.text));
    });
    article.appendChild(extract);
    link.appendChild(article);
    link.addEventListener("click", close);
    li.appendChild(link);
    return li;
  }

  /** Show the results of what is in the box; `typing`: its last word may be unfinished. */
  function render(typing) {
    if (!index) return Promise.resolve();
    var query = ui.input.value;
    var mine = ++asked;
    if (!query.trim()) {
      ui.list.textContent = "";
      ui.count.textContent = TEXT.prompt;
      return Promise.resolve();
    }
    var options = { limit: shown + 1, inForce: ui.inForce.checked, typing: typing === true };
    if (ui.inDocument.checked && pageDocument() >= 0) options.document = pageDocument();
    return index.find(query, options).then(function (hits) {
      if (mine !== asked) return;   // a later query was asked meanwhile
      // the results shown so far stay until these replace them (no flicker while typing)
      var all = hits.length <= shown;
      hits = hits.slice(0, shown);
      ui.list.textContent = "";
      ui.count.textContent = hits.length === 0 ? TEXT.none : hits.length === 1 ? TEXT.one : TEXT.many(hits.length, all);
      ui.more.hidden = all;
      var fragment = document.createDocumentFragment();
      hits.forEach(function (hit) { fragment.appendChild(item(hit)); });
      ui.list.appendChild(fragment);
    }, fail);
  }

  /** The number of the document whose page this is, or -1. */
  function pageDocument() {
    if (!ui.page || !index) return -1;
    var path = decodeURI(location.pathname);
    for (var d = 0; d < index.documents.length; d++) {
      if (path.slice(-index.documents[d].url.length - 1) === "/" + index.documents[d].url) return d;
    }
    return -1;
  }

  /** The box at the top of a document's page: it searches that document only. */
  function documentBox() {
    var form = element("form", "rx-doc-search");
    form.setAttribute("role", "search");
    var input = element("input", "rx-doc-search__input");
    input.type = "search";
    input.name = "q-document";
    input.placeholder = TEXT.documentBox;
    input.setAttribute("aria-label", TEXT.documentBox);
    form.appendChild(input);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) return;
      ui.input.value = input.value;
      ui.inDocument.checked = true;
      shown = LIMIT;
      open();
      render();
    });
    var title = ui.page.querySelector(".rx-title");
    ui.page.insertBefore(form, title ? title.nextSibling : ui.page.firstChild);
  }

  function links() {
    return Array.prototype.slice.call(ui.list.querySelectorAll(".md-search-result__link"));
  }

  /** Arrows move through the results, Enter opens the focused one (the first from the
   *  box), Escape closes; typing on a result goes back to the box. */
  function onSearchKey(event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        var next = at + (event.key === "ArrowDown" ? 1 : -1);
        if (at < 0) next = event.key === "ArrowDown" ? 0 : all.length - 1;
        if (next < 0 || next >= all.length) {
          ui.input.focus();
        } else {
          all[next].focus();
        }
        event.preventDefault();
        break;
      case "Enter":
        if (at < 0 && all.length && document.activeElement === ui.input) {
          all[0].click();
          event.preventDefault();
        }
        break;
      case "Escape":
        close();
        event.preventDefault();
        break;
      default:
        if (at >= 0 && event.key.length === 1 && !event.ctrlKey && !event.metaKey) ui.input.focus();
    }
  }

  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  function onKey(event) {
    if (ui.box.checked) {
      onSearchKey(event);
    } else if (/^[/sf]$/.test(event.key) && !editable(document.activeElement) &&
               !event.ctrlKey && !event.metaKey && !event.altKey) {
      open(true);
      event.preventDefault();
    }
  }

  function start() {
    ui = build();
    ui.form.addEventListener("submit", function (event) { event.preventDefault(); });
    ui.form.addEventListener("reset", function () {
      setTimeout(function () { render(); ui.input.focus(); });
    });
    ui.input.addEventListener("input", function () { shown = LIMIT; render(true); });
    ui.more.addEventListener("click", function () {
      shown += LIMIT;
      render().then(function () {
        var all = links();
        if (all[shown - LIMIT]) all[shown - LIMIT].focus();   // the first of the new ones
      });
    });
    ui.inDocument.addEventListener("change", function () { shown = LIMIT; render(); });
    if (ui.page) documentBox();
    ui.input.addEventListener("focus", function () { ui.box.checked = true; load(); });
    ui.inForce.addEventListener("change", function () { shown = LIMIT; render(); });
    ui.box.addEventListener("change", function () {
      if (ui.box.checked) open();
    });
    document.addEventListener("keydown", onKey, true);
    if (QUERY) {
      ui.input.value = QUERY;
      open();
    }
  }

  if (QUERY) load();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
