"""The explorers driven from Python: entries change the numbers and redraw the chart."""

from __future__ import annotations

import json

from widgets.charts import BodyMap, LabExplorer, RiskFactorExplorer


def plotted(explorer_output) -> dict:  # type: ignore[no-untyped-def]
    (output,) = explorer_output.outputs
    return output["data"]["application/vnd.plotly.v1+json"]


def viewed(lab: LabExplorer) -> LabExplorer:
    """What the browser does when it displays the explorer: it counts the chart's view."""
    lab.chart._view_count = 1
    return lab


def test_lab_explorer_chart_arrives_once_the_browser_shows_it() -> None:
    lab = LabExplorer()
    assert lab.chart.outputs == ()
    lab.phosphate.value = "7"  # a change before the view: only the latest figure is sent
    viewed(lab)
    assert "66.5" in json.dumps(plotted(lab.chart))


def test_lab_explorer_recomputes_and_redraws() -> None:
    lab = viewed(LabExplorer())
    assert "33.2" in lab.readout.value
    before = plotted(lab.chart)
    lab.phosphate.value = "7"
    assert "66.5" in lab.readout.value
    assert "above the KDOQI target" in lab.readout.value
    assert plotted(lab.chart) != before


def test_lab_explorer_refuses_bad_entries_and_keeps_the_chart() -> None:
    lab = viewed(LabExplorer())
    before = plotted(lab.chart)
    lab.calcium.value = "-4"
    assert "must be above zero" in lab.readout.value
    lab.calcium.value = "lots"
    assert "must be a number" in lab.readout.value
    assert plotted(lab.chart) == before


def test_lab_explorer_converts_when_the_unit_changes() -> None:
    lab = LabExplorer()
    lab.unit.value = "mmol/L"
    assert lab.calcium.value == "2.38"
    assert lab.phosphate.value == "1.13"
    assert "mmol/L" in lab.calcium.description
    assert lab.product is not None
    assert abs(lab.product.mg2_dl2 - 33.25) < 0.2


def test_risk_explorer_follows_the_profile() -> None:
    explorer = RiskFactorExplorer()
    explorer.kidneys.value = "on dialysis"
    assert "Secondary tumoral calcinosis" in explorer.result.value
    explorer.phosphate.value = "abc"
    assert "must be a number" in explorer.result.value


def test_body_map_redraws_for_another_population() -> None:
    body = BodyMap()
    assert body.chart.outputs == ()  # sent once the browser shows the map
    body.chart._view_count = 1
    before = plotted(body.chart)
    body.population.value = "Dialysis series (commonest sites)"
    assert plotted(body.chart) != before
