"""Plotly figures inside an ipywidgets ``Output``: placed in its state, never printed into it.

Charts are plain plotly outputs set as the ``Output``'s ``outputs``, never written into it while
the notebook executes (DESIGN 4).
"""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as ipw
import plotly.graph_objects as go
import plotly.io as pio


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
