"""The numbered reference list every lesson cites (``assets/references.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from widgets.loading import load_content


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int = Field(ge=1)
    citation: str = Field(min_length=10)
    doi: str | None = Field(default=None, pattern=r"^10\.\S+$")
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")


class ReferenceList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    references: list[Reference] = Field(min_length=1)

    @field_validator("references")
    @classmethod
    def _numbered_in_order(cls, references: list[Reference]) -> list[Reference]:
        for position, reference in enumerate(references, start=1):
            if reference.number != position:
                raise ValueError(
                    f"references must be numbered 1, 2, 3, ... in order; "
                    f"entry {position} has number {reference.number}"
                )
        return references

    def get(self, number: int) -> Reference:
        if not 1 <= number <= len(self.references):
            raise KeyError(f"no reference [{number}]; the list has 1-{len(self.references)}")
        return self.references[number - 1]


def load_references(path: Path | None = None) -> ReferenceList:
    """``assets/references.yaml``, read once per kernel."""
    return load_content("references.yaml", ReferenceList, path)
