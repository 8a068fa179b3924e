"""What a student sees in Chromium when the course is served with Voila."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from tests.browser.conftest import open_lesson, screenshot
from tests.conftest import VoilaServer, lesson_files
from widgets.course.catalog import load_course
from widgets.references.lesson_sources import lesson_citations

ERROR_TEXT = re.compile(r"There was an error when executing cell|Traceback|Error", re.IGNORECASE)


def assert_no_code_and_no_error(page: Page) -> None:
    expect(page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor")).to_have_count(0)
    expect(
        page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr']")
    ).to_have_count(0)
    errors = page.locator(".jp-OutputArea-output", has_text=ERROR_TEXT)
    try:
        expect(errors).to_have_count(0)
    except AssertionError:  # say what the page showed, not only how many
        screenshot(page, "error-output")
        shown = [text[:300] for text in errors.all_inner_texts()]
        raise AssertionError(f"the page shows an error: {shown}") from None
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


def test_a_lesson_needs_nothing_from_the_internet(page: Page, voila_server: VoilaServer) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_lesson(page, voila_server.lesson_url("01-what-is-tumoral-calcinosis"))
    expect(page.locator(".tc-form-card")).to_be_visible()
    outside = [
        url
        for url in requested
        if not url.startswith((voila_server.url, "data:", "blob:", "ws://127.0.0.1"))
    ]
    assert outside == []


def test_leaving_a_directly_opened_lesson_frees_its_kernel(
    page: Page, voila_server: VoilaServer
) -> None:
    open_lesson(page, voila_server.lesson_url("01-what-is-tumoral-calcinosis"))
    # Voila adds its unload handler as its widget manager starts, and widgets render only after
    # that: once the explorer shows, leaving the page must post the shutdown.
    expect(page.locator(".tc-form-card")).to_be_visible()
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    assert kernel_id
    page.goto("about:blank")  # as a reload or a link away does; the page posts its shutdown
    deadline = time.monotonic() + 20
    while f"Kernel shutdown: {kernel_id}" not in voila_server.log.read_text(errors="replace"):
        assert time.monotonic() < deadline, "the kernel was not shut down when its page closed"
        time.sleep(0.2)


def answer_first_question(page: Page) -> str:
    """Answer the first question on the page, whatever its type; return the feedback shown."""
    card = page.locator(".tc-question").first
    card.scroll_into_view_if_needed()
    expect(card).to_be_visible(timeout=60_000)
    if card.get_by_role("radio").count():
        card.get_by_role("radio").first.check()
    elif card.get_by_role("checkbox").count():
        card.get_by_role("checkbox").first.check()
    elif card.get_by_role("textbox").count():
        card.get_by_role("textbox").first.fill("1")
    # An ordering task is answered as it stands: the steps start in a scrambled order.
    card.get_by_role("button", name="Check answer").click()
    feedback = card.locator(".tc-feedback")
    expect(feedback).to_contain_text(re.compile("Correct|Not yet"), timeout=30_000)
    return feedback.inner_text()
