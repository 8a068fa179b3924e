"""What a patient profile points to: known risk factors and the likely form, with sources.

Reasoning only, from the medical brief (sections 1.2, 2, 3, 6.4); there is no published risk
model, so no probability is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.charts.labs import LabValueError, Product, to_mg_dl

FAMILY = ("none known", "affected brother or sister", "affected parent")
KIDNEYS = ("normal", "chronic kidney disease", "on dialysis")
PTH = ("not measured", "low or low-normal", "normal", "high")
BACKGROUNDS = (
    "not specified",
    "Middle Eastern",
    "African",
    "Jewish-Yemenite",
    "Melanesian",
    "European",
)
# Age-specific upper limits of serum phosphate, mg/dL, from one reference table [41].
PHOSPHATE_UPPER_BY_AGE = (
    (3, 6.5),
    (6, 5.4),
    (11, 5.6),
    (13, 5.4),
    (15, 5.4),
    (19, 4.6),
    (200, 4.5),
)


@dataclass(frozen=True)
class Profile:
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

    kind: str  # "risk factor", "points to", "caution"
    text: str
    refs: tuple[int, ...]


def check_profile(profile: Profile) -> Profile:
    if not 0 <= profile.age_years <= 110:
        raise LabValueError(f"age must be between 0 and 110 years, not {profile.age_years:g}")
    for value, allowed, name in (
        (profile.family, FAMILY, "family history"),
        (profile.kidneys, KIDNEYS, "kidneys"),
        (profile.pth, PTH, "PTH"),
        (profile.background, BACKGROUNDS, "background"),
    ):
        if value not in allowed:
            raise LabValueError(f"{name} must be one of {', '.join(allowed)}; not {value!r}")
    for level, analyte in (
        (profile.phosphate_mg_dl, "phosphate"),
        (profile.calcium_mg_dl, "calcium"),
    ):
        if level is not None:
            to_mg_dl(level, analyte=analyte, unit="mg/dL")
    return profile


def phosphate_upper_limit(age_years: float) -> float:
    return next(limit for upper_age, limit in PHOSPHATE_UPPER_BY_AGE if age_years <= upper_age)


def assess(profile: Profile) -> list[Point]:
    """Every point the profile supports: age, family, kidneys, labs, background, in that order."""
    check_profile(profile)
    return [
        *_age(profile),
        *_family(profile),
        *_kidneys_and_labs(profile),
        *_background(profile),
        _no_probability(),
    ]


def _age(p: Profile) -> list[Point]:
    if p.age_years <= 20:
        return [
            Point(
                "risk factor",
                "Young age: onset peaks in the first two decades (about 80 % of cases in "
                "older reviews); in HFTC most patients have symptoms by 2-13 years.",
                (8, 16, 17),
            )
        ]
    if p.kidneys != "normal":
        return [
            Point(
                "risk factor",
                "Dialysis-related tumoral calcinosis is a disease of adults (mean age 38.6 "
                "years in one surgical cohort).",
                (33,),
            )
        ]
    return [
        Point(
            "caution",
            "Adult onset is less typical of the familial forms, though HFTC can first appear "
            "in the 40s or 50s; sporadic series report adults.",
            (4, 51, 52, 60),
        )
    ]


def _family(p: Profile) -> list[Point]:
    if p.family == "affected brother or sister":
        return [
            Point(
                "risk factor",
                "An affected sibling fits autosomal recessive inheritance, as in HFTC and "
                "NFTC: about a third of patients in older series had an affected relative, almost "
                "always "
                "a sibling. Each further sibling has a 25 % chance of being affected.",
                (3, 14, 17),
            )
        ]
    if p.family == "affected parent":
        return [
            Point(
                "caution",
                "An affected parent is unusual: the familial forms are recessive, so affected "
                "relatives are almost always siblings. Think of a secondary cause too.",
                (3, 17),
            )
        ]
    return [
        Point(
            "caution",
            "No family history does not exclude a familial form: many patients have none.",
            (3,),
        )
    ]


def _kidneys_and_labs(p: Profile) -> list[Point]:
    points: list[Point] = []
    if p.kidneys != "normal":
        points.append(
            Point(
                "points to",
                "Secondary tumoral calcinosis: kidney failure is by far its most "
                "important cause; it is reported in roughly 0.5-3 % of dialysis patients (some "
                "sources up to 7 %).",
                (20, 29),
            )
        )
    if p.phosphate_mg_dl is not None:
        points += _phosphate(p)
    if p.phosphate_mg_dl is not None and p.calcium_mg_dl is not None:
        points += _product(p)
    points += _pth(p)
    return points


def _phosphate(p: Profile) -> list[Point]:
    upper = phosphate_upper_limit(p.age_years)
    if p.phosphate_mg_dl is None:
        return []
    if p.phosphate_mg_dl > upper and p.kidneys == "normal":
        return [
            Point(
                "points to",
                f"Primary hyperphosphatemic form (HFTC): phosphate {p.phosphate_mg_dl:g} mg/dL "
                f"is above this age's example upper limit of {upper:g} mg/dL with normal kidneys. "
                "Next: TRP and TmP/GFR, intact and C-terminal FGF23, genetic testing.",
                (3, 4, 41),
            )
        ]
    if p.phosphate_mg_dl > upper:
        return [
            Point(
                "risk factor",
                f"Phosphate {p.phosphate_mg_dl:g} mg/dL is high (example upper limit "
                f"{upper:g} mg/dL), as kidney failure makes it.",
                (2, 28, 41),
            )
        ]
    if p.kidneys == "normal":
        return [
            Point(
                "points to",
                "Normophosphatemic form: familial NFTC (SAMD9) in a child with inflamed "
                "skin and mucosal deposits, or a sporadic solitary lesion.",
                (13, 14, 27, 41),
            )
        ]
    return []


def _product(p: Profile) -> list[Point]:
    if p.phosphate_mg_dl is None or p.calcium_mg_dl is None:
        return []
    product = Product(p.calcium_mg_dl, p.phosphate_mg_dl)
    target = 55 if p.age_years > 12 else 65
    relation = "above" if product.mg2_dl2 >= target else "below"
    return [
        Point(
            "risk factor" if relation == "above" else "caution",
            f"Calcium x phosphate product {product.mg2_dl2:.1f} mg²/dL² is {relation} the KDOQI "
            f"target of {target} for this age. A high product favours deposits, but there is no "
            "sharp threshold.",
            (4, 39),
        )
    ]


def _pth(p: Profile) -> list[Point]:
    if p.pth == "high" and p.kidneys != "normal":
        return [
            Point(
                "risk factor",
                "High PTH (secondary or tertiary hyperparathyroidism) adds to the load, but "
                "the product matters more than PTH itself: lesions occur without it and after "
                "parathyroidectomy.",
                (2, 20, 28),
            )
        ]
    if p.pth == "high":
        return [
            Point(
                "points to",
                "Hyperparathyroidism is one cause of secondary tumoral calcinosis.",
                (2, 16),
            )
        ]
    if p.pth == "low or low-normal" and p.kidneys == "normal":
        return [
            Point(
                "points to",
                "Low-normal PTH with high phosphate fits HFTC (NIH median 21 pg/mL).",
                (4,),
            )
        ]
    return []


def _background(p: Profile) -> list[Point]:
    notes = {
        "Middle Eastern": (
            "HFTC is reported most often in Middle Eastern and African populations, with a "
            "recurrent Middle Eastern founder GALNT3 variant.",
            (12, 59),
        ),
        "African": (
            "HFTC is reported most often in Middle Eastern and African populations; older series "
            "of "
            "tumoral calcinosis were dominated by people of African descent.",
            (12, 17),
        ),
        "Jewish-Yemenite": (
            "Normophosphatemic familial tumoral calcinosis (SAMD9) has been described in "
            "Jewish-Yemenite families.",
            (14,),
        ),
        "Melanesian": ("Older series included many Melanesians of Papua New Guinea.", (17, 55)),
        "European": ("HFTC also occurs in families of European ancestry.", (10, 60)),
    }
    if p.background not in notes:
        return []
    text, refs = notes[p.background]
    return [
        Point(
            "risk factor",
            f"{text} Ancestry shifts which form is more likely; it rules nothing in or out, "
            "and secondary tumoral calcinosis occurs in any population.",
            (*refs, 20),
        )
    ]


def _no_probability() -> Point:
    return Point(
        "caution",
        "No published model turns these factors into a probability, so this explorer "
        "shows none: it lists what the profile points to, with the sources.",
        (5,),
    )
