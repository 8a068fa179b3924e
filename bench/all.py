"""Every benchmark, one after another: a table, then one ``name: value`` line per figure.

    ./course bench [--only NAME ...] [--no-write]

Runs the benchmarks that measure the issue's goals (``BENCHMARKS``), each on a quiet machine as
far as this command can make it (one at a time, each with its own server), prints a table of the
goal figures against their goals, then every figure as ``name: value``, and writes
``docs/performance.md`` (the table, the machine, the date, how each was measured). The test
suite's duration is the last ``./course test`` run's, which that command records.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import ARTIFACTS  # noqa: E402

#: Where ``./course test`` records how long the whole suite took (minutes, commit, date).
SUITE_RECORD = ARTIFACTS / "suite-minutes.txt"
REPORT = ROOT / "docs" / "performance.md"


@dataclass(frozen=True)
class Benchmark:
    name: str
    module: str  # bench/<module>.py, with a measure() -> dict[str, float]
    how: str


@dataclass(frozen=True)
class Goal:
    figure: str
    goal: float
    below: bool = True  # the figure must be at most the goal (else at least)
    unit: str = ""
    #: Why the goal is not met where it is not, and what meeting it would take: written into
    #: docs/performance.md under the table whenever a run misses it.
    unmet: str = ""


BENCHMARKS = (
    Benchmark(
        "class30",
        "class30",
        "The course served with `--class 05-reading-the-radiograph --students 30`; once it says "
        "it is ready, 30 students open the lesson at the same moment: 27 protocol-level clients "
        "(GET the page, open the kernel websocket, ask for every widget's state, wait until the "
        "quiz no longer says 'Opening your saved answers') and 3 Chromium contexts. The "
        "instructor presses the simulator's density slider every 0.3 s in Chromium, at rest "
        "and while the class arrives (keypress to new radiograph on screen).",
    ),
    Benchmark(
        "first_view",
        "first_view",
        "Each lesson's first view in a fresh Chromium context once the server says it is "
        "ready (spinner gone, quiz past 'Opening your saved answers'), over a one-slider "
        "notebook served the same way; median of 3; the ratio is the slowest lesson's.",
    ),
    Benchmark(
        "kernel_memory",
        "kernel_memory",
        "Each lesson run in a fresh kernel; its resident memory (VmRSS) after render over a bare "
        "kernel's, measured the same way.",
    ),
    Benchmark(
        "page_weight",
        "page_weight",
        "Each lesson opened in a fresh Chromium context (empty cache), then again in the same "
        "context: bytes over the wire (HTTP) and received on the kernel websocket.",
    ),
    Benchmark(
        "store",
        "store_concurrency",
        "30 students' kernels (separate processes) answer 20 questions each at the same moment, "
        "one transaction per answer: into a SQLite file, then into a throw-away PostgreSQL "
        "server on loopback; seconds until the last is committed.",
    ),
    Benchmark(
        "poll",
        "poll_latency",
        "The instructor's presenter view of lesson 01 in Chromium with a question put; 20 "
        "students' answers committed to the store in the session 0.4 s apart, as their kernels "
        "commit them; commit to the new count on the presenter page.",
    ),
    Benchmark(
        "hub",
        "hub",
        "The course under a real JupyterHub (deploy/jupyterhub_config.py with test accounts, a "
        "throw-away PostgreSQL): 3 students log in one after another in fresh Chromium "
        "contexts and open lesson 01 (login page to first question shown), cold (their server "
        "starts) then warm (it runs); resident memory of each student's server and kernels.",
    ),
)

GOALS = (
    Goal("class30_last_interactive_s", 10, unit="s"),
    Goal("class30_failed", 0),
    Goal("class30_browser_last_interactive_s", math.inf, unit="s"),
    Goal("class30_total_mib", math.inf, unit="MiB"),
    Goal(
        "first_view_after_ready_ratio",
        1.2,
        unmet="A lesson page is not a one-slider page: it loads the labextensions' scripts "
        "(plotly.js on the four chart lessons), and its widget manager makes a model and a view "
        "for every widget of the page, several hundred for a quiz (`ws_payload_mib_*`: "
        "0.10-0.36 MiB of widget state against almost none for the floor); and on arrival the "
        "kernel builds the learner's saved quiz (measured in the kernel: 0.03-0.3 s for a "
        "lesson quiz, 0.8-1.7 s for lesson 10's final). Meeting 1.2x would take pages with far "
        "fewer widget models (a question card drawn as one widget, not one per option, label "
        "and button) and cards built before the visitor arrives, leaving only their saved "
        "answers to fill in.",
    ),
    Goal(
        "kernel_rss_ratio_max",
        1.8,
        unmet="Lessons 5 and 6 draw radiographs: numpy, Pillow and the X-ray engine with its "
        "attenuation tables are about 14 MiB and 990 modules against about 860 for the other "
        "lessons, which are at 1.5-1.6x; the progress store's SQLAlchemy is about 11 MiB in "
        "every lesson. Taking the store to the standard library's sqlite3 in the kernels and "
        "the tables to memory-mapped files shared between kernels would save most of the "
        "25 MiB; 1.8x of the bare kernel is 93 MiB.",
    ),
    Goal("http_first_view_mib_max", 3, unit="MiB"),
    Goal("http_repeat_view_mib_max", 0.5, unit="MiB"),
    Goal("ws_view_mib_max", 1, unit="MiB"),
    Goal("slider_latency_ms_median", 50, unit="ms"),
    Goal(
        "slider_latency_ms_p95_class",
        100,
        unit="ms",
        unmet="At rest the simulator answers a keypress in about 16 ms (median). While 30 "
        "students' pages arrive, 30 kernels build their quizzes on 2 cores and the "
        "instructor's kernel waits for a core like every other: its slowest presses take "
        "about 2 s. It would take the students' kernels yielding to the instructor's: they "
        "can lower their own priority on arrival (os.nice), which the presenter's kernel, "
        "now known by the instructor key (the class poll), would not do; the cost to the "
        "students' own first view must then be measured against the 10 s goal.",
    ),
    Goal("poll_update_ms_p50", math.inf, unit="ms"),
    Goal("poll_update_ms_p95", 2000, unit="ms"),
    Goal("hub_first_page_cold_s_median", math.inf, unit="s"),
    Goal("hub_first_page_warm_s_median", math.inf, unit="s"),
    Goal("hub_memory_per_student_mib", math.inf, unit="MiB"),
    Goal("store_burst_s_sqlite", math.inf, unit="s"),
    Goal("store_burst_s_postgresql", math.inf, unit="s"),
    Goal("suite_minutes", 15, unit="min"),
)


def suite_minutes() -> dict[str, float]:
    """The last whole-suite run's minutes, as ``./course test`` recorded them."""
    if not SUITE_RECORD.is_file():
        return {}
    return {"suite_minutes": float(SUITE_RECORD.read_text().split()[0])}


def run(selected: list[Benchmark]) -> dict[str, float]:
    figures: dict[str, float] = {}
    for benchmark in selected:
        print(f"bench: {benchmark.name} ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        measure: Callable[[], dict[str, float]] = importlib.import_module(
            f"bench.{benchmark.module}"
        ).measure
        try:
            figures.update(measure())
        except Exception as error:  # one broken benchmark must not hide the others' figures
            print(f"bench: {benchmark.name} failed: {error!r}", file=sys.stderr)
            figures[f"{benchmark.name}_failed_to_run"] = 1
        print(f"bench: {benchmark.name} took {time.monotonic() - started:.0f} s", file=sys.stderr)
    figures.update(suite_minutes())
    return figures


def shown(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


def table(figures: dict[str, float]) -> list[str]:
    rows = ["| Figure | Measured | Goal | Met |", "|---|---|---|---|"]
    for goal in GOALS:
        if goal.figure not in figures:
            rows.append(f"| `{goal.figure}` | not measured | {shown(goal.goal)} | |")
            continue
        value = figures[goal.figure]
        if math.isinf(goal.goal):
            rows.append(f"| `{goal.figure}` | {shown(value)} {goal.unit} | (reported) | |")
            continue
        met = value <= goal.goal if goal.below else value >= goal.goal
        sign = "<=" if goal.below else ">="
        rows.append(
            f"| `{goal.figure}` | {shown(value)} {goal.unit} | {sign} {shown(goal.goal)} | "
            f"{'yes' if met else '**no**'} |"
        )
    return rows


def unmet_goals(figures: dict[str, float]) -> list[str]:
    """A section on each goal this run missed: why, and what meeting it would take."""
    missed = [
        goal
        for goal in GOALS
        if goal.figure in figures
        and not math.isinf(goal.goal)
        and not (
            figures[goal.figure] <= goal.goal if goal.below else figures[goal.figure] >= goal.goal
        )
    ]
    if not missed:
        return []
    lines = ["## Goals not met: why, and what it would take", ""]
    for goal in missed:
        lines.append(f"- `{goal.figure}`: {goal.unmet or 'not yet studied.'}")
    return [*lines, ""]


def machine() -> str:
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return (
        f"{os.cpu_count()} CPUs, {memory_kib / 2**20:.0f} GiB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, commit {commit or 'unknown'}"
    )


def write_report(figures: dict[str, float], selected: list[Benchmark]) -> None:
    lines = [
        "# Performance",
        "",
        "Written by `./course bench` (`bench/all.py`); run it again to refresh. One run, not an "
        "average of runs: on a shared machine figures vary by tens of percent.",
        "",
        f"- Measured: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        "",
        *table(figures),
        "",
        *unmet_goals(figures),
        "## How each was measured",
        "",
        *(f"- **{b.name}** (`bench/{b.module}.py`): {b.how}" for b in selected),
        "- **suite_minutes**: the last `./course test` run on this machine, as it recorded.",
        "",
        "## Every figure",
        "",
        "```",
        *(f"{name}: {shown(value)}" for name, value in figures.items()),
        "```",
        "",
    ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    names = [benchmark.name for benchmark in BENCHMARKS]
    parser.add_argument("--only", nargs="+", choices=names, help="run only these benchmarks")
    parser.add_argument("--no-write", action="store_true", help="do not write docs/performance.md")
    args = parser.parse_args()
    selected = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    figures = run(selected)
    print("\n".join(table(figures)))
    print()
    for name, value in figures.items():
        print(f"{name}: {shown(value)}")
    if not args.no_write:
        write_report(figures, selected)
        print(f"bench: wrote {REPORT.relative_to(ROOT)}", file=sys.stderr)
    return 1 if any(name.endswith("_failed_to_run") for name in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
