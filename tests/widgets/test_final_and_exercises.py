"""The final assessment and in-lesson exercises, driven from Python, plus a key-leak scan of all
the course's real questions."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import ipywidgets as ipw
import pytest
from ipywidgets.widgets.widget import _instances as widget_registry

from tests.secrets import secrets_of
from widgets.course.catalog import load_course
from widgets.quiz.assessment import final_plan
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.final import FinalAssessment, final_assessment, render_report
from widgets.quiz.types.multiple import MultipleAnswer
from widgets.quiz.types.single import SingleBestAnswer
from widgets.quiz.types.true_false import TrueFalse
from widgets.quiz.view import CaseCard, Exercise, QuestionCard, QuizView, exercise

STEM = "01-what-is-tumoral-calcinosis"


def answer(card: QuestionCard | CaseCard, *, right: bool) -> None:
    """Answer a single, true/false or multiple-answer card, rightly or wrongly, then check."""
    assert isinstance(card, QuestionCard)
    question = card._question
    control = card.control
    if isinstance(question, TrueFalse):
        control.widget.value = question.answer if right else not question.answer
    elif isinstance(question, SingleBestAnswer):
        key = next(i for i, o in enumerate(question.options) if o.correct == right)
        control.widget.value = control.spec.order.index(key)
    else:
        assert isinstance(question, MultipleAnswer)
        for position, box in enumerate(control.boxes):
            box.value = question.options[control.spec.order[position]].correct == right
    card.check.click()
    if not right:
        card.reveal.click()
    assert card.attempts.finished


def simple(card: QuestionCard | CaseCard) -> bool:
    return isinstance(card, QuestionCard) and isinstance(
        card._question, SingleBestAnswer | TrueFalse | MultipleAnswer
    )


@pytest.fixture(scope="module")
def assessment() -> FinalAssessment:
    shown = final_assessment(learner="ada")
    assert isinstance(shown, FinalAssessment)
    return shown


def test_the_report_fills_in_topic_by_topic_and_points_back_to_the_lessons(
    assessment: FinalAssessment,
) -> None:
    by_topic: dict[str, list[QuestionCard | CaseCard]] = {}
    for drawn, card in zip(assessment.drawn, assessment.cards, strict=True):
        by_topic.setdefault(drawn.lesson, []).append(card)
    easy = [t for t, cards in by_topic.items() if all(simple(c) for c in cards)]
    assert len(easy) >= 2, "need two topics of plain questions to drive"
    good, poor = easy[0], easy[1]
    assert 'data-verdict="unfinished"' in assessment.report.value
    for card in by_topic[good]:
        answer(card, right=True)
    for card in by_topic[poor]:
        answer(card, right=False)
    report = assessment.report.value
    assert f'data-topic="{good}" data-verdict="secure"' in report
    assert f'data-topic="{poor}" data-verdict="revisit"' in report
    revisit_row = re.search(rf'<tr data-topic="{poor}".*?</tr>', report)
    assert revisit_row
    assert f'href="{poor}.ipynb"' in revisit_row.group()
    assert f"Total: {len(by_topic[good])} / {len(assessment.cards)}" in report


def test_each_name_gets_its_own_set_and_the_same_name_the_same_set() -> None:
    ada = final_assessment(learner="Ada Lovelace")
    grace = final_assessment(learner="Grace Hopper")
    again = final_assessment(learner="Ada Lovelace")
    assert isinstance(ada, FinalAssessment)
    assert isinstance(grace, FinalAssessment)
    assert isinstance(again, FinalAssessment)
    mine = [d.question.id for d in ada.drawn]
    assert [d.question.id for d in grace.drawn] != mine
    assert [d.question.id for d in again.drawn] == mine
    assert "drawn for <strong>Ada Lovelace</strong>" in ada.intro.value


def test_every_link_in_the_report_opens_a_lesson_that_exists(
    assessment: FinalAssessment,
) -> None:
    titles = {lesson.stem: (lesson.number, lesson.title) for lesson in load_course().lessons}
    scores = assessment.scores()
    worst = [dataclasses.replace(s, finished=s.asked, points=0) for s in scores]
    links = re.findall(r'href="([^"]+)"', render_report(worst, titles, plan=final_plan()))
    assert len(links) == len(scores)
    lessons = Path(__file__).resolve().parents[2] / "lessons"
    assert all((lessons / link).is_file() for link in links), links


def test_an_exercise_shows_one_question_that_the_quiz_then_leaves_out(course_copy: Path) -> None:
    (course_copy / "assets" / "questions").mkdir()
    path = course_copy / "assets" / "questions" / f"{STEM}.yaml"
    path.write_text(
        f"""\
schema_version: 1
lesson: {STEM}
reviewed: {{by: tester, date: "2026-11-26", against: brief}}
questions:
  - id: {STEM}/in-body
    in_lesson: true
    objectives: [define-tc]
    type: true_false
    prompt: In the body?
    answer: true
    feedback_true: "Right."
    feedback_false: "Wrong."
    explanation: because
    refs: [1]
  - id: {STEM}/at-the-end
    objectives: [define-tc]
    type: true_false
    prompt: At the end?
    answer: false
    feedback_true: "Wrong."
    feedback_false: "Right."
    explanation: because
    refs: [1]
""",
        encoding="utf-8",
    )
    shown = exercise(f"{STEM}/in-body", learner="ada")
    assert isinstance(shown, Exercise)
    assert isinstance(shown.card, QuestionCard)
    shown.card.control.widget.value = True
    shown.card.check.click()
    assert "✔ Correct" in shown.card.feedback.value
    view = QuizView(load_lesson_bank(STEM), learner="ada")
    assert len(view.cards) == 1
    assert "1 questions" in view.children[0].value

    refused = exercise(f"{STEM}/at-the-end", learner="ada")
    assert isinstance(refused, ipw.HTML)
    assert f"{STEM}/at-the-end is not marked in_lesson: true" in refused.value
    missing = exercise(f"{STEM}/nowhere", learner="ada")
    assert isinstance(missing, ipw.HTML)
    assert f"no question &#x27;{STEM}/nowhere&#x27;" in missing.value


def test_no_real_question_leaks_its_key_into_widget_state() -> None:
    before = set(widget_registry)
    lessons = [lesson.stem for lesson in load_course().lessons]
    shown = [QuizView(load_lesson_bank(stem), learner="ada") for stem in lessons]
    shown.append(final_assessment(learner="ada"))
    created = [w for key, w in widget_registry.items() if key not in before]
    state = json.dumps([w.get_state() for w in created], ensure_ascii=False)
    secrets = [s for stem in lessons for s in secrets_of(stem)]
    assert len(secrets) > 300
    leaked = [s for s in secrets if json.dumps(s, ensure_ascii=False)[1:-1] in state]
    assert leaked == []
    assert '"correct"' not in state


def test_a_course_without_a_final_assessment_shows_a_notice(course_copy: Path) -> None:
    catalogue = course_copy / "assets" / "course.yaml"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text[: text.index("final_assessment:")], encoding="utf-8")
    shown = final_assessment(learner="ada")
    assert isinstance(shown, ipw.HTML)
    assert "tc-quiz-error" in shown._dom_classes
    assert "The final assessment could not be loaded." in shown.value
    assert "assets/course.yaml: final_assessment: the course has no final assessment" in shown.value
