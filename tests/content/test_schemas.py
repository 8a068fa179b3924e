"""The exported JSON Schemas are current, and every content file validates against its schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from widgets.content_schemas import SCHEMAS, content_files, schema_path, schema_text
from widgets.paths import assets_dir


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_exported_schema_is_current(name: str) -> None:
    path = schema_path(name)
    assert path.is_file(), "run: .venv/bin/python tools/export_schemas.py"
    assert path.read_text(encoding="utf-8") == schema_text(SCHEMAS[name][0]), (
        f"{path.name} is stale: run .venv/bin/python tools/export_schemas.py"
    )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_content_files_validate_against_their_schema(name: str) -> None:
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    files = content_files(name)
    assert files, f"no content file matches {SCHEMAS[name][1]}"
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_every_yaml_file_in_assets_has_a_schema() -> None:
    covered = {path for name in SCHEMAS for path in content_files(name)}
    # PROVENANCE.yaml records how a generated asset was built: metadata, not course content.
    content = [p for p in assets_dir().rglob("*.yaml") if p.name != "PROVENANCE.yaml"]
    unmodelled = sorted(str(p) for p in content if p not in covered)
    assert unmodelled == [], "give every content file a model in widgets/"
