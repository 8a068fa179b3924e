"""Saved progress in Chromium through the course server: learner A's answer in lesson 01 comes
back after a reload and after a server restart; learner B on the same lesson sees none of it; a
student with no name is asked once, and the page's address and lesson links then carry it;
lesson 00 shows where the learner stands."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import explained, open_lesson, screenshot
from tests.conftest import ARTIFACTS, ROOT, environment, running_voila

STEM = "01-what-is-tumoral-calcinosis"
#: Only the two lessons used, each with a pool of one: the server starts faster.
POOLS = (
    '--VoilaKernelManager.kernel_pools_config={"default": {"pool_size": 0}, '
    f'"{STEM}.ipynb": {{"pool_size": 1}}, "00-start-here.ipynb": {{"pool_size": 1}}}}'
)


@contextmanager
def course_server(data_dir: Path, name: str, page: Page) -> Iterator[str]:
    """The course server with its progress store in ``data_dir`` (kept across restarts); a check
    on ``page`` that fails says what the server logged and the page's console showed."""
    log = ARTIFACTS / f"voila-progress-{name}.log"
    with (
        environment(TC_DATA_DIR=str(data_dir)),
        running_voila(ROOT, log, POOLS) as url,
        explained(page, log),
    ):
        yield url


def lesson(url: str, stem: str, learner: str | None) -> str:
    query = f"?learner={quote(learner)}" if learner else ""
    return f"{url}/voila/render/{stem}.ipynb{query}"


def first_question(page: Page) -> Locator:
    card = page.locator(".tc-quiz .tc-question").first
    expect(card).to_be_visible(timeout=60_000)
    return card


def answer_first_question(page: Page) -> str:
    """Choose the second option of the first question and check it; the feedback shown."""
    card = first_question(page)
    card.get_by_role("radio").nth(1).check()
    card.get_by_role("button", name="Check answer").click()
    feedback = card.locator(".tc-feedback")
    expect(feedback).to_contain_text(re.compile("Correct|Not yet"))
    return feedback_text(card)


def feedback_text(card: Locator) -> str:
    """A card's feedback as it reads, once it shows a verdict."""
    feedback = card.locator(".tc-feedback")
    expect(feedback).to_contain_text(re.compile("Correct|Not yet"))
    return " ".join(feedback.inner_text().split())


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("progress")


def test_an_answer_survives_a_reload_and_a_restart_and_stays_its_learners(
    page: Page, data_dir: Path
) -> None:
    with course_server(data_dir, "first", page) as url:
        open_lesson(page, lesson(url, STEM, "Ada A"))
        # A preheated kernel learns its visitor from the server once the page is served; while
        # the server refills the pool (rendering the lesson again) that took 4-7 s here, and
        # the page says "Opening your saved answers..." meanwhile.
        expect(page.locator(".tc-learner-here")).to_contain_text(
            "Saving your answers as Ada A", timeout=30_000
        )
        shown = answer_first_question(page)
        page.reload()
        open_lesson(page, lesson(url, STEM, "Ada A"))
        card = first_question(page)
        assert feedback_text(card) == shown
        expect(card.get_by_role("radio").nth(1)).to_be_checked()
        screenshot(page, f"{STEM}-restored")

        open_lesson(page, lesson(url, STEM, "Ben B"))
        other = first_question(page)
        expect(page.locator(".tc-learner-here")).to_contain_text("Ben B")
        expect(other.locator(".tc-feedback")).to_have_text("")
        for radio in other.get_by_role("radio").all():
            expect(radio).not_to_be_checked()

    with course_server(data_dir, "restarted", page) as url:
        open_lesson(page, lesson(url, STEM, "Ada A"))
        card = first_question(page)
        assert feedback_text(card) == shown
        expect(card.get_by_role("radio").nth(1)).to_be_checked()

        open_lesson(page, lesson(url, "00-start-here", "Ada A"))
        row = page.locator(f'.tc-progress tr[data-lesson="{STEM}"]')
        expect(row).to_contain_text("1 /")
        expect(row).to_have_attribute("data-status", "started")
        link = page.locator(f'.tc-lesson-map a[href^="{STEM}.ipynb"]')
        expect(link).to_have_attribute("href", f"{STEM}.ipynb?learner=Ada+A")
        screenshot(page, "00-start-here-progress")


def test_a_student_with_no_name_is_asked_once(page: Page, data_dir: Path) -> None:
    with course_server(data_dir, "asked", page) as url:
        open_lesson(page, lesson(url, STEM, None))
        gate = page.locator(".tc-gate").last
        expect(gate).to_contain_text("Who is learning?")
        expect(page.locator(".tc-quiz")).to_have_count(0)
        box = gate.get_by_role("textbox", name="Your name:")
        box.fill("<b>Cleo</b> ../x")
        gate.get_by_role("button", name="Start").click()
        expect(page.locator(".tc-quiz .tc-question").first).to_be_visible(timeout=60_000)
        expect(page.locator(".tc-learner-here").first).to_contain_text("<b>Cleo</b> ../x")
        expect(page.locator(".tc-learner-here b")).to_have_count(0)  # shown as text, not markup
        assert re.search(r"\?learner=%3Cb%3ECleo%3C%2Fb%3E\+..%2Fx$", page.url), page.url
        screenshot(page, f"{STEM}-asked")
