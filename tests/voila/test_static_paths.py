"""The template's static files: odd paths are a plain 404, never a 500 with a traceback in the
log; real files still serve; the home page and error pages load nothing from another host."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, ROOT, running_voila
from tests.voila.http import external_links, fetch

pytestmark = pytest.mark.voila

ODD_PATHS = [
    "lab/static/..%2f..%2f..%2fconf.json",
    "tc-course/static/..%2findex.html.j2",
    "lab/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "lab/static/%2e%2e%2f%2e%2e%2fbase%2fstatic%2fvoila.js",
    "lab/static/voila.js/..%2f..%2f..%2fpage.html",
    "%2e%2e/static/voila.js",
    "..%2f..%2fbase/static/voila.js",
    "lab/static//etc/passwd",
    "lab/static/%2fetc%2fpasswd",
    "/etc/static/passwd",
    "lab/static/%00",
    "lab/static/voila.js%00.png",
    "lab/static/%5c..%5c..%5cconf.json",
    "lab/static/.",
    "lab/static/",
    "lab/static",
    "lab",
    "lab/nostatic/voila.js",
    "lab/static/no-such-file.js",
]
REAL_FILES = ["lab/static/voila.js", "tc-course/static/voila.js", "lab/static/index.css"]


@dataclass(frozen=True)
class Server:
    url: str
    log: Path


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """The course's server; no preheated kernels, as no lesson is opened here."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "voila-static.log"
    with running_voila(ROOT, log, "--VoilaConfiguration.preheat_kernel=False") as url:
        yield Server(url, log)


@pytest.mark.parametrize("path", ODD_PATHS)
def test_odd_static_paths_are_not_found(server: Server, path: str) -> None:
    reply = fetch(f"{server.url}/voila/templates/{path}")
    assert reply.status == 404
    assert "Traceback" not in reply.body


@pytest.mark.parametrize("path", REAL_FILES)
def test_template_static_files_are_served(server: Server, path: str) -> None:
    reply = fetch(f"{server.url}/voila/templates/{path}")
    assert reply.status == 200
    assert len(reply.body) > 100


def test_odd_paths_leave_no_traceback_in_the_log(server: Server) -> None:
    for path in ODD_PATHS:
        fetch(f"{server.url}/voila/templates/{path}")
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log
    assert "Uncaught exception" not in log
    assert " 500 " not in log


@pytest.mark.parametrize("page", ["/", "/voila/tree/no-such-folder"], ids=["home", "not-found"])
def test_pages_load_nothing_from_another_host(server: Server, page: str) -> None:
    reply = fetch(server.url + page)
    assert reply.status in {200, 404}
    assert "<html" in reply.body
    assert external_links(reply.body) == []
