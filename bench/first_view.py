"""The first view of each lesson once the server says it is ready, over a one-slider floor.

    .venv/bin/python bench/first_view.py [--repeats 3]

Serves a copy of lessons/ with one more notebook, a single ipywidgets slider, the way the course
serves its lessons (the course's server and voila.json, a preheated pool for every notebook).
Waits for the server's "The course is ready" line, then opens each notebook in a fresh Chromium
context and times navigation until the page is interactive: Voila's spinner gone and, in a
lesson, its quiz past "Opening your saved answers" (the floor: its slider shown). Views are a
few seconds apart, as students arriving one by one. ``first_view_after_ready_ratio`` is the
slowest lesson's median over the floor's median.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.class30 import READY_JS  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.conftest import ARTIFACTS, TEST_LEARNER, lesson_files, running_voila  # noqa: E402

FLOOR = "zz-one-slider"
FLOOR_READY_JS = """
() => { const s = document.querySelector('#loading');
  const shown = !s || getComputedStyle(s).display === 'none';
  return shown && !!document.querySelector('.noUi-handle'); }
"""


def floor_notebook() -> dict[str, object]:
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "floor",
                "metadata": {},
                "outputs": [],
                "source": "import ipywidgets\nipywidgets.IntSlider(description='Floor')",
            }
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def wait_until_ready(log: Path, timeout_s: float = 600) -> float:
    started = time.monotonic()
    while "The course is ready" not in log.read_text(errors="replace"):
        if time.monotonic() - started > timeout_s:
            raise TimeoutError(f"the server did not say it was ready within {timeout_s} s")
        time.sleep(0.5)
    return time.monotonic() - started


def measure(repeats: int = 3, gap_s: float = 15.0) -> dict[str, float]:
    """Serve the copy, time every first view ``repeats`` times; the figures."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "bench-first-view.log"
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tc-first-view-") as folder:
        home = Path(folder)
        shutil.copy(ROOT / "voila.json", home / "voila.json")
        (home / "lessons").mkdir()
        for path in lesson_files():
            shutil.copy(path, home / "lessons" / path.name)
        (home / "lessons" / f"{FLOOR}.ipynb").write_text(json.dumps(floor_notebook()))
        stems = [path.stem for path in lesson_files()] + [FLOOR]
        with running_voila(home, log) as url, sync_playwright() as playwright:
            figures["server_ready_s"] = wait_until_ready(log)
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            samples: dict[str, list[float]] = {stem: [] for stem in stems}
            for _ in range(repeats):
                for stem in stems:
                    context = browser.new_context()
                    page = context.new_page()
                    started = time.monotonic()
                    page.goto(
                        f"{url}/voila/render/{stem}.ipynb?learner={TEST_LEARNER}",
                        wait_until="commit",
                        timeout=120_000,
                    )
                    ready = FLOOR_READY_JS if stem == FLOOR else READY_JS
                    page.wait_for_function(ready, timeout=120_000, polling=50)
                    samples[stem].append(time.monotonic() - started)
                    context.close()
                    time.sleep(gap_s / len(stems))
            browser.close()
    floor = statistics.median(samples[FLOOR])
    figures["first_view_s_floor"] = floor
    for stem in stems[:-1]:
        figures[f"first_view_s_{stem.replace('-', '_')}"] = statistics.median(samples[stem])
    worst = max(statistics.median(samples[stem]) for stem in stems[:-1])
    figures["first_view_after_ready_ratio"] = worst / floor
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    for name, value in measure(args.repeats).items():
        print(f"{name}: {value:.2f}")


if __name__ == "__main__":
    main()
