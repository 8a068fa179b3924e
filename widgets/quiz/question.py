"""What every question type shares, pure: the strict model base, options, the common fields,
the verdict on an answer, and the abstract gradable question each type implements.

A question type lives in one module of ``widgets/quiz/types/`` (its model, grader and control
spec) and is listed once in ``widgets/quiz/registry.py``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from widgets.quiz.answers import ControlSpec

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
#: An image under ``assets/images/``, as banks name it.
IMAGE_FILE = r"^[a-z0-9][a-z0-9._/-]*\.(png|jpg|jpeg)$"
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    """Content models refuse unknown keys (a misspelling) and never change once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    """One answer option, with the feedback a student sees after choosing it."""

    text: Text
    correct: bool = False
    feedback: Text


class ImageOption(Strict):
    """An image to pick; ``image`` is a file under ``assets/images/``."""

    image: str = Field(pattern=IMAGE_FILE)
    alt: Text
    correct: bool = False
    feedback: Text


def exactly_one_correct(options: list[Any]) -> list[Any]:
    """For field validators: a choice of one needs exactly one right option."""
    count = sum(option.correct for option in options)
    if count != 1:
        raise ValueError(f"needs exactly one correct option, has {count}")
    return options


class QuestionFields(Strict):
    """What every question shows: its prompt, then the explanation and references behind it."""

    prompt: Text
    explanation: Text
    #: Reference numbers behind the explanation; empty only for items about the course itself
    #: (``about: course``), which the bank check enforces both ways.
    refs: list[int] = Field(default_factory=list)
    hints: list[Text] = Field(default_factory=list, max_length=3)


class Entry(Strict):
    """What makes a question a bank entry: a stable id and the objectives it assesses."""

    id: str = Field(pattern=rf"^\d\d-{SLUG}/{SLUG}$")
    objectives: list[str] = Field(min_length=1)
    #: Shown in the lesson body with ``exercise(id)`` rather than in the end-of-lesson quiz.
    in_lesson: bool = False
    #: ``course`` for items about using the course itself (they cite nothing); ``condition`` for
    #: everything clinical (each cites the references that support it).
    about: Literal["condition", "course"] = "condition"


class InvalidAnswerError(ValueError):
    """An answer that cannot be graded; the message is meant for the student."""


@dataclass(frozen=True)
class Result:
    """The verdict on one response, with the teaching feedback for what was chosen."""

    correct: bool
    feedback: tuple[str, ...]


class Gradable(QuestionFields, ABC):
    """A question a student answers with one control, graded in the kernel.

    Responses arrive from widgets, so they are untrusted: ``grade`` validates the raw value first
    and raises ``InvalidAnswerError``, with a message for the student, when it is unusable.
    Option and item numbers in a response are positions in the bank's own order; the control
    spec maps the shuffled order on screen back to them.
    """

    @abstractmethod
    def grade(self, raw: object) -> Result:
        """Validate an untrusted response, grade it, and collect the feedback it earns."""

    @abstractmethod
    def answer_text(self) -> str:
        """The right answer in words, shown once the student has solved or revealed it."""

    @abstractmethod
    def control(self, *, learner: str, key: str) -> ControlSpec:
        """What the student sees and picks; ``key`` seeds the learner's shuffled order."""

    def images(self) -> list[str]:
        """The image files (under ``assets/images/``) the question shows."""
        return []


def option_index(raw: object, count: int, what: str = "option") -> int:
    """A position among ``count`` options or images, as a response must give it."""
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise InvalidAnswerError(f"Choose {what}.")
    if not 0 <= raw < count:
        raise InvalidAnswerError(f"There is no such {what}.")
    return raw


def plain_label(text: str) -> str:
    """Option labels are plain text in ipywidgets: drop the content files' emphasis marks."""
    return text.replace("*", "")
