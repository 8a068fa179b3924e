"""How long a class answer takes to reach the instructor's presenter view.

    .venv/bin/python bench/poll_latency.py [--answers 20] [--gap-s 0.4]

Serves the course (its server and settings, lesson 01's pool only) with an instructor key. In
Chromium the instructor opens lesson 01's presenter view, starts a class session and puts its
first question. Then ``--answers`` students' answers are committed one by one, ``--gap-s``
apart, straight into the store in the session, as a student's kernel commits them; for each, the
time from the commit until the presenter page shows the new count. Prints ``poll_update_ms_p50``
and ``poll_update_ms_p95`` (goal: p95 <= 2000) and ``poll_answers``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, open_lesson  # noqa: E402
from tests.conftest import ARTIFACTS, environment, running_voila  # noqa: E402
from widgets.progress.location import sqlite_url  # noqa: E402
from widgets.progress.store import Store  # noqa: E402

STEM = "01-what-is-tumoral-calcinosis"
POOLS = (
    '--VoilaKernelManager.kernel_pools_config={"default": {"pool_size": 0}, '
    f'"{STEM}.ipynb": {{"pool_size": 1}}}}'
)
COUNT_JS = """
(n) => { const c = document.querySelector('.tc-poll-count strong');
  return c && Number(c.textContent) >= n; }
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(answers: int = 20, gap_s: float = 0.4) -> dict[str, float]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    key = "bench-instructor-key"
    delays: list[float] = []
    with (
        tempfile.TemporaryDirectory(prefix="tc-poll-") as folder,
        environment(TC_DATA_DIR=folder, TC_DATABASE_URL=None, TC_INSTRUCTOR_KEY=key),
        running_voila(ROOT, ARTIFACTS / "bench-poll.log", POOLS) as url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        open_lesson(page, f"{url}/voila/render/{STEM}.ipynb?learner=Instructor&present={key}")
        presenter = page.locator(".tc-presenter")
        presenter.get_by_role("button", name="Start a class session").click()
        code = presenter.locator(".tc-code").inner_text(timeout=60_000).strip()
        presenter.get_by_role("button", name="Put it to the class").click()
        page.wait_for_function(COUNT_JS, arg=0, timeout=30_000)
        store = Store.open(sqlite_url(Path(folder) / "progress.sqlite3"))
        try:
            session = store.class_session(code)
            assert session is not None
            assert session.question_id is not None
            for number in range(answers):
                learner = store.learner(f"Student {number}")
                store.record(
                    learner,
                    lesson=STEM,
                    question_id=session.question_id,
                    answer=number % 4,
                    correct=number % 4 == 0,
                    class_session_id=session.id,
                )
                committed = time.perf_counter()
                page.wait_for_function(COUNT_JS, arg=number + 1, timeout=30_000, polling="raf")
                delays.append((time.perf_counter() - committed) * 1000)
                time.sleep(gap_s)
        finally:
            store.close()
        browser.close()
    return {
        "poll_update_ms_p50": statistics.median(delays),
        "poll_update_ms_p95": percentile(delays, 0.95),
        "poll_answers": float(len(delays)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=20)
    parser.add_argument("--gap-s", type=float, default=0.4)
    args = parser.parse_args()
    for name, value in measure(args.answers, args.gap_s).items():
        print(f"{name}: {value:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
