/* A lesson whose kernel is gone says so. When the kernel dies, is culled or is shut down, every
   widget on the page stops answering and ipywidgets shows a broken-link icon with no word; the
   student is left clicking a dead page. This shows a banner at the top instead (role "alert", a
   real Reload button), once the page's kernel connection is lost for good:

   - the kernel websocket (a URL with /api/kernels/<id>/channels) closes, and no kernel
     websocket opens again within RECONNECT_MS (@jupyterlab/services reconnects by itself after
     a network hiccup; a close while the page unloads is the page leaving, not a loss), or
   - an iopub status message says "restarting" or "dead": jupyter_server sends "restarting" when
     its restarter revives a killed kernel under the same id, and the new kernel has none of the
     page's widgets, so the page is just as dead, or
   - the server no longer knows the kernel (GET /api/kernels/<id> answers 404) or calls it dead.
     A kernel shut down by the server (Voila's shutdown endpoint, the culler) leaves the page's
     websocket open and silent, so the page asks every POLL_MS while it is open and visible, as
     JupyterLab's kernel manager polls its kernel list; the request does not count as activity.

   Voila's bundle creates its websocket itself, so window.WebSocket is wrapped before that bundle
   runs (index.html.j2 includes this file in the page's head). The wrapper returns the browser's
   own socket, untouched apart from three listeners on kernel sockets; other sockets get none.
   Messages are read defensively and only as far as needed: a status message is small, and
   either a v1 binary frame (course_server/frames.py has the layout) or legacy JSON text. */
(function () {
  "use strict";
  var NativeWebSocket = window.WebSocket;
  var KERNEL_CHANNELS = /\/api\/kernels\/[^/?#]+\/channels(?:[?#]|$)/;
  var V1_PROTOCOL = "v1.kernel.websocket.jupyter.org";
  var LOST_STATES = { restarting: true, dead: true };
  // A status message is a few hundred bytes; larger frames (widget states) are not read.
  var MAX_STATUS_BYTES = 16384;
  // Longer than @jupyterlab/services' first reconnection attempts (0 s, then 1 s, then 3 s).
  var RECONNECT_MS = 5000;
  var POLL_MS = 10000;
  var MESSAGE =
    "The connection to this lesson was lost. Reload the page to go on: your answers are saved.";
  var open = 0;
  var connected = false;
  var leaving = false;
  var lost = false;
  var timer = null;
  var kernelUrl = null;
  var polling = null;

  if (typeof NativeWebSocket !== "function") return;

  function showBanner() {
    if (lost || leaving) return;
    lost = true;
    var banner = document.createElement("div");
    banner.className = "tc-connection-lost";
    banner.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = MESSAGE;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload";
    button.addEventListener("click", function () {
      window.location.reload();
    });
    banner.appendChild(text);
    banner.appendChild(button);
    document.body.insertBefore(banner, document.body.firstChild);
    makeRoomFor(banner);
    window.addEventListener("resize", function () {
      makeRoomFor(banner);
    });
  }

  /* The lesson scrolls below the banner rather than under it (index.html.j2's CSS uses this
     height); the banner's height depends on how its sentence wraps. */
  function makeRoomFor(banner) {
    var root = document.documentElement;
    root.style.setProperty("--tc-connection-lost-height", banner.offsetHeight + "px");
    root.classList.add("tc-connection-lost-shown");
  }

  function whenReady(action) {
    if (document.body) action();
    else document.addEventListener("DOMContentLoaded", action);
  }

  function lose() {
    if (leaving) return;
    if (polling !== null) {
      window.clearInterval(polling);
      polling = null;
    }
    whenReady(showBanner);
  }

  function onOpen(socketUrl) {
    open += 1;
    connected = true;
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
    if (polling === null) polling = window.setInterval(poll, POLL_MS);
    kernelUrl = restUrl(socketUrl);
  }

  /* The kernel's REST address (http[s]://.../api/kernels/<id>) for its websocket's address. */
  function restUrl(socketUrl) {
    var url = new URL(socketUrl, window.location.href);
    url.protocol = url.protocol === "wss:" ? "https:" : "http:";
    url.pathname = url.pathname.replace(/\/channels$/, "");
    url.search = "";
    url.hash = "";
    return url.href;
  }

  function poll() {
    if (lost || leaving || open === 0 || kernelUrl === null) return;
    if (document.visibilityState === "hidden") return;
    // With the page's _xsrf token, as Jupyter's own requests carry it: a server under JupyterHub
    // refuses a cookie-authenticated API call without it (403).
    var xsrf = /(?:^|;\s*)_xsrf=([^;]*)/.exec(document.cookie);
    var headers = xsrf ? { "X-XSRFToken": decodeURIComponent(xsrf[1]) } : {};
    window.fetch(kernelUrl, { credentials: "same-origin", cache: "no-store", headers: headers }).then(
      function (reply) {
        if (reply.status === 404) lose();
        else if (reply.ok) {
          return reply.json().then(function (model) {
            if (model && model.execution_state === "dead") lose();
          });
        }
      }
    ).catch(function () {});  // the server unreachable: the websocket's close says so
  }

  function onClose(wasOpen) {
    if (wasOpen) open -= 1;
    if (leaving || !connected || open > 0 || timer !== null) return;
    timer = window.setTimeout(function () {
      timer = null;
      if (open === 0) lose();
    }, RECONNECT_MS);
  }

  /* The parsed JSON object in bytes [start, end) of a frame, or null. */
  function jsonAt(bytes, start, end) {
    try {
      var value = JSON.parse(new TextDecoder().decode(bytes.subarray(start, end)));
      return value && typeof value === "object" ? value : null;
    } catch (error) {
      return null;
    }
  }

  /* The execution state of a v1 iopub status frame, or null: a little-endian uint64 count n,
     then n uint64 offsets; the parts between them are channel, header, parent header, metadata
     and content. */
  function v1State(buffer) {
    if (buffer.byteLength < 56 || buffer.byteLength > MAX_STATUS_BYTES) return null;
    var view = new DataView(buffer);
    var count = view.getUint32(0, true);
    if (view.getUint32(4, true) !== 0 || count < 6 || 8 * (count + 1) > buffer.byteLength) {
      return null;
    }
    var offsets = [];
    for (var i = 1; i <= 6; i += 1) {
      var offset = view.getUint32(8 * i, true);
      var previous = offsets.length ? offsets[offsets.length - 1] : 8 * (count + 1);
      if (view.getUint32(8 * i + 4, true) !== 0 || offset < previous) return null;
      if (offset > buffer.byteLength) return null;
      offsets.push(offset);
    }
    var bytes = new Uint8Array(buffer);
    if (new TextDecoder().decode(bytes.subarray(offsets[0], offsets[1])) !== "iopub") return null;
    var header = jsonAt(bytes, offsets[1], offsets[2]);
    if (!header || header.msg_type !== "status") return null;
    var content = jsonAt(bytes, offsets[4], offsets[5]);
    return content ? content.execution_state : null;
  }

  /* The execution state of a legacy iopub status message (JSON text), or null. */
  function legacyState(text) {
    if (text.length > MAX_STATUS_BYTES || text.indexOf('"status"') === -1) return null;
    var message;
    try {
      message = JSON.parse(text);
    } catch (error) {
      return null;
    }
    if (!message || message.channel !== "iopub") return null;
    if (!message.header || message.header.msg_type !== "status") return null;
    return message.content ? message.content.execution_state : null;
  }

  function onMessage(socket, data) {
    var state = null;
    if (typeof data === "string") state = legacyState(data);
    else if (socket.protocol === V1_PROTOCOL && data instanceof ArrayBuffer) state = v1State(data);
    else if (socket.protocol === V1_PROTOCOL && data instanceof Blob) {
      if (data.size <= MAX_STATUS_BYTES) {
        data.arrayBuffer().then(function (buffer) {
          if (LOST_STATES[v1State(buffer)] === true) lose();
        }, function () {});
      }
      return;
    }
    if (LOST_STATES[state] === true) lose();
  }

  /* A listener that never throws: the page's own listeners on the socket must still run, and a
     banner missed is better than a page broken. */
  function guarded(listener) {
    return function (event) {
      try {
        listener(event);
      } catch (error) {
        return;
      }
    };
  }

  function watch(socket, url) {
    var opened = false;
    socket.addEventListener("open", guarded(function () {
      opened = true;
      onOpen(url);
    }));
    socket.addEventListener("close", guarded(function () {
      onClose(opened);
      opened = false;
    }));
    socket.addEventListener("message", guarded(function (event) {
      onMessage(socket, event.data);
    }));
  }

  function CourseWebSocket(url, protocols) {
    var socket = arguments.length > 1
      ? new NativeWebSocket(url, protocols)
      : new NativeWebSocket(url);
    if (KERNEL_CHANNELS.test(String(url))) watch(socket, String(url));
    return socket;
  }
  CourseWebSocket.prototype = NativeWebSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
    Object.defineProperty(CourseWebSocket, name, { value: NativeWebSocket[name] });
  });
  window.WebSocket = CourseWebSocket;

  function leave() {
    leaving = true;
  }
  window.addEventListener("beforeunload", leave);
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", poll);  // a tab shown again asks at once
  /* Back in the page from the back-forward cache: a kernel socket that closed meanwhile left
     the page without its kernel. */
  window.addEventListener("pageshow", function (event) {
    if (!leaving) return;
    leaving = false;
    if (event.persisted && connected && open === 0) lose();
  });
})();
