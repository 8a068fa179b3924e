"""A lesson whose kernel is lost says so, with a Reload button (tc-connection.js).

Each test kills or shuts down a kernel, so the lessons are served by a server of this module's
own, not the shared session server.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import RENDER_TIMEOUT_MS, open_lesson, screenshot
from tests.conftest import ARTIFACTS, ROOT, RunningVoila, running_voila_process
from tests.voila.hostile_client import shutdown_kernel
from tests.voila.processes import kernels

LESSON = "01-what-is-tumoral-calcinosis"
MESSAGE = (
    "The connection to this lesson was lost. Reload the page to go on: your answers are saved."
)
#: The restarter notices a dead kernel within 3 s; the banner waits 5 s for a reconnection.
BANNER_TIMEOUT_MS = 20_000
#: Longer than the banner's wait for a reconnection.
QUIET_S = 6


@pytest.fixture(scope="module")
def server() -> Iterator[RunningVoila]:
    """The course's settings with no preheated kernels: each page starts its own."""
    pools = {"default": {"pool_size": 0}}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_voila_process(
        ROOT,
        ARTIFACTS / "voila-connection.log",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
    ) as running:
        yield running


def lesson_url(server: RunningVoila) -> str:
    return f"{server.url}/voila/render/{LESSON}.ipynb?learner=test-student"


def open_rendered_lesson(page: Page, server: RunningVoila) -> str:
    """Open lesson 01 and wait for its widgets; the id of the page's kernel."""
    open_lesson(page, lesson_url(server))
    return wait_for_widgets(page)


def wait_for_widgets(page: Page) -> str:
    """Until the kernel has drawn the lesson's forms explorer; the id of the page's kernel."""
    expect(page.locator(".tc-form-card")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    config = page.locator("#jupyter-config-data").text_content() or "{}"
    return str(json.loads(config)["kernelId"])


def banner(page: Page) -> Locator:
    return page.get_by_role("alert").filter(has_text="The connection to this lesson was lost")


def assert_banner_explains(page: Page) -> None:
    alert = banner(page)
    expect(alert).to_be_visible(timeout=BANNER_TIMEOUT_MS)
    expect(alert).to_have_text(MESSAGE + "Reload")
    reload_button = alert.get_by_role("button", name="Reload")
    expect(reload_button).to_be_visible()
    assert reload_button.evaluate("b => b.tagName") == "BUTTON"
    # At the top, seen without scrolling, and not covering the lesson.
    box = alert.bounding_box()
    viewport = page.viewport_size
    assert box is not None
    assert viewport is not None
    assert box["y"] == 0
    assert box["height"] < viewport["height"] / 4
    assert alert.evaluate("a => getComputedStyle(a).position") in ("fixed", "sticky")
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading is not None
    assert heading["y"] >= box["y"] + box["height"], "the lesson's start is under the banner"


def reload_with_the_keyboard(page: Page) -> None:
    page.get_by_role("button", name="Reload").focus()
    with page.expect_navigation(wait_until="commit", timeout=RENDER_TIMEOUT_MS):
        page.keyboard.press("Enter")
    page.wait_for_selector("#rendered_cells", state="attached", timeout=RENDER_TIMEOUT_MS)
    wait_for_widgets(page)
    expect(banner(page)).to_have_count(0)


def test_a_killed_kernel_shows_the_banner_and_reload_brings_the_lesson_back(
    page: Page, server: RunningVoila
) -> None:
    kernel_id = open_rendered_lesson(page, server)
    (kernel,) = [found for found in kernels(server.pid) if found.kernel_id == kernel_id]
    expect(banner(page)).to_have_count(0)
    # A kernel of the server this module started, ended by its PID to stand for a crash (the
    # restarter then revives it under the same id, without the page's widgets).
    os.kill(kernel.pid, signal.SIGKILL)
    assert_banner_explains(page)
    screenshot(page, "connection-lost")
    reload_with_the_keyboard(page)


def test_a_kernel_shut_down_by_the_server_shows_the_banner(
    page: Page, server: RunningVoila
) -> None:
    kernel_id = open_rendered_lesson(page, server)
    shutdown_kernel(server.url, kernel_id)
    assert_banner_explains(page)


def test_a_healthy_page_never_shows_the_banner(page: Page, server: RunningVoila) -> None:
    shown: list[str] = []

    def banner_shown(url: str) -> None:
        shown.append(url)

    page.expose_function("tcBannerShown", banner_shown)
    page.add_init_script(
        "new MutationObserver(() => {"
        " if (document.querySelector('.tc-connection-lost')) window.tcBannerShown(location.href);"
        "}).observe(document, {subtree: true, childList: true});"
    )
    open_rendered_lesson(page, server)
    time.sleep(QUIET_S)
    page.reload(wait_until="commit", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_selector("#rendered_cells", state="attached", timeout=RENDER_TIMEOUT_MS)
    wait_for_widgets(page)
    page.goto(server.url + "/", timeout=60_000)  # away: Voila shuts the lesson's kernel down
    time.sleep(QUIET_S)
    assert shown == []
    assert page.js_errors == []  # type: ignore[attr-defined]
