/* What the course's pages add for screen readers and keyboards, where the page or ipywidgets 8.1
   leave a gap. Included inline by index.html.j2 (lessons) and tree-lab.html (the home page); it
   runs as the page is parsed and follows every later change with one MutationObserver, so
   widgets rendered or redrawn at any time are covered.

   - Slider handles (noUiSlider, role "slider") get no name from ipywidgets: each is labelled by
     its widget's description label, and its aria-valuetext is the readout the student sees (a
     FloatLogSlider's handle otherwise speaks the exponent). The readout, which takes a typed
     value, becomes a textbox with the same label.
   - Toggle buttons say which one is chosen (aria-pressed); their row is a group named by the
     description label, as a row of radio buttons is a radiogroup, whose buttons share a name so
     that the arrow keys move the choice.
   - Labels lose the tooltip "null" that ipywidgets 8.1 gives them when no tooltip is set.
   - A page with no main landmark (Voila's file list) gets one, and a page with no language says
     English. */
(function () {
  "use strict";
  var WIDGETS =
    ".widget-slider, .widget-toggle-buttons, .widget-radio, button.widget-toggle-button, " +
    ".widget-label";
  var made = 0;

  function set(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function idOf(element) {
    if (!element.id) {
      made += 1;
      element.id = "tc-label-" + made;
    }
    return element.id;
  }

  /* A widget's description label, if it shows any text. */
  function labelOf(widget) {
    var label = widget.querySelector(":scope > .widget-label");
    if (!label || label.style.display === "none") return null;
    return label.textContent.replace(/\u200b/g, "").trim() ? label : null;
  }

  function labelSlider(widget) {
    var label = labelOf(widget);
    var handles = widget.querySelectorAll(".noUi-handle[role=slider]");
    var readout = widget.querySelector(":scope > .widget-readout");
    var shown = readout && readout.style.display !== "none" ? readout : null;
    handles.forEach(function (handle) {
      if (label) set(handle, "aria-labelledby", idOf(label));
      if (shown && handles.length === 1) set(handle, "aria-valuetext", shown.textContent.trim());
    });
    if (shown) {
      set(shown, "role", "textbox");
      if (label) set(shown, "aria-labelledby", idOf(label));
    }
  }

  function labelGroup(widget, box, role) {
    var label = labelOf(widget);
    var group = widget.querySelector(box);
    if (!group) return;
    set(group, "role", role);
    if (label) set(group, "aria-labelledby", idOf(label));
    if (role === "radiogroup") nameRadios(group);
  }

  /* ipywidgets gives a row of radio buttons no shared name, so each is a Tab stop of its own and
     the arrow keys do nothing. One name per row makes it a native radio group: one Tab stop, and
     the arrow keys move the choice (the browser clicks the newly chosen button, which the widget
     already listens to). */
  function nameRadios(group) {
    var name = "tc-" + idOf(group);
    group.querySelectorAll("input[type=radio]").forEach(function (input) {
      set(input, "name", name);
    });
  }

  function fix(element) {
    if (element.matches(".widget-slider")) labelSlider(element);
    else if (element.matches(".widget-toggle-buttons")) labelGroup(element, ":scope > div", "group");
    else if (element.matches(".widget-radio")) {
      labelGroup(element, ":scope > .widget-radio-box", "radiogroup");
    } else if (element.matches("button.widget-toggle-button")) {
      set(element, "aria-pressed", String(element.classList.contains("mod-active")));
    } else if (element.getAttribute("title") === "null") element.removeAttribute("title");
  }

  function fixWithin(root) {
    if (root.matches(WIDGETS)) fix(root);
    root.querySelectorAll(WIDGETS).forEach(fix);
  }

  function page() {
    if (!document.documentElement.lang) document.documentElement.lang = "en";
    if (document.querySelector("main, [role=main]")) return;
    var panel = document.getElementById("jp-main-content-panel");
    if (panel) panel.setAttribute("role", "main");
  }

  new MutationObserver(function (records) {
    var done = new Set();
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === Node.ELEMENT_NODE) fixWithin(node);
      });
      var target = record.target.nodeType === Node.ELEMENT_NODE
        ? record.target
        : record.target.parentElement;
      var widget = target && target.closest(WIDGETS);
      if (widget && !done.has(widget)) {
        done.add(widget);
        fix(widget);
      }
    });
    page();
  }).observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["aria-valuetext", "class", "title"],
  });
  fixWithin(document.documentElement);
  page();
})();
