"""A class arriving at once: N students open the same lesson at the same moment.

    .venv/bin/python bench/concurrent_views.py [--students 8] [--pool-size 1] [--browser]

Serves the lessons with the course's voila.json (optionally a larger preheated pool) and requests
the lesson N times at once. By default it times the server alone: each full page needs the lesson
executed in a kernel. With --browser every student is a headless Chromium instead, which on this
2-core machine mostly measures N browsers loading the JupyterLab bundles at once (in a class each
student's browser runs on their own device). Reports times and how many never rendered.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.conftest import running_voila  # noqa: E402

READY = ".tc-question, img.tc-xray-image"


def student(url: str, results: list[float | None], index: int) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        start = time.perf_counter()
        try:
            page.goto(url, wait_until="commit", timeout=300_000)
            page.wait_for_selector(READY, timeout=300_000)
            results[index] = time.perf_counter() - start
        except Exception:  # a page that never renders is the result being measured
            results[index] = None
        browser.close()


def server_only(url: str, results: list[float | None], index: int) -> None:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            response.read()
        results[index] = time.perf_counter() - start
    except OSError:
        results[index] = None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=8)
    parser.add_argument("--lesson", default="05-reading-the-radiograph")
    parser.add_argument(
        "--pool-size", type=int, default=1, help="preheated kernels for this lesson"
    )
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    log = Path("/tmp") / "tc-bench-concurrent.log"
    # A pool for this lesson only; every other lesson keeps voila.json's pool of one.
    lesson_pool = f'"{args.lesson}.ipynb": {{"pool_size": {args.pool_size}}}'
    pools = f'{{{lesson_pool}, "default": {{"pool_size": 1}}}}'
    with running_voila(ROOT, log, f"--VoilaKernelManager.kernel_pools_config={pools}") as base:
        time.sleep(15 + 5 * args.pool_size)  # let the preheated pool fill, as before a class
        url = f"{base}/voila/render/{args.lesson}.ipynb?learner=bench"
        results: list[float | None] = [None] * args.students
        visit = student if args.browser else server_only
        threads = [
            threading.Thread(target=visit, args=(url, results, i)) for i in range(args.students)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    done = sorted(r for r in results if r is not None)
    print(f"times (s): {[round(r, 1) for r in done]}", file=sys.stderr)
    print(f"concurrent_views_mode: {'browser' if args.browser else 'server'}")
    print(f"concurrent_views_pool_size: {args.pool_size}")
    print(f"concurrent_views_students: {args.students}")
    print(f"concurrent_views_failed: {args.students - len(done)}")
    if done:
        print(f"concurrent_views_s_median: {statistics.median(done):.1f}")
        print(f"concurrent_views_s_max: {max(done):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
