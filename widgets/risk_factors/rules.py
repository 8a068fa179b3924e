"""What a patient profile points to: known risk factors and the likely form, with sources.

Reasoning only, from the rules of ``assets/risk-factors.yaml`` and the reference intervals and
targets of ``assets/data/lab-values.yaml``; there is no published risk model, so no probability
is given. Each function below makes the points of one part of the profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from widgets.charts.data import Row
from widgets.labs.units import LabValueError, Product, lab_values, to_mg_dl
from widgets.risk_factors.content import Kind, RiskFactors, Statement, load_risk_factors


@dataclass(frozen=True)
class Profile:
    """A patient as the explorer's entries describe them; the words are choices of the rules."""

    age_years: float
    family: str = "none known"
    kidneys: str = "normal"
    background: str = "not specified"
    phosphate_mg_dl: float | None = None
    calcium_mg_dl: float | None = None
    pth: str = "not measured"


@dataclass(frozen=True)
class Point:
    """One line of reasoning: what it says, what kind of point it is, and its sources."""

    kind: Kind
    text: str
    refs: tuple[int, ...]


def point(
    statement: Statement, values: Mapping[str, str] | None = None, *, refs: tuple[int, ...] = ()
) -> Point:
    """A statement of the rules with its placeholders filled, citing ``refs`` before its own."""
    text = statement.text.format_map(values or {})
    return Point(statement.kind, text, (*refs, *statement.refs))


def check_profile(profile: Profile, rules: RiskFactors | None = None) -> Profile:
    """``profile`` when every entry is possible; otherwise a ``LabValueError`` saying why."""
    rules = rules or load_risk_factors()
    age = rules.age
    if not age.min_years <= profile.age_years <= age.max_years:
        raise LabValueError(
            f"age must be between {age.min_years:g} and {age.max_years:g} years, "
            f"not {profile.age_years:g}"
        )
    for value, question in (
        (profile.family, rules.family),
        (profile.kidneys, rules.kidneys),
        (profile.pth, rules.pth),
        (profile.background, rules.background),
    ):
        if value not in question.values():
            allowed = ", ".join(question.values())
            raise LabValueError(f"{question.name} must be one of {allowed}; not {value!r}")
    for level, analyte in (
        (profile.phosphate_mg_dl, "phosphate"),
        (profile.calcium_mg_dl, "calcium"),
    ):
        if level is not None:
            to_mg_dl(level, analyte=analyte, unit="mg/dL")
    return profile


def phosphate_reference(age_years: float, rules: RiskFactors | None = None) -> Row | None:
    """The example reference interval of serum phosphate for this age, if the table gives one."""
    table = lab_values()
    rows = [table.row(row_id) for row_id in (rules or load_risk_factors()).phosphate.reference_rows]
    return next((row for row in rows if row.ages and row.ages.contains(age_years)), None)


def phosphate_upper_limit(age_years: float, rules: RiskFactors | None = None) -> float | None:
    """The example upper limit of serum phosphate for this age (mg/dL); None where none is given."""
    row = phosphate_reference(age_years, rules)
    return None if row is None else row.high


def product_target(age_years: float, rules: RiskFactors | None = None) -> float:
    """The KDOQI calcium x phosphate target for this age (mg²/dL²)."""
    targets = (rules or load_risk_factors()).product.targets
    target = next(t for t in targets if t.up_to_years is None or age_years <= t.up_to_years)
    value = lab_values().row(target.row).value
    assert value is not None  # loading refuses a target row without a value
    return value


def has_kidney_disease(profile: Profile, rules: RiskFactors) -> bool:
    return any(c.kidney_disease for c in rules.kidneys.choices if c.value == profile.kidneys)


def assess(profile: Profile, rules: RiskFactors | None = None) -> list[Point]:
    """Every point the profile supports: age, family, kidneys, labs, background, in that order."""
    rules = rules or load_risk_factors()
    check_profile(profile, rules)
    return [
        *_age(profile, rules),
        *_family(profile, rules),
        *_kidneys_and_labs(profile, rules),
        *_background(profile, rules),
        point(rules.no_probability),
    ]


def _age(p: Profile, rules: RiskFactors) -> list[Point]:
    if p.age_years <= rules.age.young_up_to_years:
        return [point(rules.age.young)]
    if has_kidney_disease(p, rules):
        return [point(rules.age.adult_with_kidney_disease)]
    return [point(rules.age.adult)]


def _family(p: Profile, rules: RiskFactors) -> list[Point]:
    return [point(c.point) for c in rules.family.choices if c.value == p.family]


def _kidneys_and_labs(p: Profile, rules: RiskFactors) -> list[Point]:
    points: list[Point] = []
    if has_kidney_disease(p, rules):
        points.append(point(rules.kidneys.with_kidney_disease))
    points += _phosphate(p, rules)
    points += _product(p, rules)
    points += _pth(p, rules)
    return points


def _phosphate(p: Profile, rules: RiskFactors) -> list[Point]:
    if p.phosphate_mg_dl is None:
        return []
    upper = phosphate_upper_limit(p.age_years, rules)
    measured = f"{p.phosphate_mg_dl:g}"
    said = rules.phosphate
    if upper is None:
        return [point(said.no_range_for_age, {"phosphate_mg_dl": measured})]
    values = {"phosphate_mg_dl": measured, "upper_mg_dl": f"{upper:g}"}
    kidney_disease = has_kidney_disease(p, rules)
    if p.phosphate_mg_dl > upper:
        high = said.high_with_kidney_disease if kidney_disease else said.high_with_normal_kidneys
        return [point(high, values)]
    return [] if kidney_disease else [point(said.normal_with_normal_kidneys, values)]


def _product(p: Profile, rules: RiskFactors) -> list[Point]:
    if p.phosphate_mg_dl is None or p.calcium_mg_dl is None:
        return []
    product = Product(p.calcium_mg_dl, p.phosphate_mg_dl).mg2_dl2
    target = product_target(p.age_years, rules)
    said = rules.product.at_or_above_target if product >= target else rules.product.below_target
    return [point(said, {"product_mg2_dl2": f"{product:.1f}", "target_mg2_dl2": f"{target:g}"})]


def _pth(p: Profile, rules: RiskFactors) -> list[Point]:
    choice = next(c for c in rules.pth.choices if c.value == p.pth)
    said = (
        choice.with_kidney_disease if has_kidney_disease(p, rules) else choice.with_normal_kidneys
    )
    return [] if said is None else [point(said)]


def _background(p: Profile, rules: RiskFactors) -> list[Point]:
    choice = next(c for c in rules.background.choices if c.value == p.background)
    if not choice.note:
        return []
    return [point(rules.background.point, {"note": choice.note}, refs=tuple(choice.refs))]
