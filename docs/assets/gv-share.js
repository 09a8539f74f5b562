/* Goed Voorbeeld: copy buttons on the share pages (src/goedvoorbeeld/sharing.py).
   The Clipboard API when the browser allows it (the HTML button also puts the formatted message on the
   clipboard); otherwise the text is selected and copied the old way, or left selected for Ctrl+C. */
(function () {
  "use strict";
  var DONE = "Gekopieerd.";
  var SELECTED = "De tekst is geselecteerd: kopieer hem met Ctrl+C (of Cmd+C op een Mac).";

  function fallback(area) {
    area.focus();
    area.select();
    area.setSelectionRange(0, area.value.length);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    return ok ? DONE : SELECTED;
  }

  function write(area, html) {
    var text = area.value;
    if (!navigator.clipboard) return Promise.reject(new Error("no clipboard"));
    if (html && window.ClipboardItem && navigator.clipboard.write) {
      return navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([text], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" })
      })]);
    }
    return navigator.clipboard.writeText(text);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-gv-copy]"), function (button) {
    var area = document.getElementById(button.getAttribute("data-gv-copy"));
    var status = button.parentNode.querySelector(".gv-share-status");
    if (!area) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "";
      write(area, button.hasAttribute("data-gv-copy-html")).then(
        function () { status.textContent = DONE; },
        function () { status.textContent = fallback(area); }
      );
    });
  });
})();
