"""Lighter pages: the server compresses what it sends, lets the browser keep versioned files, and
leaves plotly.js out of lessons that draw no chart (bench/page_weight.py measures the bytes)."""

from __future__ import annotations

import asyncio
import gzip
import http.client
import json
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest
from jupyter_core.paths import jupyter_path
from tornado.websocket import websocket_connect

from course_server.caching import IMMUTABLE, REVALIDATE
from course_server.extensions import PLOTLY_EXTENSION
from tests.conftest import VoilaServer
from tests.voila.hostile_client import legacy_text, message
from tests.voila.http import is_complete_lesson

pytestmark = pytest.mark.voila

CONFIG_DATA = re.compile(
    r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', re.S
)
NO_CHART_LESSON = "01-what-is-tumoral-calcinosis"
CHART_LESSON = "02-who-gets-it"


@dataclass(frozen=True)
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes  # as sent: compressed when Content-Encoding says so

    @property
    def text(self) -> str:
        raw = gzip.decompress(self.body) if self.encoding == "gzip" else self.body
        return raw.decode("utf-8")

    @property
    def encoding(self) -> str:
        return self.headers.get("Content-Encoding", "")


def get(url: str, **headers: str) -> Reply:
    """GET ``url`` as a browser would, offering gzip; the body is left as it came."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=180)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers={"Accept-Encoding": "gzip", **headers})
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def page_config(page: str) -> dict[str, object]:
    found = CONFIG_DATA.search(page)
    assert found, "the page has no jupyter-config-data"
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def extensions(config: dict[str, object]) -> dict[str, dict[str, str]]:
    listed = config["federated_extensions"]
    assert isinstance(listed, list)
    return {extension["name"]: extension for extension in listed}


@pytest.fixture(scope="module")
def lesson_pages(voila_server: VoilaServer) -> dict[str, Reply]:
    return {stem: get(voila_server.lesson_url(stem)) for stem in (NO_CHART_LESSON, CHART_LESSON)}


def plotly_bundle() -> Path:
    """jupyterlab-plotly's largest file: plotly.js and its renderer, 4.6 MiB."""
    folders = [Path(path) / PLOTLY_EXTENSION / "static" for path in jupyter_path("labextensions")]
    files = [path for folder in folders if folder.is_dir() for path in folder.glob("*.js")]
    assert files, "jupyterlab-plotly is not installed"
    return max(files, key=lambda path: path.stat().st_size)


def test_a_lesson_page_comes_gzip_encoded(lesson_pages: dict[str, Reply]) -> None:
    reply = lesson_pages[NO_CHART_LESSON]
    assert reply.status == 200
    assert reply.encoding == "gzip"
    assert is_complete_lesson(reply.text)
    assert len(reply.body) * 2 < len(reply.text.encode())
    assert "no-store" in reply.headers["Cache-Control"]  # the page holds its own kernel's id


def test_large_static_files_come_gzip_encoded(
    voila_server: VoilaServer, lesson_pages: dict[str, Reply]
) -> None:
    bundle = plotly_bundle()
    plotly = get(f"{voila_server.url}/voila/labextensions/{PLOTLY_EXTENSION}/static/{bundle.name}")
    assert plotly.status == 200
    assert plotly.encoding == "gzip"
    assert len(gzip.decompress(plotly.body)) == bundle.stat().st_size
    assert len(plotly.body) * 2 < bundle.stat().st_size
    style = re.search(
        r'src="([^"]*/static/voila-style\.js\?v=[0-9a-f]+)"', lesson_pages[NO_CHART_LESSON].text
    )
    assert style, "the page loads no versioned voila-style.js"
    assert get(voila_server.url + style.group(1)).encoding == "gzip"


def test_versioned_static_files_are_kept_for_a_year(
    voila_server: VoilaServer, lesson_pages: dict[str, Reply]
) -> None:
    page = lesson_pages[CHART_LESSON].text
    style = re.search(r'src="([^"]*/static/voila-style\.js\?v=[0-9a-f]+)"', page)
    assert style, "the page loads no versioned voila-style.js"
    plotly = extensions(page_config(page))[PLOTLY_EXTENSION]
    entry = f"{voila_server.url}/voila/labextensions/{PLOTLY_EXTENSION}/{plotly['load']}"
    bundle = (
        f"{voila_server.url}/voila/labextensions/{PLOTLY_EXTENSION}/static/{plotly_bundle().name}"
    )
    for url in (voila_server.url + style.group(1), entry, bundle):
        reply = get(url)
        assert reply.status == 200, url
        assert reply.headers["Cache-Control"] == IMMUTABLE, url
        assert "Expires" not in reply.headers, url


def test_unversioned_static_files_are_revalidated_and_unchanged_ones_not_sent_again(
    voila_server: VoilaServer,
) -> None:
    # Voila's chunks keep their names across releases, and the plotly extension's style.js its.
    for path in (
        "/voila/static/voila.js",
        f"/voila/labextensions/{PLOTLY_EXTENSION}/static/style.js",
    ):
        reply = get(voila_server.url + path)
        assert reply.status == 200, path
        assert reply.headers["Cache-Control"] == REVALIDATE, path
        again = get(
            voila_server.url + path, **{"If-Modified-Since": reply.headers["Last-Modified"]}
        )
        assert again.status == 304, path
        assert again.body == b"", path


def test_only_a_lesson_with_charts_loads_plotly(lesson_pages: dict[str, Reply]) -> None:
    without = extensions(page_config(lesson_pages[NO_CHART_LESSON].text))
    with_charts = extensions(page_config(lesson_pages[CHART_LESSON].text))
    assert PLOTLY_EXTENSION not in without
    assert PLOTLY_EXTENSION in with_charts
    # Everything else a page needs stays: the widget managers among it.
    assert set(without) == set(with_charts) - {PLOTLY_EXTENSION}
    assert any("widgets-manager" in name for name in without)


def test_the_kernel_websocket_is_compressed_when_the_browser_offers_it(
    voila_server: VoilaServer, lesson_pages: dict[str, Reply]
) -> None:
    kernel_id = page_config(lesson_pages[CHART_LESSON].text)["kernelId"]
    url = f"{voila_server.url.replace('http', 'ws', 1)}/api/kernels/{kernel_id}/channels"

    async def kernel_info() -> tuple[str, dict[str, object]]:
        connection = await websocket_connect(url, compression_options={})
        try:
            connection.write_message(legacy_text(message("kernel_info_request", {})))
            while True:
                reply = json.loads(await asyncio.wait_for(connection.read_message(), 60))
                if reply["header"]["msg_type"] == "kernel_info_reply":
                    return connection.headers.get("Sec-WebSocket-Extensions", ""), reply
        finally:
            connection.close()

    extensions_header, reply = asyncio.run(kernel_info())
    assert "permessage-deflate" in extensions_header
    assert reply["content"]["status"] == "ok"  # type: ignore[index]
