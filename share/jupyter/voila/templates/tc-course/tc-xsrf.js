// The page's one-off _xsrf token, so that Voila's kernel shutdown on closing the tab is
// accepted (see index.html.j2, fix 2). A Jinja include: base_url comes from the page.
  (function () {
    if (/(^|;\s*)_xsrf=/.test(document.cookie)) return;
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var token = Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    document.cookie = "_xsrf=" + token + "; path={{ resources.base_url or "/" }}; SameSite=Strict";
  })();
