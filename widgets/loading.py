"""Loading content files (YAML) into typed models, with errors that name the file and field."""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path
from typing import Annotated, TypeVar, cast

import yaml
from pydantic import BaseModel, Field, ValidationError

from widgets.paths import assets_dir, display_path

Model = TypeVar("Model", bound=BaseModel)

#: The sources of a cited statement in a content file: numbers of ``assets/references.yaml``.
Refs = Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=1)]


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a content file's sentence leaves for the code to fill; a stray brace is a
    ``ValueError``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


class ContentError(ValueError):
    """A content file is missing, unreadable or does not match its model."""

    def __init__(self, path: Path, problem: str, *, field: str | None = None) -> None:
        self.path = path
        self.field = field
        self.problem = problem
        where = display_path(path) + (f": {field}" if field else "")
        super().__init__(f"{where}: {problem}")


def require_unique_ids(ids: list[str], what: str) -> None:
    """For model validators: refuse repeated ids, naming them (``what``: "objective", "row"...)."""
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate {what} id(s): {', '.join(duplicates)}")


def field_name(location: tuple[int | str, ...]) -> str:
    """A pydantic error location such as ``("lessons", 3, "title")`` as ``lessons[3].title``."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def read_yaml(path: Path) -> object:
    """Parse a YAML file, turning every way it can fail into a ``ContentError``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(path, f"cannot be read ({error})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ContentError(path, f"is not valid YAML{where}") from None


def load_model(path: Path, model: type[Model]) -> Model:
    """Read ``path`` and validate it as ``model``; the first problem found is raised."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, "must be a YAML mapping at the top level")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise ContentError(path, first["msg"], field=field_name(first["loc"])) from None


@cache
def _load_once(path: Path, model: type[BaseModel]) -> BaseModel:
    return load_model(path, model)


def load_content(name: str, model: type[Model], path: Path | None = None) -> Model:
    """The content file ``assets/<name>`` (or ``path``) as ``model``, read once per kernel."""
    return cast(Model, _load_once((path or assets_dir() / name).resolve(), model))
