"""A class opens one lesson at the same moment, while the instructor works its simulator.

    .venv/bin/python bench/class30.py [--students 30] [--browsers 3] [--lesson STEM]

Starts the course as an instructor would before class (``--class LESSON --students N``), waits
for it to say it is ready, opens the lesson in Chromium as the instructor and times the
simulator's density slider (keypress to new radiograph on screen) at rest. Then the class
arrives: every student starts at the same moment. Most are protocol-level clients doing what the
page does (GET the page; open the kernel websocket; ask for the state of every widget model, as
the widget manager does; wait until the lesson's quiz no longer says "Opening your saved
answers", i.e. the kernel knows the student and the page is usable). ``--browsers`` of them are
real Chromium contexts that must show the page interactive. Meanwhile the instructor keeps
pressing the slider. 30 Chromium instances on 2 cores would measure the browsers, not the
server, so the browser figure is kept separate.

Ends with one ``name: value`` line per figure (``measure()`` returns them for ./course bench).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.async_api import Page, async_playwright  # noqa: E402
from tornado.httpclient import AsyncHTTPClient  # noqa: E402

from bench.xray_browser_latency import PROBE as LATENCY_PROBE  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.conftest import ARTIFACTS, running_voila_process  # noqa: E402
from tests.voila.hostile_client import (  # noqa: E402
    KERNEL_ID,
    V1,
    Exchange,
    KernelClient,
    comm_msg,
    decode,
    encode,
    open_control,
)
from tests.voila.processes import rss_mib  # noqa: E402

LESSON = "05-reading-the-radiograph"
OPENING = "Opening your saved answers"
TIMEOUT_S = 120.0
#: In the page: the lesson is interactive once its quiz gates show and none is still opening.
READY_JS = """
() => { const s = document.querySelector('#loading');
  if (s && getComputedStyle(s).display !== 'none') return false;
  const gates = [...document.querySelectorAll('.tc-gate')];
  return gates.length > 0 && !gates.some(g => g.textContent.includes('Opening your saved')); }
"""


class Models:
    """The widget models a page holds, kept up to date from the kernel's messages."""

    def __init__(self, states: dict[str, dict[str, Any]]) -> None:
        self.states = states

    def apply(self, content: dict[str, Any]) -> None:
        data = content.get("data") or {}
        comm_id = content.get("comm_id", "")
        if "target_name" in content:  # comm_open: a new widget
            self.states[comm_id] = dict(data.get("state") or {})
        elif data.get("method") == "update" and comm_id in self.states:
            self.states[comm_id].update(data.get("state") or {})

    def opening(self) -> bool:
        """Whether a quiz gate is missing or still says it is opening the saved answers."""
        gates = [s for s in self.states.values() if "tc-gate" in (s.get("_dom_classes") or [])]
        if not gates:
            return True
        shown = {
            child.removeprefix("IPY_MODEL_")
            for gate in gates
            for child in gate.get("children") or []
            if isinstance(child, str)
        }
        return any(OPENING in str(self.states.get(model, {}).get("value", "")) for model in shown)


async def protocol_student(url: str, lesson: str, name: str) -> float:
    """One student's page, as the front end loads it: seconds until it is interactive."""
    started = time.monotonic()
    page = await AsyncHTTPClient().fetch(
        f"{url}/voila/render/{lesson}.ipynb?learner={name}", request_timeout=TIMEOUT_S
    )
    found = KERNEL_ID.search(page.body)
    if not found:
        raise RuntimeError(f"{name}: no kernel id in the page")
    client = await KernelClient.open(url, found[1].decode(), V1)
    try:
        control = uuid.uuid4().hex
        client.send(encode(open_control(control), V1))
        client.send(encode(comm_msg(control, {"method": "request_states"}), V1))
        exchange = Exchange()
        await client.read(exchange, until=lambda r: r.method == "update_states", timeout_s=60)
        reply = next(r for r in exchange.replies if r.method == "update_states")
        states = reply.content["data"]["states"]
        models = Models({key: dict(value["state"]) for key, value in states.items()})
        for earlier in exchange.replies:
            if earlier.msg_type in ("comm_open", "comm_msg"):
                models.apply(earlier.content)
        deadline = started + TIMEOUT_S
        while models.opening():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{name}: the quiz still says '{OPENING}'")
            frame = await asyncio.wait_for(client.connection.read_message(), left)
            if frame is None:
                raise RuntimeError(f"{name}: the server closed the websocket")
            message = decode(frame, V1)
            if message.msg_type in ("comm_open", "comm_msg"):
                models.apply(message.content)
        return time.monotonic() - started
    finally:
        client.close()


async def browser_student(page: Page, url: str, lesson: str, name: str) -> float:
    started = time.monotonic()
    await page.goto(
        f"{url}/voila/render/{lesson}.ipynb?learner={name}",
        wait_until="commit",
        timeout=TIMEOUT_S * 1000,
    )
    await page.wait_for_function(READY_JS, timeout=TIMEOUT_S * 1000, polling=100)
    return time.monotonic() - started


async def press_slider(page: Page, presses: int, gap_s: float, until: asyncio.Event) -> None:
    """Press ArrowRight / ArrowLeft on the density slider, ``gap_s`` apart, ``presses`` times
    or until ``until`` is set."""
    handle = page.locator(".tc-xray").first.locator(".widget-slider", has_text="Calcium density")
    await handle.locator(".noUi-handle").focus()
    for index in range(presses):
        if until.is_set():
            return
        await page.keyboard.press("ArrowRight" if index % 2 == 0 else "ArrowLeft")
        await asyncio.sleep(gap_s)


async def latencies(page: Page) -> list[float]:
    found = await page.evaluate("window.__latencies.splice(0)")
    return [float(value) for value in found]


async def wait_for_log(log: Path, text: str, count: int = 1, timeout_s: float = 600) -> None:
    deadline = time.monotonic() + timeout_s
    while log.read_text(errors="replace").count(text) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the server did not log '{text}' within {timeout_s} s; see {log}")
        await asyncio.sleep(0.5)


async def run_class(
    url: str, pid: int, log: Path, lesson: str, students: int, browsers: int
) -> dict[str, float]:
    AsyncHTTPClient.configure(None, max_clients=students)  # all at once, not 10 at a time
    figures: dict[str, float] = {}
    started = time.monotonic()
    await wait_for_log(log, "The course is ready")
    figures["class30_prepare_s"] = time.monotonic() - started
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        instructor = await (await browser.new_context()).new_page()
        await instructor.goto(f"{url}/voila/render/{lesson}.ipynb?learner=instructor")
        await instructor.wait_for_function(READY_JS, timeout=TIMEOUT_S * 1000)
        await instructor.evaluate(LATENCY_PROBE)
        await press_slider(instructor, 30, 0.3, asyncio.Event())
        await asyncio.sleep(1)
        rest = await latencies(instructor)
        # The instructor's kernel came from the class's pool: let it refill before class.
        await wait_for_log(log, f"Kernel pool of {lesson}.ipynb is filled", count=2)
        pages = [await (await browser.new_context()).new_page() for _ in range(browsers)]

        arrived = asyncio.Event()
        names = [f"student-{index:02d}" for index in range(students)]
        jobs = [
            browser_student(page, url, lesson, name)
            for page, name in zip(pages, names[:browsers], strict=True)
        ] + [protocol_student(url, lesson, name) for name in names[browsers:]]
        slider = asyncio.create_task(press_slider(instructor, 10_000, 0.3, arrived))
        results = await asyncio.gather(*jobs, return_exceptions=True)
        arrived.set()
        await slider
        await asyncio.sleep(1)
        during = await latencies(instructor)
        figures["class30_total_mib"] = rss_mib(pid)
        await browser.close()

    times = [r for r in results if isinstance(r, float)]
    failures = [r for r in results if not isinstance(r, float)]
    for failure in failures:
        print(f"a student failed: {failure!r}", file=sys.stderr)
    protocol_times = [r for r in results[browsers:] if isinstance(r, float)]
    browser_times = [r for r in results[:browsers] if isinstance(r, float)]
    figures["class30_students"] = students
    figures["class30_failed"] = len(failures)
    figures["class30_last_interactive_s"] = max(protocol_times, default=float("nan"))
    figures["class30_median_interactive_s"] = statistics.median(times) if times else float("nan")
    figures["class30_browser_last_interactive_s"] = max(browser_times, default=float("nan"))
    figures["slider_latency_ms_median"] = statistics.median(rest) if rest else float("nan")
    figures["slider_latency_ms_p95_class"] = (
        statistics.quantiles(during, n=20)[-1] if len(during) >= 2 else float("nan")
    )
    figures["slider_presses_class"] = len(during)
    return figures


def measure(
    lesson: str = LESSON, students: int = 30, browsers: int = 3, log: Path | None = None
) -> dict[str, float]:
    """Serve the course prepared for the class, run it, stop the server; the figures."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = log or ARTIFACTS / "bench-class30.log"
    options = (f"--class={lesson}", f"--students={students}")
    with running_voila_process(ROOT, log, *options) as server:
        return asyncio.run(run_class(server.url, server.pid, log, lesson, students, browsers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--browsers", type=int, default=3)
    parser.add_argument("--lesson", default=LESSON)
    args = parser.parse_args()
    figures = measure(args.lesson, args.students, args.browsers)
    for name, value in figures.items():
        print(f"{name}: {value:.0f}" if float(value).is_integer() else f"{name}: {value:.2f}")


if __name__ == "__main__":
    main()
