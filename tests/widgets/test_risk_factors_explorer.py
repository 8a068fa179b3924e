"""The risk-factor explorer driven from Python: the profile's entries change what it points to."""

from __future__ import annotations

from widgets.risk_factors.explorer import RiskFactorExplorer


def test_risk_explorer_follows_the_profile() -> None:
    explorer = RiskFactorExplorer()
    explorer.kidneys.value = "on dialysis"
    assert "Secondary tumoral calcinosis" in explorer.result.value
    explorer.phosphate.value = "abc"
    assert "must be a number" in explorer.result.value


def test_the_choices_and_limits_come_from_the_rules_file() -> None:
    explorer = RiskFactorExplorer()
    assert explorer.family.options == (
        "none known",
        "affected brother or sister",
        "affected parent",
    )
    assert explorer.kidneys.options == ("normal", "chronic kidney disease", "on dialysis")
    assert (explorer.age.value, explorer.age.min, explorer.age.max) == (10, 0, 110)
    assert explorer.family.description == "Family history"


def test_a_newborn_with_phosphate_normal_for_a_newborn_is_not_pointed_to_hftc() -> None:
    explorer = RiskFactorExplorer()
    explorer.age.value = 0
    explorer.phosphate.value = "7.5"
    assert "Primary hyperphosphatemic form (HFTC)" not in explorer.result.value
    assert "Normophosphatemic form" in explorer.result.value


def test_an_infant_of_six_months_is_told_to_use_the_local_range() -> None:
    explorer = RiskFactorExplorer()
    explorer.age.value = 0.5
    explorer.phosphate.value = "6"
    assert "gives no range for this age" in explorer.result.value
    assert "Use the local laboratory's range for this age." in explorer.result.value


def test_risk_explorer_repr_counts_the_points() -> None:
    explorer = RiskFactorExplorer()
    assert repr(explorer) == "RiskFactorExplorer(age=10, points: 1 risk factor, 2 caution)"
    explorer.phosphate.value = "abc"
    assert repr(explorer) == "RiskFactorExplorer(age=10, points: none)"
