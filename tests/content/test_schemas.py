"""The exported JSON Schemas are current, and every content file validates against its schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from widgets.content_schemas import CONTENT_MODELS, schema_path, schema_text
from widgets.paths import assets_dir


@pytest.mark.parametrize("content_file", sorted(CONTENT_MODELS))
def test_exported_schema_is_current(content_file: str) -> None:
    path = schema_path(content_file)
    assert path.is_file(), "run: .venv/bin/python tools/export_schemas.py"
    assert path.read_text(encoding="utf-8") == schema_text(CONTENT_MODELS[content_file]), (
        f"{path.name} is stale: run .venv/bin/python tools/export_schemas.py"
    )


@pytest.mark.parametrize("content_file", sorted(CONTENT_MODELS))
def test_content_file_validates_against_its_schema(content_file: str) -> None:
    schema = json.loads(schema_path(content_file).read_text(encoding="utf-8"))
    data = yaml.safe_load((assets_dir() / content_file).read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_every_yaml_file_in_assets_has_a_model() -> None:
    files = {path.name for path in assets_dir().glob("*.yaml")}
    assert files == set(CONTENT_MODELS), "give every content file a model in widgets/"
