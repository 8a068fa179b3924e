/* Who is learning, carried from page to page (widgets/learner.py, widgets/progress/gate.py).

   On the course's Voila server a learner is named by the page's ?learner=NAME. Included inline
   by index.html.j2, this script keeps that name as the student moves on:

   - Every link to another lesson (a relative "*.ipynb" address: the lesson map, the report of
     the final assessment, "continue" links) gets the page's ?learner=, when it has one and the
     link names none, so the next lesson knows who it is.
   - When a student types their name into a lesson's prompt, the kernel shows a line marked
     .tc-learner-here with data-learner-query="learner=NAME"; the page's address then takes that
     query (history.replaceState, no reload), so a reload or a bookmark keeps the name.

   - A preheated kernel fills in a lesson's saved parts when its visitor's name arrives, just
     after the page is handed out ("Opening your saved answers…", .tc-pending). Should that
     update reach the page while its widgets are still being set up, it can be lost, and the
     line (or a widget stuck "Loading widget...") would stay: after 20 s of that, within the
     page's first minute, the page reloads itself, once per address and tab.

   It never reads or sends anything else, and changes nothing under JupyterHub or JupyterLab,
   where the name does not come from the address. */
(function () {
  "use strict";
  var PARAMETER = "learner";

  function current() {
    try {
      return new URL(window.location.href).searchParams.get(PARAMETER);
    } catch (error) {
      return null;
    }
  }

  function carry(link, name) {
    var raw = link.getAttribute("href");
    if (!raw || /^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(raw)) return; // only relative addresses
    var url;
    try {
      url = new URL(raw, window.location.href);
    } catch (error) {
      return;
    }
    if (!/\.ipynb$/.test(url.pathname) || url.searchParams.has(PARAMETER)) return;
    url.searchParams.set(PARAMETER, name);
    // Keep the address relative, as written: only its query changes.
    var path = raw.split("#")[0].split("?")[0];
    link.setAttribute("href", path + url.search + url.hash);
  }

  function carryWithin(root) {
    var name = current();
    if (!name || !root.querySelectorAll) return;
    if (root.matches && root.matches("a[href]")) carry(root, name);
    root.querySelectorAll("a[href]").forEach(function (link) {
      carry(link, name);
    });
  }

  function adopt(root) {
    if (!root.querySelectorAll) return;
    var here = root.matches && root.matches(".tc-learner-here") ? root : null;
    here = here || root.querySelector(".tc-learner-here[data-learner-query]");
    if (!here) return;
    var query = new URLSearchParams(here.getAttribute("data-learner-query") || "");
    var name = query.get(PARAMETER);
    if (!name || name === current()) return;
    var url = new URL(window.location.href);
    url.searchParams.set(PARAMETER, name);
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    carryWithin(document.documentElement);
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== Node.ELEMENT_NODE) return;
        adopt(node);
        carryWithin(node);
      });
    });
  }).observe(document.documentElement, { subtree: true, childList: true });

  // A click on a link not seen yet (added by a widget between two observations) still carries.
  document.addEventListener(
    "click",
    function (event) {
      var name = current();
      var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
      if (name && link) carry(link, name);
    },
    true
  );
  carryWithin(document.documentElement);

  var RELOADED = "tc-reloaded-for-pending:" + window.location.pathname + window.location.search;
  var started = Date.now();
  var stuckSince = 0;
  var watch = window.setInterval(function () {
    // Stuck: the "opening" line, or a widget the page never finished loading ("Loading
    // widget...", when the update came while the widgets were being set up).
    var text = document.body ? document.body.innerText : "";
    var stuck =
      document.querySelector(".tc-pending") !== null || text.indexOf("Loading widget...") >= 0;
    if (!stuck) {
      stuckSince = 0;
      if (Date.now() - started > 60000) window.clearInterval(watch);
      return;
    }
    stuckSince = stuckSince || Date.now();
    if (Date.now() - stuckSince < 20000) return;
    window.clearInterval(watch);
    try {
      if (window.sessionStorage.getItem(RELOADED) === "1") return;
      window.sessionStorage.setItem(RELOADED, "1");
      window.location.reload();
    } catch (error) {
      /* no session storage: the line itself says to reload */
    }
  }, 1000);
})();
