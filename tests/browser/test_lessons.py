"""What a student sees in Chromium when the course is served with Voila."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import open_lesson, screenshot
from tests.conftest import VoilaServer, lesson_files
from widgets.course import load_course
from widgets.references import lesson_citations

ERROR_TEXT = re.compile(r"There was an error when executing cell|Traceback|Error", re.IGNORECASE)


def assert_no_code_and_no_error(page: Page) -> None:
    expect(page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor")).to_have_count(0)
    expect(
        page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")
    ).to_have_count(0)
    expect(page.locator(".jp-OutputArea-output", has_text=ERROR_TEXT)).to_have_count(0)
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_start_here_shows_the_course_map(page: Page, voila_server: VoilaServer) -> None:
    open_lesson(page, voila_server.lesson_url("00-start-here"))
    expect(page.get_by_role("heading", name="Tumoral calcinosis: start here")).to_be_visible()
    expect(page.get_by_text("Education, not clinical advice.")).to_be_visible()
    expect(page.locator(".tc-objectives li")).to_have_count(3)
    course = load_course()
    expect(page.locator(".tc-lesson-map tbody tr")).to_have_count(len(course.lessons))
    link = page.locator(".tc-lesson-map a", has_text="What is tumoral calcinosis?")
    expect(link).to_be_visible()
    assert_no_code_and_no_error(page)
    screenshot(page, "00-start-here")

    link.click()  # the map's links lead to the lessons in the same app
    open_lesson(page, voila_server.lesson_url("01-what-is-tumoral-calcinosis"))
    expect(page.get_by_role("heading", name="1. What is tumoral calcinosis?")).to_be_visible()


def test_what_is_tc_teaches_the_forms_with_sources(page: Page, voila_server: VoilaServer) -> None:
    stem = "01-what-is-tumoral-calcinosis"
    open_lesson(page, voila_server.lesson_url(stem))
    for heading in (
        "Three forms, one picture",
        "Many names for one picture",
        "Common misstatements, corrected",
        "Sources",
    ):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator(".tc-objectives li")).to_have_count(4)
    expect(page.locator(".tc-sources li")).to_have_count(len(lesson_citations(stem)))
    assert_no_code_and_no_error(page)

    # The forms explorer works from the keyboard: Tab to a form button, press Space.
    card = page.locator(".tc-form-card")
    expect(card).to_have_attribute("data-form", "hyperphosphatemic")
    page.get_by_role("button", name="Secondary").focus()
    page.keyboard.press("Space")
    expect(card).to_have_attribute("data-form", "secondary")
    expect(card).to_contain_text("dialysis")
    screenshot(page, stem)


def test_the_home_page_lists_the_lessons(page: Page, voila_server: VoilaServer) -> None:
    page.goto(voila_server.url + "/", timeout=60_000)
    for path in lesson_files():
        expect(page.get_by_role("listitem", name=re.compile(re.escape(path.name)))).to_be_visible()
