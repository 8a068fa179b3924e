"""The risk-factor explorer of lesson 02: set a patient profile, read what it points to.

Thin: the choices come from ``assets/risk-factors.yaml`` and every point from ``rules``.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as ipw

from widgets.charts.palette import BLUE, VERMILION
from widgets.labs.readout import refused_entry
from widgets.labs.units import LabValueError, to_mg_dl
from widgets.markup import citation, inline
from widgets.risk_factors.content import Kind, Question, load_risk_factors
from widgets.risk_factors.rules import Point, Profile, assess
from widgets.ui import layout

_STYLE = {"description_width": "15em"}
#: Room for the label and for the longest choice or placeholder ("blank if not measured") beside
#: it; never wider than the page.
_WIDTH = {"width": "32em", "max_width": "100%"}
#: The badge colour of each kind of point.
_BADGE: dict[Kind, str] = {"points to": BLUE, "risk factor": VERMILION, "caution": "#555555"}


class RiskFactorExplorer(ipw.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Set a patient profile; see the risk factors and the form it points to, with sources."""

    def __init__(self) -> None:
        rules = load_risk_factors()
        age = rules.age
        self.age = ipw.BoundedFloatText(
            value=age.default_years,
            min=age.min_years,
            max=age.max_years,
            step=1,
            description=age.label,
            style=_STYLE,
            layout=layout(**_WIDTH),
        )
        self.family = _dropdown(rules.family)
        self.kidneys = _dropdown(rules.kidneys)
        self.background = _dropdown(rules.background)
        self.phosphate = _optional_entry("Phosphate (mg/dL)")
        self.calcium = _optional_entry("Calcium (mg/dL)")
        self.pth = _dropdown(rules.pth)
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
        self._points: list[Point] = []
        for control in controls:
            control.observe(self._on_profile_change, names="value")
        self._update()

    @property
    def points(self) -> list[Point]:
        """What the current profile points to; empty while an entry is refused."""
        return list(self._points)

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
            self._points = assess(profile)
        except LabValueError as problem:
            self._points = []
            self.result.value = refused_entry(str(problem))
            return
        self.result.value = points_html(self._points)

    def __repr__(self) -> str:
        kinds = [p.kind for p in self._points]
        counts = ", ".join(f"{kinds.count(k)} {k}" for k in _BADGE if k in kinds) or "none"
        return f"RiskFactorExplorer(age={float(self.age.value):g}, points: {counts})"


def points_html(points: list[Point]) -> str:
    """The points as a list, each with its kind as a coloured badge and its sources."""
    items = "".join(
        "<li style='margin:0.3em 0'>"
        f"<span style='color:white;background:{_BADGE[p.kind]};padding:0 0.4em;"
        f"border-radius:3px'>{html.escape(p.kind)}</span> {inline(p.text)} {citation(p.refs)}</li>"
        for p in points
    )
    return f"<ul style='list-style:none;padding-left:0'>{items}</ul>"


def _dropdown(question: Question) -> ipw.Dropdown:
    values = question.values()
    return ipw.Dropdown(
        options=values,
        value=values[0],
        description=question.label,
        style=_STYLE,
        layout=layout(**_WIDTH),
    )


def _optional_entry(description: str) -> ipw.Text:
    return ipw.Text(
        value="",
        placeholder="blank if not measured",
        description=description,
        style=_STYLE,
        layout=layout(**_WIDTH),
        continuous_update=False,
    )


def _optional(text: str, analyte: str) -> float | None:
    return None if not text.strip() else to_mg_dl(text, analyte=analyte, unit="mg/dL")
