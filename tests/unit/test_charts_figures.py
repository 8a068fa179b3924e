"""Charts draw only published rows, each hover naming its source."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from widgets.charts.data import load_table
from widgets.charts.figures import (
    age_chart,
    body_map_figure,
    complications_chart,
    dialysis_prevalence_chart,
    inheritance_chart,
    outcomes_chart,
    percent,
    sex_chart,
    treatment_mix_chart,
)

CHARTS = {
    "age": age_chart,
    "sex": sex_chart,
    "dialysis-prevalence": dialysis_prevalence_chart,
    "inheritance": inheritance_chart,
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
    [(outcomes_chart, "hftc-review"), (treatment_mix_chart, "treatment-mix")],
)
def test_outcome_charts_draw_their_own_group_of_published_rows(chart, group: str) -> None:  # type: ignore[no-untyped-def]
    rows = [row for row in load_table("outcomes").rows if row.group == group]
    (trace,) = chart().data
    assert list(trace.x) == [percent(row) for row in rows]
    assert list(trace.y) == [f"{row.label} [{row.source}]" for row in rows]


@pytest.mark.parametrize("group", ["hftc-review", "all-tc-ranking", "dialysis-series"])
def test_body_map_marks_each_site_of_the_population(group: str) -> None:
    figure = body_map_figure(group)
    sites = figure.data[-1]
    assert len(sites.x) == len(load_table("sites").group(group))
    assert all("Source [" in text for text in sites.hovertext)


def test_the_sex_chart_draws_each_cohort_once_per_sex() -> None:
    figure = sex_chart()
    male, female = figure.data
    assert (male.name, female.name) == ("Male", "Female")
    assert list(male.x) == [33, 6] or list(male.x) == [6, 33]
    assert sorted(female.x) == [11, 30]
