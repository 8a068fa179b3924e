"""Multiple answer: tick every right option among three to ten; all must be found."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from widgets.quiz.answers import Checklist, shown_in
from widgets.quiz.question import (
    Gradable,
    InvalidAnswerError,
    Option,
    Result,
    option_index,
    plain_label,
)
from widgets.quiz.shuffle import display_order


def _indexes(raw: object, count: int) -> frozenset[int]:
    if not isinstance(raw, set | frozenset | list | tuple) or not raw:
        raise InvalidAnswerError("Choose at least one option.")
    return frozenset(option_index(item, count) for item in raw)


class MultipleAnswer(Gradable):
    type: Literal["multiple"]
    options: list[Option] = Field(min_length=3, max_length=10)

    @field_validator("options")
    @classmethod
    def _some_correct(cls, options: list[Option]) -> list[Option]:
        if not any(option.correct for option in options):
            raise ValueError("needs at least one correct option")
        return options

    def grade(self, raw: object) -> Result:
        picked = _indexes(raw, len(self.options))
        right = frozenset(i for i, option in enumerate(self.options) if option.correct)
        notes = tuple(self.options[i].feedback for i in sorted(picked))
        missed = len(right - picked)
        if missed:
            notes += (f"You missed {missed} correct option{'s' if missed > 1 else ''}.",)
        return Result(picked == right, notes)

    def answer_text(self) -> str:
        return "; ".join(option.text for option in self.options if option.correct)

    def control(self, *, learner: str, key: str) -> Checklist:
        order = display_order(len(self.options), learner=learner, question_id=key)
        labels = [plain_label(option.text) for option in self.options]
        return Checklist(shown_in(order, labels), tuple(order))
