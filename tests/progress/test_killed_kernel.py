"""A kernel killed (SIGKILL) while it writes answers leaves a sound store with every commit."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

from tests.progress.processes import student_processes
from widgets.progress.location import sqlite_url
from widgets.progress.store import Store

COMMITS_BEFORE_KILL = 60


def test_a_kernel_killed_mid_write_loses_no_committed_attempt(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    url = sqlite_url(path)
    Store.open(url).close()

    with student_processes(url, ["Ada"], "--forever") as (process,):
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"
        committed = [int(process.stdout.readline()) for _ in range(COMMITS_BEFORE_KILL)]
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate(timeout=30)
    committed += [int(line) for line in rest.split()]
    assert process.returncode == -signal.SIGKILL

    store = Store.open(url)
    try:
        stored = {row.id for row in store.attempts(store.learner("Ada"))}
    finally:
        store.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert set(committed) <= stored
    assert len(committed) >= COMMITS_BEFORE_KILL
