"""Saved progress, driven from Python: every answer, hint and shown answer is saved as it happens
and comes back in a new kernel's widgets as the student left it, with its credit; the name prompt;
the progress overview; a store that fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ipywidgets.widgets.widget import _instances as widget_registry

from tests.secrets import secrets_of
from widgets.learner import Identity
from widgets.progress.gate import LearnerGate
from widgets.progress.location import sqlite_url
from widgets.progress.overview import ProgressView, standings
from widgets.progress.safe import SafeStore
from widgets.progress.session import Session
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.final import FinalAssessment
from widgets.quiz.types.single import SingleBestAnswer
from widgets.quiz.types.staged_case import StagedCase
from widgets.quiz.view import CaseCard, QuestionCard, QuizView

STEM = "01-what-is-tumoral-calcinosis"
CASES = "09-cases"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "progress.sqlite3")


def session_of(url: str, name: str | None = "Ada") -> Session:
    """A kernel's session: a new one stands for a reload, a restart or next week."""
    identity = Identity(name, "link") if name else Identity(None, "unknown")
    return Session(SafeStore.open(url), identity)


def quiz_of(session: Session, stem: str = STEM) -> QuizView:
    assert session.name is not None
    return QuizView(load_lesson_bank(stem), learner=session.name, session=session)


def first_single(view: QuizView) -> QuestionCard:
    return next(
        c
        for c in view.cards
        if isinstance(c, QuestionCard) and isinstance(c._question, SingleBestAnswer)
    )


def pick(card: QuestionCard, *, right: bool) -> None:
    question = card._question
    assert isinstance(question, SingleBestAnswer)
    bank_position = next(i for i, o in enumerate(question.options) if o.correct == right)
    card.control.widget.value = card.control.spec.order.index(bank_position)


def test_a_card_comes_back_as_it_was_left_with_its_credit(url: str) -> None:
    card = first_single(quiz_of(session_of(url)))
    pick(card, right=False)
    card.check.click()
    if card._question.hints:
        card.hint.click()
    pick(card, right=True)
    card.check.click()
    left = (card.attempts.tries, card.attempts.hints_used, card.attempts.credit())
    feedback = card.feedback.value

    again = first_single(quiz_of(session_of(url)))
    assert (again.attempts.tries, again.attempts.hints_used, again.attempts.credit()) == left
    assert again.attempts.solved
    assert again.feedback.value == feedback
    assert again.check.disabled
    assert again.control.widget.value == card.control.widget.value


def test_a_shown_answer_stays_shown_and_earns_nothing_after_a_reload(url: str) -> None:
    card = first_single(quiz_of(session_of(url)))
    pick(card, right=False)
    card.check.click()
    card.reveal.click()
    again = first_single(quiz_of(session_of(url)))
    assert again.attempts.revealed
    assert again.attempts.credit() == 0
    pick(again, right=True)
    again._on_check_click(again.check)  # a click the browser could still send
    assert again.attempts.credit() == 0
    assert "The answer:" in again.feedback.value


def test_two_learners_never_see_each_others_answers(url: str) -> None:
    card = first_single(quiz_of(session_of(url, "Ada")))
    pick(card, right=True)
    card.check.click()
    other = first_single(quiz_of(session_of(url, "Grace")))
    assert other.attempts.tries == 0
    assert other.feedback.value == ""
    assert not other.check.disabled


def test_a_staged_case_resumes_at_the_stage_reached(url: str) -> None:
    view = quiz_of(session_of(url), CASES)
    case = next(c for c in view.cards if isinstance(c, CaseCard))
    stage = case.stages[0]
    pick(stage, right=False)
    stage.check.click()
    stage.reveal.click()
    assert len(case.stages) == 2
    again = next(c for c in quiz_of(session_of(url), CASES).cards if isinstance(c, CaseCard))
    assert len(again.stages) == 2
    assert again.stages[0].attempts.revealed
    assert again.stages[1].attempts.tries == 0


def test_the_final_assessment_resumes_its_saved_set(url: str) -> None:
    session = session_of(url)
    first = FinalAssessment(learner="Ada", session=session)
    ids = [d.question.id for d in first.drawn]
    assert session.final_set(1) is not None
    # The saved set is what comes back, not a new draw (here: the same set, reversed).
    learner_id = session.learner_id
    assert learner_id is not None
    session.store.forget(learner_id)
    fresh = session_of(url)
    fresh_id = fresh.learner_id
    assert fresh_id is not None
    fresh.store.save_final_set(fresh_id, list(reversed(ids)), attempt=1)
    again = FinalAssessment(learner="Ada", session=session_of(url))
    assert [d.question.id for d in again.drawn] == list(reversed(ids))


def test_restored_widgets_hold_no_answer_key(url: str) -> None:
    view = quiz_of(session_of(url))
    for card in view.cards:
        if isinstance(card, QuestionCard) and isinstance(card._question, SingleBestAnswer):
            pick(card, right=True)
            card.check.click()
    before = set(widget_registry)
    quiz_of(session_of(url))
    created = [w for key, w in widget_registry.items() if key not in before]
    state = json.dumps([w.get_state() for w in created], ensure_ascii=False)
    assert "✔ Correct" in state  # the earned feedback is back
    secrets = secrets_of(STEM)
    shown_feedback = {card.feedback.value for card in view.cards}
    leaked = [
        s
        for s in secrets
        if json.dumps(s, ensure_ascii=False)[1:-1] in state
        and not any(s in f for f in shown_feedback)
    ]
    assert leaked == []


def test_an_unknown_learner_is_asked_once_for_every_part_of_the_page(url: str) -> None:
    session = session_of(url, None)
    gates = [
        LearnerGate(lambda s: quiz_of(s), session=session),
        LearnerGate(ProgressView, session=session),
    ]
    assert all(gate.content is None for gate in gates)
    for typed, refusal in [("   ", "empty"), ("x" * 10_000, "at most 64"), ("a\x00b", "control")]:
        gates[0].name.value = typed
        gates[0].go.click()
        assert refusal in gates[0].note.value
        assert session.name is None
    gates[0].name.value = "<script>alert(1)</script> ../x"
    gates[0].go.click()
    assert session.name == "<script>alert(1)</script> ../x"
    assert all(gate.content is not None for gate in gates)
    assert "&lt;script&gt;" in gates[1].who.value
    assert "<script>" not in gates[1].who.value
    assert 'data-learner-query="learner=%3Cscript%3E' in gates[1].who.value


def test_the_overview_counts_answers_and_the_record_can_be_taken_and_deleted(url: str) -> None:
    session = session_of(url)
    card = first_single(quiz_of(session))
    pick(card, right=True)
    card.check.click()
    view = ProgressView(session)
    row = next(r for r in standings(view.course, session) if r.lesson == STEM)
    assert (row.answered, row.credit, row.started) == (1, 1.0, True)
    assert f'data-lesson="{STEM}" data-status="started"' in view.table.value
    assert f"{STEM}.ipynb?learner=Ada" in view.table.value
    view.prepare.click()
    assert "1 events" in view.downloads.value
    assert 'download="tumoral-calcinosis-Ada.csv"' in view.downloads.value
    view.forget.click()
    assert view.confirmation.layout.display == "flex"
    view.cancel.click()
    assert session.export() != []
    view.forget.click()
    view.confirm.click()
    assert session.name is None  # asked again
    assert session_of(url).export() == []


def test_a_failing_store_says_so_and_the_lesson_goes_on(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    session = Session(
        SafeStore.open(sqlite_url(not_a_folder / "progress.sqlite3")), Identity("Ada", "link")
    )
    gate = LearnerGate(lambda s: quiz_of(s), session=session)
    assert "Your progress is not being saved" in gate.status.value
    assert isinstance(gate.content, QuizView)
    card = first_single(gate.content)
    pick(card, right=True)
    card.check.click()
    assert card.attempts.solved
    assert session.unsaved == 1  # kept in the kernel, for the next write that works


def test_every_case_stage_key_is_counted_in_the_overview(url: str) -> None:
    session = session_of(url)
    rows = {r.lesson: r for r in standings(ProgressView(session).course, session)}
    cases = [q for q in load_lesson_bank(CASES).questions if isinstance(q, StagedCase)]
    assert rows[CASES].asked == len(load_lesson_bank(CASES).questions)
    assert cases
