"""How fast lessons render through Voila with the course's voila.json, and what it costs.

    .venv/bin/python bench/lesson_render.py [--repeats 5]

Starts Voila on a free loopback port from the repository root (so voila.json applies), then
for every lesson measures the HTTP time for the complete page (preheated kernels come from the
pool; the pool refills between requests) and, when Chromium is present, the time from
navigation until every output has rendered. Ends with one machine-readable line per figure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.conftest import running_voila_process  # noqa: E402
from tests.voila.processes import kernels, rss_mib  # noqa: E402


def http_ms(url: str) -> float:
    start = time.perf_counter()
    urllib.request.urlopen(url, timeout=300).read()
    return (time.perf_counter() - start) * 1000


def browser_ms(urls: list[str], repeats: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    timings: dict[str, list[float]] = {url: [] for url in urls}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeats):
            for url in urls:
                page = browser.new_page()
                start = time.perf_counter()
                page.goto(url, wait_until="commit", timeout=300_000)
                page.wait_for_function(
                    "() => { const s = document.querySelector('#loading');"
                    " return document.querySelector('#rendered_cells') &&"
                    " (!s || getComputedStyle(s).display === 'none'); }",
                    timeout=300_000,
                )
                timings[url].append((time.perf_counter() - start) * 1000)
                page.wait_for_timeout(3000)  # let Voila's widget manager add its unload handler
                page.goto("about:blank")  # leaving the page posts the kernel shutdown
                page.close()
                time.sleep(2)  # let the pool refill, as between two students arriving
        browser.close()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    stems = sorted(path.stem for path in (ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
    figures: dict[str, float] = {}
    start = time.perf_counter()
    with running_voila_process(ROOT, Path("/tmp") / "tc-bench-render.log") as server:
        base, server_pid = server.url, server.pid
        figures["voila_start_s"] = time.perf_counter() - start
        time.sleep(5 + 3 * len(stems))  # the preheated pool executes every lesson at start
        figures["voila_rss_mb_idle_pool"] = rss_mib(server_pid)
        figures["voila_kernels_idle_pool"] = len(kernels(server_pid))
        for stem in stems:
            url = f"{base}/voila/render/{stem}.ipynb?learner=bench"
            samples = []
            for _ in range(args.repeats):
                samples.append(http_ms(url))
                time.sleep(2)
            figures[f"http_page_ms_median_{stem}"] = statistics.median(samples)
        # A bare HTTP client never opens the kernel's websocket nor closes the page: those
        # kernels live until the culler (voila.json) removes them.
        figures["voila_kernels_after_http_views"] = len(kernels(server_pid))
        if Path(CHROMIUM).exists():
            urls = [f"{base}/voila/render/{stem}.ipynb?learner=bench" for stem in stems]
            for url, samples in browser_ms(urls, args.repeats).items():
                stem = url.rsplit("/", 1)[-1].removesuffix(".ipynb?learner=bench")
                figures[f"browser_rendered_ms_median_{stem}"] = statistics.median(samples)
            time.sleep(5)
            # Browser views that were left must have freed their kernels: no growth here.
            figures["voila_kernels_after_browser_views"] = len(kernels(server_pid))
        figures["voila_rss_mb_after_runs"] = rss_mib(server_pid)
    for name, value in figures.items():
        whole = "_ms_" in name or "kernels" in name
        print(f"{name}: {value:.0f}" if whole else f"{name}: {value:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
