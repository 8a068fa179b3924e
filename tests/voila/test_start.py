"""Reliable start: every lesson's first visitor gets a whole page, however the pool started.

When the eleven pools started at once over TCP, one server start in four had a kernel die of
``ZMQError: Address already in use`` (two kernels handed the same free port: jupyter_client
#487, Voila #408); Voila still counted it in the pool, and that lesson's first page never
finished. Kernels now talk over ipc sockets in the server's private folder (no ports to share),
and a pooled kernel that is dead, restarted or failed is replaced before hand-out.
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS, ROOT, lesson_files, running_voila, running_voila_process
from tests.voila.http import ERROR_MARKERS, fetch, is_complete_lesson
from tests.voila.processes import Kernel, kernels

pytestmark = pytest.mark.voila

STARTS = 3
START_FAILURES = ("Address already in use", "ZMQError", "died", "Traceback")
LESSON = "00-start-here"


def assert_lesson_page(url: str, stem: str) -> str:
    """Fetch a lesson; check it rendered to the end with no error. The page."""
    reply = fetch(f"{url}/voila/render/{stem}.ipynb")
    assert reply.status == 200, stem
    assert is_complete_lesson(reply.body), f"{stem}: the page stopped before its end"
    for marker in ERROR_MARKERS:
        assert marker not in reply.body, f"{stem}: {marker}"
    return reply.body


@pytest.mark.parametrize("start", range(1, STARTS + 1))
def test_every_lesson_renders_after_a_start(start: int) -> None:
    """The course's own settings: all eleven pools start together, then each lesson is opened."""
    log = ARTIFACTS / f"voila-start-{start}.log"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_voila(ROOT, log) as url:
        for path in lesson_files():
            assert_lesson_page(url, path.stem)
        # Read before the server stops: kernels still running a refill may complain then.
        text = log.read_text(encoding="utf-8", errors="replace")
    for failure in START_FAILURES:
        assert failure not in text, f"start {start}: {failure} (see {log})"


@dataclass(frozen=True)
class PooledServer:
    url: str
    pid: int
    log: Path


@pytest.fixture(scope="module")
def pooled_server() -> Iterator[PooledServer]:
    """The course's settings with a preheated kernel for one lesson only."""
    pools = {"default": {"pool_size": 0}, f"{LESSON}.ipynb": {"pool_size": 1}}
    log = ARTIFACTS / "voila-start-pool.log"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_voila_process(
        ROOT, log, f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}"
    ) as running:
        yield PooledServer(running.url, running.pid, log)


def pooled_kernel(server: PooledServer, *, timeout_s: float = 120) -> Kernel:
    """The server's one kernel, once its pool has run the lesson."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        running = kernels(server.pid)
        filled = f"Kernel pool of {LESSON}.ipynb is filled" in server.log.read_text()
        if filled and len(running) == 1:
            return running[0]
        time.sleep(0.5)
    raise AssertionError("the pool did not fill")


def wait_until_dead(pid: int, *, timeout_s: float = 10) -> None:
    """Until ``pid`` has exited (a zombie, or reaped), as a crashed kernel would have."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return
        if state in ("Z", "X"):
            return
        time.sleep(0.05)
    raise AssertionError(f"kernel {pid} did not die")


def test_kernels_talk_over_ipc_in_a_private_folder(pooled_server: PooledServer) -> None:
    kernel = pooled_kernel(pooled_server)
    connection = json.loads(kernel.connection_file.read_text())
    folder = kernel.connection_file.parent
    assert connection["transport"] == "ipc"
    assert Path(connection["ip"]).parent == folder
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, "others can reach the sockets"
    deadline = time.monotonic() + 60  # the kernel binds its sockets once it has started
    while len(sockets := list(folder.glob(f"kernel-{kernel.kernel_id}-ipc-*"))) < 5:
        assert time.monotonic() < deadline, f"the kernel's sockets are not in {folder}"
        time.sleep(0.5)
    assert all(stat.S_ISSOCK(path.stat().st_mode) for path in sockets)


def test_a_dead_pooled_kernel_is_replaced_before_hand_out(pooled_server: PooledServer) -> None:
    killed = pooled_kernel(pooled_server)
    # A kernel of the server this test started, ended by its PID to stand for a crash.
    os.kill(killed.pid, signal.SIGKILL)
    wait_until_dead(killed.pid)  # a signal takes effect when the kernel is next scheduled
    page = assert_lesson_page(pooled_server.url, LESSON)
    handed_out = re.search(r'"kernelId": "([0-9a-f-]{36})"', page)
    assert handed_out, "no kernel id in the page"
    assert handed_out[1] != killed.kernel_id, "the dead kernel was handed out"
    log = pooled_server.log.read_text(encoding="utf-8", errors="replace")
    assert f"Pooled kernel {killed.kernel_id} for {LESSON}.ipynb is not handed out" in log
