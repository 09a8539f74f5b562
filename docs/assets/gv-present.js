/* Goed Voorbeeld: the presentation of the five (src/goedvoorbeeld/presentation.py writes the page; the offline
   copy inlines this script). One slide fills the screen; the address holds its number (#3), so a reload stays.
   Keys: Right, Down, Space, Page Down next; Left, Up, Page Up (and Shift+Space) previous; Home, End;
   F full screen; Esc or O the overview; B a black screen. Presentation clickers send Page Up and Page Down. */
(function () {
  "use strict";
  var deck = document.getElementById("gv-deck");
  if (!deck) return;
  var slides = Array.prototype.slice.call(deck.querySelectorAll(".gv-slide"));
  var overview = document.getElementById("gv-overview");
  var links = Array.prototype.slice.call(overview.querySelectorAll("a[href^='#']"));
  var blank = document.getElementById("gv-blank");
  var status = document.getElementById("gv-status");
  var controls = document.getElementById("gv-controls");
  var FLOOR = 0.5; // the smallest text, as a share of the full size, before a slide may scroll
  var STEP = 0.05;
  var current = 0;
  var idleTimer = null;

  document.documentElement.classList.add("gv-js");
  controls.hidden = false;

  function fromHash() {
    var m = /^#(\d+)$/.exec(location.hash);
    var n = m ? parseInt(m[1], 10) : 1;
    return Math.max(1, Math.min(slides.length, n)) - 1; // #99 is the last slide
  }

  function overflows(slide) {
    return slide.scrollHeight > slide.clientHeight || slide.scrollWidth > slide.clientWidth;
  }

  /* Shrink the text of a slide until it fits the screen (not below FLOOR). */
  function fit(slide) {
    var f = 1;
    slide.style.setProperty("--gv-fit", String(f));
    while (f > FLOOR && overflows(slide)) {
      f = Math.max(FLOOR, Math.round((f - STEP) * 100) / 100);
      slide.style.setProperty("--gv-fit", String(f));
    }
  }

  function show(index, announce) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    current = index;
    slides.forEach(function (slide, i) { slide.hidden = i !== index; });
    fit(slides[index]);
    var hash = "#" + (index + 1);
    if (location.hash !== hash) history.replaceState(null, "", hash);
    links.forEach(function (a, i) {
      if (i === index) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
    });
    if (announce !== false) status.textContent = slides[index].getAttribute("aria-label");
  }

  function openOverview() {
    overview.hidden = false;
    deck.inert = true;
    controls.inert = true;
    links[current].focus();
    status.textContent = "Overzicht van alle dia's";
  }

  function closeOverview(index) {
    overview.hidden = true;
    deck.inert = false;
    controls.inert = false;
    show(index);
    deck.focus({ preventScroll: true });
  }

  function setBlank(on) {
    blank.hidden = !on;
    status.textContent = on ? "Zwart scherm" : slides[current].getAttribute("aria-label");
  }

  function fullscreen() {
    var done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    if (done && done.catch) done.catch(function () { /* not allowed here: the slides stay as they are */ });
  }

  function quiet() {
    controls.classList.add("gv-idle");
  }

  function act(action) {
    switch (action) {
      case "next": show(current + 1); break;
      case "prev": show(current - 1); break;
      case "first": show(0); break;
      case "last": show(slides.length - 1); break;
      case "overview": openOverview(); break;
      case "fullscreen": fullscreen(); break;
      case "blank": setBlank(true); break;
    }
  }

  var KEYS = {
    ArrowRight: "next", ArrowDown: "next", PageDown: "next", " ": "next",
    ArrowLeft: "prev", ArrowUp: "prev", PageUp: "prev",
    Home: "first", End: "last",
    f: "fullscreen", F: "fullscreen",
    Escape: "overview", o: "overview", O: "overview",
    b: "blank", B: "blank"
  };

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    if (!blank.hidden) { // any key ends the black screen, and does nothing else
      if (e.key === "Tab" || e.key === "Shift") return;
      e.preventDefault();
      setBlank(false);
      return;
    }
    if (!overview.hidden) { // Tab and Enter choose a slide; Esc or O goes back to the slide shown before
      if (KEYS[e.key] === "overview") { e.preventDefault(); closeOverview(current); }
      return;
    }
    var action = KEYS[e.key];
    if (!action) return;
    var target = e.target;
    if (e.key === " " && target.closest && target.closest("a, button")) return; // Space presses a button
    if (e.key === " " && e.shiftKey) action = "prev";
    e.preventDefault();
    if (action === "next" || action === "prev" || action === "first" || action === "last") quiet();
    act(action);
  });

  controls.addEventListener("click", function (e) {
    var button = e.target.closest("[data-gv-action]");
    if (button) act(button.getAttribute("data-gv-action"));
  });

  overview.addEventListener("click", function (e) {
    var a = e.target.closest("a[href^='#']");
    if (!a) return;
    e.preventDefault();
    closeOverview(links.indexOf(a));
  });

  blank.addEventListener("click", function () { setBlank(false); });

  window.addEventListener("hashchange", function () { show(fromHash()); });
  window.addEventListener("resize", function () { fit(slides[current]); });
  document.addEventListener("mousemove", function () {
    controls.classList.remove("gv-idle");
    clearTimeout(idleTimer);
    idleTimer = setTimeout(quiet, 3000);
  });

  show(fromHash());
})();
