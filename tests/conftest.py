"""Fixtures shared by every test tier: the repository layout and a Voila server on loopback."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pytest

if TYPE_CHECKING:
    from tests.postgres import Cluster

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
ARTIFACTS = ROOT / "tests" / "artifacts"  # git-ignored: server logs and screenshots

# Progress saved while testing goes to a store of this test run, never the user's own; the
# servers and kernels tests start inherit it. A test that needs its own store sets its own.
if "TC_DATA_DIR" not in os.environ and "TC_DATABASE_URL" not in os.environ:
    import atexit
    import tempfile

    os.environ["TC_DATA_DIR"] = tempfile.mkdtemp(prefix="tc-test-progress-")
    atexit.register(shutil.rmtree, os.environ["TC_DATA_DIR"], ignore_errors=True)
#: The learner test pages open as (``?learner=``), so that their quizzes are shown.
TEST_LEARNER = "test-student"


def tool(name: str) -> ModuleType:
    """``tools/<name>.py`` loaded as a module (the tools are scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def environment(**values: str | None) -> Iterator[None]:
    """Within: these environment variables set (None: unset), as servers started then inherit
    them; afterwards each as it was."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def lesson_files() -> list[Path]:
    return sorted(LESSONS.glob("[0-9][0-9]-*.ipynb"))


def read_notebook(path: Path) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class VoilaServer:
    url: str
    log: Path

    def lesson_url(self, stem: str, *, learner: str | None = TEST_LEARNER) -> str:
        """A lesson's address, as a learner's link gives it (``learner=None``: no name)."""
        query = f"?{urlencode({'learner': learner})}" if learner is not None else ""
        return f"{self.url}/voila/render/{stem}.ipynb{query}"


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"voila exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"voila did not answer within 120 s; see {log}")


@dataclass(frozen=True)
class RunningVoila:
    url: str
    pid: int  # the server process (its kernels are its children)


@contextmanager
def running_voila_process(cwd: Path, log: Path, *options: str) -> Iterator[RunningVoila]:
    """``running_voila``, yielding the server's process id with its base URL."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "PLOTLY_RENDERER"}
    # The course template from this checkout, ahead of the copy installed in the venv (which is
    # refreshed only by ./course), so a template edit is tested at once.
    template_path = str(cwd / "share" / "jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [template_path, env.get("JUPYTER_PATH")]))
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "course_server",
                "lessons",
                "--no-browser",
                f"--port={port}",
                *options,
            ],
            cwd=cwd,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url, process, log)
            yield RunningVoila(url=url, pid=process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def running_voila(cwd: Path, log: Path, *options: str) -> Iterator[str]:
    """Run ``voila lessons`` from ``cwd`` (so its voila.json applies) on a free loopback port.

    ``options`` go to Voila after the course's own (benchmarks vary the pool size this way).
    Yields the server's base URL once it answers; stops the server afterwards.
    """
    with running_voila_process(cwd, log, *options) as server:
        yield server.url


@pytest.fixture(scope="session")
def voila_server() -> Iterator[VoilaServer]:
    """Voila serving lessons/ exactly as the README's serve command does (same voila.json)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "voila.log"
    with running_voila(ROOT, log) as url:
        yield VoilaServer(url=url, log=log)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A throw-away PostgreSQL server on loopback for the whole run (``tests.postgres``), started
    by the first test that needs it."""
    from tests.postgres import throwaway_cluster

    with throwaway_cluster() as cluster:
        yield cluster


#: The databases the progress store runs on; a test taking ``database_url`` runs on each.
DATABASES = ("sqlite", "postgresql")


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty progress database: a SQLite file in ``tmp_path``, or a fresh PostgreSQL
    database on the throw-away server."""
    if request.param == "sqlite":
        from widgets.progress.location import sqlite_url

        yield sqlite_url(tmp_path / "progress.sqlite3")
        return
    cluster: Cluster = request.getfixturevalue("postgres")
    with cluster.database() as url:
        yield url


@pytest.fixture
def course_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the course's catalogue and references in tmp_path, with an empty images folder;
    the package reads its content from there for the test."""
    from widgets.paths import ROOT_ENV

    (tmp_path / "assets" / "images").mkdir(parents=True)
    for name in ("course.yaml", "references.yaml"):
        shutil.copy(ROOT / "assets" / name, tmp_path / "assets" / name)
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    return tmp_path
