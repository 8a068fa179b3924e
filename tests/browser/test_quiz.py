"""Quizzes in Chromium through Voila: the answer key never reaches the browser, and a student
can answer with the keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import explained, open_lesson, screenshot
from tests.conftest import VoilaServer
from tests.secrets import secrets_of
from widgets.course.catalog import load_course
from widgets.quiz.assessment import draw_questions, final_plan
from widgets.quiz.bank import load_lesson_bank

QUIZ_LESSONS = [lesson.stem for lesson in load_course().lessons if lesson.is_available()]


def escaped_forms(text: str) -> list[str]:
    """A text as it could travel: plain, HTML-escaped, or JSON-escaped inside a message."""
    html_escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    json_escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return [text, html_escaped, json_escaped, html_escaped.replace('"', "&quot;")]


@pytest.mark.parametrize("stem", QUIZ_LESSONS)
def test_no_answer_key_reaches_the_browser(
    page: Page, voila_server: VoilaServer, stem: str
) -> None:
    received: list[str] = []
    page.on(
        "websocket",
        lambda socket: socket.on("framereceived", lambda frame: received.append(str(frame))),
    )
    # A learner of this test only, who has answered nothing: no feedback earned is in the page.
    open_lesson(page, voila_server.lesson_url(stem, learner=f"key-check {stem}"))
    expect(page.locator(".tc-quiz, .tc-final")).to_be_visible(timeout=60_000)
    expect(page.locator(".tc-question").first).to_be_visible(timeout=60_000)
    page.wait_for_timeout(1000)  # let the last widget messages arrive
    sent = "\n".join([page.content(), *received])
    assert len(received) > 10, "the widget messages were not captured"
    # The final assessment draws from every bank, so every bank's answers must stay in the kernel.
    banks = QUIZ_LESSONS if stem == "10-final-assessment" else [stem]
    secrets = [s for bank in banks for s in secrets_of(bank)]
    leaked = [s for s in secrets if any(form in sent for form in escaped_forms(s))]
    assert leaked == [], f"{len(leaked)} answer texts reached the browser, e.g. {leaked[0]!r}"
    assert not re.search(r'"correct"\s*:\s*true', sent)


def test_a_question_answered_with_the_keyboard_alone(page: Page, voila_server: VoilaServer) -> None:
    stem = "01-what-is-tumoral-calcinosis"
    open_lesson(page, voila_server.lesson_url(stem, learner="keyboard only"))
    first = page.locator(".tc-question").first
    expect(first).to_be_visible()
    radios = first.get_by_role("radio")
    expect(first.get_by_role("radiogroup")).to_have_count(1)
    radios.first.focus()  # focus alone chooses nothing
    expect(radios.first).not_to_be_checked()
    # The options are one radio group: an arrow key chooses, and the kernel hears of it (if it did
    # not, checking would say that no option is chosen).
    page.keyboard.press("ArrowDown")
    expect(radios.nth(1)).to_be_checked()
    expect(radios.nth(1)).to_be_focused()
    page.keyboard.press("Space")  # Space on the chosen option keeps it
    expect(radios.nth(1)).to_be_checked()
    page.keyboard.press("Tab")  # one Tab stop for the whole group: straight to the button
    check = first.get_by_role("button", name="Check answer")
    expect(check).to_be_focused()
    page.keyboard.press("Enter")
    feedback = first.locator(".tc-feedback")
    expect(feedback).to_contain_text(re.compile("Correct|Not yet"))
    expect(feedback.locator(".tc-invalid")).to_have_count(0)
    if "Not yet" in feedback.inner_text():
        expect(first.get_by_role("button", name="Show answer")).to_be_enabled()
    expect(page.locator(".tc-score")).to_contain_text("Score:")
    first.scroll_into_view_if_needed()
    screenshot(page, f"{stem}-quiz")


def test_each_student_gets_their_own_final_assessment_and_keeps_it(
    page: Page, voila_server: VoilaServer
) -> None:
    def drawn_for(learner: str) -> int:
        """How many questions the kernel draws for ``learner`` (every objective assessed)."""
        plan = final_plan()
        banks = [load_lesson_bank(stem) for stem in plan.examined()]
        return len(
            draw_questions(
                banks,
                load_lesson_bank(plan.lesson),
                learner=learner,
                per_lesson=plan.questions_per_lesson,
                integrated_count=plan.integrated_questions,
            )
        )

    def open_as(learner: str) -> list[str]:
        open_lesson(page, voila_server.lesson_url("10-final-assessment", learner=learner))
        final = page.locator(".tc-final")
        with explained(page, voila_server.log):
            expect(final).to_contain_text(f"drawn for {learner}", timeout=60_000)
        expect(page.locator(".tc-report")).to_contain_text(f"/ {drawn_for(learner)}")
        return final.locator(".tc-question > :first-child").all_inner_texts()

    mine = open_as("Student 42")
    assert len(mine) == drawn_for("Student 42") > 22  # more than two a lesson: every objective
    assert open_as("Student 43") != mine  # a whole other set, not the same questions
    assert open_as("Student 42") == mine  # the saved set comes back
