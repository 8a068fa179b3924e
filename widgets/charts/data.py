"""Published figures as tidy data (``assets/data/*.yaml``): every row names its source.

A row is one published number (or range) about one population, with the reference number of
its source and the confidence the medical brief gives it. Charts only draw rows; a figure never
holds a number that is not a row here.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from widgets.loading import load_content, require_unique_ids
from widgets.paths import assets_dir

Confidence = Literal["high", "moderate", "low"]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    group: str = Field(min_length=1)  # rows a chart draws together, e.g. "hftc-review"
    label: str = Field(min_length=1)
    value: float | None = None
    low: float | None = None  # a published range: low-high
    high: float | None = None
    numerator: int | None = Field(default=None, ge=0)
    denominator: int | None = Field(default=None, gt=0)
    unit: str = Field(min_length=1)
    population: str = Field(min_length=3)
    source: int = Field(ge=1)
    confidence: Confidence
    note: str = ""

    @model_validator(mode="after")
    def _has_a_number(self) -> Row:
        if self.value is None and (self.low is None or self.high is None):
            raise ValueError("a row needs a value, or both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        if (self.numerator is None) != (self.denominator is None):
            raise ValueError("give numerator and denominator together")
        return self


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    title: str
    description: str
    rows: list[Row] = Field(min_length=1)

    @field_validator("rows")
    @classmethod
    def _ids_unique(cls, rows: list[Row]) -> list[Row]:
        require_unique_ids([row.id for row in rows], "row")
        return rows

    def group(self, name: str) -> list[Row]:
        rows = [row for row in self.rows if row.group == name]
        if not rows:
            raise KeyError(
                f"no rows in group {name!r}; groups: {sorted({r.group for r in self.rows})}"
            )
        return rows

    def row(self, row_id: str) -> Row:
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(f"no row {row_id!r} in {self.title!r}")


@cache
def load_table(name: str) -> Table:
    """``assets/data/<name>.yaml``."""
    return load_content(f"data/{name}.yaml", Table)


def data_files() -> list[str]:
    return sorted(path.stem for path in (assets_dir() / "data").glob("*.yaml"))
