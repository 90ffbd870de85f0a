/* regindex: "Sao chép trích dẫn" copies the Vietnamese citation of an element with the
   address of its anchor; the print source line gets the page address. A local file:
   the site makes no request outside itself. */
(function () {
  "use strict";

  function pageAddress() {
    return location.href.split("#")[0];
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

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.rx-copy") : null;
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-citation") + " (" + pageAddress() + "#" +
      button.getAttribute("data-eid") + ")";
    copy(text).then(function () {
      announce("Đã sao chép: " + text);
    }, function () {
      announce("Trình duyệt không cho sao chép; hãy chép tay: " + text);
    });
  });

  function fillPrintSource() {
    var lines = document.querySelectorAll(".rx-print-source");
    for (var i = 0; i < lines.length; i++) {
      lines[i].textContent = lines[i].getAttribute("data-citation") + " — " + pageAddress();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fillPrintSource);
  } else {
    fillPrintSource();
  }
})();
