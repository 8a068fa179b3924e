"""The numbered reference list every lesson cites (``assets/references.yaml``).

Each entry is the medical brief's reference, field by field. What the brief does not give is
declared in ``missing`` rather than left out silently, and ``access`` says how much of the source
the brief's authors read, so a student can see which statements rest on an abstract.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from widgets.loading import load_content

#: The parts of a citation an entry may lack, with the words a student reads for each.
Part = Literal["authors", "title", "source", "year"]
PART_WORDS: dict[Part, str] = {
    "authors": "authors",
    "title": "title",
    "source": "journal or site",
    "year": "year",
}


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: int = Field(ge=1)
    #: As the brief gives them, e.g. "Olsen KM, Chew FS" or "Ramnitz MS, Gourh P, et al.".
    authors: str | None = Field(default=None, min_length=2)
    title: str | None = Field(default=None, min_length=2)
    #: Journal, book or site, with its markup (``*RadioGraphics*``).
    source: str | None = Field(default=None, min_length=2)
    #: "2006", or with the brief's qualifier: "2018 (updated)", "1980s".
    year: str | None = Field(default=None, min_length=4)
    #: Volume(issue):pages such as "26(3):871-885"; or a chapter, case number, edition.
    details: str | None = Field(default=None, min_length=1)
    doi: str | None = Field(default=None, pattern=r"^10\.\S+$")
    pmid: str | None = Field(default=None, pattern=r"^\d+$")
    pmcid: str | None = Field(default=None, pattern=r"^PMC\d+$")
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    #: The brief's remarks and any further sources it bundles under this number.
    note: str | None = Field(default=None, min_length=2)
    #: How much of the source was read, in the brief's words: "abstract only", "full text",
    #: "not accessed; cited via [2], [16]"... "not recorded" when the brief says nothing.
    access: str = Field(min_length=3)
    #: The parts the brief does not give; exactly these are None.
    missing: list[Part] = Field(default_factory=list)

    @model_validator(mode="after")
    def _missing_is_declared(self) -> Reference:
        for part in PART_WORDS:
            absent = getattr(self, part) is None
            if absent and part not in self.missing:
                raise ValueError(
                    f"reference [{self.number}] has no {part}: give it, or list "
                    f"{part!r} under missing if the brief does not have it"
                )
            if not absent and part in self.missing:
                raise ValueError(
                    f"reference [{self.number}] lists {part!r} under missing but gives it"
                )
        if len(set(self.missing)) != len(self.missing):
            raise ValueError(f"reference [{self.number}] lists a missing part twice")
        return self

    def citation_text(self) -> str:
        """The citation, Vancouver-like: "Authors. Title. *Source*. Year;details. doi. PMID.".

        Journal volumes and pages follow the year after ";", other details after ",". Parts the
        brief lacks are left out (``missing`` names them); the text keeps the entry's markup.
        """
        dated = ";" if self.details and self.details[0].isdigit() else ", "
        when = dated.join(part for part in (self.year, self.details) if part)
        parts = [
            self.authors,
            self.title,
            self.source,
            when[:1].upper() + when[1:],
            f"doi:{self.doi}" if self.doi else None,
            f"PMID {self.pmid}" if self.pmid else None,
            f"PMCID {self.pmcid}" if self.pmcid else None,
            self.url,
        ]
        return " ".join(_sentence(part) for part in parts if part)


def _sentence(part: str) -> str:
    return part if part.endswith((".", "?", "!", "/")) or "://" in part else f"{part}."


class ReferenceList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[2]
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
