"""The registry lists every question type once: each has its module, its bank entry, a place in
the exported schema and in the sample bank, and the grader refuses a type it does not list."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Literal, get_args

import pytest
import yaml
from pydantic import TypeAdapter

from widgets.content_schemas import schema_path
from widgets.quiz.answers import TextEntry
from widgets.quiz.bank import Bank
from widgets.quiz.question import Entry, Gradable, Result
from widgets.quiz.registry import ENTRIES, TYPES, AnyQuestion, StageQuestion, grade, type_name
from widgets.quiz.types.staged_case import StagedCase

TYPES_DIR = Path(importlib.import_module("widgets.quiz.types").__file__ or "").parent
GRADABLE = get_args(AnyQuestion)
#: Each entry's question model: the base that is not the ``Entry`` mixin.
MODELS = [next(base for base in entry.__bases__ if base is not Entry) for entry in ENTRIES]
SAMPLE = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "every-type-bank.yaml").read_text(encoding="utf-8")
)


def test_every_entry_is_a_type_with_the_entry_fields() -> None:
    assert len(ENTRIES) == len(TYPES) == len(GRADABLE) + 1  # the staged case is not gradable
    for entry, model in zip(ENTRIES, MODELS, strict=True):
        assert issubclass(entry, Entry)
        assert issubclass(entry, model)
        assert entry.__name__ == f"{model.__name__}Entry"
    assert set(MODELS) == {*GRADABLE, StagedCase}


@pytest.mark.parametrize("model", MODELS, ids=type_name)
def test_every_type_lives_in_its_own_module_in_types(model: type[Gradable]) -> None:
    assert model.__module__ == f"widgets.quiz.types.{type_name(model)}"
    assert (TYPES_DIR / f"{type_name(model)}.py").is_file()


def test_every_module_in_types_is_registered() -> None:
    modules = {path.stem for path in TYPES_DIR.glob("*.py") if path.stem != "__init__"}
    assert modules == TYPES


def test_a_stage_of_a_case_may_ask_a_question_of_every_gradable_type() -> None:
    stage_question = TypeAdapter(StageQuestion)
    for question in SAMPLE["questions"]:
        if question["type"] != "staged_case":
            body = {k: v for k, v in question.items() if k not in {"id", "objectives"}}
            model = type(stage_question.validate_python(body))
            assert model in GRADABLE
            assert type_name(model) == question["type"]
    assert all(not getattr(model, "__abstractmethods__", None) for model in GRADABLE)


@pytest.mark.parametrize("name", sorted(TYPES))
def test_the_bank_schema_lists_every_type(name: str) -> None:
    items = Bank.model_json_schema()["properties"]["questions"]["items"]
    assert name in items["discriminator"]["mapping"]
    exported = json.loads(schema_path("question-bank").read_text(encoding="utf-8"))
    assert name in exported["properties"]["questions"]["items"]["discriminator"]["mapping"], (
        "run .venv/bin/python tools/export_schemas.py"
    )


def test_the_sample_bank_has_a_question_of_every_type() -> None:
    assert {question["type"] for question in SAMPLE["questions"]} == TYPES
    stage_types = {
        stage["question"]["type"]
        for question in SAMPLE["questions"]
        if question["type"] == "staged_case"
        for stage in question["stages"]
    }
    assert stage_types >= {"true_false", "image_choice"}


class Essay(Gradable):
    """A type no registry lists."""

    type: Literal["essay"] = "essay"

    def grade(self, raw: object) -> Result:
        return Result(True, ("Anything goes.",))

    def answer_text(self) -> str:
        return "Whatever you wrote."

    def control(self, *, learner: str, key: str) -> TextEntry:
        return TextEntry("words")


def test_the_grader_refuses_a_question_of_an_unregistered_type() -> None:
    essay = Essay(prompt="Discuss.", explanation="Because.", refs=[1])
    assert essay.grade("text").correct  # it would grade itself as right...
    with pytest.raises(AssertionError, match="unreachable"):
        grade(essay, "text")  # type: ignore[arg-type]  # ...but the registry does not list it


def test_a_gradable_type_must_implement_every_method() -> None:
    class Unfinished(Gradable):
        type: Literal["unfinished"] = "unfinished"

    with pytest.raises(TypeError, match="abstract"):
        Unfinished(prompt="?", explanation="Because.", refs=[1])  # type: ignore[abstract]
