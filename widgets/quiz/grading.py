"""Grading answers, pure and in the kernel: the answer key never leaves Python.

Responses arrive from widgets, so they are untrusted: ``check_response`` turns a raw value into
a valid response for the question or raises ``InvalidAnswerError`` with a message for the student.
Option and item numbers here are always positions in the bank's own order; the view maps
the shuffled order on screen back to them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from widgets.quiz.bank import (
    AnyQuestion,
    ImageChoice,
    MultipleAnswer,
    Numeric,
    Ordering,
    SingleBestAnswer,
    TrueFalse,
)

#: Longest text accepted in a numeric answer box; anything longer is refused unread.
MAX_NUMERIC_CHARS = 40
#: Each extra try or hint used takes this much off a question's credit, down to the floor.
PENALTY = 0.25
FLOOR = 0.25


class InvalidAnswerError(ValueError):
    """An answer that cannot be graded; the message is meant for the student."""


@dataclass(frozen=True)
class Result:
    """The verdict on one response, with the teaching feedback for what was chosen."""

    correct: bool
    feedback: tuple[str, ...]


def parse_number(text: object) -> float:
    """A number typed by a student: accepts ``63.5``, ``63,5`` and ``6.35e1``."""
    if not isinstance(text, str):
        raise InvalidAnswerError("Type a number.")
    cleaned = text.strip()
    if not cleaned:
        raise InvalidAnswerError("Type a number first.")
    if len(cleaned) > MAX_NUMERIC_CHARS:
        raise InvalidAnswerError(
            f"That is too long for a number (at most {MAX_NUMERIC_CHARS} characters)."
        )
    if re.fullmatch(r"[+-]?\d+,\d+", cleaned):
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        message = f"{cleaned!r} is not a number; type digits, such as 63.5."
        raise InvalidAnswerError(message) from None
    if not math.isfinite(value):
        raise InvalidAnswerError("Type a finite number.")
    return value


def _index(raw: object, count: int, what: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise InvalidAnswerError(f"Choose {what}.")
    if not 0 <= raw < count:
        raise InvalidAnswerError(f"There is no such {what}.")
    return raw


def _indexes(raw: object, count: int) -> frozenset[int]:
    if not isinstance(raw, set | frozenset | list | tuple) or not raw:
        raise InvalidAnswerError("Choose at least one option.")
    return frozenset(_index(item, count, "option") for item in raw)


def _order(raw: object, count: int) -> tuple[int, ...]:
    if not isinstance(raw, list | tuple) or sorted(raw) != list(range(count)):
        raise InvalidAnswerError("Put every step in the list in order, each once.")
    return tuple(raw)


def _truth(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise InvalidAnswerError("Choose true or false.")
    return raw


def grade(question: AnyQuestion, raw: object) -> Result:
    """Validate an untrusted response, grade it, and collect the feedback it earns.

    Raises ``InvalidAnswerError`` (a message for the student) when the response is unusable.
    """
    if isinstance(question, SingleBestAnswer | ImageChoice):
        chosen = question.options[_index(raw, len(question.options), "option")]
        return Result(chosen.correct, (chosen.feedback,))
    if isinstance(question, MultipleAnswer):
        return _grade_multiple(question, _indexes(raw, len(question.options)))
    if isinstance(question, TrueFalse):
        said = _truth(raw)
        return Result(
            said == question.answer, (question.feedback_true if said else question.feedback_false,)
        )
    if isinstance(question, Numeric):
        return _grade_numeric(question, raw if isinstance(raw, float) else parse_number(raw))
    return _grade_ordering(question, _order(raw, len(question.items)))


def _grade_multiple(question: MultipleAnswer, picked: frozenset[int]) -> Result:
    right = frozenset(i for i, option in enumerate(question.options) if option.correct)
    notes = tuple(question.options[i].feedback for i in sorted(picked))
    missed = len(right - picked)
    if missed:
        notes += (f"You missed {missed} correct option{'s' if missed > 1 else ''}.",)
    return Result(picked == right, notes)


def _grade_numeric(question: Numeric, value: float) -> Result:
    if not math.isfinite(value):
        raise InvalidAnswerError("Type a finite number.")
    if abs(value - question.answer) <= question.tolerance:
        return Result(True, (f"Right: {question.answer:g} {question.unit}.",))
    return Result(
        False, (question.feedback_low if value < question.answer else question.feedback_high,)
    )


def _grade_ordering(question: Ordering, order: tuple[int, ...]) -> Result:
    placed = sum(1 for position, item in enumerate(order) if item == position)
    if placed == len(question.items):
        return Result(True, ("Right: every step is in its place.",))
    return Result(False, (f"{placed} of {len(question.items)} steps are in the right place.",))


@dataclass
class Attempts:
    """What a student has done with one question: tries, hints, and how it ended."""

    tries: int = 0
    hints_used: int = 0
    solved: bool = False
    revealed: bool = False
    history: list[bool] = field(default_factory=list)

    def record(self, result: Result) -> None:
        if self.solved or self.revealed:
            return
        self.tries += 1
        self.history.append(result.correct)
        self.solved = result.correct

    @property
    def finished(self) -> bool:
        return self.solved or self.revealed

    def credit(self) -> float:
        """1 for a first-try answer without hints; each extra try or hint costs a quarter."""
        if not self.solved:
            return 0.0
        return max(FLOOR, 1.0 - PENALTY * (self.tries - 1 + self.hints_used))


def score(attempts: list[Attempts]) -> float:
    return sum(attempt.credit() for attempt in attempts)


def describe_answer(question: AnyQuestion) -> str:
    """The right answer in words, shown once the student has solved or revealed it."""
    if isinstance(question, SingleBestAnswer | MultipleAnswer):
        return "; ".join(option.text for option in question.options if option.correct)
    if isinstance(question, ImageChoice):
        letter = next(i for i, option in enumerate(question.options) if option.correct)
        return question.options[letter].alt
    if isinstance(question, TrueFalse):
        return "True" if question.answer else "False"
    if isinstance(question, Numeric):
        return f"{question.answer:g} {question.unit} (accepted within ±{question.tolerance:g})"
    return " → ".join(question.items)
