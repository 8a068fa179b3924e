"""Students' kernels as separate processes, all writing to one progress store."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tests.conftest import ROOT


@contextmanager
def student_processes(
    url: str, names: list[str], *options: str
) -> Iterator[list[subprocess.Popen[str]]]:
    """Start one ``tests.progress.student`` per name; kill any still running afterwards."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.progress.student", url, name, *options],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
