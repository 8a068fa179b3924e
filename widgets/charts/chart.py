"""A plotly figure held as the JSON plotly draws from, built and shown without loading plotly.

A lesson kernel that builds a ``plotly.graph_objects.Figure`` loads plotly's validators (a 3 MB
JSON file), a template builds an object of every trace type, and showing the figure loads
plotly's renderers with nbformat and jsonschema: 47 MiB of each kernel that shows a chart,
measured with ``bench/kernel_memory.py``. A ``Chart`` is the figure's ``data`` and ``layout``,
written as plotly writes them (no "magic underscores": ``marker={"color": ...}``), and shown as
the same plotly mime bundle, which the page draws with its own plotly.js.

Plotly still checks every chart: ``figure()`` validates it into a ``Figure`` (a misspelt
property raises), and a test checks that plotly writes each chart back exactly as it is.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import plotly.graph_objects as go

Trace = dict[str, Any]
#: The mime type of a plotly figure's JSON, as plotly's "plotly_mimetype" renderer outputs it.
PLOTLY_MIME = "application/vnd.plotly.v1+json"


@cache
def _template_json(name: str) -> str:
    # plotly's own file for the template: a Figure's JSON carries exactly this under "template".
    # Found without importing plotly (find_spec of a top-level package imports nothing).
    spec = find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("plotly is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "package_data" / "templates" / f"{name}.json").read_text(encoding="utf-8")


def template(name: str) -> dict[str, Any]:
    """Plotly's built-in template ``name`` (e.g. "simple_white") as a figure's JSON holds it."""
    return json.loads(_template_json(name))  # type: ignore[no-any-return]


def scatter(**properties: Any) -> Trace:
    return {"type": "scatter", **properties}


def bar(**properties: Any) -> Trace:
    return {"type": "bar", **properties}


def _merge(into: dict[str, Any], properties: dict[str, Any]) -> None:
    """Update ``into`` with ``properties``, merging nested dicts (as plotly's ``update`` does)."""
    for key, value in properties.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = copy.deepcopy(value)


@dataclass
class Chart:
    """A figure's traces and layout, as plotly's JSON; shown as plotly's mime bundle."""

    data: list[Trace] = field(default_factory=list)
    layout: dict[str, Any] = field(default_factory=dict)

    def add_trace(self, trace: Trace) -> Chart:
        self.data.append(trace)
        return self

    def add_traces(self, traces: list[Trace]) -> Chart:
        self.data.extend(traces)
        return self

    def update_layout(self, **properties: Any) -> Chart:
        _merge(self.layout, properties)
        return self

    def update_xaxes(self, **properties: Any) -> Chart:
        """The x axis of a chart without subplots (``layout.xaxis``)."""
        return self.update_layout(xaxis=properties)

    def update_yaxes(self, **properties: Any) -> Chart:
        return self.update_layout(yaxis=properties)

    def add_vline(self, x: float | None, *, line: dict[str, Any]) -> Chart:
        """A vertical line across the plot at ``x``, as plotly's ``Figure.add_vline`` draws it."""
        shape = {
            "type": "line",
            "x0": x,
            "x1": x,
            "xref": "x",
            "y0": 0,
            "y1": 1,
            "yref": "y domain",
            "line": line,
        }
        self.layout.setdefault("shapes", []).append(shape)
        return self

    def to_plotly_json(self) -> dict[str, Any]:
        """``{"data": ..., "layout": ...}``, a copy, as ``Figure.to_plotly_json`` gives it."""
        return {"data": copy.deepcopy(self.data), "layout": copy.deepcopy(self.layout)}

    def to_json(self) -> str:
        return json.dumps(self.to_plotly_json(), ensure_ascii=False)

    def figure(self) -> go.Figure:
        """The chart as a plotly ``Figure``, validated (tests, and anyone working in Lab)."""
        import plotly.graph_objects as go

        from widgets.charts.renderer import use_course_renderer

        use_course_renderer()
        return go.Figure(self.to_plotly_json())

    def _ipython_display_(self) -> None:
        """Show the plotly mime bundle alone, as plotly's "plotly_mimetype" renderer does."""
        from IPython.display import display

        display({PLOTLY_MIME: self.to_plotly_json()}, raw=True)  # type: ignore[no-untyped-call]

    def __repr__(self) -> str:
        title = self.layout.get("title", {}).get("text", "")
        return f"Chart({title!r}, {len(self.data)} traces)"
