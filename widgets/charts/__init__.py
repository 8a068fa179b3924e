"""Charts of published figures and the explorers of lessons 2-4."""

from widgets.charts.explorers import BodyMap, LabExplorer, RiskFactorExplorer
from widgets.charts.figures import (
    age_chart,
    body_map_figure,
    complications_chart,
    dialysis_prevalence_chart,
    inheritance_chart,
    outcomes_chart,
    sex_chart,
    treatment_mix_chart,
)

__all__ = [
    "BodyMap",
    "LabExplorer",
    "RiskFactorExplorer",
    "age_chart",
    "body_map_figure",
    "complications_chart",
    "dialysis_prevalence_chart",
    "inheritance_chart",
    "outcomes_chart",
    "sex_chart",
    "treatment_mix_chart",
]
