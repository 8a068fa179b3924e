"""Spaced retrieval, pure: which earlier questions open a quiz, for whom, and why."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count
from typing import Any

from widgets.progress.store import Attempt
from widgets.quiz.bank import Bank
from widgets.quiz.review import (
    REVIEW_QUESTIONS,
    Standing,
    review_key,
    review_questions,
    standings,
)

_IDS = count(1)


def true_false(lesson: str, slug: str) -> dict[str, Any]:
    return {
        "id": f"{lesson}/{slug}",
        "type": "true_false",
        "prompt": "Phosphate is high.",
        "answer": True,
        "feedback_true": "Said true.",
        "feedback_false": "Said false.",
        "explanation": "Because.",
        "refs": [1],
        "objectives": ["first"],
    }


def case(lesson: str, slug: str) -> dict[str, Any]:
    question = true_false(lesson, "x")
    del question["id"], question["objectives"]
    stage = {"narrative": "A girl.", "question": question}
    return {
        "id": f"{lesson}/{slug}",
        "type": "staged_case",
        "title": "A case",
        "stages": [stage, stage],
        "refs": [1],
        "objectives": ["first"],
    }


def bank(lesson: str, *slugs: str, cases: tuple[str, ...] = ()) -> Bank:
    questions = [true_false(lesson, slug) for slug in slugs] + [case(lesson, s) for s in cases]
    return Bank.model_validate(
        {
            "schema_version": 1,
            "lesson": lesson,
            "reviewed": {"by": "tests", "date": "2026-01-01", "against": "nothing"},
            "questions": questions,
        }
    )


def event(lesson: str, key: str, *, correct: bool | None, revealed: bool = False) -> Attempt:
    return Attempt(
        id=next(_IDS),
        learner_id=1,
        lesson=lesson,
        question_id=key,
        attempt_no=1,
        kind="reveal" if revealed else "answer",
        answer=None,
        correct=correct,
        credit=1.0 if correct else 0.0,
        hints=0,
        revealed=revealed,
        created_at=datetime(2026, 12, 2, tzinfo=UTC),
        elapsed_ms=None,
    )


EARLIER = [
    bank("01-one", "a", "b", "c", "d", cases=("case-1",)),
    bank("02-two", "e", "f", "g", "h"),
]


def ids(drawn: list[Any]) -> list[str]:
    return [d.question.id for d in drawn]


def test_a_new_learner_gets_questions_from_different_lessons_never_a_staged_case() -> None:
    drawn = review_questions("03-three", EARLIER, learner="ada", record={})
    assert len(drawn) == REVIEW_QUESTIONS
    assert {d.lesson for d in drawn} == {"01-one", "02-two"}
    assert "01-one/case-1" not in ids(drawn)
    assert len(set(ids(drawn))) == len(drawn)


def test_the_draw_is_fixed_by_learner_and_lesson() -> None:
    ada = ids(review_questions("03-three", EARLIER, learner="ada", record={}))
    assert ada == ids(review_questions("03-three", EARLIER, learner="ada", record={}))
    others = {
        tuple(ids(review_questions("03-three", EARLIER, learner=name, record={})))
        for name in ("ben", "chen", "dara", "eli", "fox")
    }
    assert len(others | {tuple(ada)}) > 1
    lessons = {
        tuple(ids(review_questions(stem, EARLIER, learner="ada", record={})))
        for stem in ("03-three", "04-four", "05-five", "06-six")
    }
    assert len(lessons) > 1


def test_missed_questions_come_first_then_unseen_then_right() -> None:
    record = {"01-one/a": Standing.RIGHT, "01-one/b": Standing.RIGHT, "01-one/c": Standing.RIGHT}
    record |= {"02-two/e": Standing.RIGHT, "02-two/f": Standing.RIGHT, "02-two/g": Standing.RIGHT}
    record |= {"01-one/d": Standing.MISSED}
    drawn = ids(review_questions("03-three", EARLIER, learner="ada", record=record))
    assert drawn[:2] == ["01-one/d", "02-two/h"]  # the one missed, then the one not met
    assert drawn[2] in {"01-one/a", "01-one/b", "01-one/c", "02-two/e", "02-two/f", "02-two/g"}


def test_every_missed_question_beats_any_other_for_every_learner() -> None:
    record = {"02-two/f": Standing.MISSED, "01-one/c": Standing.MISSED}
    for name in ("ada", "ben", "chen", "dara"):
        drawn = ids(review_questions("05-five", EARLIER, learner=name, record=record))
        assert set(drawn[:2]) == {"02-two/f", "01-one/c"}


def test_a_wrong_answer_or_a_shown_answer_makes_a_question_missed() -> None:
    events = [
        event("01-one", "01-one/a", correct=True),
        event("01-one", "01-one/b", correct=False),
        event("01-one", "01-one/b", correct=True),  # right on the second try: still missed
        event("01-one", "01-one/c", correct=None, revealed=True),
    ]
    assert standings(events, lesson="03-three") == {
        "01-one/a": Standing.RIGHT,
        "01-one/b": Standing.MISSED,
        "01-one/c": Standing.MISSED,
    }


def test_review_answers_elsewhere_count_and_the_lessons_own_do_not() -> None:
    events = [
        event("01-one", "01-one/b", correct=False),
        event("02-two", review_key("01-one/b"), correct=True),  # cleared in lesson 2's review
        event("01-one", "01-one/a", correct=True),
        event("02-two", review_key("01-one/a"), correct=False),  # missed again there
        event("03-three", review_key("01-one/c"), correct=False),  # this lesson's own review
    ]
    assert standings(events, lesson="03-three") == {
        "01-one/b": Standing.RIGHT,
        "01-one/a": Standing.MISSED,
    }


def test_fewer_questions_than_asked_for_gives_them_all() -> None:
    small = [bank("01-one", "a", cases=("case-1",))]
    assert ids(review_questions("02-two", small, learner="ada", record={})) == ["01-one/a"]
