"""What a profile points to: the rules' points, and phosphate judged against the age's own range."""

from __future__ import annotations

import pytest

from widgets.charts.data import load_table
from widgets.labs.units import LabValueError
from widgets.risk_factors.content import load_risk_factors
from widgets.risk_factors.rules import (
    Profile,
    assess,
    phosphate_reference,
    phosphate_upper_limit,
    product_target,
)

DAY = 1 / 365.25


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


def test_a_newborn_with_phosphate_normal_for_a_newborn_is_not_pointed_to_hftc() -> None:
    # 7.5 mg/dL lies within the 0-5 day example range of 4.6-8.0 mg/dL [41].
    points = assess(Profile(age_years=0, phosphate_mg_dl=7.5))
    assert not any(p.kind == "points to" and "HFTC" in p.text for p in points)
    assert not any("above this age's example upper limit" in p.text for p in points)
    assert any(p.kind == "points to" and "Normophosphatemic" in p.text for p in points)
    assert phosphate_upper_limit(0) == 8.0


def test_an_age_the_table_gives_no_range_for_says_so_and_compares_nothing() -> None:
    points = assess(Profile(age_years=0.5, phosphate_mg_dl=6))
    (said,) = [p for p in points if "Phosphate 6 mg/dL" in p.text]
    assert said.kind == "caution"
    assert "gives no range for this age" in said.text
    assert "Use the local laboratory's range for this age." in said.text
    assert said.refs == (41,)
    assert not any(p.kind == "points to" for p in points)  # neither form, without a range
    assert phosphate_upper_limit(0.5) is None


def test_no_range_is_not_borrowed_with_kidney_disease_either() -> None:
    points = assess(Profile(age_years=0.5, kidneys="chronic kidney disease", phosphate_mg_dl=9))
    assert not any("is high (example upper limit" in p.text for p in points)
    assert any("gives no range for this age" in p.text for p in points)


@pytest.mark.parametrize(
    ("age_years", "row_id"),
    [
        (0, "phosphate-reference-0-5-days"),
        (5.9 * DAY, "phosphate-reference-0-5-days"),
        (6 * DAY, None),
        (0.5, None),
        (0.999, None),
        (1, "phosphate-reference-1-3-years"),
        (3.5, "phosphate-reference-1-3-years"),  # completed years: still 3
        (3.99, "phosphate-reference-1-3-years"),
        (4, "phosphate-reference-4-6-years"),
        (6.99, "phosphate-reference-4-6-years"),
        (7, "phosphate-reference-7-11-years"),
        (11.99, "phosphate-reference-7-11-years"),
        (12, "phosphate-reference-12-13-years"),
        (13.99, "phosphate-reference-12-13-years"),
        (14, "phosphate-reference-14-15-years"),
        (15.99, "phosphate-reference-14-15-years"),
        (16, "phosphate-reference-16-19-years"),
        (19.99, "phosphate-reference-16-19-years"),
        (20, "phosphate-reference-adults"),
        (110, "phosphate-reference-adults"),
    ],
)
def test_each_age_band_boundary_uses_its_own_row(age_years: float, row_id: str | None) -> None:
    row = phosphate_reference(age_years)
    assert (row.id if row else None) == row_id
    expected = load_table("lab-values").row(row_id).high if row_id else None
    assert phosphate_upper_limit(age_years) == expected


def test_the_brief_upper_limits_by_age() -> None:
    limits = [phosphate_upper_limit(age) for age in (0, 2, 5, 9, 12, 15, 18, 40)]
    assert limits == [8.0, 6.5, 5.4, 5.6, 5.4, 5.4, 4.6, 4.5]


def test_a_child_of_3_5_years_is_judged_against_the_1_3_year_range() -> None:
    points = kinds_and_texts(Profile(age_years=3.5, phosphate_mg_dl=6.0))
    assert any(kind == "points to" and "Normophosphatemic" in text for kind, text in points)
    points = kinds_and_texts(Profile(age_years=3.5, phosphate_mg_dl=6.6))
    assert any("example upper limit of 6.5 mg/dL" in text for _, text in points)


def test_an_adult_of_20_is_judged_against_the_adult_range() -> None:
    points = kinds_and_texts(Profile(age_years=20, phosphate_mg_dl=4.6))
    assert any("example upper limit of 4.5 mg/dL" in text for _, text in points)


@pytest.mark.parametrize(("age_years", "target"), [(10, 65), (12, 65), (12.5, 55), (40, 55)])
def test_the_product_target_is_the_kdoqi_row_for_the_age(age_years: float, target: float) -> None:
    assert product_target(age_years) == target


def test_a_background_cites_its_own_sources_before_the_shared_caveat() -> None:
    (point,) = [
        p for p in assess(Profile(age_years=30, background="Melanesian")) if "Ancestry" in p.text
    ]
    assert point.text.startswith("Older series included many Melanesians of Papua New Guinea. ")
    assert point.refs == (17, 55, 20)


def test_a_profile_defaults_to_the_first_choice_of_each_question() -> None:
    rules = load_risk_factors()
    default = Profile(age_years=rules.age.default_years)
    assert default.family == rules.family.values()[0]
    assert default.kidneys == rules.kidneys.values()[0]
    assert default.background == rules.background.values()[0]
    assert default.pth == rules.pth.values()[0]
