"""The quiz widgets driven from Python: answer, check, hint, reveal, score, and no key leaks."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as ipw
import pytest
from ipywidgets.widgets.widget import _instances as widget_registry

from widgets.paths import bank_path
from widgets.quiz.bank import Bank, load_lesson_bank
from widgets.quiz.view import CaseCard, QuestionCard, QuizView, quiz

STEM = "01-what-is-tumoral-calcinosis"
BANK = f"""\
schema_version: 1
lesson: {STEM}
reviewed: {{by: tester, date: "2026-11-26", against: brief}}
questions:
  - id: {STEM}/single
    objectives: [define-tc]
    type: single
    prompt: Which is calcification?
    options:
      - {{text: Right option, correct: true, feedback: FEEDBACK-RIGHT}}
      - {{text: Wrong option, feedback: FEEDBACK-WRONG}}
      - {{text: Other option, feedback: FEEDBACK-OTHER}}
    explanation: EXPLANATION-SINGLE
    refs: [20]
    hints: [HINT-ONE]
  - id: {STEM}/number
    objectives: [three-forms]
    type: numeric
    prompt: What product?
    answer: 63.5
    tolerance: 0.5
    unit: mg²/dL²
    feedback_low: FEEDBACK-LOW
    feedback_high: FEEDBACK-HIGH
    explanation: EXPLANATION-NUMBER
    refs: [4]
  - id: {STEM}/order
    objectives: [three-forms]
    type: ordering
    prompt: Order these.
    items: [STEP-A, "*STEP-B*", STEP-C]
    explanation: EXPLANATION-ORDER
    refs: [3]
  - id: {STEM}/multi
    objectives: [terminology]
    type: multiple
    prompt: Which names?
    options:
      - {{text: Name one, correct: true, feedback: FEEDBACK-M1}}
      - {{text: Name two, correct: true, feedback: FEEDBACK-M2}}
      - {{text: Not a name, feedback: FEEDBACK-M3}}
    explanation: EXPLANATION-MULTI
    refs: [11]
  - id: {STEM}/case
    objectives: [misstatements]
    type: staged_case
    title: A case
    refs: [1]
    stages:
      - narrative: NARRATIVE-ONE
        question:
          type: true_false
          prompt: True?
          answer: true
          feedback_true: FEEDBACK-T
          feedback_false: FEEDBACK-F
          explanation: EXPLANATION-STAGE-ONE
          refs: [1]
      - narrative: NARRATIVE-TWO
        question:
          type: true_false
          prompt: False?
          answer: false
          feedback_true: FEEDBACK-T2
          feedback_false: FEEDBACK-F2
          explanation: EXPLANATION-STAGE-TWO
          refs: [1]
"""
# What a student must not see before answering. Visible by design: the opening of the case and
# the steps to put in order (only their order is secret).
SECRETS = [
    token
    for token in (word.strip("[,}]") for word in BANK.split())
    if token.isupper()
    and "-" in token
    and token != "NARRATIVE-ONE"
    and not token.startswith("STEP-")
]


@pytest.fixture
def bank(course_copy: Path) -> Bank:
    bank_path(STEM).parent.mkdir()
    bank_path(STEM).write_text(BANK, encoding="utf-8")
    return load_lesson_bank(STEM)


@pytest.fixture
def view(bank: Bank) -> QuizView:
    return QuizView(bank, learner="tester")


def card(view: QuizView, number: int) -> QuestionCard:
    found = view.cards[number]
    assert isinstance(found, QuestionCard)
    return found


def choose(radio: ipw.RadioButtons, label: str) -> None:
    radio.value = dict(radio.options)[label]


def all_widgets(widget: ipw.Widget) -> list[ipw.Widget]:
    return [widget, *(w for child in getattr(widget, "children", ()) for w in all_widgets(child))]


def test_a_right_first_answer_teaches_and_scores_a_full_mark(view: QuizView) -> None:
    first = card(view, 0)
    choose(first.control.widget, "Right option")
    first.check.click()
    assert "✔ Correct" in first.feedback.value
    assert "FEEDBACK-RIGHT" in first.feedback.value
    assert "EXPLANATION-SINGLE" in first.feedback.value
    assert "[20]" in first.feedback.value
    assert first.control.widget.disabled
    assert first.check.disabled
    assert "Score: 1 / 5" in view.score.value


def test_a_wrong_answer_gives_its_feedback_and_allows_a_retry(view: QuizView) -> None:
    first = card(view, 0)
    choose(first.control.widget, "Wrong option")
    first.check.click()
    assert "Not yet" in first.feedback.value
    assert "FEEDBACK-WRONG" in first.feedback.value
    assert "EXPLANATION-SINGLE" not in first.feedback.value
    assert not first.reveal.disabled
    choose(first.control.widget, "Right option")
    first.check.click()
    assert "(try 2)" in first.feedback.value
    assert view.points() == 0.75


def test_hint_then_reveal(view: QuizView) -> None:
    first = card(view, 0)
    assert first.reveal.disabled  # nothing to reveal before a try
    first.hint.click()
    assert "HINT-ONE" in first.feedback.value
    assert first.hint.disabled
    choose(first.control.widget, "Other option")
    first.check.click()
    first.reveal.click()
    assert "The answer:</strong> Right option" in first.feedback.value
    assert view.points() == 0
    assert "1 of 5 questions finished" in view.score.value


def test_checking_without_an_answer_is_not_a_try(view: QuizView) -> None:
    first = card(view, 0)
    first.check.click()
    assert "⚠" in first.feedback.value
    assert first.attempts.tries == 0


def test_numeric_answer_is_validated_then_graded(view: QuizView) -> None:
    number = card(view, 1)
    number.control.widget.value = "x" * 5000
    number.check.click()
    assert "too long" in number.feedback.value
    assert number.attempts.tries == 0
    number.control.widget.value = "70"
    number.check.click()
    assert "FEEDBACK-HIGH" in number.feedback.value
    number.control.widget.value = "63,4"
    number.check.click()
    assert number.attempts.solved


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("\u0666\u0663\u066b\u0665", "uses digits other than 0-9"),  # Arabic-Indic 63.5
        ("\uff16\uff13.\uff15", "uses digits other than 0-9"),  # full-width
        ("63_5", "is not a number"),
        ("1e400", "is too large"),
        ("nan", "is not a finite number"),
    ],
)
def test_a_numeric_answer_in_other_digits_is_refused_not_graded(
    view: QuizView, typed: str, reason: str
) -> None:
    number = card(view, 1)
    number.control.widget.value = typed
    number.check.click()
    assert f"“{typed}” {reason}" in number.feedback.value
    assert "type the digits 0-9" in number.feedback.value
    assert number.attempts.tries == 0
    assert not number.attempts.solved


def test_a_refused_numeric_answer_is_repeated_escaped_and_shortened(view: QuizView) -> None:
    number = card(view, 1)
    number.control.widget.value = "<img src=x onerror=alert(1)>"
    number.check.click()
    assert "<img" not in number.feedback.value
    assert "“&lt;img src=x onerror=a…”" in number.feedback.value
    assert number.attempts.tries == 0


def test_ordering_with_move_buttons(view: QuizView) -> None:
    order = card(view, 2)
    control = order.control
    listbox = control.listbox  # type: ignore[attr-defined]
    while control.response() != [0, 1, 2]:  # bubble-sort with the buttons, as a student would
        current = control.response()
        position = next(p for p in range(2) if current[p] > current[p + 1])  # type: ignore[index]
        listbox.value = position
        control.down.click()  # type: ignore[attr-defined]
    order.check.click()
    assert order.attempts.solved
    assert next(label for label, _ in listbox.options) == "1. STEP-A"
    # Emphasis marks in the bank (gene names) are dropped from the plain-text list box.
    assert [label for label, _ in listbox.options][1] == "2. STEP-B"


def test_multiple_answer_with_checkboxes(view: QuizView) -> None:
    multi = card(view, 3)
    for box in multi.control.widget.children:
        box.value = box.description in {"Name one", "Name two"}
    multi.check.click()
    assert multi.attempts.solved


def test_a_case_reveals_its_stages_one_by_one(view: QuizView) -> None:
    case = view.cards[4]
    assert isinstance(case, CaseCard)
    html = lambda: " ".join(w.value for w in all_widgets(case) if isinstance(w, ipw.HTML))  # noqa: E731
    assert "NARRATIVE-ONE" in html()
    assert "NARRATIVE-TWO" not in html()
    stage = case.stages[0]
    choose(stage.control.widget, "True")
    stage.check.click()
    assert "NARRATIVE-TWO" in html()
    second = case.stages[1]
    choose(second.control.widget, "True")
    second.check.click()
    second.reveal.click()
    assert view.points() == 0.5  # one stage of two earned its mark


def test_no_answer_key_in_any_widget_state_before_answering(bank: Bank) -> None:
    # Every widget the kernel creates sends its state to the browser, displayed or not.
    before = set(widget_registry)
    view = QuizView(bank, learner="tester")
    created = [w for key, w in widget_registry.items() if key not in before]
    assert len(created) > 20
    state = json.dumps([w.get_state() for w in created])
    leaked = [secret for secret in SECRETS if secret in state]
    assert leaked == []
    assert '"correct"' not in state
    assert "True" not in repr(view)


def test_the_same_learner_sees_the_same_order(bank: Bank) -> None:
    orders = {
        tuple(label for label, _ in card(QuizView(bank, learner="ada"), 0).control.widget.options)
        for _ in range(3)
    }
    assert len(orders) == 1


def test_a_broken_bank_shows_its_error_in_place_of_the_quiz(course_copy: Path) -> None:
    (course_copy / "assets" / "questions").mkdir()
    broken = BANK.replace("    tolerance: 0.5\n", "")
    (course_copy / "assets" / "questions" / f"{STEM}.yaml").write_text(broken, encoding="utf-8")
    shown = quiz(STEM, learner="tester")
    assert isinstance(shown, ipw.HTML)
    assert "This quiz could not be loaded" in shown.value
    assert f"question {STEM}/number: tolerance" in shown.value


def test_a_wrong_answer_offers_a_hint_only_while_one_is_left(view: QuizView) -> None:
    first = card(view, 0)  # one hint
    choose(first.control.widget, "Wrong option")
    first.check.click()
    assert "ask for a hint" in first.feedback.value
    first.hint.click()
    choose(first.control.widget, "Other option")
    first.check.click()
    assert "Not yet" in first.feedback.value
    assert "hint" not in first.feedback.value.split("</p>")[0]
    number = card(view, 1)  # no hints: no hint button, and none offered
    assert number.hint not in number.children[2].children
    number.control.widget.value = "1"
    number.check.click()
    assert "Not yet" in number.feedback.value
    assert "hint" not in number.feedback.value.split("</p>")[0]
