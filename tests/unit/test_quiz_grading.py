from __future__ import annotations

import pytest

from widgets.quiz.bank import MultipleAnswer, Numeric, Ordering, SingleBestAnswer, TrueFalse
from widgets.quiz.grading import (
    MAX_NUMERIC_CHARS,
    Attempts,
    InvalidAnswerError,
    Result,
    describe_answer,
    grade,
    parse_number,
)
from widgets.quiz.shuffle import display_order, scrambled_order

COMMON = {"prompt": "Q?", "explanation": "Because.", "refs": [1]}
SINGLE = SingleBestAnswer(
    type="single",
    options=[
        {"text": "A", "feedback": "A is wrong because."},
        {"text": "B", "correct": True, "feedback": "B is right because."},
        {"text": "C", "feedback": "C is wrong because."},
    ],
    **COMMON,
)
MULTIPLE = MultipleAnswer(
    type="multiple",
    options=[
        {"text": "A", "correct": True, "feedback": "fa"},
        {"text": "B", "correct": True, "feedback": "fb"},
        {"text": "C", "feedback": "fc"},
    ],
    **COMMON,
)
TRUTH = TrueFalse(
    type="true_false", answer=False, feedback_true="no", feedback_false="yes", **COMMON
)
NUMBER = Numeric(
    type="numeric",
    answer=63.5,
    tolerance=0.5,
    unit="mg²/dL²",
    feedback_low="too low",
    feedback_high="too high",
    **COMMON,
)
ORDER = Ordering(type="ordering", items=["first", "second", "third"], **COMMON)


def test_single_best_answer_gives_the_chosen_options_feedback() -> None:
    assert grade(SINGLE, 1) == Result(True, ("B is right because.",))
    assert grade(SINGLE, 2) == Result(False, ("C is wrong because.",))


def test_multiple_answer_needs_exactly_the_right_set() -> None:
    assert grade(MULTIPLE, {0, 1}).correct
    partial = grade(MULTIPLE, {0})
    assert not partial.correct
    assert partial.feedback == ("fa", "You missed 1 correct option.")
    assert not grade(MULTIPLE, {0, 1, 2}).correct


def test_true_false() -> None:
    assert grade(TRUTH, False) == Result(True, ("yes",))
    assert grade(TRUTH, True) == Result(False, ("no",))


@pytest.mark.parametrize(
    ("typed", "correct"),
    [
        ("63.5", True),
        ("63,2", True),
        ("6.4e1", True),
        (" 64 ", True),
        ("64.1", False),
        ("62.9", False),
    ],
)
def test_numeric_accepts_within_tolerance(typed: str, correct: bool) -> None:
    assert grade(NUMBER, typed).correct is correct


def test_numeric_feedback_says_which_side() -> None:
    assert grade(NUMBER, "10").feedback == ("too low",)
    assert grade(NUMBER, "100").feedback == ("too high",)


def test_ordering_counts_steps_in_place() -> None:
    assert grade(ORDER, [0, 1, 2]).correct
    assert grade(ORDER, [0, 2, 1]) == Result(False, ("1 of 3 steps are in the right place.",))


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        (SINGLE, None, "Choose option"),
        (SINGLE, 7, "no such option"),
        (SINGLE, -1, "no such option"),
        (SINGLE, "1", "Choose option"),
        (SINGLE, True, "Choose option"),
        (MULTIPLE, set(), "at least one"),
        (MULTIPLE, {0, 9}, "no such option"),
        (MULTIPLE, "0,1", "at least one"),
        (TRUTH, "false", "true or false"),
        (TRUTH, None, "true or false"),
        (NUMBER, "", "Type a number first"),
        (NUMBER, "abc", "is not a number"),
        (NUMBER, "nan", "finite"),
        (NUMBER, "inf", "finite"),
        (NUMBER, "9" * (MAX_NUMERIC_CHARS + 1), "too long"),
        (NUMBER, 12, "Type a number"),
        (ORDER, [0, 0, 1], "each once"),
        (ORDER, [0, 1], "each once"),
        (ORDER, "012", "each once"),
    ],
)
def test_untrusted_answers_are_refused_with_a_message(question, raw, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidAnswerError, match=message):
        grade(question, raw)


def test_a_huge_string_is_refused_without_being_parsed() -> None:
    with pytest.raises(InvalidAnswerError, match="too long"):
        parse_number("1" * 10_000_000)


def test_describe_answer_for_each_type() -> None:
    assert describe_answer(SINGLE) == "B"
    assert describe_answer(MULTIPLE) == "A; B"
    assert describe_answer(TRUTH) == "False"
    assert describe_answer(NUMBER) == "63.5 mg²/dL² (accepted within ±0.5)"
    assert describe_answer(ORDER) == "first → second → third"


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


def test_shuffling_is_fixed_per_learner_and_question() -> None:
    one = display_order(6, learner="ada", question_id="01-x/q")
    assert one == display_order(6, learner="ada", question_id="01-x/q")
    assert sorted(one) == list(range(6))
    others = {
        tuple(display_order(6, learner=f"student-{n}", question_id="01-x/q")) for n in range(20)
    }
    assert len(others) > 5


def test_an_ordering_task_never_starts_solved() -> None:
    for n in range(200):
        assert scrambled_order(3, learner=f"s{n}", question_id="q") != [0, 1, 2]
