"""What a lesson weighs in the browser: bytes over HTTP and on the kernel websocket, per view.

    .venv/bin/python bench/page_weight.py [--lessons 02-who-gets-it ...] [--largest 5]

Serves the lessons with the course's voila.json and opens each lesson in headless Chromium,
twice in one browser context: the first view with an empty cache, then the repeat view (a new
tab, the same cache), as a student who comes back to a lesson. Chromium's own network log (CDP)
counts what crossed the wire:

- HTTP: ``Network.loadingFinished``'s ``encodedDataLength`` of every request, headers included
  (compressed bodies count compressed; a response from the cache counts 0, a 304 its headers);
- websocket: the bytes the server sent on the page's kernel websocket connection, frame headers
  included, from navigation until every output has rendered and the page fell quiet. Chromium
  reports a frame's payload decompressed (``Network.webSocketFrameReceived``), so the bytes on
  the wire are counted by a loopback TCP proxy the browser reaches the server through; the
  payloads are reported too (``ws_payload_mib_*``).

The widget manager first asks the kernel for every widget's state in one message; when no answer
comes within 4 s (a busy kernel, a loaded machine) it asks again widget by widget, and the page
then receives several times more. The table's "per-widget" column counts those requests.

Prints a table, then one ``name: value`` line per figure (MiB are 2**20 bytes).
``measure()`` returns the same figures for a runner that imports this module.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import re
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import BrowserContext, sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, open_lesson  # noqa: E402
from tests.conftest import running_voila  # noqa: E402

MIB = 2**20
#: Where the page loads plotly.js from: the chunk of jupyterlab-plotly's labextension that holds
#: its mime renderer (the extension's other files are its small remoteEntry and style.js).
PLOTLY_EXTENSION_PATH = "/voila/labextensions/jupyterlab-plotly/static/"
#: The kernel websocket's path, /api/kernels/<id>/channels (Voila's request-info socket is the
#: kernel's, not the page's).
KERNEL_CHANNELS = "/channels"
#: A view is over when nothing has arrived over HTTP or the websocket for this long, in seconds,
#: after every output rendered (widgets keep arriving after Voila's spinner is gone).
QUIET_S = 2.0
#: Longest wait for that quiet, in seconds.
QUIET_TIMEOUT_S = 120.0
#: What ipywidgets writes in place of a widget it could not show.
WIDGET_ERROR = "Error displaying widget"
#: A widget manager's request for one widget's state (not the bulk "request_states").
PER_WIDGET_REQUEST = re.compile(rb'"request_state"')
#: Seconds between two views, for the lesson's preheated kernel to be back in the pool.
POOL_REFILL_S = 3


@dataclass
class View:
    """What one view of a lesson transferred."""

    http_bytes: int = 0
    requests: int = 0
    ws_bytes: int = 0
    ws_payload_bytes: int = 0
    per_widget_requests: int = 0
    plotly_js: bool = False
    widget_errors: int = 0
    largest: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Connection:
    """One TCP connection through the proxy: its first request line, the bytes sent down."""

    first_line: bytes = b""
    down_bytes: int = 0


class CountingProxy:
    """A loopback TCP proxy to ``127.0.0.1:target_port`` that counts each connection's bytes
    from the server, in a thread of its own; ``port`` is where it listens."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.connections: list[Connection] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()

    async def _pipe(
        self,
        source: asyncio.StreamReader,
        sink: asyncio.StreamWriter,
        connection: Connection,
        *,
        down: bool,
    ) -> None:
        try:
            while data := await source.read(65536):
                if down:
                    connection.down_bytes += len(data)
                elif not connection.first_line:
                    connection.first_line = data.split(b"\r\n", 1)[0]
                sink.write(data)
                await sink.drain()
        except OSError:
            pass
        finally:
            sink.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connection = Connection()
        self.connections.append(connection)
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.close()
            return
        await asyncio.gather(
            self._pipe(reader, up_writer, connection, down=False),
            self._pipe(up_reader, writer, connection, down=True),
        )

    async def _serve(self) -> None:
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await server.serve_forever()

    def _run(self) -> None:
        with suppress(asyncio.CancelledError):
            self._loop.run_until_complete(self._serve())

    def _stop(self) -> None:
        for task in asyncio.all_tasks(self._loop):
            task.cancel()

    @contextmanager
    def running(self) -> Iterator[CountingProxy]:
        thread = threading.Thread(target=self._run, daemon=True)
        thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the counting proxy did not start")
        try:
            yield self
        finally:
            self._loop.call_soon_threadsafe(self._stop)
            thread.join(10)

    def kernel_socket_bytes(self, since: int) -> int:
        """Bytes sent down the kernel websockets opened since connection number ``since``."""
        return sum(
            connection.down_bytes
            for connection in self.connections[since:]
            if KERNEL_CHANNELS.encode() in connection.first_line.split(b"?")[0]
        )


def proxied(url: str) -> contextlib.AbstractContextManager[CountingProxy]:
    """A counting proxy in front of the server at ``url`` (http://127.0.0.1:PORT)."""
    return CountingProxy(int(url.rsplit(":", 1)[1])).running()


def _payload(response: dict[str, Any]) -> bytes:
    """A websocket frame's payload as CDP gives it: text frames as text, others in base64."""
    payload = str(response.get("payloadData", ""))
    if response.get("opcode") == 1:
        return payload.encode("utf-8")
    return base64.b64decode(payload)


def view(context: BrowserContext, url: str, proxy: CountingProxy) -> View:
    """Open ``url`` in a new tab of ``context``, wait for every output, count what it moved."""
    since = len(proxy.connections)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls: dict[str, str] = {}
    sockets: set[str] = set()
    result = View()
    last_arrival = [time.monotonic()]

    def on_request(event: dict[str, Any]) -> None:
        urls[event["requestId"]] = event["request"]["url"]

    def on_finished(event: dict[str, Any]) -> None:
        address = urls.get(event["requestId"], "")
        if not address.startswith("http"):
            return
        last_arrival[0] = time.monotonic()
        size = int(event["encodedDataLength"])
        result.http_bytes += size
        result.requests += 1
        result.largest.append((size, address.split("?")[0].rsplit("/voila/", 1)[-1]))
        is_extension_file = PLOTLY_EXTENSION_PATH in address
        if is_extension_file and not address.split("?")[0].endswith(("/style.js", ".json")):
            result.plotly_js |= "/remoteEntry." not in address

    def on_socket(event: dict[str, Any]) -> None:
        if KERNEL_CHANNELS in event["url"].split("?")[0]:
            sockets.add(event["requestId"])

    def on_frame(event: dict[str, Any]) -> None:
        if event["requestId"] in sockets:
            last_arrival[0] = time.monotonic()
            result.ws_payload_bytes += len(_payload(event["response"]))

    def on_sent(event: dict[str, Any]) -> None:
        if event["requestId"] in sockets:
            found = PER_WIDGET_REQUEST.findall(_payload(event["response"]))
            result.per_widget_requests += len(found)

    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.on("Network.webSocketCreated", on_socket)
    cdp.on("Network.webSocketFrameReceived", on_frame)
    cdp.on("Network.webSocketFrameSent", on_sent)
    open_lesson(page, url)
    deadline = time.monotonic() + QUIET_TIMEOUT_S
    while time.monotonic() < deadline and (
        not result.ws_payload_bytes or time.monotonic() - last_arrival[0] < QUIET_S
    ):
        page.wait_for_timeout(250)
    result.widget_errors = page.get_by_text(WIDGET_ERROR).count()
    result.ws_bytes = proxy.kernel_socket_bytes(since)
    cdp.detach()
    page.goto("about:blank")  # leaving the page posts its kernel's shutdown
    page.close()
    result.largest.sort(reverse=True)
    return result


def _stem_key(stem: str) -> str:
    return stem.replace("-", "_")


def measure(
    *, root: Path = ROOT, stems: Sequence[str] | None = None, log: Path | None = None
) -> dict[str, float]:
    """First-view, repeat-view and websocket MiB of each lesson, their maxima, and how many
    lessons load plotly.js (``plotly_js_pages``)."""
    figures, _ = _measure(root=root, stems=stems, log=log)
    return figures


def _views(base: str, stems: Sequence[str], proxy: CountingProxy) -> dict[str, tuple[View, View]]:
    """The first and the repeat view of each lesson, each lesson in a browser context of its own."""
    views: dict[str, tuple[View, View]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for stem in stems:
            url = f"{base}/voila/render/{stem}.ipynb?learner=bench"
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            first = view(context, url, proxy)
            time.sleep(POOL_REFILL_S)
            repeat = view(context, url, proxy)
            context.close()
            views[stem] = (first, repeat)
        browser.close()
    return views


def _measure(
    *, root: Path, stems: Sequence[str] | None, log: Path | None
) -> tuple[dict[str, float], dict[str, tuple[View, View]]]:
    stems = list(stems or sorted(path.stem for path in (root / "lessons").glob("[0-9][0-9]-*")))
    log = log or Path("/tmp") / "tc-bench-page-weight.log"
    with running_voila(root, log) as server, proxied(server) as proxy:
        views = _views(f"http://127.0.0.1:{proxy.port}", stems, proxy)
    figures: dict[str, float] = {}
    for stem, (first, repeat) in views.items():
        key = _stem_key(stem)
        figures[f"http_first_view_mib_{key}"] = first.http_bytes / MIB
        figures[f"http_repeat_view_mib_{key}"] = repeat.http_bytes / MIB
        figures[f"ws_view_mib_{key}"] = max(first.ws_bytes, repeat.ws_bytes) / MIB
        figures[f"ws_payload_mib_{key}"] = (
            max(first.ws_payload_bytes, repeat.ws_payload_bytes) / MIB
        )
    for kind in ("http_first_view", "http_repeat_view", "ws_view", "ws_payload"):
        figures[f"{kind}_mib_max"] = max(
            value for name, value in figures.items() if name.startswith(f"{kind}_mib_")
        )
    figures["plotly_js_pages"] = sum(first.plotly_js for first, _ in views.values())
    return figures, views


def table(views: dict[str, tuple[View, View]]) -> str:
    """One row per lesson; the websocket columns give the larger of its two views."""
    rows = [
        f"{'lesson':30} {'first MiB':>9} {'req':>4} {'repeat MiB':>10} {'req':>4} "
        f"{'ws MiB':>7} {'payload':>7} {'per-widget':>10} {'plotly.js':>9} {'errors':>6}"
    ]
    for stem, (first, repeat) in views.items():
        rows.append(
            f"{stem:30} {first.http_bytes / MIB:9.2f} {first.requests:4d} "
            f"{repeat.http_bytes / MIB:10.3f} {repeat.requests:4d} "
            f"{max(first.ws_bytes, repeat.ws_bytes) / MIB:7.3f} "
            f"{max(first.ws_payload_bytes, repeat.ws_payload_bytes) / MIB:7.3f} "
            f"{max(first.per_widget_requests, repeat.per_widget_requests):10d} "
            f"{'yes' if first.plotly_js else 'no':>9} "
            f"{first.widget_errors + repeat.widget_errors:6d}"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", nargs="*", help="lesson stems (default: every lesson)")
    parser.add_argument(
        "--largest", type=int, default=0, help="also list each view's N largest transfers"
    )
    args = parser.parse_args()
    figures, views = _measure(root=ROOT, stems=args.lessons, log=None)
    print(table(views), file=sys.stderr)
    if args.largest:
        for stem, pair in views.items():
            for label, one in zip(("first", "repeat"), pair, strict=True):
                print(f"{stem} {label}:", file=sys.stderr)
                for size, address in one.largest[: args.largest]:
                    print(f"  {size / 1024:9.1f} KiB  {address}", file=sys.stderr)
    for name, value in figures.items():
        print(f"{name}: {value:.0f}" if name == "plotly_js_pages" else f"{name}: {value:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
