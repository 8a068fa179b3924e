"""Charts draw only published rows, each hover naming its source, and every mark they draw has
a legend entry a lecturer would write. Charts are read as plotly ``Figure``s (``Chart.figure()``),
so plotly validates each one first."""

from __future__ import annotations

import importlib
import itertools
import math
import re
from collections.abc import Callable
from functools import partial

import plotly.graph_objects as go
import pytest

from widgets.charts import figures
from widgets.charts.chart import Chart
from widgets.charts.data import data_files, load_table
from widgets.charts.figures import percent
from widgets.charts.lab_product import product_chart
from widgets.labs.units import Product
from widgets.lesson import SHOWN


def plotly_figure(chart: Callable[..., Chart]) -> Callable[..., go.Figure]:
    """``chart``, returning its plotly ``Figure``."""
    return lambda *arguments: chart(*arguments).figure()


age_chart = plotly_figure(figures.age_chart)
sex_chart = plotly_figure(figures.sex_chart)
dialysis_prevalence_chart = plotly_figure(figures.dialysis_prevalence_chart)
complications_chart = plotly_figure(figures.complications_chart)
body_map_figure = plotly_figure(figures.body_map_figure)

CHARTS = {
    "age": age_chart,
    "sex": sex_chart,
    "dialysis-prevalence": dialysis_prevalence_chart,
    "inheritance": plotly_figure(figures.inheritance_chart),
    "complications": complications_chart,
}


def published_numbers(name: str) -> set[float]:
    numbers: set[float] = set()
    for row in load_table(name).rows:
        numbers |= {n for n in (row.value, row.low, row.high) if n is not None}
        if row.numerator is not None and row.denominator is not None:
            numbers.add(percent(row))
    return numbers


def plotted_numbers(figure: go.Figure) -> list[float]:
    numbers = []
    for trace in figure.data:
        for axis in ("x", "y"):
            values = getattr(trace, axis, None)
            numbers += [
                float(v)
                for v in (values if values is not None else ())
                if isinstance(v, int | float)
            ]
    return numbers


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_plotted_number_is_a_published_row_with_its_source(name: str) -> None:
    figure = CHARTS[name]()
    drawn = plotted_numbers(figure)
    assert drawn, "the chart draws nothing"
    assert set(drawn) <= published_numbers(name), set(drawn) - published_numbers(name)
    for trace in figure.data:
        if trace.hoverinfo != "skip":
            assert all("Source [" in text for text in trace.hovertext)


@pytest.mark.parametrize(
    ("chart", "group"),
    [(figures.outcomes_chart, "hftc-review"), (figures.treatment_mix_chart, "treatment-mix")],
)
def test_outcome_charts_draw_their_own_group_of_published_rows(chart, group: str) -> None:  # type: ignore[no-untyped-def]
    rows = [row for row in load_table("outcomes").rows if row.group == group]
    (trace,) = chart().figure().data
    assert list(trace.x) == [percent(row) for row in rows]
    assert list(trace.y) == [f"{row.label} [{row.source}]" for row in rows]


@pytest.mark.parametrize("group", ["hftc-review", "all-tc-ranking", "dialysis-series"])
def test_body_map_marks_each_site_of_the_population(group: str) -> None:
    figure = body_map_figure(group)
    sites = figure.data[-1]
    assert len(sites.x) == len(load_table("sites").group(group))
    assert all("Source [" in text for text in sites.hovertext)


#: Plotly's text metrics, roughly: an average glyph is about 0.55 em wide and a line 1.3 em high.
GLYPH_EM, LINE_EM = 0.55, 1.3
Box = tuple[float, float, float, float]  # left, bottom, right, top


def _site_marks(figure: go.Figure) -> list[tuple[str, tuple[float, float, float], Box]]:
    """Each site's label, its mark as a circle and its label's box, in axis units.

    The map keeps one scale for x and y (``scaleanchor``); on a page as wide as a lesson's it is
    set by the plot's height, and marks and text keep their size in pixels.
    """
    layout = figure.layout
    low, high = layout.yaxis.range
    pixels = (layout.height - layout.margin.t - layout.margin.b) / (high - low)
    sites = figure.data[-1]
    em = layout.font.size / pixels
    positions = sites.textposition
    if isinstance(positions, str):
        positions = [positions] * len(sites.x)
    marks = []
    for x, y, size, text, position in zip(
        sites.x, sites.y, sites.marker.size, sites.text, positions, strict=True
    ):
        lines = text.split("<br>")
        width, height = GLYPH_EM * em * max(map(len, lines)), LINE_EM * em * len(lines)
        radius = size / 2 / pixels
        vertical, horizontal = position.split()
        left = {"left": x - radius - width, "center": x - width / 2, "right": x + radius}[
            horizontal
        ]
        bottom = {"top": y + radius, "middle": y - height / 2, "bottom": y - radius - height}[
            vertical
        ]
        marks.append((text, (x, y, radius), (left, bottom, left + width, bottom + height)))
    return marks


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _covers(box: Box, circle: tuple[float, float, float]) -> bool:
    x, y, radius = circle
    nearest = (min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3]))
    return math.dist(nearest, (x, y)) < radius


@pytest.mark.parametrize("group", ["hftc-review", "all-tc-ranking", "dialysis-series"])
def test_the_body_maps_marks_and_labels_never_cover_one_another(group: str) -> None:
    # The dialysis series lists the hand (#3) and the wrist (#4), and the ranking the wrist level
    # with the hip: their marks and labels used to be drawn on top of each other.
    figure = body_map_figure(group)
    marks = _site_marks(figure)
    x_low, x_high = figure.layout.xaxis.range
    y_low, y_high = figure.layout.yaxis.range
    for text, _, box in marks:
        assert x_low <= box[0] < box[2] <= x_high, text
        assert y_low <= box[1] < box[3] <= y_high, text
    for (one, circle, box), (other, other_circle, other_box) in itertools.combinations(marks, 2):
        assert not _overlap(box, other_box), f"the labels {one!r} and {other!r} overlap"
        assert not _covers(box, other_circle), f"{one!r} is drawn over the mark of {other!r}"
        assert not _covers(other_box, circle), f"{other!r} is drawn over the mark of {one!r}"
        reach = circle[2] + other_circle[2]
        assert math.dist(circle[:2], other_circle[:2]) > reach, f"{one!r} and {other!r} overlap"


def test_the_sex_chart_draws_each_cohort_once_per_sex() -> None:
    figure = sex_chart()
    male, female = figure.data
    assert (male.name, female.name) == ("Male", "Female")
    assert list(male.x) == [33, 6] or list(male.x) == [6, 33]
    assert sorted(female.x) == [11, 30]


def test_the_sex_charts_legend_reads_in_the_order_its_bars_stack() -> None:
    # The first trace is the leftmost part of each bar; plotly's default legend order for stacked
    # bars is the reverse ("reversed"), which put Female before Male.
    figure = sex_chart()
    assert figure.layout.barmode == "stack"
    assert {trace.orientation for trace in figure.data} == {"h"}
    assert figure.layout.legend.orientation == "h"
    assert figure.layout.legend.traceorder == "normal"
    assert [trace.name for trace in figure.data] == ["Male", "Female"]


def _shown_chart(name: str) -> Callable[[], go.Figure]:
    return plotly_figure(getattr(importlib.import_module(SHOWN[name].module), name))


#: Every figure a learner sees: the charts lessons show, the body map's views, the product chart.
FIGURES: dict[str, Callable[[], go.Figure]] = {
    **{name: _shown_chart(name) for name, shown in SHOWN.items() if shown.figure},
    **{
        f"body_map_figure({group})": partial(body_map_figure, group)
        for group in ("hftc-review", "all-tc-ranking", "dialysis-series")
    },
    "product_chart": partial(plotly_figure(product_chart), None),
    "product_chart(entry)": partial(plotly_figure(product_chart), Product(9.5, 7.0)),
}
GROUP_IDS = sorted({row.group for name in data_files() for row in load_table(name).rows})
SLUG = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")


def test_every_chart_a_lesson_shows_is_checked() -> None:
    charts = {name for name, shown in SHOWN.items() if shown.figure}
    assert len(charts) >= 7
    assert charts <= set(FIGURES)


def draws_marks(trace: go.BaseTraceType) -> bool:
    """A bar, or a scatter with markers: something the legend has to explain."""
    return trace.type == "bar" or "markers" in (getattr(trace, "mode", None) or "")


def in_legend(trace: go.BaseTraceType) -> bool:
    return trace.showlegend is not False


def legend_is_drawn(figure: go.Figure) -> bool:
    """plotly's rule: drawn when asked for, or when two traces (or one explicit one) are in it."""
    if figure.layout.showlegend is not None:
        return bool(figure.layout.showlegend)
    listed = [trace for trace in figure.data if in_legend(trace)]
    return len(listed) >= 2 or any(trace.showlegend is True for trace in listed)


def legend_entries(figure: go.Figure) -> list[str]:
    if not legend_is_drawn(figure):
        return []
    return [trace.name for trace in figure.data if in_legend(trace) and draws_marks(trace)]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_no_legend_entry_is_lower_case_or_a_raw_group_id(name: str) -> None:
    for entry in legend_entries(FIGURES[name]()):
        assert entry, f"{name}: a legend entry without a name"
        assert entry != entry.lower(), f"{name}: {entry!r} is all lower case"
        assert entry[0].isupper(), f"{name}: {entry!r} starts in lower case"
        assert not SLUG.search(entry), f"{name}: {entry!r} holds a slug"
        for group in GROUP_IDS:
            spaced = group.replace("-", " ")
            assert entry.lower() != spaced, f"{name}: {entry!r} is the group id {group!r}"
            if "-" in group:
                assert spaced not in entry.lower(), f"{name}: {entry!r} holds {group!r}"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_kind_of_mark_a_chart_draws_is_in_its_legend(name: str) -> None:
    figure = FIGURES[name]()
    marks = [trace for trace in figure.data if draws_marks(trace)]
    if not legend_is_drawn(figure):
        # One kind of mark, named by its axis labels: the legend would only repeat the title.
        assert len(marks) == 1, f"{name}: {len(marks)} kinds of mark and no legend"
        return
    shown = [trace for trace in marks if in_legend(trace)]
    for trace in marks:
        if in_legend(trace):
            assert trace.name, f"{name}: a trace in the legend without a name"
            continue
        symbol = trace.marker.symbol if trace.type == "scatter" else None
        assert any(
            other.legendgroup is not None
            and other.legendgroup == trace.legendgroup
            and (other.marker.symbol if other.type == "scatter" else None) == symbol
            and other.type == trace.type
            for other in shown
        ), f"{name}: {trace.name!r} ({symbol}) is drawn but has no legend entry"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_axis_titles_start_with_a_capital(name: str) -> None:
    layout = FIGURES[name]().layout
    for title in (layout.xaxis.title.text, layout.yaxis.title.text):
        assert not title or title[0].isupper(), f"{name}: axis title {title!r}"


def test_the_dialysis_chart_names_its_ranges_and_its_single_estimates() -> None:
    figure = dialysis_prevalence_chart()
    legend = {(t.name, t.marker.symbol) for t in figure.data if t.showlegend}
    assert legend == {("Published range", "circle"), ("Single published estimate", "diamond")}
    rows = load_table("dialysis-prevalence").group("prevalence")
    diamonds = [t for t in figure.data if t.marker.symbol == "diamond"]
    assert len(diamonds) == sum(row.value is not None for row in rows)
    assert {t.name for t in diamonds} == {"Single published estimate"}


def test_the_age_chart_names_each_group_in_the_lessons_words() -> None:
    assert legend_entries(age_chart()) == [
        "All forms of TC: range",
        "Dialysis-related TC: mean or median",
        "HFTC: range or IQR",
        "HFTC: mean or median",
        "Sporadic (African series): mean or median",
    ]


def test_the_complications_legend_names_each_series() -> None:
    assert legend_entries(complications_chart()) == [
        "Uraemic TC on haemodialysis (one series)",
        "HFTC systematic review",
        "NIH HFTC cohorts",
        "Radiologic-pathologic series",
    ]
