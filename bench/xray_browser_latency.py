"""Slider change to new radiograph on screen, in Chromium through Voila (lesson 05).

    .venv/bin/python bench/xray_browser_latency.py [--presses 40]

Serves the lessons with the course's voila.json, opens lesson 05 in headless Chromium, focuses
the density slider and presses the arrow keys. In the page, a capture-phase keydown listener and
a MutationObserver on the picture (the ``<img>`` is replaced at each update, with its text
alternative) time each change. Also a burst: 20 presses as fast as
the keyboard repeats, then how long until the image settles, to show lag does not build up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.conftest import running_voila  # noqa: E402

PROBE = """
() => {
  window.__latencies = [];
  const picture = document.querySelector('.tc-xray-picture');
  let pressed = null;
  document.addEventListener('keydown', () => { pressed = performance.now(); }, true);
  new MutationObserver(() => {
    if (pressed !== null) { window.__latencies.push(performance.now() - pressed); pressed = null; }
    window.__lastChange = performance.now();
  }).observe(picture, {childList: true, subtree: true, attributes: true, attributeFilter: ['src']});
}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=40)
    args = parser.parse_args()
    log = Path("/tmp") / "tc-bench-voila.log"
    with running_voila(ROOT, log) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(
            f"{url}/voila/render/05-reading-the-radiograph.ipynb?learner=bench",
            wait_until="commit",
            timeout=300_000,
        )
        page.wait_for_selector("img.tc-xray-image", timeout=300_000)
        page.wait_for_timeout(3000)
        page.evaluate(PROBE)
        handle = page.locator(".tc-xray").first.locator(
            ".widget-slider", has_text="Calcium density"
        )
        handle.locator(".noUi-handle").focus()
        for press in range(args.presses):
            page.keyboard.press("ArrowLeft" if (press // 10) % 2 else "ArrowRight")
            page.wait_for_timeout(250)
        latencies = page.evaluate("window.__latencies")
        start = page.evaluate("performance.now()")
        for _ in range(20):
            page.keyboard.press("ArrowRight", delay=0)
        page.wait_for_timeout(2000)
        settled = page.evaluate("window.__lastChange") - start
        browser.close()
    print(
        f"samples: {len(latencies)} of {args.presses} presses; p90 "
        f"{statistics.quantiles(latencies, n=10)[-1]:.0f} ms; max {max(latencies):.0f} ms",
        file=sys.stderr,
    )
    print(f"xray_browser_latency_ms_median: {statistics.median(latencies):.0f}")
    print(f"xray_burst_of_20_settled_ms: {settled:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
