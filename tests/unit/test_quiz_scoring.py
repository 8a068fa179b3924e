"""Credit for an answer: a full mark first time, a quarter less per extra try or hint."""

from __future__ import annotations

from widgets.quiz.question import Result
from widgets.quiz.scoring import FLOOR, PENALTY, Attempts, score


def test_credit_falls_a_quarter_per_extra_try_or_hint() -> None:
    first_try = Attempts()
    first_try.record(Result(True, ()))
    assert first_try.credit() == 1.0
    third_try = Attempts(hints_used=1)
    for correct in (False, False, True):
        third_try.record(Result(correct, ()))
    assert third_try.tries == 3
    assert third_try.credit() == 0.25  # 1 - 0.25 * (2 tries + 1 hint), floored at 0.25


def test_revealed_or_unsolved_earns_nothing_and_stops_counting() -> None:
    attempts = Attempts()
    attempts.record(Result(False, ()))
    attempts.revealed = True
    attempts.record(Result(True, ()))
    assert attempts.tries == 1
    assert attempts.credit() == 0.0
    assert attempts.finished
    assert attempts.history == [False]


def test_credit_never_falls_below_the_floor_and_scores_add_up() -> None:
    many = Attempts(hints_used=3)
    for correct in (False,) * 6 + (True,):
        many.record(Result(correct, ()))
    assert many.credit() == FLOOR
    second_try = Attempts()
    for correct in (False, True):
        second_try.record(Result(correct, ()))
    assert second_try.credit() == 1 - PENALTY
    assert score([many, second_try, Attempts()]) == FLOOR + 1 - PENALTY
