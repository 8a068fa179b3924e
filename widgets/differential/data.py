"""The mimics of tumoral calcinosis as data (``assets/differential.yaml``), feature by feature."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from widgets.loading import load_content, require_unique_ids
from widgets.references.citations import cited_numbers
from widgets.xray.conditions import CONDITIONS

#: A table cell: short, and carrying its sources as ``[n]`` or ``[n, m]``.
Cell = Annotated[str, Field(min_length=5, max_length=400, pattern=r"\[\d+(?:, \d+)*\]")]
#: The columns of the table, in order, with their headings.
COLUMNS = {
    "context": "Who and when",
    "where": "Where",
    "film": "On the film",
    "labs": "Laboratory and tissue",
    "clue": "What tells it apart",
}


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    name: str = Field(min_length=2, max_length=120)
    #: The simulator's model of this condition, if it has one (``widgets.xray`` conditions).
    simulator: Literal[tuple(CONDITIONS)] | None = None  # type: ignore[valid-type]
    context: Cell
    where: Cell
    film: Cell
    labs: Cell
    clue: Cell

    def cell(self, column: str) -> str:
        return str(getattr(self, column))


class Differential(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    title: str = Field(min_length=2)
    conditions: list[Condition] = Field(min_length=2)

    @field_validator("conditions")
    @classmethod
    def _ids_unique(cls, conditions: list[Condition]) -> list[Condition]:
        require_unique_ids([c.id for c in conditions], "condition")
        require_unique_ids([c.simulator for c in conditions if c.simulator], "simulator")
        return conditions

    def simulated(self) -> list[Condition]:
        """The conditions the simulator can show, in the file's order."""
        return [c for c in self.conditions if c.simulator]

    def citations(self) -> set[int]:
        return {
            n for c in self.conditions for column in COLUMNS for n in cited_numbers(c.cell(column))
        }


def load_differential(path: Path | None = None) -> Differential:
    """``assets/differential.yaml``, read once per kernel."""
    return load_content("differential.yaml", Differential, path)
