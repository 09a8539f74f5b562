// Only in `goedvoorbeeld serve`: wait for a change to this page (or to the error state), then reload.
// A long poll to the preview itself (same origin); the published site never has this script.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-versie") : "";
  var page = location.pathname;

  function wait() {
    fetch("/_voorbeeldweergave/wacht?versie=" + encodeURIComponent(version) + "&pagina=" + encodeURIComponent(page),
          { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (answer) {
        if (answer.herladen) {
          location.reload();
        } else {
          version = answer.versie;
          wait();
        }
      })
      .catch(function () { setTimeout(wait, 1000); });  // the preview restarts: try again in a second
  }

  wait();
})();
