"""Single best answer: one right option among two to eight, each with its own feedback."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from widgets.quiz.answers import Choice, shown_in
from widgets.quiz.question import (
    Gradable,
    Option,
    Result,
    exactly_one_correct,
    option_index,
    plain_label,
)
from widgets.quiz.shuffle import display_order


class SingleBestAnswer(Gradable):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2, max_length=8)

    _one_correct = field_validator("options")(exactly_one_correct)

    def grade(self, raw: object) -> Result:
        chosen = self.options[option_index(raw, len(self.options))]
        return Result(chosen.correct, (chosen.feedback,))

    def answer_text(self) -> str:
        return "; ".join(option.text for option in self.options if option.correct)

    def control(self, *, learner: str, key: str) -> Choice:
        order = display_order(len(self.options), learner=learner, question_id=key)
        labels = [plain_label(option.text) for option in self.options]
        return Choice(shown_in(order, labels), tuple(order))
