"""The forms of tumoral calcinosis as data (``assets/forms-of-tumoral-calcinosis.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from widgets.loading import load_content, require_unique_ids


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=2)
    text: str = Field(min_length=5)
    refs: list[int] = Field(min_length=1)


class Form(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z]+$")
    name: str
    abbreviation: str
    phosphate: str
    facts: list[Fact] = Field(min_length=1)


class FormCatalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    forms: list[Form] = Field(min_length=1)

    @field_validator("forms")
    @classmethod
    def _ids_unique(cls, forms: list[Form]) -> list[Form]:
        require_unique_ids([form.id for form in forms], "form")
        return forms

    def form(self, form_id: str) -> Form:
        for form in self.forms:
            if form.id == form_id:
                return form
        raise KeyError(f"no form {form_id!r}; known forms: {', '.join(f.id for f in self.forms)}")


def load_forms(path: Path | None = None) -> FormCatalog:
    """``assets/forms-of-tumoral-calcinosis.yaml``, read once per kernel."""
    return load_content("forms-of-tumoral-calcinosis.yaml", FormCatalog, path)
