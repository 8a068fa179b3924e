"""Charts draw only published rows; conversions match hand calculation; bad values are refused."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from widgets.charts import (
    age_chart,
    body_map_figure,
    complications_chart,
    dialysis_prevalence_chart,
    inheritance_chart,
    outcomes_chart,
    sex_chart,
    treatment_mix_chart,
)
from widgets.charts.data import data_files, load_table
from widgets.charts.figures import percent
from widgets.charts.labs import LabValueError, Product, product_chart, to_mg_dl
from widgets.charts.profile import Profile, assess
from widgets.references import load_references

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


def test_every_row_cites_a_real_reference() -> None:
    count = len(load_references().references)
    for name in data_files():
        for row in load_table(name).rows:
            assert 1 <= row.source <= count, (name, row.id)


@pytest.mark.parametrize(
    ("value", "analyte", "unit", "mg_dl"),
    [
        (9.5, "calcium", "mg/dL", 9.5),
        (2.375, "calcium", "mmol/L", 9.5),
        ("1,1305", "phosphate", "mmol/L", 3.5),
    ],
)
def test_unit_conversion_matches_hand_calculation(
    value: object, analyte: str, unit: str, mg_dl: float
) -> None:
    assert to_mg_dl(value, analyte=analyte, unit=unit) == pytest.approx(mg_dl, rel=1e-4)


def test_the_product_in_both_units() -> None:
    normal = Product(calcium_mg_dl=9.5, phosphate_mg_dl=3.5)
    assert normal.mg2_dl2 == pytest.approx(33.25)
    assert normal.mmol2_l2 == pytest.approx(2.375 * 1.1305)  # 2.685
    # The brief: the NIH median 63.5 mg²/dL² is 5.12 mmol²/L² (factor 0.0806 ~ 0.25 x 0.323).
    assert pytest.approx(5.12, abs=0.02) == 63.5 * 0.25 * 0.323


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "above zero"),
        (0, "above zero"),
        ("abc", "must be a number"),
        (math.nan, "must be a number"),
        (float("inf"), "must be a number"),
        (250, "not a possible serum level"),
        ("9" * 40, "must be a number"),
        (True, "must be a number"),
    ],
)
def test_impossible_values_are_refused_with_a_message(value: object, message: str) -> None:
    with pytest.raises(LabValueError, match=message):
        to_mg_dl(value, analyte="phosphate", unit="mg/dL")


def test_product_chart_shows_targets_patients_and_the_entry() -> None:
    figure = product_chart(Product(9.5, 7.0))
    names = [trace.name for trace in figure.data]
    assert "Your patient" in names
    assert "Reported in patients" in names
    assert figure.data[-1].x[0] == pytest.approx(66.5)


def kinds_and_texts(profile: Profile) -> list[tuple[str, str]]:
    return [(point.kind, point.text) for point in assess(profile)]


def test_a_child_with_an_affected_sibling_and_high_phosphate_points_to_hftc() -> None:
    points = kinds_and_texts(
        Profile(
            age_years=10,
            family="affected brother or sister",
            phosphate_mg_dl=7.4,
            calcium_mg_dl=9.5,
            pth="low or low-normal",
        )
    )
    assert any(kind == "points to" and "HFTC" in text for kind, text in points)
    assert any("recessive" in text for _, text in points)
    assert any(
        "above the KDOQI target of 65" in text for _, text in points
    )  # a 10-year-old's target


def test_dialysis_points_to_the_secondary_form() -> None:
    points = kinds_and_texts(
        Profile(
            age_years=45, kidneys="on dialysis", phosphate_mg_dl=7, calcium_mg_dl=10, pth="high"
        )
    )
    assert any(kind == "points to" and "Secondary" in text for kind, text in points)
    assert any("product matters more than PTH" in text for _, text in points)


def test_normal_phosphate_with_normal_kidneys_points_to_the_normophosphatemic_form() -> None:
    points = kinds_and_texts(
        Profile(age_years=6, background="Jewish-Yemenite", phosphate_mg_dl=4.5)
    )
    assert any(kind == "points to" and "Normophosphatemic" in text for kind, text in points)
    assert any("SAMD9" in text for _, text in points)


def test_no_profile_gets_a_probability() -> None:
    for profile in (Profile(age_years=10), Profile(age_years=70, kidneys="on dialysis")):
        points = assess(profile)
        assert points[-1].kind == "caution"
        assert "no published model" in points[-1].text.lower()
        assert all(point.refs or point is points[-1] for point in points)


def test_impossible_profiles_are_refused() -> None:
    with pytest.raises(LabValueError, match="age must be between"):
        assess(Profile(age_years=-3))
    with pytest.raises(LabValueError, match="kidneys must be one of"):
        assess(Profile(age_years=30, kidneys="great"))


def test_the_sex_chart_draws_each_cohort_once_per_sex() -> None:
    figure = sex_chart()
    male, female = figure.data
    assert (male.name, female.name) == ("Male", "Female")
    assert list(male.x) == [33, 6] or list(male.x) == [6, 33]
    assert sorted(female.x) == [11, 30]
