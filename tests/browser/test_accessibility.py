"""axe-core in Chromium on every lesson and on the home page, once everything has rendered.

A critical or serious violation fails, and so does ``region`` (content outside landmarks); the
rest are reported as warnings. axe-core comes from npm (see ``axe_script`` in conftest.py).
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import RENDER_TIMEOUT_MS, open_lesson, screenshot
from tests.conftest import LESSONS, VoilaServer, read_notebook
from widgets.course.catalog import load_course

FAILING_IMPACTS = ("critical", "serious")
FAILING_RULES = ("region",)
TITLE_SUFFIX = " · Tumoral calcinosis course"
SHOWN_TARGETS = 20  # per rule in a failure message; the count says how many more

RUN_AXE = """
async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return {
    version: axe.version,
    violations: result.violations.map((rule) => ({
      id: rule.id,
      impact: rule.impact,
      help: rule.help,
      targets: rule.nodes.map((node) => node.target.join(" ")),
    })),
  };
}
"""
EVERY_OUTPUT_DRAWN = """
(count) => {
  const outputs = [...document.querySelectorAll(".jp-OutputArea-output")];
  return outputs.length >= count && outputs.every((output) => output.firstElementChild);
}
"""
#: Resolves once the page has not changed for ``quiet`` ms: widget views draw their children,
#: and charts themselves, some time after the output that holds them appears.
QUIET = """
([quiet, limit]) => new Promise((resolve) => {
  let timer = setTimeout(done, quiet);
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(done, quiet);
  });
  function done() { observer.disconnect(); resolve(); }
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   characterData: true});
  setTimeout(done, limit);
})
"""


def cells(stem: str) -> list[dict[str, Any]]:
    return read_notebook(LESSONS / f"{stem}.ipynb")["cells"]  # type: ignore[return-value]


def output_count(stem: str) -> int:
    """How many outputs the lesson shows (its stored run, which strict nbval keeps current)."""
    return sum(len(cell.get("outputs", [])) for cell in cells(stem) if cell["cell_type"] == "code")


def first_heading(stem: str) -> str:
    source = "".join(cells(stem)[0]["source"])
    assert source.startswith("# "), f"{stem} does not open with a title"
    return source.splitlines()[0][2:].strip()


def open_and_render(page: Page, url: str, stem: str) -> None:
    """Open a lesson and wait until every output, widget and chart has been drawn."""
    open_lesson(page, url)
    page.wait_for_function(EVERY_OUTPUT_DRAWN, arg=output_count(stem), timeout=RENDER_TIMEOUT_MS)
    page.evaluate(QUIET, [1500, 60_000])


def check_with_axe(page: Page, axe_source: str, where: str) -> None:
    """Run axe-core on the page; fail on what matters, warn about the rest."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate(RUN_AXE)
    failing, other = [], []
    for rule in result["violations"]:
        serious = rule["impact"] in FAILING_IMPACTS or rule["id"] in FAILING_RULES
        (failing if serious else other).append(rule)
    for rule in other:
        warnings.warn(f"{where}: {describe(rule)}", stacklevel=2)
    if failing:
        found = "\n".join(describe(rule) for rule in failing)
        pytest.fail(f"axe-core {result['version']} on {where}:\n{found}", pytrace=False)


def describe(rule: dict[str, Any]) -> str:
    targets = rule["targets"]
    lines = [f"{rule['id']} [{rule['impact']}] {rule['help']}: {len(targets)} nodes"]
    lines += [f"    {target}" for target in targets[:SHOWN_TARGETS]]
    if len(targets) > SHOWN_TARGETS:
        lines.append(f"    ... and {len(targets) - SHOWN_TARGETS} more")
    return "\n".join(lines)


@pytest.mark.parametrize("stem", [lesson.stem for lesson in load_course().lessons])
def test_every_lesson_passes_axe(
    page: Page, voila_server: VoilaServer, axe_source: str, stem: str
) -> None:
    open_and_render(page, voila_server.lesson_url(stem), stem)
    check_with_axe(page, axe_source, stem)
    expect(page).to_have_title(first_heading(stem) + TITLE_SUFFIX)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("main").locator(".tc-objectives")).to_be_visible()


def test_the_home_page_passes_axe(page: Page, voila_server: VoilaServer, axe_source: str) -> None:
    page.goto(voila_server.url + "/", timeout=60_000)
    first = page.get_by_role("listitem", name=re.compile(r"00-start-here\.ipynb"))
    expect(first).to_be_visible()
    page.evaluate(QUIET, [1000, 30_000])
    check_with_axe(page, axe_source, "the home page")
    expect(page).to_have_title("Tumoral calcinosis course: lessons")
    expect(page.get_by_role("main").get_by_role("list")).to_contain_text("00-start-here.ipynb")
    screenshot(page, "home")


def test_toggle_buttons_say_which_is_chosen(page: Page, voila_server: VoilaServer) -> None:
    stem = "01-what-is-tumoral-calcinosis"
    open_and_render(page, voila_server.lesson_url(stem), stem)
    forms = page.get_by_role("group", name="Form:")
    chosen = forms.get_by_role("button", name="Primary hyperphosphatemic")
    secondary = forms.get_by_role("button", name="Secondary")
    expect(chosen).to_have_attribute("aria-pressed", "true")
    expect(secondary).to_have_attribute("aria-pressed", "false")
    secondary.focus()
    page.keyboard.press("Space")
    expect(secondary).to_have_attribute("aria-pressed", "true")
    expect(chosen).to_have_attribute("aria-pressed", "false")
