"""The interactive parts of lessons 2-4: a risk-factor explorer, a laboratory explorer for the
calcium x phosphate product, and a body map. Thin: every number comes from ``labs``, ``profile``
and ``figures``; charts are plain plotly outputs placed in an ``Output``'s state, never written
into it while the notebook executes (DESIGN 4)."""

from __future__ import annotations

import html
import json
from typing import Any, ClassVar

import ipywidgets as ipw
import plotly.graph_objects as go
import plotly.io as pio

from widgets.charts.figures import body_map_figure
from widgets.charts.labs import UNITS, LabValueError, Product, product_chart, to_mg_dl
from widgets.charts.profile import BACKGROUNDS, FAMILY, KIDNEYS, PTH, Profile, assess
from widgets.markup import citation, inline

_STYLE = {"description_width": "15em"}


def figure_output(figure: go.Figure) -> dict[str, Any]:
    """A Figure as a notebook display output: the plotly mime bundle, rendered from local files."""
    spec = json.loads(pio.to_json(figure, validate=False))
    bundle = {
        "data": spec["data"],
        "layout": spec["layout"],
        "config": {"displaylogo": False, "responsive": True},
    }
    return {
        "output_type": "display_data",
        "data": {"application/vnd.plotly.v1+json": bundle, "text/plain": "<plotly Figure>"},
        "metadata": {},
    }


def show(output: ipw.Output, figure: go.Figure) -> None:
    output.outputs = (figure_output(figure),)


class ChartWhenViewed:
    """An ``Output`` that receives its plotly figure only once the browser shows it.

    Measured in Voila on a loaded two-core machine: a lesson whose page opens with a chart already
    inside the laboratory explorer's ``Output`` showed "Error displaying widget: model not found"
    in place of a later widget in 2-5 views of 8-12; with the figure sent after the view exists,
    none did. The frontend counts views when ``_view_count`` is not None; the first count fills
    the chart, and later figures go straight in.
    """

    def __init__(self, output: ipw.Output) -> None:
        self.output = output
        self._pending: go.Figure | None = None
        output._view_count = 0
        output.observe(self._on_view_count, names="_view_count")

    @property
    def viewed(self) -> bool:
        return bool(self.output._view_count)

    def show(self, figure: go.Figure) -> None:
        if self.viewed:
            show(self.output, figure)
        else:
            self._pending = figure

    def _on_view_count(self, change: dict[str, Any]) -> None:
        if change["new"] and self._pending is not None:
            figure, self._pending = self._pending, None
            show(self.output, figure)


def _error(message: str) -> str:
    return f'<p class="tc-input-error" style="color:#b00020">⚠ {html.escape(message)}</p>'


class LabExplorer(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Enter calcium and phosphate (mg/dL or mmol/L) and see the product against the targets."""

    def __init__(self, *, calcium_mg_dl: float = 9.5, phosphate_mg_dl: float = 3.5) -> None:
        self.unit = ipw.ToggleButtons(
            options=list(UNITS), value="mg/dL", description="Units", style=_STYLE
        )
        self.calcium = ipw.Text(
            value=f"{calcium_mg_dl:g}",
            description="Serum calcium (mg/dL)",
            style=_STYLE,
            continuous_update=False,
        )
        self.phosphate = ipw.Text(
            value=f"{phosphate_mg_dl:g}",
            description="Serum phosphate (mg/dL)",
            style=_STYLE,
            continuous_update=False,
        )
        self.readout = ipw.HTML()
        self.readout.add_class("tc-lab-readout")
        self.chart = ipw.Output()
        self.chart.add_class("tc-lab-chart")
        self._chart = ChartWhenViewed(self.chart)
        moves = ipw.HTML(_WHAT_MOVES_IT)
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
        unit = str(change["new"])
        for text, analyte in ((self.calcium, "calcium"), (self.phosphate, "phosphate")):
            text.description = f"Serum {analyte} ({unit})"
        if self._product is not None:
            to_unit = (
                {"calcium": 0.25, "phosphate": 0.323}
                if unit == "mmol/L"
                else {"calcium": 1, "phosphate": 1}
            )
            calcium = f"{self._product.calcium_mg_dl * to_unit['calcium']:.3g}"
            phosphate = f"{self._product.phosphate_mg_dl * to_unit['phosphate']:.3g}"
            self._converting = True  # both entries change: compute once, with both converted
            try:
                self.calcium.value, self.phosphate.value = calcium, phosphate
            finally:
                self._converting = False
        self._update()

    def _update(self) -> None:
        try:
            calcium = to_mg_dl(self.calcium.value, analyte="calcium", unit=self.unit.value)
            phosphate = to_mg_dl(self.phosphate.value, analyte="phosphate", unit=self.unit.value)
        except LabValueError as problem:
            self.readout.value = _error(str(problem))
            return
        self._product = Product(calcium, phosphate)
        self.readout.value = _product_text(self._product)
        self._chart.show(product_chart(self._product))

    def __repr__(self) -> str:
        product = f"{self._product.mg2_dl2:.1f} mg²/dL²" if self._product else "none"
        return f"LabExplorer(product={product})"


def _product_text(product: Product) -> str:
    relation = (
        "below the KDOQI target of 55 mg²/dL² for adults and adolescents"
        if product.mg2_dl2 < 55
        else "above the KDOQI target of 55 mg²/dL² for adults and adolescents"
    )
    return (
        "<p><strong>Calcium x phosphate product: "
        f"<span class='tc-product'>{product.mg2_dl2:.1f}</span> "
        f"mg²/dL²</strong> ({product.mmol2_l2:.2f} mmol²/L²): {relation} {citation([39])}. "
        f"Targets guide treatment; they are not a diagnostic cut-off {citation([4])}.</p>"
    )


_WHAT_MOVES_IT = (
    "<p><strong>What would move it.</strong></p><ul>"
    "<li>Less phosphate: low-phosphate diet and non-calcium binders (sevelamer, lanthanum) "
    f"{citation([3, 4, 36])}.</li>"
    "<li>Less calcium load: no calcium-based binders, less active vitamin D when calcium or the "
    f"product is high {citation([3, 28, 32])}.</li>"
    "<li>On dialysis: low-calcium dialysate and more frequent or longer dialysis "
    f"{citation([31, 32, 39])}; parathyroidectomy or transplantation when needed "
    f"{citation([28, 34])}.</li></ul>"
)


class RiskFactorExplorer(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Set a patient profile; see the risk factors and the form it points to, with sources."""

    def __init__(self) -> None:
        self.age = ipw.BoundedFloatText(
            value=10, min=0, max=110, step=1, description="Age (years)", style=_STYLE
        )
        self.family = ipw.Dropdown(
            options=FAMILY, value=FAMILY[0], description="Family history", style=_STYLE
        )
        self.kidneys = ipw.Dropdown(
            options=KIDNEYS, value=KIDNEYS[0], description="Kidney function", style=_STYLE
        )
        self.background = ipw.Dropdown(
            options=BACKGROUNDS, value=BACKGROUNDS[0], description="Family background", style=_STYLE
        )
        self.phosphate = ipw.Text(
            value="",
            placeholder="blank if not measured",
            description="Phosphate (mg/dL)",
            style=_STYLE,
            continuous_update=False,
        )
        self.calcium = ipw.Text(
            value="",
            placeholder="blank if not measured",
            description="Calcium (mg/dL)",
            style=_STYLE,
            continuous_update=False,
        )
        self.pth = ipw.Dropdown(options=PTH, value=PTH[0], description="PTH", style=_STYLE)
        self.result = ipw.HTML()
        self.result.add_class("tc-risk-result")
        controls = [
            self.age,
            self.family,
            self.kidneys,
            self.background,
            self.phosphate,
            self.calcium,
            self.pth,
        ]
        super().__init__([ipw.VBox(controls), self.result])
        self.add_class("tc-risk-explorer")
        for control in controls:
            control.observe(self._on_profile_change, names="value")
        self._update()

    def _on_profile_change(self, _: dict[str, Any]) -> None:
        self._update()

    def _update(self) -> None:
        try:
            profile = Profile(
                age_years=float(self.age.value),
                family=self.family.value,
                kidneys=self.kidneys.value,
                background=self.background.value,
                pth=self.pth.value,
                phosphate_mg_dl=_optional(self.phosphate.value, "phosphate"),
                calcium_mg_dl=_optional(self.calcium.value, "calcium"),
            )
            points = assess(profile)
        except LabValueError as problem:
            self.result.value = _error(str(problem))
            return
        self.result.value = _points_html(points)


def _optional(text: str, analyte: str) -> float | None:
    return None if not text.strip() else to_mg_dl(text, analyte=analyte, unit="mg/dL")


def _points_html(points: list[Any]) -> str:
    badge = {"points to": "#0072B2", "risk factor": "#D55E00", "caution": "#555555"}
    items = "".join(
        "<li style='margin:0.3em 0'>"
        f"<span style='color:white;background:{badge[p.kind]};padding:0 0.4em;"
        f"border-radius:3px'>{html.escape(p.kind)}</span> {inline(p.text)} {citation(p.refs)}</li>"
        for p in points
    )
    return f"<ul style='list-style:none;padding-left:0'>{items}</ul>"


class BodyMap(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Where the masses occur, by population: a toggle redraws the map."""

    GROUPS: ClassVar[dict[str, str]] = {
        "HFTC review (% of patients)": "hftc-review",
        "All tumoral calcinosis (ranking)": "all-tc-ranking",
        "Dialysis series (commonest sites)": "dialysis-series",
    }

    def __init__(self) -> None:
        self.population = ipw.ToggleButtons(
            options=list(self.GROUPS), description="Population", style={"button_width": "auto"}
        )
        self.chart = ipw.Output()
        self.chart.add_class("tc-body-map")
        super().__init__([self.population, self.chart])
        self.population.observe(self._on_population_change, names="value")
        self._chart = ChartWhenViewed(self.chart)
        self._chart.show(body_map_figure(self.GROUPS[self.population.value]))

    def _on_population_change(self, change: dict[str, Any]) -> None:
        self._chart.show(body_map_figure(self.GROUPS[str(change["new"])]))

    def __repr__(self) -> str:
        return f"BodyMap(population={self.population.value!r})"
