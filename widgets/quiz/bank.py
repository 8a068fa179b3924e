"""Question banks: loading ``assets/questions/<lesson>.yaml`` and checking it.

A bank is data: every question carries the lesson objectives it assesses, feedback for each
option, an explanation of the right answer and the numbered references behind it. The question
models come from ``widgets.quiz.registry``. Loading fails with one clear error naming the file,
the question id and the field.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any, Literal, assert_never

from pydantic import Field, ValidationError

from widgets.course.catalog import load_course
from widgets.loading import ContentError, field_name, read_yaml
from widgets.paths import bank_path, image_path
from widgets.quiz.question import SLUG, Gradable, Strict, Text
from widgets.quiz.registry import TYPES, Question
from widgets.quiz.types.staged_case import StagedCase
from widgets.references.catalog import load_references

SCHEMA_VERSION = 1


class Reviewed(Strict):
    by: Text
    date: str = Field(pattern=r"^\d{4}-\d\d-\d\d$")
    against: Text


class Bank(Strict):
    schema_version: Literal[1]
    lesson: str = Field(pattern=rf"^\d\d-{SLUG}$")
    reviewed: Reviewed
    questions: list[Question] = Field(default_factory=list)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"no question {question_id!r} in the bank of {self.lesson}")


def _locate(raw: dict[str, Any], location: tuple[int | str, ...]) -> tuple[str | None, str]:
    """Split a pydantic error location into (question id, field inside the question)."""
    if len(location) >= 2 and location[0] == "questions" and isinstance(location[1], int):
        entries = raw.get("questions") or []
        entry = entries[location[1]] if location[1] < len(entries) else None
        question_id = entry.get("id") if isinstance(entry, dict) else None
        label = str(question_id) if question_id else f"#{location[1] + 1} (no id)"
        # Drop the discriminator tag pydantic puts in the location.
        rest = list(location[2:])
        if rest and isinstance(rest[0], str) and rest[0] in TYPES:
            rest = rest[1:]
        return label, field_name(tuple(rest))
    return None, field_name(location)


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
            "union_tag_invalid": f"unknown question type; use one of {', '.join(sorted(TYPES))}",
            "extra_forbidden": "unknown field (misspelt, or not part of this question type)",
        }.get(first["type"], first["msg"])
        where = f"question {question_id}: {field}" if question_id else field
        raise ContentError(path, problem, field=where) from None


def cited_by(question: Question) -> list[int]:
    """The reference numbers a bank entry cites, those of a staged case's stages included."""
    match question:
        case StagedCase():
            return question.cited()
        case Gradable():
            return list(question.refs)
        case _:
            assert_never(question)


def _every_part_cites(question: Question) -> bool:
    """Whether a question cites a reference, and a staged case does so for every stage."""
    match question:
        case StagedCase():
            return bool(question.refs) or all(stage.question.refs for stage in question.stages)
        case Gradable():
            return bool(question.refs)
        case _:
            assert_never(question)


def _check(
    bank: Bank,
    path: Path,
    *,
    lesson: str | None,
    objectives: frozenset[str],
    reference_count: int,
) -> None:
    """What a single model cannot see: ids, objectives, references and images across files."""
    if lesson is not None and bank.lesson != lesson:
        raise ContentError(path, f"must share its lesson's stem {lesson!r}", field="lesson")
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
        refs, images = cited_by(question), question.images()
        if question.about == "course" and refs:
            raise ContentError(
                path, "an item about the course itself cites nothing", field=f"{where}: refs"
            )
        if question.about == "condition" and not _every_part_cites(question):
            raise ContentError(
                path,
                "a clinical item needs the references that support it"
                " (or 'about: course' for an item about the course itself)",
                field=f"{where}: refs",
            )
        bad_refs = [n for n in refs if not 1 <= n <= reference_count]
        if bad_refs:
            raise ContentError(path, f"no such reference(s) {bad_refs}", field=f"{where}: refs")
        missing = [name for name in images if not image_path(name).is_file()]
        if missing:
            raise ContentError(
                path,
                f"image file(s) not found under assets/images/: {missing}",
                field=f"{where}: image",
            )


@cache
def _load_once(
    path: Path, lesson: str | None, objectives: frozenset[str], reference_count: int
) -> Bank:
    bank = _parse(path)
    _check(bank, path, lesson=lesson, objectives=objectives, reference_count=reference_count)
    return bank


def load_bank(
    path: Path,
    *,
    objectives: Collection[str],
    reference_count: int,
    lesson: str | None = None,
) -> Bank:
    """Read and check one bank file; errors name the file, the question id and the field.

    Parameters
    ----------
    objectives
        The objective ids of the bank's lesson; every question must assess some of them.
    reference_count
        How many references the course's list has; every ``refs`` number must be one of them.
    lesson
        The stem the bank must declare as its ``lesson`` (its file's), if it is to be checked.
    """
    return _load_once(path.resolve(), lesson, frozenset(objectives), reference_count)


def load_lesson_bank(stem: str) -> Bank:
    """The bank of lesson ``stem``, checked against the course catalogue and reference list."""
    path = bank_path(stem)
    try:
        objectives = [objective.id for objective in load_course().lesson(stem).objectives]
    except KeyError as unknown:
        raise ContentError(path, str(unknown.args[0]), field="lesson") from None
    return load_bank(
        path,
        lesson=stem,
        objectives=objectives,
        reference_count=len(load_references().references),
    )
