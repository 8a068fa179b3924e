"""The final assessment's draw and its score report by topic, pure."""

from __future__ import annotations

import pytest

from widgets.course import load_course
from widgets.quiz.assessment import (
    INTEGRATED,
    PER_LESSON,
    TopicScore,
    draw_questions,
    topic_scores,
)
from widgets.quiz.bank import Bank, load_lesson_bank
from widgets.quiz.final import FINAL, NOT_EXAMINED


@pytest.fixture(scope="module")
def banks() -> list[Bank]:
    return [
        load_lesson_bank(lesson.stem)
        for lesson in load_course().lessons
        if lesson.stem not in NOT_EXAMINED
    ]


def ids(learner: str, banks: list[Bank], attempt: int = 1) -> list[str]:
    drawn = draw_questions(banks, load_lesson_bank(FINAL), learner=learner, attempt=attempt)
    return [d.question.id for d in drawn]


def test_every_examined_lesson_gives_its_share_and_the_final_bank_its_own(
    banks: list[Bank],
) -> None:
    drawn = draw_questions(banks, load_lesson_bank(FINAL), learner="ada")
    per_lesson = {bank.lesson: 0 for bank in banks} | {FINAL: 0}
    for d in drawn:
        assert d.question.id.startswith(f"{d.lesson}/")
        per_lesson[d.lesson] += 1
    assert per_lesson == {bank.lesson: PER_LESSON for bank in banks} | {FINAL: INTEGRATED}
    assert len(set(ids("ada", banks))) == len(drawn)  # no question twice


def test_the_same_learner_gets_the_same_set_and_others_differ(banks: list[Bank]) -> None:
    assert ids("ada", banks) == ids("ada", banks)
    others = {tuple(ids(name, banks)) for name in ("ben", "chen", "dara", "eli")}
    assert tuple(ids("ada", banks)) not in others
    assert len(others) == 4


def test_a_retake_draws_a_fresh_set(banks: list[Bank]) -> None:
    first, second = ids("ada", banks), ids("ada", banks, attempt=2)
    assert set(first) != set(second)
    with pytest.raises(ValueError, match="attempt must be 1 or more, not 0"):
        ids("ada", banks, attempt=0)


def test_the_questions_of_a_lesson_cover_different_objectives_when_they_can(
    banks: list[Bank],
) -> None:
    for learner in ("ada", "ben", "chen"):
        drawn = draw_questions(banks, load_lesson_bank(FINAL), learner=learner)
        for bank in banks:
            objectives = {o for q in bank.questions for o in q.objectives}
            if len(objectives) < 2:
                continue
            mine = [set(d.question.objectives) for d in drawn if d.lesson == bank.lesson]
            assert len(mine[0] | mine[1]) >= 2, (learner, bank.lesson)


def test_topic_scores_and_verdicts() -> None:
    scores = topic_scores(
        [
            ("02-b", 1.0, True),
            ("01-a", 1.0, True),
            ("01-a", 0.75, True),
            ("02-b", 0.0, True),
            ("03-c", 0.25, True),
            ("03-c", 0.5, True),
            ("04-d", 1.0, True),
            ("04-d", 0.0, False),
        ]
    )
    assert [s.lesson for s in scores] == ["01-a", "02-b", "03-c", "04-d"]
    assert [(s.asked, s.finished, s.points) for s in scores] == [
        (2, 2, 1.75),
        (2, 2, 1.0),
        (2, 2, 0.75),
        (2, 1, 1.0),
    ]
    assert [s.verdict for s in scores] == ["secure", "review", "revisit", "unfinished"]


def test_thresholds_are_inclusive() -> None:
    assert TopicScore("x", asked=5, finished=5, points=4.0).verdict == "secure"
    assert TopicScore("x", asked=4, finished=4, points=2.0).verdict == "review"
    assert TopicScore("x", asked=4, finished=4, points=1.75).verdict == "revisit"
