/* The conversation game on a screen (/top-5/spel/): one round at a time, and a clock the group sets.
   Without this script every round is shown one below the other and "Onthul" still works (<details>). */
(function () {
  "use strict";
  var game = document.querySelector("[data-gv-game]");
  if (!game) return;
  var rounds = Array.prototype.slice.call(game.querySelectorAll(".gv-round"));
  var nav = game.querySelector(".gv-game-nav");
  var numberOut = game.querySelector("[data-gv-round-number]");
  var previous = game.querySelector('[data-gv-round="previous"]');
  var next = game.querySelector('[data-gv-round="next"]');
  var current = 0;

  function roundFromHash() {
    var m = /^#ronde-(\d+)$/.exec(window.location.hash);
    var n = m ? parseInt(m[1], 10) - 1 : 0;
    return n >= 0 && n < rounds.length ? n : 0;
  }

  function show(index, moveFocus) {
    current = Math.max(0, Math.min(rounds.length - 1, index));
    rounds.forEach(function (round, i) { round.hidden = i !== current; });
    numberOut.textContent = String(current + 1);
    previous.disabled = current === 0;
    next.disabled = current === rounds.length - 1;
    if (moveFocus) {
      if (window.history && history.replaceState) history.replaceState(null, "", "#ronde-" + (current + 1));
      rounds[current].focus();
    }
  }

  previous.addEventListener("click", function () { show(current - 1, true); });
  next.addEventListener("click", function () { show(current + 1, true); });
  window.addEventListener("hashchange", function () { show(roundFromHash(), false); });
  nav.hidden = false;
  show(roundFromHash(), false);

  // --- the clock -------------------------------------------------------------------------------------
  var timer = game.querySelector(".gv-timer");
  var minutesIn = timer.querySelector("#gv-timer-minutes");
  var clock = timer.querySelector("#gv-timer-clock");
  var status = timer.querySelector("#gv-timer-status");
  var remaining = 0;    // milliseconds left when not running
  var endsAt = null;    // Date.now() value when the time is up, while running
  var ticker = null;
  var lastMinute = null;

  function minutes() {
    var n = parseInt(minutesIn.value, 10);
    if (!(n >= 1)) n = 1;
    if (n > 120) n = 120;
    return n;
  }

  function format(ms) {
    var s = Math.ceil(ms / 1000);
    var m = Math.floor(s / 60);
    s = s % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function spoken(ms) {
    var s = Math.ceil(ms / 1000);
    var m = Math.floor(s / 60);
    s = s % 60;
    var parts = [];
    if (m) parts.push(m + (m === 1 ? " minuut" : " minuten"));
    if (s || !m) parts.push(s + (s === 1 ? " seconde" : " seconden"));
    return parts.join(" en ");
  }

  function say(text) { status.textContent = text; }

  function left() { return endsAt === null ? remaining : Math.max(0, endsAt - Date.now()); }

  function tick() {
    var ms = left();
    clock.textContent = format(ms);
    var minute = Math.ceil(ms / 60000);  // announce each whole minute passed, not every second
    if (endsAt !== null && ms > 0 && minute < lastMinute) {
      lastMinute = minute;
      say("Nog " + spoken(minute * 60000) + ".");
    }
    if (endsAt !== null && ms <= 0) {
      stop();
      remaining = 0;
      clock.classList.add("gv-timer-done");
      say("De tijd is om.");
    }
  }

  function stop() {
    if (ticker !== null) window.clearInterval(ticker);
    ticker = null;
    if (endsAt !== null) remaining = Math.max(0, endsAt - Date.now());
    endsAt = null;
  }

  function reset(announce) {
    stop();
    remaining = minutes() * 60000;
    lastMinute = null;
    clock.classList.remove("gv-timer-done");
    clock.textContent = format(remaining);
    if (announce) say("De klok staat op " + spoken(remaining) + ".");
  }

  timer.querySelector('[data-gv-timer="start"]').addEventListener("click", function () {
    if (endsAt !== null) return;
    if (remaining <= 0) reset(false);
    clock.classList.remove("gv-timer-done");
    endsAt = Date.now() + remaining;
    lastMinute = Math.ceil(remaining / 60000);
    ticker = window.setInterval(tick, 250);
    say("De klok loopt: nog " + spoken(remaining) + ".");
  });
  timer.querySelector('[data-gv-timer="pause"]').addEventListener("click", function () {
    if (endsAt === null) return;
    stop();
    clock.textContent = format(remaining);
    say("Gepauzeerd: nog " + spoken(remaining) + ".");
  });
  timer.querySelector('[data-gv-timer="reset"]').addEventListener("click", function () { reset(true); });
  minutesIn.addEventListener("change", function () {
    minutesIn.value = String(minutes());
    if (endsAt === null) reset(true);
  });

  timer.hidden = false;
  reset(false);
})();
