"""JSON Schemas of the content files, generated from their typed models.

The models are the source of truth; ``tools/export_schemas.py`` writes these schemas to
``assets/schemas/`` for editors and other tools, and a test fails when a written schema is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from widgets.charts.data import Table
from widgets.classification.forms import FormCatalog
from widgets.course.catalog import Course
from widgets.differential.data import Differential
from widgets.glossary.content import Glossary
from widgets.images import Manifest
from widgets.labs.content import LabExplorerText
from widgets.paths import assets_dir
from widgets.pathway.data import Pathway
from widgets.quiz.bank import Bank
from widgets.references.catalog import ReferenceList
from widgets.risk_factors.content import RiskFactors

#: Schema name -> the model, and the content files (a glob under assets/) it describes.
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "course": (Course, "course.yaml"),
    "references": (ReferenceList, "references.yaml"),
    "forms-of-tumoral-calcinosis": (FormCatalog, "forms-of-tumoral-calcinosis.yaml"),
    "question-bank": (Bank, "questions/*.yaml"),
    "data-table": (Table, "data/*.yaml"),
    "differential": (Differential, "differential.yaml"),
    "image-manifest": (Manifest, "images/MANIFEST.yaml"),
    "risk-factors": (RiskFactors, "risk-factors.yaml"),
    "lab-explorer": (LabExplorerText, "lab-explorer.yaml"),
    "pathway": (Pathway, "pathway.yaml"),
    "glossary": (Glossary, "glossary.yaml"),
}


def schema_path(name: str) -> Path:
    return assets_dir() / "schemas" / f"{name}.schema.json"


def content_files(name: str) -> list[Path]:
    return sorted(assets_dir().glob(SCHEMAS[name][1]))


def schema_text(model: type[BaseModel]) -> str:
    """The model's JSON Schema as the exact text written to disk."""
    dialect = "https://json-schema.org/draft/2020-12/schema"
    schema = {"$schema": dialect, **model.model_json_schema()}
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
