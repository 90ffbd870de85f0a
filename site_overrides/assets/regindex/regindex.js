/* regindex: the menu on an element's number (copy the formal citation, copy the public
   link when the site has one, go to the permalink), the print header and footer, and
   the catalog's filters and sorting. A local file: the site makes no request outside
   itself, and works opened as a local file. Never copies a local file path. */
(function () {
  "use strict";

  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : "";
  }

  // The public address of this page (and anchor) when mkdocs.yml sets site_url; "" else.
  function publicAddress(eid) {
    var site = meta("regindex-site-url");
    if (!/^https?:\/\//.test(site)) {
      return "";
    }
    return site.replace(/\/?$/, "/") + meta("regindex-page") + (eid ? "#" + eid : "");
  }

  function citationText(element) {
    var address = publicAddress(element.getAttribute("data-eid"));
    var citation = element.getAttribute("data-citation");
    return address ? citation + " (" + address + ")" : citation;
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    // The clipboard API needs a secure context (a file, localhost, https); a LAN
    // share over plain http falls back to copying a selection.
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithSelection(text);
      });
    }
    return copyWithSelection(text);
  }

  function announce(message) {
    var status = document.getElementById("rx-copy-status");
    if (!status) {
      status = document.createElement("div");
      status.id = "rx-copy-status";
      status.className = "rx-toast";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    status.textContent = message;
    status.classList.add("rx-toast--shown");
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () {
      status.classList.remove("rx-toast--shown");
    }, 4000);
  }

  function copyAndSay(text) {
    copy(text).then(function () {
      announce("Đã sao chép: " + text);
    }, function () {
      announce("Trình duyệt không cho sao chép; hãy chép tay: " + text);
    });
  }

  // --- the menu on an element's number -----------------------------------------------

  var menu = null;

  function closeMenu(refocus) {
    if (!menu) {
      return;
    }
    var owner = menu.owner;
    menu.parentNode.removeChild(menu);
    menu = null;
    if (refocus && owner) {
      owner.focus();
    }
  }

  function menuButton(label, action, text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "rx-menu-action";
    button.setAttribute("data-action", action);
    button.setAttribute("data-copy", text);
    button.textContent = label;
    return button;
  }

  function openMenu(number) {
    closeMenu(false);
    var eid = number.getAttribute("data-eid");
    menu = document.createElement("div");
    menu.className = "rx-menu";
    menu.setAttribute("role", "dialog");
    menu.setAttribute("aria-label", number.getAttribute("data-citation"));
    menu.owner = number;
    var title = document.createElement("p");
    title.className = "rx-menu-title";
    title.textContent = number.getAttribute("data-citation");
    menu.appendChild(title);
    menu.appendChild(menuButton("Sao chép trích dẫn", "copy", citationText(number)));
    var address = publicAddress(eid);
    if (address) {
      menu.appendChild(menuButton("Sao chép liên kết", "copy", address));
    }
    var go = document.createElement("a");
    go.className = "rx-menu-action";
    go.href = "#" + eid;
    go.textContent = "Đánh dấu chỗ này (liên kết cố định)";
    menu.appendChild(go);
    var box = number.getBoundingClientRect();
    menu.style.top = (window.scrollY + box.bottom + 4) + "px";
    menu.style.left = Math.max(8, Math.min(window.scrollX + box.left,
      window.scrollX + document.documentElement.clientWidth - 300)) + "px";
    document.body.appendChild(menu);
    menu.querySelector("button").focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) {
      return;
    }
    var action = target.closest(".rx-menu-action");
    if (action && action.getAttribute("data-action") === "copy") {
      copyAndSay(action.getAttribute("data-copy"));
      closeMenu(true);
      return;
    }
    if (action) {
      closeMenu(false);
      return;
    }
    var number = target.closest("a.rx-num");
    if (number && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) {
      event.preventDefault();
      openMenu(number);
      return;
    }
    if (menu && !target.closest(".rx-menu")) {
      closeMenu(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      closeMenu(true);
    }
  });

  // A link to something inside a closed <details> (the attributes, a list of
  // references) opens it.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var element = id && document.getElementById(id);
    for (; element; element = element.parentElement) {
      if (element.tagName === "DETAILS") {
        element.open = true;
      }
    }
  }
  window.addEventListener("hashchange", openTarget);

  // --- print: citation, public address and dates in the page margins ---------------

  function cssString(text) {
    return '"' + text.replace(/[\\"]/g, "\\$&").replace(/[\r\n]+/g, " ") + '"';
  }

  function preparePrint() {
    var page = document.querySelector(".rx-document");
    if (!page) {
      return;
    }
    var address = publicAddress("");
    var head = page.getAttribute("data-citation") + (address ? " — " + address : "");
    var sources = document.querySelectorAll(".rx-print-source");
    for (var i = 0; i < sources.length; i++) {
      sources[i].textContent = head;
    }
    var dates = document.querySelector(".rx-dates");
    var style = document.createElement("style");
    style.id = "rx-print-margins";
    style.textContent = "@media print { @page { " +
      "@top-left { content: " + cssString(head) + "; } " +
      "@bottom-left { content: " + cssString(dates ? dates.textContent : "") + "; } " +
      '@bottom-right { content: "Trang " counter(page) "/" counter(pages); } } }';
    document.head.appendChild(style);
  }

  // --- the catalog: filter by type, issuer, year, status; sort ----------------------

  function prepareCatalog() {
    var form = document.querySelector(".rx-controls");
    if (!form) {
      return;
    }
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.rx-row"));
    var count = form.querySelector(".rx-count");
    var keys = {
      "newest": function (a, b) { return b.dataset.issued.localeCompare(a.dataset.issued); },
      "oldest": function (a, b) { return a.dataset.issued.localeCompare(b.dataset.issued); },
      "number": function (a, b) {
        return a.dataset.number.localeCompare(b.dataset.number, "vi", { numeric: true });
      },
      "status": function (a, b) {
        return a.dataset.rank.localeCompare(b.dataset.rank) ||
          b.dataset.issued.localeCompare(a.dataset.issued);
      }
    };
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = ["type", "issuer", "year", "status"].every(function (name) {
          var wanted = form.elements[name].value;
          return !wanted || row.dataset[name] === wanted;
        });
        row.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      var order = keys[form.elements.sort.value];
      document.querySelectorAll("table.rx-documents tbody").forEach(function (body) {
        Array.prototype.slice.call(body.rows).sort(order).forEach(function (row) {
          body.appendChild(row);
        });
      });
      document.querySelectorAll(".rx-group").forEach(function (group) {
        group.hidden = !group.querySelector("tr.rx-row:not([hidden])");
      });
      count.textContent = "Hiển thị " + shown + "/" + rows.length + " văn bản.";
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function ready() {
    openTarget();
    preparePrint();
    prepareCatalog();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
