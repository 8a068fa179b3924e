"""Numeric: a number to type, right within a tolerance, with feedback for too low and too high."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field

from widgets.quiz.answers import TextEntry
from widgets.quiz.question import Gradable, InvalidAnswerError, Result, Text
from widgets.typed_numbers import MAX_CHARS, NotANumberError
from widgets.typed_numbers import parse_number as read_number

#: Longest text accepted in a numeric answer box (spaces around not counted).
MAX_NUMERIC_CHARS = MAX_CHARS


def parse_number(text: object) -> float:
    """A number typed by a student, read strictly by ``widgets.typed_numbers``."""
    try:
        return read_number(text)
    except NotANumberError as problem:
        raise InvalidAnswerError(str(problem)) from None


class Numeric(Gradable):
    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(gt=0)
    unit: str = Field(min_length=1, max_length=40)
    feedback_low: Text
    feedback_high: Text

    def grade(self, raw: object) -> Result:
        value = raw if isinstance(raw, float) else parse_number(raw)
        if not math.isfinite(value):
            raise InvalidAnswerError("Type a finite number.")
        if abs(value - self.answer) <= self.tolerance:
            return Result(True, (f"Right: {self.answer:g} {self.unit}.",))
        return Result(False, (self.feedback_low if value < self.answer else self.feedback_high,))

    def answer_text(self) -> str:
        return f"{self.answer:g} {self.unit} (accepted within ±{self.tolerance:g})"

    def control(self, *, learner: str, key: str) -> TextEntry:
        return TextEntry(self.unit)
