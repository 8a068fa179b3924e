"""The laboratory explorer of lesson 03: calcium and phosphate in, their product against targets.

Thin: units and plausibility come from ``units``, every sentence from ``readout`` and the chart
from ``widgets.charts.lab_product``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw

from widgets.charts.lab_product import product_chart
from widgets.charts.output import ChartWhenViewed
from widgets.labs.readout import product_readout, refused_entry, what_would_move_it
from widgets.labs.units import UNITS, LabValueError, Product, from_mg_dl, to_mg_dl

_STYLE = {"description_width": "15em"}


class LabExplorer(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Enter calcium and phosphate (mg/dL or mmol/L) and see the product against the targets."""

    def __init__(self, *, calcium_mg_dl: float = 9.5, phosphate_mg_dl: float = 3.5) -> None:
        self.unit = ipw.ToggleButtons(
            options=list(UNITS), value="mg/dL", description="Units", style=_STYLE
        )
        self.calcium = _entry(calcium_mg_dl, "calcium")
        self.phosphate = _entry(phosphate_mg_dl, "phosphate")
        self.readout = ipw.HTML()
        self.readout.add_class("tc-lab-readout")
        self.chart = ipw.Output()
        self.chart.add_class("tc-lab-chart")
        self._chart = ChartWhenViewed(self.chart)
        moves = ipw.HTML(what_would_move_it())
        super().__init__([self.unit, self.calcium, self.phosphate, self.readout, self.chart, moves])
        self.add_class("tc-lab-explorer")
        self._product: Product | None = None
        self._converting = False
        self.calcium.observe(self._on_value_change, names="value")
        self.phosphate.observe(self._on_value_change, names="value")
        self.unit.observe(self._on_unit_change, names="value")
        self._update()

    @property
    def product(self) -> Product | None:
        return self._product

    def _on_value_change(self, _: dict[str, Any]) -> None:
        if not self._converting:
            self._update()

    def _on_unit_change(self, change: dict[str, Any]) -> None:
        old, new = str(change["old"]), str(change["new"])
        self._converting = True  # both entries may change: compute once, with both converted
        try:
            for text, analyte in ((self.calcium, "calcium"), (self.phosphate, "phosphate")):
                text.description = f"Serum {analyte} ({new})"
                text.value = _converted(text.value, analyte=analyte, old=old, new=new)
        finally:
            self._converting = False
        self._update()

    def _update(self) -> None:
        try:
            calcium = to_mg_dl(self.calcium.value, analyte="calcium", unit=self.unit.value)
            phosphate = to_mg_dl(self.phosphate.value, analyte="phosphate", unit=self.unit.value)
        except LabValueError as problem:
            self.readout.value = refused_entry(str(problem))
            return
        self._product = Product(calcium, phosphate)
        self.readout.value = product_readout(self._product)
        self._chart.show(product_chart(self._product))

    def __repr__(self) -> str:
        product = f"{self._product.mg2_dl2:.1f} mg²/dL²" if self._product else "none"
        return f"LabExplorer(product={product})"


def _converted(typed: str, *, analyte: str, old: str, new: str) -> str:
    """``typed`` (in unit ``old``) written in unit ``new``; an unusable entry stays as typed."""
    try:
        mg_dl = to_mg_dl(typed, analyte=analyte, unit=old)
    except LabValueError:
        return typed
    return f"{from_mg_dl(mg_dl, analyte=analyte, unit=new):.3g}"


def _entry(mg_dl: float, analyte: str) -> ipw.Text:
    return ipw.Text(
        value=f"{mg_dl:g}",
        description=f"Serum {analyte} (mg/dL)",
        style=_STYLE,
        continuous_update=False,
    )
