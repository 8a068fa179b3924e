"""Calcium, phosphate and their product: units, and whether a typed value can be a serum level.

The conversion factors are rows of ``assets/data/lab-values.yaml`` (group ``conversions``), so
they are written once: phosphate mg/dL x 0.323 = mmol/L, calcium mg/dL x 0.25 = mmol/L.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from widgets.charts.data import Table, load_table
from widgets.typed_numbers import NotANumberError, parse_number

#: The table of laboratory values: targets, reference intervals and conversion factors.
LAB_VALUES = "lab-values"
UNITS = ("mg/dL", "mmol/L")
#: The row of ``LAB_VALUES`` that holds each analyte's factor from mg/dL to mmol/L.
FACTOR_ROWS = {"calcium": "calcium-mg-dl-to-mmol-l", "phosphate": "phosphate-mg-dl-to-mmol-l"}
# Input limits, not clinical thresholds: values outside cannot be a measured serum level.
PLAUSIBLE_MG_DL = {"calcium": (2.0, 20.0), "phosphate": (0.5, 25.0)}


class LabValueError(ValueError):
    """A laboratory value that cannot be used; the message says which and why."""


def lab_values() -> Table:
    """``assets/data/lab-values.yaml``, read once per kernel."""
    return load_table(LAB_VALUES)


def mmol_per_mg_dl(analyte: str) -> float:
    """The factor from mg/dL to mmol/L of ``analyte`` ("calcium" or "phosphate")."""
    if analyte not in FACTOR_ROWS:
        raise LabValueError(f"analyte must be calcium or phosphate, not {analyte!r}")
    row = lab_values().row(FACTOR_ROWS[analyte])
    if row.value is None or row.unit != "mmol/L per mg/dL":
        raise ValueError(f"row {row.id!r} must give a value in mmol/L per mg/dL")
    return row.value


def to_mg_dl(value: object, *, analyte: str, unit: str) -> float:
    """A serum value in mg/dL, typed (read by ``widgets.typed_numbers``) or a Python number.

    Refuses what is not a finite number, negatives, zero and levels no serum can have.
    """
    if analyte not in FACTOR_ROWS:
        raise LabValueError(f"analyte must be calcium or phosphate, not {analyte!r}")
    if unit not in UNITS:
        raise LabValueError(f"unit must be mg/dL or mmol/L, not {unit!r}")
    if isinstance(value, str):
        try:
            value = parse_number(value)
        except NotANumberError as problem:
            raise LabValueError(f"{analyte} must be a number. {problem}") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LabValueError(f"{analyte} must be a number, not {value!r}")
    if value <= 0:
        raise LabValueError(f"{analyte} must be above zero, not {value:g} {unit}")
    mg_dl = value if unit == "mg/dL" else value / mmol_per_mg_dl(analyte)
    low, high = PLAUSIBLE_MG_DL[analyte]
    if not low <= mg_dl <= high:
        shown = f"{mg_dl:.3g} mg/dL" if unit == "mg/dL" else f"{value:g} mmol/L ({mg_dl:.3g} mg/dL)"
        raise LabValueError(
            f"{analyte} of {shown} is not a possible serum level ({low:g}-{high:g} mg/dL)"
        )
    return float(mg_dl)


def from_mg_dl(mg_dl: float, *, analyte: str, unit: str) -> float:
    """A level in mg/dL expressed in ``unit``."""
    if unit not in UNITS:
        raise LabValueError(f"unit must be mg/dL or mmol/L, not {unit!r}")
    return mg_dl if unit == "mg/dL" else mg_dl * mmol_per_mg_dl(analyte)


@dataclass(frozen=True)
class Product:
    """The calcium x phosphate product of two serum levels."""

    calcium_mg_dl: float
    phosphate_mg_dl: float

    @property
    def mg2_dl2(self) -> float:
        return self.calcium_mg_dl * self.phosphate_mg_dl

    @property
    def mmol2_l2(self) -> float:
        return from_mg_dl(self.calcium_mg_dl, analyte="calcium", unit="mmol/L") * from_mg_dl(
            self.phosphate_mg_dl, analyte="phosphate", unit="mmol/L"
        )
