"""A student's first lesson page through JupyterHub, and what each student's server weighs.

    .venv/bin/python bench/hub.py [--students 3]

Starts the course's hub (``deploy/jupyterhub_config.py`` with the test accounts of
``tests/hub``: a throw-away PostgreSQL, configurable-http-proxy, the answers service). Each of
``--students`` students logs in in a fresh Chromium context, one after another, lands on the
course home and opens lesson 01: seconds from the login page until its first question shows,
*cold* (their server starts) and then *warm* (logged in again, the server running). Then the
resident memory of each student's server with that lesson open (the server and its kernels).
Prints ``hub_first_page_cold_s_median``, ``hub_first_page_cold_s_max``,
``hub_first_page_warm_s_median``, ``hub_memory_per_student_mib`` and ``hub_students``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.hub.harness import first_lesson_page, running_hub, server_memory_mib  # noqa: E402
from tests.postgres import throwaway_cluster  # noqa: E402


def measure(students: int = 3) -> dict[str, float]:
    names = [f"student{number}" for number in range(1, students + 1)]
    cold, warm, memory = [], [], []
    with (
        tempfile.TemporaryDirectory(prefix="tc-bench-hub-") as folder,
        throwaway_cluster() as cluster,
        cluster.database() as url,
        running_hub(url, Path(folder)) as hub,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for when, times in (("cold", cold), ("warm", warm)):
                for name in names:
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    times.append(first_lesson_page(context.new_page(), hub, name))
                    if when == "cold":
                        memory.append(server_memory_mib(name))
                    context.close()
        finally:
            browser.close()
    return {
        "hub_first_page_cold_s_median": statistics.median(cold),
        "hub_first_page_cold_s_max": max(cold),
        "hub_first_page_warm_s_median": statistics.median(warm),
        "hub_memory_per_student_mib": statistics.mean(memory),
        "hub_students": float(students),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=3)
    args = parser.parse_args(argv)
    for name, value in measure(args.students).items():
        print(f"{name}: {value:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
