"""Each question type grades untrusted answers, gives the feedback the student earned, and says
the right answer in words; and every type's control spec reads a pick on screen back in bank
order, so the right answer picked through it is graded right."""

from __future__ import annotations

from pathlib import Path
from typing import assert_never

import pytest
import yaml

from widgets.quiz.answers import Checklist, Choice, ImagePick, Reorder, TextEntry, TrueOrFalse
from widgets.quiz.bank import Bank
from widgets.quiz.question import Gradable, InvalidAnswerError, Result
from widgets.quiz.registry import grade
from widgets.quiz.types.image_choice import ImageChoice
from widgets.quiz.types.multiple import MultipleAnswer
from widgets.quiz.types.numeric import MAX_NUMERIC_CHARS, Numeric, parse_number
from widgets.quiz.types.ordering import Ordering
from widgets.quiz.types.single import SingleBestAnswer
from widgets.quiz.types.true_false import TrueFalse

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
IMAGES = ImageChoice(
    type="image_choice",
    options=[
        {"image": "films/a.png", "alt": "Film A", "feedback": "Not A."},
        {"image": "films/b.png", "alt": "Film B", "correct": True, "feedback": "B."},
    ],
    **COMMON,
)


def test_single_best_answer_gives_the_chosen_options_feedback() -> None:
    assert grade(SINGLE, 1) == Result(True, ("B is right because.",))
    assert grade(SINGLE, 2) == Result(False, ("C is wrong because.",))


def test_multiple_answer_needs_exactly_the_right_set() -> None:
    assert grade(MULTIPLE, {0, 1}).correct
    partial = grade(MULTIPLE, {0})
    assert not partial.correct
    assert partial.feedback == ("fa", "You missed 1 correct option.")
    assert not grade(MULTIPLE, {0, 1, 2}).correct
    assert grade(MULTIPLE, {2}).feedback == ("fc", "You missed 2 correct options.")


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
    assert grade(NUMBER, "63.5").feedback == ("Right: 63.5 mg²/dL².",)


def test_ordering_counts_steps_in_place() -> None:
    assert grade(ORDER, [0, 1, 2]).correct
    assert grade(ORDER, [0, 2, 1]) == Result(False, ("1 of 3 steps are in the right place.",))


def test_image_choice_gives_the_chosen_images_feedback() -> None:
    assert grade(IMAGES, 1) == Result(True, ("B.",))
    assert grade(IMAGES, 0) == Result(False, ("Not A.",))
    assert IMAGES.images() == ["films/a.png", "films/b.png"]


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
        (NUMBER, "\u0666\u0663\u066b\u0665", "digits other than 0-9"),
        (NUMBER, "\uff16\uff13.\uff15", "digits other than 0-9"),
        (NUMBER, "1e400", "too large"),
        (NUMBER, "63_5", "is not a number"),
        (NUMBER, 12, "Type a number"),
        (NUMBER, float("nan"), "finite"),
        (ORDER, [0, 0, 1], "each once"),
        (ORDER, [0, 1], "each once"),
        (ORDER, "012", "each once"),
        (IMAGES, None, "Choose option"),
        (IMAGES, 2, "no such option"),
    ],
)
def test_untrusted_answers_are_refused_with_a_message(question, raw, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidAnswerError, match=message):
        grade(question, raw)


def test_a_huge_string_is_refused_without_being_parsed() -> None:
    with pytest.raises(InvalidAnswerError, match="too long"):
        parse_number("1" * 10_000_000)


def test_describe_answer_for_each_type() -> None:
    assert SINGLE.answer_text() == "B"
    assert MULTIPLE.answer_text() == "A; B"
    assert TRUTH.answer_text() == "False"
    assert NUMBER.answer_text() == "63.5 mg²/dL² (accepted within ±0.5)"
    assert ORDER.answer_text() == "first → second → third"
    assert IMAGES.answer_text() == "Film B"


#: A question of every registered gradable type (tests/unit/test_quiz_registry.py checks this).
SAMPLE_BANK = Bank.model_validate(
    yaml.safe_load((Path(__file__).parent / "fixtures" / "every-type-bank.yaml").read_text("utf-8"))
)
SAMPLES = [question for question in SAMPLE_BANK.questions if isinstance(question, Gradable)]


def right_pick(question: Gradable, spec: object) -> object:
    """What a student who knows the answer picks on screen, read back through ``spec``."""
    match spec:
        case Choice() | ImagePick():
            options = question.options  # type: ignore[attr-defined]
            return spec.response(next(p for p, i in enumerate(spec.order) if options[i].correct))
        case Checklist():
            options = question.options  # type: ignore[attr-defined]
            return spec.response(options[i].correct for i in spec.order)
        case TrueOrFalse():
            return spec.response(question.answer)  # type: ignore[attr-defined]
        case TextEntry():
            return spec.response(f"{question.answer:g}")  # type: ignore[attr-defined]
        case Reorder():
            order = list(spec.order)
            for _ in range(len(order) ** 2):  # bubble sort with moves, as a student would
                position = next((p for p in range(len(order) - 1) if order[p] > order[p + 1]), None)
                if position is None:
                    break
                order = spec.moved(order, position, +1) or order
            return spec.response(order)
        case _:
            assert_never(spec)  # type: ignore[arg-type]


@pytest.mark.parametrize("question", SAMPLES, ids=[q.type for q in SAMPLES])  # type: ignore[attr-defined]
def test_the_right_answer_picked_on_screen_is_graded_right(question: Gradable) -> None:
    for learner in ("ada", "ben", "chen"):
        spec = question.control(learner=learner, key="01-x/q")
        assert grade(question, right_pick(question, spec)).correct  # type: ignore[arg-type]


@pytest.mark.parametrize("question", SAMPLES, ids=[q.type for q in SAMPLES])  # type: ignore[attr-defined]
def test_every_type_refuses_garbage_and_says_its_answer(question: Gradable) -> None:
    for garbage in (None, object(), "", [], {"a": 1}):
        with pytest.raises(InvalidAnswerError):
            grade(question, garbage)  # type: ignore[arg-type]
    assert question.answer_text()


@pytest.mark.parametrize("question", SAMPLES, ids=[q.type for q in SAMPLES])  # type: ignore[attr-defined]
def test_no_control_spec_holds_the_answer_key(question: Gradable) -> None:
    spec = question.control(learner="ada", key="01-x/q")
    assert "correct" not in repr(spec)
    assert "feedback" not in repr(spec).lower()
    assert question.explanation not in repr(spec)
