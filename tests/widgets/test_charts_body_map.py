"""The body map driven from Python: the population toggle redraws the map."""

from __future__ import annotations

from widgets.charts.body_map import BodyMap


def plotted(explorer_output) -> dict:  # type: ignore[no-untyped-def]
    (output,) = explorer_output.outputs
    return output["data"]["application/vnd.plotly.v1+json"]


def test_body_map_redraws_for_another_population() -> None:
    body = BodyMap()
    assert body.chart.outputs == ()  # sent once the browser shows the map
    body.chart._view_count = 1
    before = plotted(body.chart)
    body.population.value = "Dialysis series (commonest sites)"
    assert plotted(body.chart) != before
