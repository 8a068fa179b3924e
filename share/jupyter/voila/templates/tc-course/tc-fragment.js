/* Following a link to a glossary term (widgets/glossary/links.py) once its entry exists.

   Lessons link a term's first appearance to "00-start-here.ipynb#term-<id>". Voila shows the
   page before its kernel has rendered the outputs, so the glossary's <dt id="term-<id>"> does not
   exist when the browser looks for the #fragment, and the page stays at its top. Included inline
   by index.html.j2, this script waits up to 30 s for that element, scrolls it into view and marks
   it with .tc-fragment-target for a few seconds. Outputs rendered above it can still push it down
   while the page fills, so it is scrolled to again a few times, until the student scrolls, types
   or clicks. A #fragment that is not a term is left to the browser. */
(function () {
  "use strict";
  var PREFIX = "term-";
  var WAIT_MS = 30000;
  var MARK = "tc-fragment-target";
  var MARK_MS = 4000;
  var SETTLE_MS = [300, 1000, 2500, 5000];

  function wanted() {
    var hash = window.location.hash.slice(1);
    try {
      hash = decodeURIComponent(hash);
    } catch (error) {
      return null;
    }
    return hash.indexOf(PREFIX) === 0 ? hash : null;
  }

  function show(element) {
    var moved = false;
    function stop() {
      moved = true;
    }
    ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (name) {
      window.addEventListener(name, stop, { once: true, passive: true, capture: true });
    });
    element.scrollIntoView({ block: "start" });
    SETTLE_MS.forEach(function (delay) {
      window.setTimeout(function () {
        if (!moved && element.isConnected) element.scrollIntoView({ block: "start" });
      }, delay);
    });
    element.classList.add(MARK);
    window.setTimeout(function () {
      element.classList.remove(MARK);
    }, MARK_MS);
  }

  function follow() {
    var id = wanted();
    if (!id) return;
    var found = document.getElementById(id);
    if (found) {
      show(found);
      return;
    }
    var timer = 0;
    var observer = new MutationObserver(function () {
      var element = document.getElementById(id);
      if (!element) return;
      observer.disconnect();
      window.clearTimeout(timer);
      show(element);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    timer = window.setTimeout(function () {
      observer.disconnect();
    }, WAIT_MS);
  }

  window.addEventListener("hashchange", follow);
  follow();
})();
