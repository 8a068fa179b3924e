"""Headless Debian Chromium driven by Playwright; screenshots go to tests/artifacts/screenshots."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import ARTIFACTS, ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ARTIFACTS / "screenshots"
#: Where axe-core's ``axe.min.js`` is: ``./course test`` installs the npm package ``axe-core`` into
#: the venv and says where in this variable; without it, the place it installs to in ``.venv``.
AXE_ENV = "TC_AXE_JS"
RENDER_TIMEOUT_MS = 180_000
#: Lines of the console and the server log a failed test's report ends with.
LOGGED_LINES = 60


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed browser test's report ends with the page's console and the server's last log
    lines (a timeout says only what was awaited; these say why it never came)."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when != "call" or not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    page = funcargs.get("page")
    if page is not None:
        console = getattr(page, "console_lines", [])
        report.sections.append(("browser console", "\n".join(console[-LOGGED_LINES:])))
    server = funcargs.get("voila_server")
    log = getattr(server, "log", None)
    if isinstance(log, Path) and log.is_file():
        lines = log.read_text(errors="replace").splitlines()[-LOGGED_LINES:]
        report.sections.append((f"server log {log}", "\n".join(lines)))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def new_page(browser: Browser) -> Page:
    """A page in a browser context of its own (a student's device), which records its script
    errors (``page.js_errors``: every one fails a test) and console (``page.console_lines``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors  # type: ignore[attr-defined]
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.console_lines = console  # type: ignore[attr-defined]
    return page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = new_page(browser)
    yield page
    page.context.close()


def axe_script() -> Path:
    """The axe-core browser bundle the accessibility tests inject (no network needed)."""
    default = ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
    return Path(os.environ.get(AXE_ENV) or default)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's source, to add to a page as a script; fails (not skips) when it is missing."""
    path = axe_script()
    if not path.is_file():
        pytest.fail(
            f"axe-core is not installed at {path}. ./course test installs it; by hand: "
            f'npm install --no-save --prefix "{path.parents[2]}" axe-core@<version in ./course>'
        )
    return path.read_text(encoding="utf-8")


def open_lesson(page: Page, url: str) -> None:
    """Open a Voila page and wait until its kernel has rendered every output."""
    page.goto(url, wait_until="commit", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_selector("#rendered_cells", state="attached", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_function(
        "() => { const s = document.querySelector('#loading');"
        " return !s || getComputedStyle(s).display === 'none'; }",
        timeout=RENDER_TIMEOUT_MS,
    )


def screenshot(page: Page, name: str) -> Path:
    """Save the whole lesson (Voila scrolls an inner element, so grow the viewport to fit)."""
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('body, body *')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 16_000)})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1280, "height": 900})
    return path


@contextmanager
def explained(page: Page, server_log: Path, lines: int = 40) -> Iterator[None]:
    """Say why a check on a page failed: the server's last lines and the page's console come
    ahead of Playwright's own message (its snapshot of the page is long)."""
    console: list[str] = page.console_lines  # type: ignore[attr-defined]
    start = len(console)
    try:
        yield
    except AssertionError as failure:
        server = server_log.read_text(errors="replace").splitlines()[-lines:]
        raise AssertionError(
            f"--- server log {server_log} (last {lines} lines)\n"
            + "\n".join(server)
            + "\n--- browser console\n"
            + "\n".join(console[start:][-lines:])
            + f"\n--- {failure}"
        ) from None
