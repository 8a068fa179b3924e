"""The kernel cap: a flood of page requests (Voila #617) starts no more kernels than the cap,
the requests beyond it get the busy page, and kernels whose page never connected are freed."""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, ROOT, running_voila_process
from tests.voila.http import Response, external_links, fetch, is_complete_lesson
from tests.voila.processes import kernels, rss_mib

pytestmark = pytest.mark.voila

CAP = 4
WINDOW_S = 20  # the unopened-page window; the course's default is 110 s
REQUESTS = 100
FLOOD_DEADLINE_S = 150
LESSON = "00-start-here"
# The flooded lesson's pool fills the cap: the first CAP requests get preheated kernels at once,
# and memory before and after compares like with like (CAP kernels of the same lesson, freshly
# run, both times: the pool refills once the window has freed the pages' kernels).
POOLS = {"default": {"pool_size": 0}, f"{LESSON}.ipynb": {"pool_size": CAP}}
BUSY_TEXT = "The course is busy: too many lessons are open on this server. Try again in a minute."


@dataclass(frozen=True)
class CappedServer:
    url: str
    pid: int
    log: Path

    @property
    def lesson_url(self) -> str:
        return f"{self.url}/voila/render/{LESSON}.ipynb"


def wait_for_kernels(server: CappedServer, count: int, *, timeout_s: float) -> int:
    """Wait until the server runs exactly ``count`` kernels; the number it runs at the end."""
    deadline = time.monotonic() + timeout_s
    while len(kernels(server.pid)) != count and time.monotonic() < deadline:
        time.sleep(0.5)
    return len(kernels(server.pid))


def settled_rss_mib(pid: int, *, timeout_s: float = 60) -> float:
    """Memory of the server and its kernels once the kernels have finished running their lesson:
    the first reading that three more, a second apart, stay within 1 MiB of."""
    readings = [rss_mib(pid)]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        time.sleep(1)
        readings.append(rss_mib(pid))
        if len(readings) >= 4 and max(readings[-4:]) - min(readings[-4:]) <= 1:
            break
    return readings[-1]


@pytest.fixture(scope="module")
def capped_server() -> Iterator[CappedServer]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "voila-kernel-cap.log"
    options = (
        f"--CourseKernelManager.max_kernels={CAP}",
        f"--CourseKernelManager.unopened_kernel_timeout={WINDOW_S}",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(POOLS)}",
    )
    with running_voila_process(ROOT, log, *options) as running:
        server = CappedServer(running.url, running.pid, log)
        assert wait_for_kernels(server, CAP, timeout_s=120) == CAP, "the pool did not fill"
        yield server


def kernel_id(page: str) -> str:
    """The kernel a lesson page runs on (Voila writes it into the page's configuration)."""
    found = re.search(r'"kernelId": "([0-9a-f-]{36})"', page)
    assert found, "no kernel id in the page"
    return found[1]


def wait_until_gone(server: CappedServer, kernel_ids: set[str], *, timeout_s: float) -> set[str]:
    """Wait until none of ``kernel_ids`` runs; those still running at the end."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        running = kernel_ids & {kernel.kernel_id for kernel in kernels(server.pid)}
        if not running:
            break
        time.sleep(0.5)
    return running


def flood(server: CappedServer) -> tuple[list[Response], int]:
    """Up to REQUESTS plain GETs of one lesson, one after another, within FLOOD_DEADLINE_S; the
    replies and the most kernels seen running after any of them."""
    replies: list[Response] = []
    most_kernels = 0
    deadline = time.monotonic() + FLOOD_DEADLINE_S
    while len(replies) < REQUESTS and time.monotonic() < deadline:
        replies.append(fetch(server.lesson_url))
        most_kernels = max(most_kernels, len(kernels(server.pid)))
    return replies, most_kernels


def summary(replies: list[Response], most_kernels: int) -> str:
    """Counts and response times of a flood, for the test's output."""
    lines = [f"{len(replies)} requests; at most {most_kernels} kernels running"]
    for status in sorted({reply.status for reply in replies}):
        seconds = [reply.seconds for reply in replies if reply.status == status]
        lines.append(
            f"HTTP {status}: {len(seconds)}, median {statistics.median(seconds) * 1000:.0f} ms,"
            f" max {max(seconds) * 1000:.0f} ms"
        )
    return "\n".join(lines)


def test_a_flood_stays_under_the_cap_and_its_kernels_are_freed(capped_server: CappedServer) -> None:
    before_mib = settled_rss_mib(capped_server.pid)
    start = time.monotonic()
    replies, most_kernels = flood(capped_server)
    flood_s = time.monotonic() - start
    pages = [reply for reply in replies if reply.status == 200]
    busy = [reply for reply in replies if reply.status == 503]
    print(summary(replies, most_kernels))
    assert len(replies) == REQUESTS, "the flood did not finish in time"
    assert len(pages) + len(busy) == REQUESTS, {reply.status for reply in replies}
    assert most_kernels <= CAP
    if flood_s < WINDOW_S:  # no page's kernel could be freed during the flood
        assert len(pages) == CAP
    for page in pages:
        assert is_complete_lesson(page.body)
    for reply in busy:
        assert BUSY_TEXT in reply.body
        assert reply.headers.get("Retry-After") == "60"
        assert "Traceback" not in reply.body
        assert external_links(reply.body) == []

    pages_kernels = {kernel_id(page.body) for page in pages}
    assert wait_until_gone(capped_server, pages_kernels, timeout_s=WINDOW_S + 30) == set()
    assert wait_for_kernels(capped_server, CAP, timeout_s=120) == CAP, "the pool did not refill"
    after_mib = settled_rss_mib(capped_server.pid)
    print(f"memory: {before_mib:.0f} MiB before, {after_mib:.0f} MiB after the window")
    assert abs(after_mib - before_mib) <= 0.10 * before_mib

    again = fetch(capped_server.lesson_url)
    assert again.status == 200
    assert is_complete_lesson(again.body)
    log = capped_server.log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log
    assert "no page connected to it within" in log
