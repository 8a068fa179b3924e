"""``widgets.lesson.SHOWN`` says which names draw charts, as the page server needs to know."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.import_graph import imports_of, internal_graph, module_names, reachable
from widgets.lesson import SHOWN

PACKAGE = ROOT / "widgets"


#: What draws a chart: the course's plotly JSON (``Chart``, shown by plotly's renderer).
CHART_MODULE = "widgets.charts.chart"


def reaches_charts(module: str) -> bool:
    """Whether ``module``, or a package module it imports (anywhere, at import or inside a
    function), is the chart module or imports plotly."""
    graph = internal_graph(PACKAGE, at_import_only=False)
    files = module_names(PACKAGE)
    reached = reachable(graph, module)
    return CHART_MODULE in reached or any(
        imported.split(".")[0] == "plotly"
        for name in reached
        for imported in imports_of(files[name], name, at_import_only=False)
    )


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_a_name_draws_charts_exactly_when_its_module_leads_to_charts(name: str) -> None:
    # A widget that draws a chart inside itself must say so (charts_inside=True): lesson pages
    # that call no chart-drawing name are served without plotly's renderer.
    assert SHOWN[name].draws_charts is reaches_charts(SHOWN[name].module)


def test_every_figure_function_draws_charts() -> None:
    assert all(shown.draws_charts for shown in SHOWN.values() if shown.figure)
