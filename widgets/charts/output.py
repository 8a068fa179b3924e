"""Charts inside an ipywidgets ``Output``: placed in its state, never printed into it.

Charts are plain plotly outputs set as the ``Output``'s ``outputs``, never written into it while
the notebook executes (DESIGN 4).
"""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as ipw

from widgets.charts.chart import PLOTLY_MIME, Chart


def figure_output(figure: Chart) -> dict[str, Any]:
    """A chart as a notebook display output: the plotly mime bundle, rendered from local files."""
    spec = json.loads(figure.to_json())
    bundle = {
        "data": spec["data"],
        "layout": spec["layout"],
        "config": {"displaylogo": False, "responsive": True},
    }
    return {
        "output_type": "display_data",
        "data": {PLOTLY_MIME: bundle, "text/plain": "<plotly Figure>"},
        "metadata": {},
    }


def show(output: ipw.Output, figure: Chart) -> None:
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
        self._pending: Chart | None = None
        output._view_count = 0
        output.observe(self._on_view_count, names="_view_count")

    @property
    def viewed(self) -> bool:
        return bool(self.output._view_count)

    def show(self, figure: Chart) -> None:
        if self.viewed:
            show(self.output, figure)
        else:
            self._pending = figure

    def _on_view_count(self, change: dict[str, Any]) -> None:
        if change["new"] and self._pending is not None:
            figure, self._pending = self._pending, None
            show(self.output, figure)
