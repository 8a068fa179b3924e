"""A class poll in Chromium: an instructor and two students in separate browser contexts. Both
students answer the question put; the instructor's chart shows both; the reveal reaches the
projector view; a student's reload restores their answer; the presenter view needs the key."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import explained, new_page, open_lesson, screenshot
from tests.browser.test_accessibility import check_with_axe
from tests.conftest import ARTIFACTS, ROOT, environment, running_voila

STEM = "01-what-is-tumoral-calcinosis"
KEY = "test-instructor-key-7Q"
LOG = ARTIFACTS / "voila-classroom.log"
POOLS = (
    '--VoilaKernelManager.kernel_pools_config={"default": {"pool_size": 0}, '
    f'"{STEM}.ipynb": {{"pool_size": 2}}}}'
)


@pytest.fixture(scope="module")
def course_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = str(tmp_path_factory.mktemp("classroom"))
    with (
        environment(TC_DATA_DIR=store, TC_DATABASE_URL=None, TC_INSTRUCTOR_KEY=KEY),
        running_voila(ROOT, LOG, POOLS) as url,
    ):
        yield url


def lesson(url: str, query: str) -> str:
    return f"{url}/voila/render/{STEM}.ipynb?{query}"


def answer_put_question(page: Page, prompt: str, option: int) -> None:
    card = page.locator(".tc-quiz .tc-question", has_text=prompt[:60]).first
    expect(card).to_be_visible(timeout=60_000)
    card.get_by_role("radio").nth(option).check()
    card.get_by_role("button", name="Check answer").click()
    expect(card.locator(".tc-feedback")).to_contain_text(re.compile("Correct|Not yet"))


def test_an_instructor_polls_two_students_and_reveals_the_answer(
    browser: Browser, course_url: str, axe_source: str
) -> None:
    teacher, ada, ben = new_page(browser), new_page(browser), new_page(browser)
    with explained(teacher, LOG):
        open_lesson(teacher, lesson(course_url, f"learner=Instructor&present={KEY}"))
        presenter = teacher.locator(".tc-presenter")
        presenter.get_by_role("button", name="Start a class session").click()
        code = presenter.locator(".tc-code").inner_text(timeout=30_000).strip()
        assert re.fullmatch(r"[A-Z2-9]{6}", code)
        presenter.get_by_role("button", name="Put it to the class").click()
        expect(presenter.locator(".tc-poll-count")).to_contain_text("0 students have answered")
        prompt = presenter.locator(".tc-poll-prompt").inner_text()

    for page, name, option in ((ada, "Ada", 1), (ben, "Ben", 0)):  # the options as each sees them
        with explained(page, LOG):
            open_lesson(page, lesson(course_url, f"learner={name}&class={code}"))
            expect(page.locator(".tc-class-joined")).to_contain_text(code)
            answer_put_question(page, prompt, option)
    answered = time.monotonic()
    with explained(teacher, LOG):
        expect(teacher.locator(".tc-poll-count")).to_contain_text(
            "2 students have answered", timeout=10_000
        )
        seen_s = time.monotonic() - answered
        counts = [
            int(row.get_attribute("data-count") or 0)
            for row in teacher.locator(".tc-poll-row").all()
        ]
        assert sum(counts) == 2  # one option each (the options are shuffled per student)
        expect(teacher.locator(".tc-poll-answer")).to_have_text("")
        teacher.get_by_role("button", name="Reveal the answer").click()
        expect(teacher.locator(".tc-poll-answer")).to_contain_text("Answer:")
        expect(teacher.locator(".tc-poll-key")).to_have_count(1)
        teacher.get_by_role("button", name="Statistics of this session").click()
        expect(teacher.locator(".tc-poll-stats")).to_contain_text("Statistics of this session")
        expect(teacher.locator(".tc-poll-stats")).not_to_contain_text("Ada")
    screenshot(teacher, "classroom-presenter")
    check_with_axe(teacher, axe_source, "the presenter view")
    print(f"poll: both answers on the presenter view {seen_s:.2f} s after the second was checked")

    with explained(ada, LOG):  # Ada reloads: her answer is still hers
        ada.reload()
        open_lesson(ada, lesson(course_url, f"learner=Ada&class={code}"))
        card = ada.locator(".tc-quiz .tc-question", has_text=prompt[:60]).first
        expect(card.get_by_role("radio").nth(1)).to_be_checked(timeout=60_000)
        expect(card.locator(".tc-feedback")).to_contain_text(re.compile("Correct|Not yet"))
    for page in (teacher, ada, ben):
        assert page.js_errors == []  # type: ignore[attr-defined]
        assert ben.locator(".tc-presenter").count() == 0


def test_the_presenter_view_needs_the_instructor_s_key(browser: Browser, course_url: str) -> None:
    page = new_page(browser)
    with explained(page, LOG):
        open_lesson(page, lesson(course_url, "learner=Mallory&present=guessed"))
        expect(page.locator(".tc-quiz .tc-question").first).to_be_visible(timeout=60_000)
        expect(page.get_by_text("is not this server's instructor key")).to_be_visible()
    assert page.locator(".tc-presenter").count() == 0
    assert KEY not in page.content()


def test_a_class_code_that_names_no_session_is_refused_with_a_clear_message(
    browser: Browser, course_url: str
) -> None:
    page = new_page(browser)
    with explained(page, LOG):
        open_lesson(page, lesson(course_url, "learner=Cy&class=NOSUCH"))
        expect(page.locator(".tc-class-none")).to_contain_text(
            "There is no open class session 'NOSUCH'", timeout=60_000
        )
    assert Path(LOG).exists()
