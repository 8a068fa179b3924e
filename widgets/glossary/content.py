"""The glossary as data (``assets/glossary.yaml``): each term, its other spellings, a definition
paraphrased from the medical brief, the references behind it and related terms.

Loading fails with one clear error naming the file, the entry's id and the field, as question
banks do: a model checks each entry, and ``_check`` what only the whole file and the reference
list can show (ids, order, ``see`` targets, spellings shared by two entries, reference numbers).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from widgets.loading import ContentError, Refs, field_name, read_yaml
from widgets.paths import asset_path
from widgets.references.catalog import load_references
from widgets.references.citations import cited_numbers

FILE = "glossary.yaml"
SCHEMA_VERSION = 1
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
#: A spelling the linker looks for in lesson text: no markdown brackets, emphasis or code marks.
Spelling = Annotated[str, Field(min_length=2, max_length=80, pattern=r"^[^\[\]*`\n]+$")]


class Entry(BaseModel):
    """One term. ``term`` may mark a gene name as ``*GALNT3*``; the other fields are plain."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    term: str = Field(min_length=2, max_length=80, pattern=r"^[^\[\]`\n]+$")
    #: Other spellings and abbreviations as the lessons write them, used to find the term.
    aliases: list[Spelling] = Field(default_factory=list)
    definition: str = Field(min_length=20, max_length=800)
    refs: Refs
    #: Ids of related entries.
    see: list[Slug] = Field(default_factory=list)

    @field_validator("definition")
    @classmethod
    def _sources_in_refs(cls, definition: str) -> str:
        if cited_numbers(definition):
            raise ValueError("give the sources in refs, not as [n] in the definition")
        return definition

    @model_validator(mode="after")
    def _spellings_and_see_unique(self) -> Entry:
        spellings = self.spellings()
        if len(set(spellings)) != len(spellings):
            raise ValueError("an alias repeats the term or another alias")
        if self.id in self.see:
            raise ValueError("an entry cannot 'see' itself")
        if len(set(self.see)) != len(self.see):
            raise ValueError("see lists an entry twice")
        return self

    def plain_term(self) -> str:
        """The term without its emphasis marks, as lesson text spells it."""
        return self.term.replace("*", "")

    def spellings(self) -> list[str]:
        """The term and its aliases: what the linker looks for in a lesson."""
        return [self.plain_term(), *self.aliases]

    def sort_key(self) -> str:
        return self.plain_term().casefold()


class Glossary(BaseModel):
    """``assets/glossary.yaml``: the entries, sorted by term."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    entries: list[Entry] = Field(min_length=1)

    def entry(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(f"no glossary entry {entry_id!r}")


def _locate(raw: dict[str, Any], location: tuple[int | str, ...]) -> str:
    """A pydantic error location as ``entry <id>: <field>``, or the field outside entries."""
    if len(location) >= 2 and location[0] == "entries" and isinstance(location[1], int):
        entries = raw.get("entries") or []
        entry = entries[location[1]] if location[1] < len(entries) else None
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        label = str(entry_id) if entry_id else f"#{location[1] + 1} (no id)"
        return f"entry {label}: {field_name(location[2:])}"
    return field_name(location)


def _parse(path: Path) -> Glossary:
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ContentError(path, "must be a YAML mapping at the top level")
    try:
        return Glossary.model_validate(raw)
    except ValidationError as error:
        errors = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        problem = (
            "unknown field (misspelt?)" if first["type"] == "extra_forbidden" else first["msg"]
        )
        raise ContentError(path, problem, field=_locate(raw, first["loc"])) from None


def _check(glossary: Glossary, path: Path, *, reference_count: int) -> None:
    """What one entry cannot show: unique ids, the order, see targets, spellings, references."""
    ids = [entry.id for entry in glossary.entries]
    owner: dict[str, str] = {}
    previous: Entry | None = None
    for entry in glossary.entries:
        where = f"entry {entry.id}"
        if ids.count(entry.id) > 1:
            raise ContentError(path, "duplicate entry id", field=f"{where}: id")
        if previous is not None and entry.sort_key() < previous.sort_key():
            problem = f"out of alphabetical order: sort it before {previous.term!r}"
            raise ContentError(path, problem, field=f"{where}: term")
        previous = entry
        unknown = [target for target in entry.see if target not in ids]
        if unknown:
            raise ContentError(path, f"no entry with id(s) {unknown}", field=f"{where}: see")
        for spelling in entry.spellings():
            if owner.setdefault(spelling.casefold(), entry.id) != entry.id:
                problem = f"{spelling!r} also spells entry {owner[spelling.casefold()]}"
                raise ContentError(path, problem, field=f"{where}: aliases")
        bad_refs = [n for n in entry.refs if not 1 <= n <= reference_count]
        if bad_refs:
            raise ContentError(path, f"no such reference(s) {bad_refs}", field=f"{where}: refs")


@cache
def _load_once(path: Path, reference_count: int) -> Glossary:
    glossary = _parse(path)
    _check(glossary, path, reference_count=reference_count)
    return glossary


def load_glossary(path: Path | None = None) -> Glossary:
    """``assets/glossary.yaml`` (or ``path``), checked against the reference list, read once."""
    reference_count = len(load_references().references)
    return _load_once((path or asset_path(FILE)).resolve(), reference_count)
