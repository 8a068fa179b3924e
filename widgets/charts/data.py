"""Published figures as tidy data (``assets/data/*.yaml``): every row names its source.

A row is one published number (or range) about one population, with the reference number of
its source and the confidence the medical brief gives it. Charts only draw rows; a figure never
holds a number that is not a row here.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from widgets.loading import load_content, require_unique_ids
from widgets.paths import data_dir, table_path

Confidence = Literal["high", "moderate", "low"]
#: Days in a year, to place an age given in years within a band given in days.
DAYS_PER_YEAR = 365.25


class AgeSpan(BaseModel):
    """The ages a row applies to, in completed days or years: ``1-3 years`` holds a child of 3.5."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: int = Field(ge=0)
    high: int | None = Field(default=None, ge=0)  # None: no upper end
    unit: Literal["days", "years"]

    @model_validator(mode="after")
    def _in_order(self) -> AgeSpan:
        if self.high is not None and self.high < self.low:
            raise ValueError(f"high {self.high} is below low {self.low}")
        return self

    def bounds_years(self) -> tuple[float, float]:
        """The span as ages in years: from the first (inclusive) to the second (exclusive)."""
        per_year = DAYS_PER_YEAR if self.unit == "days" else 1.0
        end = math.inf if self.high is None else (self.high + 1) / per_year
        return self.low / per_year, end

    def contains(self, age_years: float) -> bool:
        start, end = self.bounds_years()
        return start <= age_years < end


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
    ages: AgeSpan | None = None  # the ages the number applies to, when it depends on age
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
    #: What a legend calls a group of rows (``hftc: HFTC``); a chart naming a group needs one.
    group_labels: dict[str, str] = Field(default_factory=dict)
    rows: list[Row] = Field(min_length=1)

    @field_validator("rows")
    @classmethod
    def _ids_unique(cls, rows: list[Row]) -> list[Row]:
        require_unique_ids([row.id for row in rows], "row")
        return rows

    @model_validator(mode="after")
    def _labels_name_groups(self) -> Table:
        groups = {row.group for row in self.rows}
        for group, text in self.group_labels.items():
            if group not in groups:
                raise ValueError(f"group_labels names {group!r}, a group with no rows")
            if not text.strip():
                raise ValueError(f"group_labels gives {group!r} an empty label")
        return self

    def group(self, name: str) -> list[Row]:
        rows = [row for row in self.rows if row.group == name]
        if not rows:
            raise KeyError(
                f"no rows in group {name!r}; groups: {sorted({r.group for r in self.rows})}"
            )
        return rows

    def group_label(self, name: str) -> str:
        """What a legend calls group ``name`` (from ``group_labels``; never the raw id)."""
        self.group(name)
        if name not in self.group_labels:
            raise KeyError(f"{self.title!r} has no group_labels entry for group {name!r}")
        return self.group_labels[name]

    def row(self, row_id: str) -> Row:
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(f"no row {row_id!r} in {self.title!r}")


def load_table(name: str) -> Table:
    """``assets/data/<name>.yaml``, read once per kernel."""
    path = table_path(name)
    return load_content(path.name, Table, path)


def data_files() -> list[str]:
    return sorted(path.stem for path in data_dir().glob("*.yaml"))
