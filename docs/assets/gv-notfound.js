/* Goed Voorbeeld: the search box on the page for an address that does not exist (docs/overrides/404.html).
 * It hands its words to the search box in the header (docs/assets/gv-search.js), which shows the results. */
(function () {
  "use strict";
  var form = document.getElementById("gv-notfound-search");
  var field = document.getElementById("gv-notfound-q");
  var header = document.getElementById("gv-search-input");
  if (!form || !field || !header) return;
  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    header.value = field.value.trim();
    header.focus();
    header.dispatchEvent(new Event("input"));
  });
})();
