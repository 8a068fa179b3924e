"""The mimics side by side: the same simulated joint and exposure, one condition per film."""

from __future__ import annotations

import base64
import html
from typing import Any

import ipywidgets as ipw

from widgets.differential.data import Condition, load_differential
from widgets.markup import inline
from widgets.xray.films import film
from widgets.xray.phantom import SITES
from widgets.xray.radiograph import to_jpeg
from widgets.xray.settings import VIEWS, typical_settings


class MimicGallery(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """One simulated film per condition of ``assets/differential.yaml`` that the simulator models.

    Site and view apply to every film at once, so the only difference between two films is the
    condition.
    """

    def __init__(self, site: str = "elbow", view: str = "frontal") -> None:
        if site not in SITES:
            raise ValueError(f"unknown site {site!r}; choose one of {', '.join(SITES)}")
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
        self.conditions: list[Condition] = load_differential().simulated()
        self.site = ipw.Dropdown(options=list(SITES), value=site, description="Site:")
        self.view = ipw.ToggleButtons(options=list(VIEWS), value=view, description="View:")
        self.tiles = [ipw.HTML(layout=ipw.Layout(min_width="0")) for _ in self.conditions]
        grid = ipw.GridBox(
            self.tiles,
            layout=ipw.Layout(
                grid_template_columns="repeat(auto-fill, minmax(280px, 1fr))", grid_gap="0.8em"
            ),
        )
        note = ipw.HTML(
            "<p><em>Simulated films: each deposit is modelled from its described pattern, at the "
            "site's usual exposure. A teaching model, not patient images.</em></p>"
        )
        super().__init__([ipw.HBox([self.site, self.view]), note, grid])
        self.add_class("tc-mimic-gallery")
        self.site.observe(self._on_change, names="value")
        self.view.observe(self._on_change, names="value")
        self._render()

    def _on_change(self, _: dict[str, Any]) -> None:
        self._render()

    def _render(self) -> None:
        for tile, condition in zip(self.tiles, self.conditions, strict=True):
            tile.value = _tile(condition, site=self.site.value, view=self.view.value)

    def __repr__(self) -> str:
        return f"MimicGallery({len(self.conditions)} conditions)"


def _tile(condition: Condition, *, site: str, view: str) -> str:
    assert condition.simulator is not None  # only simulated conditions get a tile
    image = film(typical_settings(condition.simulator, site, view=view))
    data = base64.b64encode(to_jpeg(image, quality=85)).decode()
    alt = f"Simulated {view} radiograph of the {site} with {condition.name.lower()}"
    return (
        f'<figure data-condition="{html.escape(condition.id)}" style="margin:0">'
        f'<img src="data:image/jpeg;base64,{data}" alt="{html.escape(alt)}" '
        'style="width:100%;height:auto">'
        f"<figcaption><strong>{inline(condition.name)}</strong>: {inline(condition.clue)}"
        "</figcaption></figure>"
    )
