"""Image choice: pick the one right image among two to six, each shown with its alt text."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from widgets.quiz.answers import ImagePick, shown_in
from widgets.quiz.question import Gradable, ImageOption, Result, exactly_one_correct, option_index
from widgets.quiz.shuffle import display_order


class ImageChoice(Gradable):
    type: Literal["image_choice"]
    options: list[ImageOption] = Field(min_length=2, max_length=6)

    _one_correct = field_validator("options")(exactly_one_correct)

    def grade(self, raw: object) -> Result:
        chosen = self.options[option_index(raw, len(self.options))]
        return Result(chosen.correct, (chosen.feedback,))

    def answer_text(self) -> str:
        return next(option.alt for option in self.options if option.correct)

    def control(self, *, learner: str, key: str) -> ImagePick:
        order = display_order(len(self.options), learner=learner, question_id=key)
        files = shown_in(order, [option.image for option in self.options])
        alts = shown_in(order, [option.alt for option in self.options])
        return ImagePick(files, alts, tuple(order))

    def images(self) -> list[str]:
        return [option.image for option in self.options]
