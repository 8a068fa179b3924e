"""Slide mode (``./course slides``, Voila's reveal template) in Chromium: every lesson renders
as slides that break at its sections, with no request to any host but this machine; the
keyboard moves between slides; the widgets on a slide stay live."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import SCREENSHOTS, explained, open_lesson
from tests.conftest import ARTIFACTS, ROOT, TEST_LEARNER, lesson_files, running_voila

LOG = ARTIFACTS / "voila-slides.log"
PRESENT = ".reveal .slides > section.present"


@pytest.fixture(scope="module")
def slides_url() -> Iterator[str]:
    """The course served as ``./course slides`` serves it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_voila(ROOT, LOG, "--template=tc-slides") as url:
        yield url


def where(url: str) -> str:
    """The host a request goes to, or its scheme when it goes to none (data:, blob:)."""
    parsed = urlparse(url)
    return parsed.hostname or f"{parsed.scheme}:"


def titled(heading: str) -> re.Pattern[str]:
    """A heading as the slide shows it (reveal's themes may set it in capitals; an anchor
    link follows it)."""
    return re.compile(re.escape(heading), re.IGNORECASE)


def slide_headings(path: Path) -> list[str]:
    """Each slide's opening heading, from the lesson's slide metadata."""
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    return [
        cell.source.lstrip().splitlines()[0].lstrip("#").strip()
        for cell in notebook.cells
        if cell.metadata.get("slideshow", {}).get("slide_type") == "slide"
    ]


@pytest.mark.parametrize("path", lesson_files(), ids=lambda path: path.stem)
def test_a_lesson_is_slides_at_its_sections_served_by_this_machine_alone(
    page: Page, slides_url: str, path: Path
) -> None:
    hosts: set[str] = set()  # every request's host; data: and blob: URLs never leave the page
    page.on("request", lambda request: hosts.add(where(request.url)))
    missing: list[str] = []  # reveal.js's style sheets among them: a slide without is unusable
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and missing.append(f"{response.status} {response.url}")
        ),
    )
    headings = slide_headings(path)
    with explained(page, LOG):
        open_lesson(page, f"{slides_url}/voila/render/{path.name}?learner={TEST_LEARNER}")
        expect(page.locator(".reveal .slides > section")).to_have_count(len(headings))
        heading = page.locator(PRESENT).get_by_role("heading").first
        expect(heading).to_have_text(titled(headings[0]))
        page.keyboard.press("ArrowRight")
        expect(heading).to_have_text(titled(headings[1]))
        page.keyboard.press("ArrowLeft")
        expect(heading).to_have_text(titled(headings[0]))
    assert hosts - {"data:", "blob:"} == {"127.0.0.1"}
    assert missing == []
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_a_question_on_a_slide_is_answered_and_graded_live(page: Page, slides_url: str) -> None:
    path = ROOT / "lessons" / "01-what-is-tumoral-calcinosis.ipynb"
    quiz_slide = slide_headings(path).index("Check your understanding")
    with explained(page, LOG):
        # Straight to the quiz's slide by its address (reveal.js's history), as a bookmark does.
        url = f"{slides_url}/voila/render/{path.name}?learner={TEST_LEARNER}#/{quiz_slide}"
        open_lesson(page, url)
        slide = page.locator(PRESENT)
        expect(slide.get_by_role("heading").first).to_have_text(titled("Check your understanding"))
        card = slide.locator(".tc-quiz .tc-question").first
        expect(card).to_be_visible(timeout=60_000)
        # The slide scrolls inside itself: bring the question to its middle, as a wheel does.
        card.evaluate("card => card.scrollIntoView({block: 'center'})")
        card.get_by_role("radio").nth(1).check()
        card.get_by_role("button", name="Check answer").click()
        expect(card.locator(".tc-feedback")).to_contain_text(re.compile("Correct|Not yet"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # the slide as the projector shows it
    page.screenshot(path=str(SCREENSHOTS / "slides-01-quiz.png"))
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_the_list_of_lessons_in_slide_mode_is_served_by_this_machine_alone(
    page: Page, slides_url: str
) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(where(request.url)))
    page.goto(f"{slides_url}/")
    expect(page.get_by_text("05-reading-the-radiograph.ipynb")).to_be_visible(timeout=30_000)
    assert hosts - {"data:", "blob:"} == {"127.0.0.1"}
