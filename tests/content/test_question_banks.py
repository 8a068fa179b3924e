"""Question banks: one per lesson, all valid, every objective assessed at least twice (once in a
lesson the final assessment does not examine)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from widgets.course.catalog import load_course
from widgets.paths import bank_path
from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.lint import lint_course
from widgets.quiz.types.staged_case import StagedCase

COURSE = load_course()
MIN_PER_OBJECTIVE = 2
#: A lesson the final assessment does not examine (lesson 0, about using the course) is never
#: drawn from again, neither in the final assessment nor in a warm-up (``widgets/quiz/review.py``):
#: its own short quiz needs one question per objective.
MIN_PER_OBJECTIVE_NOT_EXAMINED = 1
NOT_EXAMINED = set(COURSE.final_assessment.not_examined if COURSE.final_assessment else [])
MIN_QUESTIONS = 60


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.stem)
def test_every_lesson_has_a_valid_bank(lesson) -> None:  # type: ignore[no-untyped-def]
    assert bank_path(lesson.stem).is_file(), f"write assets/questions/{lesson.stem}.yaml"
    assert load_lesson_bank(lesson.stem).questions


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.stem)
def test_every_objective_is_assessed_twice_or_once_if_never_examined(lesson) -> None:  # type: ignore[no-untyped-def]
    least = MIN_PER_OBJECTIVE_NOT_EXAMINED if lesson.stem in NOT_EXAMINED else MIN_PER_OBJECTIVE
    counts = Counter(o for q in load_lesson_bank(lesson.stem).questions for o in q.objectives)
    thin = {o.id: counts[o.id] for o in lesson.objectives if counts[o.id] < least}
    assert not thin, f"objectives with fewer than {least} questions: {thin}"


def test_there_are_enough_questions_and_ids_are_unique_across_the_course() -> None:
    ids = [q.id for lesson in COURSE.lessons for q in load_lesson_bank(lesson.stem).questions]
    assert len(ids) >= MIN_QUESTIONS
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    "lesson",
    [lesson for lesson in COURSE.lessons if lesson.is_available()],
    ids=lambda lesson: lesson.stem,
)
def test_a_lesson_that_exists_shows_its_quiz(lesson) -> None:  # type: ignore[no-untyped-def]
    notebook = json.loads(lesson.notebook_path().read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    # The final assessment shows its bank inside the mixed set it draws from every bank.
    shows = (
        "final_assessment()" if lesson.stem == "10-final-assessment" else f'quiz("{lesson.stem}")'
    )
    assert shows in code


def test_the_answer_box_example_is_no_answer() -> None:
    # The placeholder's example number must not be graded right for any numeric question.
    from widgets.quiz.answers import TextEntry
    from widgets.quiz.types.numeric import Numeric
    from widgets.quiz.types.staged_case import StagedCase

    example = float(TextEntry(unit="x").placeholder.rsplit(" ", 1)[-1])
    for lesson in load_course().lessons:
        for question in load_lesson_bank(lesson.stem).questions:
            parts = (
                [s.question for s in question.stages]
                if isinstance(question, StagedCase)
                else [question]
            )
            for part in parts:
                if isinstance(part, Numeric):
                    assert not part.grade(str(example)).correct, question.id


def test_the_banks_pass_the_item_flaw_linter() -> None:
    """The course-wide item-writing thresholds and test-wise strategies (``widgets/quiz/lint.py``;
    ``python tools/item_report.py`` prints every figure)."""
    report = lint_course()
    assert not report.failures, "\n".join(report.failures)


def test_items_about_the_course_are_exactly_those_of_lesson_0() -> None:
    """Lesson 0 is about using the course: its items cite nothing, and no clinical item hides
    there; every other lesson's items are clinical and cite their sources."""
    for lesson in COURSE.lessons:
        about = {q.about for q in load_lesson_bank(lesson.stem).questions}
        assert about == ({"course"} if lesson.stem == "00-start-here" else {"condition"}), (
            lesson.stem
        )


def test_every_question_and_every_stage_of_a_case_has_a_hint() -> None:
    """Every lesson's quiz introduction says "Stuck? Ask for a hint", and a wrong answer offers
    one while one is left (``QuestionCard``): so every question, and every stage of a case, has
    at least one."""
    missing = [
        f"{question.id}#{number}" if isinstance(question, StagedCase) else question.id
        for lesson in COURSE.lessons
        for question in load_lesson_bank(lesson.stem).questions
        for number, part in enumerate(
            [s.question for s in question.stages]
            if isinstance(question, StagedCase)
            else [question],
            start=1,
        )
        if not part.hints
    ]
    assert missing == [], f"questions without a hint: {missing}"
