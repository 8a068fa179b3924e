"""The texts a student may see only after answering: the answer key, as the tests look for it."""

from __future__ import annotations

from widgets.quiz.bank import load_lesson_bank
from widgets.quiz.types.image_choice import ImageChoice
from widgets.quiz.types.multiple import MultipleAnswer
from widgets.quiz.types.numeric import Numeric
from widgets.quiz.types.single import SingleBestAnswer
from widgets.quiz.types.staged_case import StagedCase
from widgets.quiz.types.true_false import TrueFalse

#: Shorter texts ("Yes.") could turn up by chance; every explanation is longer than this.
MIN_SECRET_CHARS = 25


def secrets_of(stem: str) -> list[str]:
    """Texts a student may only see after answering: feedback, explanations, hints, later stages."""
    found: list[str] = []
    for question in load_lesson_bank(stem).questions:
        parts: list[object] = [question]
        if isinstance(question, StagedCase):
            parts = [stage.question for stage in question.stages]
            found += [stage.narrative for stage in question.stages[1:]]
            found += [stage.question.prompt for stage in question.stages[1:]]
        for part in parts:
            found += [part.explanation, *part.hints]  # type: ignore[attr-defined]
            if isinstance(part, SingleBestAnswer | MultipleAnswer | ImageChoice):
                found += [option.feedback for option in part.options]
            if isinstance(part, TrueFalse):
                found += [part.feedback_true, part.feedback_false]
            if isinstance(part, Numeric):
                found += [part.feedback_low, part.feedback_high]
    return [text.replace("*", "") for text in found if len(text) >= MIN_SECRET_CHARS]
