"""Question banks: typed question models and loading ``assets/questions/<lesson>.yaml``.

A bank is data: every question carries the lesson objectives it assesses, feedback for each
option, an explanation of the right answer and the numbered references behind it. Loading
fails with one clear error naming the file, the question id and the field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from widgets.images import images_dir
from widgets.loading import ContentError, field_name, read_yaml
from widgets.paths import assets_dir

SCHEMA_VERSION = 1
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One answer option, with the feedback a student sees after choosing it."""

    text: Text
    correct: bool = False
    feedback: Text


class ImageOption(_Strict):
    """An image to pick; ``image`` is a file under ``assets/images/``."""

    image: str = Field(pattern=r"^[a-z0-9][a-z0-9._/-]*\.(png|jpg|jpeg)$")
    alt: Text
    correct: bool = False
    feedback: Text


class _Question(_Strict):
    prompt: Text
    explanation: Text
    refs: list[int] = Field(min_length=1)
    hints: list[Text] = Field(default_factory=list, max_length=3)


def _exactly_one_correct(options: list[Any]) -> list[Any]:
    count = sum(option.correct for option in options)
    if count != 1:
        raise ValueError(f"needs exactly one correct option, has {count}")
    return options


class SingleBestAnswer(_Question):
    type: Literal["single"]
    options: list[Option] = Field(min_length=2, max_length=8)

    _one_correct = field_validator("options")(_exactly_one_correct)


class MultipleAnswer(_Question):
    type: Literal["multiple"]
    options: list[Option] = Field(min_length=3, max_length=10)

    @field_validator("options")
    @classmethod
    def _some_correct(cls, options: list[Option]) -> list[Option]:
        if not any(option.correct for option in options):
            raise ValueError("needs at least one correct option")
        return options


class TrueFalse(_Question):
    type: Literal["true_false"]
    answer: bool
    feedback_true: Text
    feedback_false: Text


class Numeric(_Question):
    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(gt=0)
    unit: str = Field(min_length=1, max_length=40)
    feedback_low: Text
    feedback_high: Text


class Ordering(_Question):
    """Steps to put in order; ``items`` lists them in the correct order."""

    type: Literal["ordering"]
    items: list[Text] = Field(min_length=3, max_length=8)

    @field_validator("items")
    @classmethod
    def _distinct(cls, items: list[str]) -> list[str]:
        if len(set(items)) != len(items):
            raise ValueError("ordering items must all differ")
        return items


class ImageChoice(_Question):
    type: Literal["image_choice"]
    options: list[ImageOption] = Field(min_length=2, max_length=6)

    _one_correct = field_validator("options")(_exactly_one_correct)


StageQuestion = Annotated[
    SingleBestAnswer | MultipleAnswer | TrueFalse | Numeric | Ordering | ImageChoice,
    Field(discriminator="type"),
]


class Stage(_Strict):
    """One step of a case: what the student now learns, then a question about it."""

    narrative: Text
    image: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9._/-]*\.(png|jpg|jpeg)$")
    image_alt: str | None = None
    question: StageQuestion

    @model_validator(mode="after")
    def _image_has_alt(self) -> Stage:
        if self.image and not self.image_alt:
            raise ValueError("a stage image needs image_alt")
        return self


class StagedCase(_Strict):
    """A case told in stages (history, film, labs...), with a question at each stage."""

    type: Literal["staged_case"]
    title: Text
    stages: list[Stage] = Field(min_length=2, max_length=6)
    refs: list[int] = Field(min_length=1)


AnyQuestion = SingleBestAnswer | MultipleAnswer | TrueFalse | Numeric | Ordering | ImageChoice


class _Entry(_Strict):
    """What makes a question a bank entry: a stable id and the objectives it assesses."""

    id: str = Field(pattern=rf"^\d\d-{SLUG}/{SLUG}$")
    objectives: list[str] = Field(min_length=1)
    #: Shown in the lesson body with ``exercise(id)`` rather than in the end-of-lesson quiz.
    in_lesson: bool = False


class SingleBestAnswerEntry(_Entry, SingleBestAnswer):
    pass


class MultipleAnswerEntry(_Entry, MultipleAnswer):
    pass


class TrueFalseEntry(_Entry, TrueFalse):
    pass


class NumericEntry(_Entry, Numeric):
    pass


class OrderingEntry(_Entry, Ordering):
    pass


class ImageChoiceEntry(_Entry, ImageChoice):
    pass


class StagedCaseEntry(_Entry, StagedCase):
    pass


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


class Reviewed(_Strict):
    by: Text
    date: str = Field(pattern=r"^\d{4}-\d\d-\d\d$")
    against: Text


class Bank(_Strict):
    schema_version: Literal[1]
    lesson: str = Field(pattern=rf"^\d\d-{SLUG}$")
    reviewed: Reviewed
    questions: list[Question] = Field(default_factory=list)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"no question {question_id!r} in the bank of {self.lesson}")


def bank_path(stem: str) -> Path:
    """The bank of lesson ``stem``: it shares the lesson's stem."""
    return assets_dir() / "questions" / f"{stem}.yaml"


def _locate(raw: dict[str, Any], location: tuple[int | str, ...]) -> tuple[str | None, str]:
    """Split a pydantic error location into (question id, field inside the question)."""
    if len(location) >= 2 and location[0] == "questions" and isinstance(location[1], int):
        entries = raw.get("questions") or []
        entry = entries[location[1]] if location[1] < len(entries) else None
        question_id = entry.get("id") if isinstance(entry, dict) else None
        label = str(question_id) if question_id else f"#{location[1] + 1} (no id)"
        # Drop the discriminator tag pydantic puts in the location.
        rest = list(location[2:])
        if rest and isinstance(rest[0], str) and rest[0] in _TYPES:
            rest = rest[1:]
        return label, field_name(tuple(rest))
    return None, field_name(location)


_TYPES = {"single", "multiple", "true_false", "numeric", "ordering", "image_choice", "staged_case"}


def _parse(path: Path) -> Bank:
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ContentError(path, "must be a YAML mapping at the top level")
    version = raw.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ContentError(
            path,
            f"schema_version is {version!r}; this course reads {SCHEMA_VERSION}",
            field="schema_version",
        )
    try:
        return Bank.model_validate(raw)
    except ValidationError as error:
        # A misspelt key shows up as both "unknown" and "missing": name the misspelling.
        errors = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        question_id, field = _locate(raw, first["loc"])
        problem = {
            "union_tag_invalid": f"unknown question type; use one of {', '.join(sorted(_TYPES))}",
            "extra_forbidden": "unknown field (misspelt, or not part of this question type)",
        }.get(first["type"], first["msg"])
        where = f"question {question_id}: {field}" if question_id else field
        raise ContentError(path, problem, field=where) from None


def _images_of(question: Question) -> list[str]:
    body = question
    if isinstance(body, StagedCase):
        found = [stage.image for stage in body.stages if stage.image]
        for stage in body.stages:
            if isinstance(stage.question, ImageChoice):
                found += [option.image for option in stage.question.options]
        return found
    return [option.image for option in body.options] if isinstance(body, ImageChoice) else []


def _refs_of(question: Question) -> list[int]:
    body = question
    if isinstance(body, StagedCase):
        return [*body.refs, *(n for stage in body.stages for n in stage.question.refs)]
    return list(body.refs)


def _check(bank: Bank, path: Path) -> None:
    """What a single model cannot see: ids, objectives, references and images across files."""
    from widgets.course import load_course
    from widgets.references import load_references

    if bank.lesson != path.stem:
        raise ContentError(path, f"must share its lesson's stem {path.stem!r}", field="lesson")
    objectives = {o.id for o in load_course().lesson(bank.lesson).objectives}
    reference_count = len(load_references().references)
    seen: set[str] = set()
    for question in bank.questions:
        where = f"question {question.id}"
        if not question.id.startswith(f"{bank.lesson}/"):
            raise ContentError(path, f"id must start with {bank.lesson}/", field=f"{where}: id")
        if question.id in seen:
            raise ContentError(path, "duplicate question id", field=f"{where}: id")
        seen.add(question.id)
        unknown = sorted(set(question.objectives) - objectives)
        if unknown:
            raise ContentError(
                path,
                f"{unknown} are not objectives of {bank.lesson} ({sorted(objectives)})",
                field=f"{where}: objectives",
            )
        bad_refs = [n for n in _refs_of(question) if not 1 <= n <= reference_count]
        if bad_refs:
            raise ContentError(path, f"no such reference(s) {bad_refs}", field=f"{where}: refs")
        missing = [name for name in _images_of(question) if not (images_dir() / name).is_file()]
        if missing:
            raise ContentError(
                path,
                f"image file(s) not found under assets/images/: {missing}",
                field=f"{where}: image",
            )


@cache
def _load_once(path: Path) -> Bank:
    bank = _parse(path)
    _check(bank, path)
    return bank


def load_bank(path: Path) -> Bank:
    """Read and check one bank file; errors name the file, the question id and the field."""
    return _load_once(path.resolve())


def load_lesson_bank(stem: str) -> Bank:
    return load_bank(bank_path(stem))
