"""Every lesson on a laptop: Voila at 1024 px wide, JupyterLab at 1280x800.

In Voila each lesson is also walked as a student would (it renders without error, a question can
be answered); this is the course's one full pass over every lesson in Voila.

JupyterLab runs with its file browser open, as a self-learner has it. Each lesson's widget controls
are measured against the output they sit in and the viewport (``layout.py``), then every explorer
control is moved to its last choice and measured again: nothing may be cut off and nothing may
move sideways as the text around it changes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS, open_lesson, screenshot
from tests.browser.layout import Control, cut_off, measure_controls, moved_sideways
from tests.browser.test_lessons import answer_first_question, assert_no_code_and_no_error
from tests.conftest import ARTIFACTS, LESSONS, VoilaServer, free_port
from widgets.course.catalog import load_course

STEMS = [lesson.stem for lesson in load_course().lessons]
VOILA_VIEWPORT = {"width": 1024, "height": 768}
LAB_VIEWPORT = {"width": 1280, "height": 800}
#: Explorer controls (not a question's answer controls), which change the text around them.
EXPLORER_CHOICES_JS = """
(root) => {
  const scope = root ? document.querySelector(root) : document;
  const outside = (el) => !el.closest('.tc-question, .tc-quiz, .tc-final');
  let moved = 0;
  for (const select of scope.querySelectorAll('.widget-dropdown select')) {
    if (!outside(select) || select.disabled || select.options.length < 2) continue;
    select.selectedIndex = select.options.length - 1;
    select.dispatchEvent(new Event('change', {bubbles: true}));
    moved += 1;
  }
  for (const group of scope.querySelectorAll('.widget-toggle-buttons')) {
    const buttons = group.querySelectorAll('button:not([disabled])');
    if (!outside(group) || buttons.length < 2) continue;
    buttons[buttons.length - 1].click();
    moved += 1;
  }
  return moved;
}
"""
#: The screenshot shows the first explorer (or the quiz) rather than wherever the page was left.
SHOW_FIRST_EXPLORER_JS = """
(root) => {
  const scope = root ? document.querySelector(root) : document;
  const shown = [...scope.querySelectorAll('.widget-dropdown, .widget-toggle-buttons, .tc-xray')]
    .find(el => !el.closest('.tc-question, .tc-quiz, .tc-final'))
    || scope.querySelector('.tc-quiz');
  if (shown) shown.scrollIntoView({block: 'start'});
}
"""
#: Every lesson's quiz stands behind a gate that says "Opening your saved answers" until the
#: kernel has read the learner's record: the page is ready once gates show and none says it.
OPENING_JS = """
() => { const gates = [...document.querySelectorAll('.tc-gate')];
  return gates.length > 0 && !gates.some(g => g.textContent.includes('Opening your saved')); }
"""


def settled(page: Page, root: str | None = None, timeout_s: float = 20) -> list[Control]:
    """The controls once two measurements half a second apart agree (the kernel has answered)."""
    page.wait_for_function(OPENING_JS, timeout=120_000)
    before = measure_controls(page, root)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = measure_controls(page, root)
        if now == before:
            return now
        before = now
    return before


def slide_every_explorer_slider(page: Page, root: str | None) -> int:
    """Press End on every explorer slider (a question's controls are left alone)."""
    handles = page.locator(f"{root or 'body'} .noUi-handle")
    moved = 0
    for index in range(handles.count()):
        handle = handles.nth(index)
        if handle.evaluate("h => !!h.closest('.tc-question, .tc-quiz, .tc-final')"):
            continue
        handle.focus()
        page.keyboard.press("End")
        moved += 1
    return moved


def check_layout(page: Page, where: str, stem: str, root: str | None = None) -> int:
    """Assert every control whole before and after the explorers change; return their number."""
    before = settled(page, root)
    assert cut_off(before) == [], f"{where}, {stem}: controls cut off"
    changed = page.evaluate(EXPLORER_CHOICES_JS, root) + slide_every_explorer_slider(page, root)
    after = settled(page, root)
    page.evaluate(SHOW_FIRST_EXPLORER_JS, root)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"layout-{where}-{stem}.png"))
    assert cut_off(after) == [], f"{where}, {stem}: controls cut off after {changed} changes"
    if changed:
        assert moved_sideways(before, after) == [], f"{where}, {stem}: controls moved sideways"
    assert page.js_errors == []  # type: ignore[attr-defined]
    return len(before)


@pytest.fixture
def laptop_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VOILA_VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.mark.parametrize("stem", STEMS)
def test_every_lesson_in_voila_at_1024_px_fits_renders_without_error_and_can_be_answered(
    laptop_page: Page, voila_server: VoilaServer, stem: str
) -> None:
    page = laptop_page
    open_lesson(page, voila_server.lesson_url(stem))
    assert page.evaluate("document.documentElement.clientWidth") <= 1024
    expect(page.locator(".tc-objectives")).to_be_visible(timeout=60_000)
    expect(page.locator(".tc-sources")).to_be_attached()
    expect(page.locator(".tc-quiz, .tc-final")).to_be_visible(timeout=60_000)
    assert check_layout(page, "voila", stem) > 0, "no control was measured"
    answer_first_question(page)
    if stem == "10-final-assessment":
        expect(page.locator(".tc-report")).to_contain_text("Your report by topic")
    else:
        expect(page.locator(".tc-quiz .tc-score")).to_contain_text("Score:")
    assert_no_code_and_no_error(page)
    screenshot(page, f"{stem}-walk")


@dataclass(frozen=True)
class Lab:
    url: str
    token: str
    log: Path


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab on loopback, serving a copy of the lessons (its runs never touch the repo's)."""
    home = tmp_path_factory.mktemp("lab")
    shutil.copytree(LESSONS, home / "lessons", ignore=shutil.ignore_patterns(".*"))
    settings = home / "settings" / "@jupyterlab"
    quiet = {
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        "docmanager-extension/plugin": {"autosave": False},
    }
    for name, values in quiet.items():
        path = settings / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    port, token = free_port(), os.urandom(12).hex()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "jupyterlab.log"
    env = {key: value for key, value in os.environ.items() if key != "PLOTLY_RENDERER"}
    env["JUPYTER_TOKEN"] = token
    command = [
        *(sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1"),
        *(f"--port={port}", "--ServerApp.port_retries=0", f"--ServerApp.root_dir={home}"),
        f"--LabApp.user_settings_dir={home / 'settings'}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                assert process.poll() is None, f"JupyterLab exited; see {log}"
                assert time.monotonic() < deadline, f"JupyterLab did not answer; see {log}"
                try:
                    with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                        break
                except (urllib.error.URLError, OSError):
                    time.sleep(0.3)
            yield Lab(url=url, token=token, log=log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def lab_page(browser: Browser, jupyterlab: Lab) -> Iterator[Page]:
    context = browser.new_context(viewport=LAB_VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def run_in_lab(page: Page, lab: Lab, stem: str) -> None:
    """Open a lesson in JupyterLab, as README says: Run > Run All Cells, and wait for the end."""
    page.js_errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))  # type: ignore[attr-defined]
    # A workspace of its own for each lesson, so no earlier lesson's tabs are restored.
    page.goto(f"{lab.url}/lab/workspaces/{stem}/tree/lessons/{stem}.ipynb?token={lab.token}")
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook", timeout=120_000)
    page.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=120_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        "() => { const prompts = [...document.querySelectorAll("
        "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')];"
        " return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent)); }",
        timeout=180_000,
    )


@pytest.mark.parametrize("stem", STEMS)
def test_jupyterlab_at_1280x800_with_the_file_browser_open_shows_every_control_whole(
    lab_page: Page, jupyterlab: Lab, stem: str
) -> None:
    run_in_lab(lab_page, jupyterlab, stem)
    sidebar = lab_page.locator("#filebrowser")
    assert sidebar.is_visible(), "the file browser should be open, as a self-learner has it"
    assert (sidebar.bounding_box() or {"width": 0})["width"] >= 200
    root = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    try:
        assert check_layout(lab_page, "jupyterlab", stem, root) > 0, "no control was measured"
    finally:
        stop_kernels(jupyterlab)


def stop_kernels(lab: Lab) -> None:
    """Shut the lesson's kernel down through the server's REST API (11 would stay otherwise)."""
    headers = {"Authorization": f"token {lab.token}"}
    with urllib.request.urlopen(
        urllib.request.Request(f"{lab.url}/api/kernels", headers=headers)
    ) as r:
        kernels = json.load(r)
    for kernel in kernels:
        request = urllib.request.Request(
            f"{lab.url}/api/kernels/{kernel['id']}", headers=headers, method="DELETE"
        )
        urllib.request.urlopen(request).close()
