"""The course's question types, listed once: their unions, their bank entries and grading by type.

Adding a type: write ``widgets/quiz/types/<type>.py`` (model, grader, control spec), then list
its class here in ``AnyQuestion``, declare its ``...Entry`` and add that to ``Question``, and add
it to the pattern in ``grade``. mypy fails if ``grade`` misses a type (``assert_never``), and
``tests/unit/test_quiz_registry.py`` if the entry or the schema does.
"""

from __future__ import annotations

from typing import Annotated, assert_never, get_args

from pydantic import BaseModel, Field

from widgets.quiz.question import Entry, Result
from widgets.quiz.types.image_choice import ImageChoice
from widgets.quiz.types.multiple import MultipleAnswer
from widgets.quiz.types.numeric import Numeric
from widgets.quiz.types.ordering import Ordering
from widgets.quiz.types.single import SingleBestAnswer
from widgets.quiz.types.staged_case import Stage, StagedCase
from widgets.quiz.types.true_false import TrueFalse

#: Every type a student answers with one control, alone or as a stage of a case.
AnyQuestion = SingleBestAnswer | MultipleAnswer | TrueFalse | Numeric | Ordering | ImageChoice
StageQuestion = Annotated[AnyQuestion, Field(discriminator="type")]
Stage.model_rebuild()  # binds Stage.question to StageQuestion, now that it is defined
StagedCase.model_rebuild()


class SingleBestAnswerEntry(Entry, SingleBestAnswer):
    pass


class MultipleAnswerEntry(Entry, MultipleAnswer):
    pass


class TrueFalseEntry(Entry, TrueFalse):
    pass


class NumericEntry(Entry, Numeric):
    pass


class OrderingEntry(Entry, Ordering):
    pass


class ImageChoiceEntry(Entry, ImageChoice):
    pass


class StagedCaseEntry(Entry, StagedCase):
    pass


#: A question as a bank holds it: a type's fields plus its id, objectives and ``in_lesson``.
Question = Annotated[
    SingleBestAnswerEntry
    | MultipleAnswerEntry
    | TrueFalseEntry
    | NumericEntry
    | OrderingEntry
    | ImageChoiceEntry
    | StagedCaseEntry,
    Field(discriminator="type"),
]


def type_name(model: type[BaseModel]) -> str:
    """The ``type:`` a bank gives questions of ``model``."""
    (name,) = get_args(model.model_fields["type"].annotation)  # Literal["single"] -> "single"
    return str(name)


#: The entry models of ``Question``, in the order listed.
ENTRIES: tuple[type[Entry], ...] = get_args(get_args(Question)[0])
#: Every ``type:`` a bank may give, for error messages.
TYPES = frozenset(type_name(entry) for entry in ENTRIES)


def grade(question: AnyQuestion, raw: object) -> Result:
    """Validate an untrusted response to ``question``, grade it by its type, collect feedback.

    Raises ``InvalidAnswerError`` (a message for the student) when the response is unusable, and
    ``AssertionError`` for a question of a type the registry does not list.
    """
    match question:
        case (
            SingleBestAnswer()
            | MultipleAnswer()
            | TrueFalse()
            | Numeric()
            | Ordering()
            | ImageChoice()
        ):
            return question.grade(raw)
        case _:
            assert_never(question)


__all__ = [
    "ENTRIES",
    "TYPES",
    "AnyQuestion",
    "ImageChoiceEntry",
    "MultipleAnswerEntry",
    "NumericEntry",
    "OrderingEntry",
    "Question",
    "SingleBestAnswerEntry",
    "StageQuestion",
    "StagedCaseEntry",
    "TrueFalseEntry",
    "grade",
    "type_name",
]
