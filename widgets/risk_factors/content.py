"""The risk-factor explorer's rules as data (``assets/risk-factors.yaml``).

The file holds the explorer's choices and every point it can make: the sentence (with
``{placeholders}`` the rules fill), its kind, the thresholds that select it and its sources. The
numbers it compares with (reference intervals, product targets) are rows of
``assets/data/lab-values.yaml``, named here by id and checked when the file is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from widgets.charts.data import Row, Table
from widgets.labs.units import lab_values
from widgets.loading import ContentError, Refs, load_content, placeholders, require_unique_ids
from widgets.paths import asset_path

FILE = "risk-factors.yaml"
Kind = Literal["points to", "risk factor", "caution"]
RowId = str  # the id of a row of data/lab-values.yaml


class Statement(BaseModel):
    """One point the explorer can make: its kind, its sentence and the sources it rests on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    text: str = Field(min_length=10)
    refs: Refs


class Section(BaseModel):
    """A model whose statements may use only the placeholders the rules fill for them.

    ``PLACEHOLDERS`` maps a statement field to the names its sentence may use; by default none.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    PLACEHOLDERS: ClassVar[Mapping[str, frozenset[str]]] = {}

    @field_validator("*")
    @classmethod
    def _known_placeholders(cls, value: object, info: ValidationInfo) -> object:
        if isinstance(value, Statement):
            allowed = cls.PLACEHOLDERS.get(info.field_name or "", frozenset())
            unknown = placeholders(value.text) - allowed
            if unknown:
                raise ValueError(
                    f"unknown placeholder(s) {', '.join(sorted(unknown))} in text; "
                    f"allowed: {', '.join(sorted(allowed)) or 'none'}"
                )
        return value


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str = Field(min_length=2)


class Question(BaseModel):
    """A dropdown: its label, the name its errors use and its choices (the first is the default)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=2)
    name: str = Field(min_length=2)
    choices: Sequence[Choice] = Field(min_length=1)

    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    @model_validator(mode="after")
    def _values_unique(self) -> Question:
        require_unique_ids(list(self.values()), "choice")
        return self


class Age(Section):
    label: str = Field(min_length=2)
    min_years: float = Field(ge=0)  # input limits of the age entry
    max_years: float = Field(gt=0)
    default_years: float = Field(ge=0)
    young_up_to_years: float = Field(gt=0)  # this age or younger is "young"
    young: Statement
    adult_with_kidney_disease: Statement
    adult: Statement

    @model_validator(mode="after")
    def _default_within_limits(self) -> Age:
        if not self.min_years <= self.default_years <= self.max_years:
            raise ValueError("default_years must lie between min_years and max_years")
        return self


class FamilyChoice(Choice, Section):
    point: Statement


class Family(Question):
    choices: list[FamilyChoice] = Field(min_length=1)


class KidneyChoice(Choice):
    kidney_disease: bool = False  # kidneys that fail: the secondary form's setting


class Kidneys(Question, Section):
    choices: list[KidneyChoice] = Field(min_length=2)
    with_kidney_disease: Statement  # what failing kidneys point to

    @model_validator(mode="after")
    def _first_is_normal(self) -> Kidneys:
        if self.choices[0].kidney_disease:
            raise ValueError("the first (default) choice must be kidneys that work")
        return self


class BackgroundChoice(Choice):
    note: str = ""  # what is reported in this background; cited by refs
    refs: list[Annotated[int, Field(ge=1)]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _note_is_cited(self) -> BackgroundChoice:
        if bool(self.note) != bool(self.refs):
            raise ValueError("give note and refs together")
        return self


class Background(Question, Section):
    PLACEHOLDERS: ClassVar[Mapping[str, frozenset[str]]] = {"point": frozenset({"note"})}
    choices: list[BackgroundChoice] = Field(min_length=1)
    point: Statement  # shown for a background with a note; {note} is that note


class PthChoice(Choice, Section):
    with_normal_kidneys: Statement | None = None
    with_kidney_disease: Statement | None = None


class Pth(Question):
    choices: list[PthChoice] = Field(min_length=1)


_COMPARED = frozenset({"phosphate_mg_dl", "upper_mg_dl"})


class Phosphate(Section):
    PLACEHOLDERS: ClassVar[Mapping[str, frozenset[str]]] = {
        "high_with_normal_kidneys": _COMPARED,
        "high_with_kidney_disease": _COMPARED,
        "normal_with_normal_kidneys": _COMPARED,
        "no_range_for_age": frozenset({"phosphate_mg_dl"}),
    }
    #: Age-specific example reference intervals, rows with ``ages`` that do not overlap.
    reference_rows: list[RowId] = Field(min_length=1)
    high_with_normal_kidneys: Statement
    high_with_kidney_disease: Statement
    normal_with_normal_kidneys: Statement
    no_range_for_age: Statement

    @field_validator("reference_rows")
    @classmethod
    def _rows_unique(cls, rows: list[RowId]) -> list[RowId]:
        require_unique_ids(rows, "row")
        return rows


class Target(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    row: RowId  # a product target in mg²/dL²
    up_to_years: float | None = None  # applies at this age or younger; None: at any age


_PRODUCT = frozenset({"product_mg2_dl2", "target_mg2_dl2"})


class ProductRule(Section):
    PLACEHOLDERS: ClassVar[Mapping[str, frozenset[str]]] = {
        "at_or_above_target": _PRODUCT,
        "below_target": _PRODUCT,
    }
    #: The first target whose ``up_to_years`` the age does not exceed applies.
    targets: list[Target] = Field(min_length=1)
    at_or_above_target: Statement
    below_target: Statement

    @field_validator("targets")
    @classmethod
    def _last_applies_at_any_age(cls, targets: list[Target]) -> list[Target]:
        if targets[-1].up_to_years is not None:
            raise ValueError("the last target must apply at any age (no up_to_years)")
        return targets


class RiskFactors(Section):
    """``assets/risk-factors.yaml``: everything the risk-factor explorer asks and says."""

    schema_version: Literal[1]
    age: Age
    family: Family
    kidneys: Kidneys
    background: Background
    pth: Pth
    phosphate: Phosphate
    product: ProductRule
    no_probability: Statement  # always last: no published model gives a probability


def load_risk_factors(path: Path | None = None) -> RiskFactors:
    """``assets/risk-factors.yaml``, read once per kernel, with its lab-value rows checked."""
    rules = load_content(FILE, RiskFactors, path)
    check_rows(rules, lab_values(), path or asset_path(FILE))
    return rules


def check_rows(rules: RiskFactors, table: Table, path: Path) -> None:
    """Refuse rows that are missing or will not do, naming the field of ``path`` that names them."""
    _check_reference_rows(rules.phosphate, table, path)
    _check_targets(rules.product, table, path)


def _check_reference_rows(phosphate: Phosphate, table: Table, path: Path) -> None:
    compared = [
        phosphate.high_with_normal_kidneys,
        phosphate.high_with_kidney_disease,
        phosphate.normal_with_normal_kidneys,
    ]
    spans: list[tuple[float, float, str]] = []
    for number, row_id in enumerate(phosphate.reference_rows):
        field = f"phosphate.reference_rows[{number}]"
        row = _row(table, row_id, path, field)
        if row.ages is None or row.high is None or row.unit != "mg/dL":
            problem = f"row {row_id!r} must give ages and a range in mg/dL"
            raise ContentError(path, problem, field=field)
        _require_cited(row, compared, path, field)
        spans.append((*row.ages.bounds_years(), row_id))
    for (_, end, first), (start, _, second) in pairwise(sorted(spans)):
        if start < end:
            problem = f"the ages of rows {first!r} and {second!r} overlap"
            raise ContentError(path, problem, field="phosphate.reference_rows")


def _check_targets(product: ProductRule, table: Table, path: Path) -> None:
    for number, target in enumerate(product.targets):
        field = f"product.targets[{number}].row"
        row = _row(table, target.row, path, field)
        if row.value is None or row.unit != "mg²/dL²":
            raise ContentError(path, f"row {row.id!r} must give a value in mg²/dL²", field=field)
        _require_cited(row, [product.at_or_above_target, product.below_target], path, field)


def _row(table: Table, row_id: RowId, path: Path, field: str) -> Row:
    try:
        return table.row(row_id)
    except KeyError as missing:
        raise ContentError(path, str(missing.args[0]), field=field) from None


def _require_cited(row: Row, statements: list[Statement], path: Path, field: str) -> None:
    if any(row.source not in statement.refs for statement in statements):
        problem = f"every statement that uses row {row.id!r} must cite its source [{row.source}]"
        raise ContentError(path, problem, field=field)
