"""Where a learner stands, from their saved events: answered, credit (a case averaged over its
stages), finished, and the lesson to continue with."""

from __future__ import annotations

from datetime import UTC, datetime

from widgets.progress.store import Attempt
from widgets.progress.summary import Asked, standing, where_to_continue

LESSON = "01-lesson"


def event(key: str, kind: str = "answer", *, correct: bool = False, credit: float = 0.0,
          revealed: bool = False) -> Attempt:  # fmt: skip
    return Attempt(
        id=0,
        learner_id=1,
        lesson=LESSON,
        question_id=key,
        attempt_no=1,
        kind=kind,  # type: ignore[arg-type]
        answer=None if kind != "answer" else 0,
        correct=correct if kind == "answer" else None,
        credit=credit,
        hints=0,
        revealed=revealed,
        created_at=datetime.now(UTC),
        elapsed_ms=None,
    )


ASKED = [Asked("q1"), Asked("q2"), Asked("case", stages=2)]


def test_nothing_done_is_nothing_answered() -> None:
    row = standing(LESSON, ASKED, [], started=False)
    assert (row.asked, row.answered, row.credit, row.finished, row.started) == (3, 0, 0, 0, False)
    assert not row.done


def test_the_latest_credit_counts_and_a_case_averages_its_stages() -> None:
    events = [
        event("q1"),
        event("q1", correct=True, credit=0.75),
        event("q2"),
        event("q2", "reveal", revealed=True),
        event("case#1", correct=True, credit=1.0),  # stage 2 not reached: counts 0
    ]
    row = standing(LESSON, ASKED, events, started=True)
    assert row.answered == 3
    assert row.credit == 0.75 + 0 + 0.5
    assert row.finished == 2  # q1 solved, q2 shown; the case is half done


def test_a_hint_alone_starts_a_lesson_but_answers_nothing() -> None:
    row = standing(LESSON, ASKED, [event("q1", "hint")], started=False)
    assert (row.answered, row.started) == (0, True)


def test_continue_with_the_last_started_lesson_until_it_is_done() -> None:
    done = standing("00", [Asked("a")], [event("a", correct=True, credit=1)], started=True)
    open_one = standing("01", [Asked("b")], [event("b")], started=True)
    untouched = standing("02", [Asked("c")], [], started=False)
    assert where_to_continue([done, open_one, untouched]) == "01"
    finished = standing("01", [Asked("b")], [event("b", correct=True, credit=1)], started=True)
    assert where_to_continue([done, finished, untouched]) == "02"
    assert where_to_continue([done]) is None
