"""Ordering: steps to put in order; the bank lists ``items`` in the right order."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from widgets.quiz.answers import Reorder
from widgets.quiz.question import Gradable, InvalidAnswerError, Result, Text, plain_label
from widgets.quiz.shuffle import scrambled_order


def _order(raw: object, count: int) -> tuple[int, ...]:
    if not isinstance(raw, list | tuple) or sorted(raw) != list(range(count)):
        raise InvalidAnswerError("Put every step in the list in order, each once.")
    return tuple(raw)


class Ordering(Gradable):
    """Steps to put in order; ``items`` lists them in the correct order."""

    type: Literal["ordering"]
    items: list[Text] = Field(min_length=3, max_length=8)

    @field_validator("items")
    @classmethod
    def _distinct(cls, items: list[str]) -> list[str]:
        if len(set(items)) != len(items):
            raise ValueError("ordering items must all differ")
        return items

    def grade(self, raw: object) -> Result:
        order = _order(raw, len(self.items))
        placed = sum(1 for position, item in enumerate(order) if item == position)
        if placed == len(self.items):
            return Result(True, ("Right: every step is in its place.",))
        return Result(False, (f"{placed} of {len(self.items)} steps are in the right place.",))

    def answer_text(self) -> str:
        return " → ".join(self.items)

    def control(self, *, learner: str, key: str) -> Reorder:
        order = scrambled_order(len(self.items), learner=learner, question_id=key)
        return Reorder(tuple(plain_label(item) for item in self.items), tuple(order))
