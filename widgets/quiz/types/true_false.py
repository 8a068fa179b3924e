"""True or false: a statement to judge, with feedback for each verdict."""

from __future__ import annotations

from typing import Literal

from widgets.quiz.answers import TrueOrFalse
from widgets.quiz.question import Gradable, InvalidAnswerError, Result, Text


def _truth(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise InvalidAnswerError("Choose true or false.")
    return raw


class TrueFalse(Gradable):
    type: Literal["true_false"]
    answer: bool
    feedback_true: Text
    feedback_false: Text

    def grade(self, raw: object) -> Result:
        said = _truth(raw)
        return Result(said == self.answer, (self.feedback_true if said else self.feedback_false,))

    def answer_text(self) -> str:
        return "True" if self.answer else "False"

    def control(self, *, learner: str, key: str) -> TrueOrFalse:
        return TrueOrFalse()
