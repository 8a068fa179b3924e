"""JSON Schemas of the content files, generated from their typed models.

The models are the source of truth; ``tools/export_schemas.py`` writes these schemas to
``assets/schemas/`` for editors and other tools, and a test fails when a written schema is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from widgets.classification.forms import FormCatalog
from widgets.course.catalog import Course
from widgets.paths import assets_dir
from widgets.references.catalog import ReferenceList

#: Content file (under assets/) -> the model that validates it.
CONTENT_MODELS: dict[str, type[BaseModel]] = {
    "course.yaml": Course,
    "references.yaml": ReferenceList,
    "forms-of-tumoral-calcinosis.yaml": FormCatalog,
}


def schema_path(content_file: str) -> Path:
    stem = content_file.rsplit(".", 1)[0]
    return assets_dir() / "schemas" / f"{stem}.schema.json"


def schema_text(model: type[BaseModel]) -> str:
    """The model's JSON Schema as the exact text written to disk."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(),
    }
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
