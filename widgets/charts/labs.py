"""Calcium, phosphate and their product: units, plausibility, and the published targets.

Conversion factors from the medical brief 6.4: phosphate mg/dL x 0.323 = mmol/L [8, 41];
calcium mg/dL x 0.25 = mmol/L [72]; product mg²/dL² x 0.0806 ~ mmol²/L² [4].
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from widgets.charts.data import Table, load_table
from widgets.charts.figures import hover, styled
from widgets.charts.palette import SEQUENCE

PHOSPHATE_MMOL_PER_MG_DL = 0.323
CALCIUM_MMOL_PER_MG_DL = 0.25
PRODUCT_MMOL_PER_MG_DL = PHOSPHATE_MMOL_PER_MG_DL * CALCIUM_MMOL_PER_MG_DL  # 0.0808 ~ 0.0806
UNITS = ("mg/dL", "mmol/L")
# Input limits, not clinical thresholds: values outside cannot be a measured serum level.
PLAUSIBLE_MG_DL = {"calcium": (2.0, 20.0), "phosphate": (0.5, 25.0)}


class LabValueError(ValueError):
    """A laboratory value that cannot be used; the message says which and why."""


def to_mg_dl(value: object, *, analyte: str, unit: str) -> float:
    """A typed serum value in mg/dL, refusing text, negatives, NaN and impossible levels."""
    if unit not in UNITS:
        raise LabValueError(f"unit must be mg/dL or mmol/L, not {unit!r}")
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", ".")) if len(value) < 30 else math.nan
        except ValueError:
            raise LabValueError(f"{analyte} must be a number, not {value!r}") from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LabValueError(f"{analyte} must be a number, not {value!r}")
    if value <= 0:
        raise LabValueError(f"{analyte} must be above zero, not {value:g} {unit}")
    factor = CALCIUM_MMOL_PER_MG_DL if analyte == "calcium" else PHOSPHATE_MMOL_PER_MG_DL
    mg_dl = value if unit == "mg/dL" else value / factor
    low, high = PLAUSIBLE_MG_DL[analyte]
    if not low <= mg_dl <= high:
        shown = f"{mg_dl:.3g} mg/dL" if unit == "mg/dL" else f"{value:g} mmol/L ({mg_dl:.3g} mg/dL)"
        raise LabValueError(
            f"{analyte} of {shown} is not a possible serum level ({low:g}-{high:g} mg/dL)"
        )
    return float(mg_dl)


@dataclass(frozen=True)
class Product:
    calcium_mg_dl: float
    phosphate_mg_dl: float

    @property
    def mg2_dl2(self) -> float:
        return self.calcium_mg_dl * self.phosphate_mg_dl

    @property
    def mmol2_l2(self) -> float:
        return (self.calcium_mg_dl * CALCIUM_MMOL_PER_MG_DL) * (
            self.phosphate_mg_dl * PHOSPHATE_MMOL_PER_MG_DL
        )


def product_chart(product: Product | None, table: Table | None = None) -> go.Figure:
    """The product on one axis (mg²/dL²) against the published targets and patients' values."""
    table = table or load_table("lab-values")
    figure = go.Figure()
    targets = [row for row in table.group("targets") if row.unit.startswith("mg")]
    for colour, row in zip((SEQUENCE[2], SEQUENCE[1], SEQUENCE[3]), targets, strict=False):
        figure.add_vline(x=row.value, line={"color": colour, "width": 3, "dash": "dash"})
        figure.add_trace(
            go.Scatter(
                x=[row.value],
                y=["Targets"],
                mode="markers",
                marker={"color": colour, "size": 14},
                name=row.label,
                hovertext=[hover(row)],
                hoverinfo="text",
            )
        )
    patients = [row for row in table.group("patients") if row.unit.startswith("mg²")]
    figure.add_trace(
        go.Scatter(
            x=[row.value for row in patients],
            y=["Reported in patients"] * len(patients),
            mode="markers",
            marker={"color": SEQUENCE[4], "size": 16, "symbol": "diamond"},
            name="Reported in patients",
            hovertext=[hover(row) for row in patients],
            hoverinfo="text",
        )
    )
    if product is not None:
        figure.add_trace(
            go.Scatter(
                x=[round(product.mg2_dl2, 1)],
                y=["Your patient"],
                mode="markers+text",
                marker={"color": SEQUENCE[0], "size": 20},
                text=[f"{product.mg2_dl2:.1f}"],
                textposition="middle right",
                name="Your patient",
                hoverinfo="x",
            )
        )
    figure.update_xaxes(range=[0, max(110, (product.mg2_dl2 + 10) if product else 0)])
    return styled(
        figure,
        title="Calcium x phosphate product against targets (mg²/dL²)",
        x_title="Calcium x phosphate (mg²/dL²)",
        height=380,
    )
