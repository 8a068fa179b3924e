"""Numeric: a number to type, right within a tolerance, with feedback for too low and too high."""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import Field

from widgets.quiz.answers import TextEntry
from widgets.quiz.question import Gradable, InvalidAnswerError, Result, Text

#: Longest text accepted in a numeric answer box; anything longer is refused unread.
MAX_NUMERIC_CHARS = 40


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
