"""The numbered reference list every lesson cites (``assets/references.yaml``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from widgets.loading import load_model
from widgets.paths import assets_dir


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int = Field(ge=1)
    citation: str = Field(min_length=10)
    doi: str | None = Field(default=None, pattern=r"^10\.\S+$")
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")

    def link(self) -> str | None:
        """Where a reader can look the source up, preferring the DOI."""
        return f"https://doi.org/{self.doi}" if self.doi else self.url


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


def references_path() -> Path:
    return assets_dir() / "references.yaml"


@cache
def _load(path: Path) -> ReferenceList:
    return load_model(path, ReferenceList)


def load_references(path: Path | None = None) -> ReferenceList:
    """The reference list, read once per file per kernel."""
    return _load((path or references_path()).resolve())
