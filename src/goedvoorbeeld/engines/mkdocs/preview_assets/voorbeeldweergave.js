// Only in `goedvoorbeeld serve`: reload this tab when its page or the error state changed.
// One tab of the browser (the holder of a Web Lock) waits on a long poll to the preview itself (same origin)
// and tells the other tabs through a BroadcastChannel: many open tabs hold one connection, not one each
// (a browser opens at most six to one host). The published site never has this script.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-versie") : "";
  var file = script ? script.getAttribute("data-bestand") : "";
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("gv-voorbeeldweergave") : null;

  function handle(answer) {
    if (answer.alles || (answer.bestanden || []).indexOf(file) >= 0) {
      location.reload();
    }
  }

  function poll() {
    fetch("/_voorbeeldweergave/wacht?versie=" + encodeURIComponent(version), { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (answer) {
        if (channel && answer.versie !== version) { channel.postMessage(answer); }
        version = answer.versie;
        handle(answer);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });  // the preview restarts: try again in a second
  }

  if (channel) { channel.onmessage = function (event) { handle(event.data); }; }
  if (channel && navigator.locks) {
    navigator.locks.request("gv-voorbeeldweergave", function () {
      poll();
      return new Promise(function () {});  // held while this tab is open
    });
  } else {
    poll();
  }
})();
