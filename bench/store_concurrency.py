"""A class answering at once, on SQLite and on PostgreSQL: how long the store takes.

    .venv/bin/python bench/store_concurrency.py [--students 30] [--questions 20]

Each student is a separate process (``tests.progress.student``, as a kernel writes: one
transaction per answer). All open the store, then answer every question at the same moment. The
SQLite store is a file in a temporary folder; the PostgreSQL one a throw-away server on a loopback
port (``tests.postgres``, Debian's ``postgresql`` package). Prints, per database, the seconds from
"go" until the last answer is committed and the answers committed per second, as ``name: value``
lines such as ``store_burst_s_sqlite: 2.1``. A class answering this densely is far denser than a
real one, where answers spread over minutes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.postgres import throwaway_cluster  # noqa: E402
from tests.progress.processes import student_processes  # noqa: E402
from widgets.progress.location import sqlite_url  # noqa: E402
from widgets.progress.store import Store  # noqa: E402


def burst_s(url: str, students: int, questions: int) -> float:
    """Seconds from the go until every student's every answer is committed."""
    Store.open(url).close()  # the first kernel creates the store
    names = [f"Student {number}" for number in range(students)]
    options = ("--questions", str(questions), "--busy-timeout-s", "60", "--wait-for-go")
    with student_processes(url, names, *options) as processes:
        for process in processes:
            assert process.stdout is not None
            if process.stdout.readline() != "ready\n":
                raise RuntimeError(f"a student did not start: {process.communicate()[1]}")
        started = time.monotonic()
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        for process in processes:
            out, err = process.communicate(timeout=300)
            if process.returncode != 0 or len(out.split()) != questions:
                raise RuntimeError(f"a student failed ({process.returncode}): {err[-500:]}")
        return time.monotonic() - started


def measure(students: int = 30, questions: int = 20) -> dict[str, float]:
    """Each database's burst: seconds, and answers committed per second."""
    figures: dict[str, float] = {}
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        cluster = stack.enter_context(throwaway_cluster())
        urls = {
            "sqlite": sqlite_url(folder / "progress.sqlite3"),
            "postgresql": stack.enter_context(cluster.database()),
        }
        for name, url in urls.items():
            seconds = burst_s(url, students, questions)
            figures[f"store_burst_s_{name}"] = seconds
            figures[f"store_answers_per_s_{name}"] = students * questions / seconds
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()
    figures = measure(args.students, args.questions)
    print(f"{args.students} students x {args.questions} answers at once")
    for name, value in figures.items():
        print(f"{name}: {value:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
