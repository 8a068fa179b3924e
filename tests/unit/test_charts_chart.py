"""A chart is the JSON plotly itself would write for it, shown as plotly's mime bundle alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

import plotly.io as pio
import pytest

from widgets.charts import chart as chart_module
from widgets.charts import figures
from widgets.charts.chart import PLOTLY_MIME, Chart, scatter, template
from widgets.charts.lab_product import product_chart
from widgets.labs.units import Product
from widgets.lesson import SHOWN

#: Every chart a learner sees: those lessons show, the body map's views, the product chart.
CHARTS: dict[str, Callable[[], Chart]] = {
    **{name: getattr(figures, name) for name, shown in SHOWN.items() if shown.figure},
    **{
        f"body_map_figure({group})": partial(figures.body_map_figure, group)
        for group in ("hftc-review", "all-tc-ranking", "dialysis-series")
    },
    "product_chart": partial(product_chart, None),
    "product_chart(entry)": partial(product_chart, Product(9.5, 7.0)),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_plotly_writes_every_chart_back_exactly_as_it_is(name: str) -> None:
    # Validated by plotly and written out again: what a lesson sends is what plotly would send.
    chart = CHARTS[name]()
    assert json.loads(chart.figure().to_json()) == json.loads(chart.to_json())


def test_the_template_is_plotlys_own() -> None:
    assert template("simple_white") == pio.templates["simple_white"].to_plotly_json()


def test_a_misspelt_property_is_refused_by_plotly() -> None:
    chart = Chart([scatter(x=[1], y=[2], marker={"colour": "red"})])
    with pytest.raises(ValueError, match="colour"):
        chart.figure()


def test_layout_updates_merge_into_what_is_there() -> None:
    chart = Chart().update_layout(legend={"orientation": "h"}, height=300)
    chart.update_layout(legend={"traceorder": "normal"}).update_xaxes(range=[0, 1])
    chart.update_xaxes(title={"text": "Age"})
    assert chart.layout == {
        "legend": {"orientation": "h", "traceorder": "normal"},
        "height": 300,
        "xaxis": {"range": [0, 1], "title": {"text": "Age"}},
    }


def test_a_vertical_line_is_the_shape_plotly_adds() -> None:
    line = {"color": "red", "width": 3, "dash": "dash"}
    ours = Chart().add_vline(2.5, line=line).to_plotly_json()["layout"]["shapes"]
    plotlys = Chart().figure().add_vline(x=2.5, line=line).to_plotly_json()["layout"]["shapes"]
    assert ours == plotlys


def test_shown_in_a_notebook_it_outputs_the_plotly_bundle_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    chart = figures.sex_chart()
    chart._ipython_display_()
    ((arguments, options),) = shown
    assert options == {"raw": True}
    assert arguments == ({PLOTLY_MIME: chart.to_plotly_json()},)


def test_the_json_is_a_copy() -> None:
    chart = figures.sex_chart()
    chart.to_plotly_json()["data"][0]["name"] = "changed"
    assert chart.data[0]["name"] == "Male"


def test_a_repr_names_the_title_and_the_traces() -> None:
    assert repr(figures.sex_chart()).startswith("Chart('")
    assert repr(Chart()) == "Chart('', 0 traces)"


def test_the_module_loads_no_plotly_to_build_a_chart() -> None:
    assert "plotly.graph_objects" not in chart_module.__dict__
