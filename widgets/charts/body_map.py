"""The body map of lesson 04: a toggle between populations redraws where the masses occur."""

from __future__ import annotations

from typing import Any, ClassVar

import ipywidgets as ipw

from widgets.charts.figures import body_map_figure
from widgets.charts.output import ChartWhenViewed


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
