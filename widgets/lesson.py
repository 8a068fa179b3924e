"""What lesson cells call: every name a lesson may show, each loaded only when a lesson uses it.

A lesson's first code cell reads ``from widgets.lesson import objectives, quiz, sources``. Each
name is listed in ``SHOWN`` with the module it lives in; that module is imported on first use
(PEP 562 ``__getattr__``), so a lesson's kernel loads the X-ray engine or the quiz UI only when
the lesson shows them (and plotly never: charts are plotly's JSON, ``widgets.charts.chart``).

``SHOWN`` also says which content files each name shows a student. A lesson's source list is
computed from them and from its text (``widgets.references.lesson_sources``), so a citation a
widget shows is in the list by construction.

Importing this module, as every lesson does first, also guards the kernel's comm handlers
(``widgets.comm_guard``): widget messages from the browser get no traceback back.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from widgets import comm_guard
from widgets.course.catalog import load_course
from widgets.paths import asset_path, bank_path

comm_guard.install()  # a no-op outside a kernel

#: The content files a call shows, given the call's literal arguments (None where not literal).
Reads = Callable[[Sequence[object]], list[Path]]


def _nothing(_: Sequence[object]) -> list[Path]:
    return []


def _files(*names: str) -> Reads:
    """Files named relative to ``assets/``."""
    return lambda _: [asset_path(name) for name in names]


def _bank_of_argument(arguments: Sequence[object]) -> list[Path]:
    """The bank of the lesson (``quiz("07-work-up")``) or question (``"07-work-up/slug"``)."""
    if not arguments or not isinstance(arguments[0], str):
        raise ValueError("name the lesson or question as a plain string, e.g. quiz('07-work-up')")
    return [bank_path(arguments[0].split("/", 1)[0])]


def _assessed_banks(_: Sequence[object]) -> list[Path]:
    """The final assessment asks from the banks of every examined lesson, and its own."""
    plan = load_course().final_assessment
    return [] if plan is None else [bank_path(stem) for stem in plan.drawn_from()]


@dataclass(frozen=True)
class Shown:
    """Where a lesson-facing name lives, and what it shows that may cite a source.

    ``reads``: the content files whose facts it shows (a widget whose text depends on what the
    student does). ``figure``: it returns a chart (``widgets.charts.chart.Chart``), whose sources
    are exactly the citations the chart shows (a chart draws some rows of a table, not all).
    ``charts_inside``: a widget that draws charts inside itself (``widgets.charts.output``).
    """

    module: str
    reads: Reads = _nothing
    figure: bool = False
    charts_inside: bool = False

    @property
    def draws_charts(self) -> bool:
        """Whether the page needs plotly's renderer for it: Voila leaves plotly.js (4.6 MiB) out
        of a lesson page where nothing draws a chart (``course_server.extensions``)."""
        return self.figure or self.charts_inside


_CHART = Shown("widgets.charts.figures", figure=True)


_COURSE = _files("course.yaml")

SHOWN: dict[str, Shown] = {
    # The frame of every lesson.
    "objectives": Shown("widgets.course.render", _COURSE),
    "lesson_map": Shown("widgets.course.render", _COURSE),
    "sources": Shown("widgets.references.lesson_sources"),
    "progress": Shown("widgets.progress.overview", _COURSE),
    # Lesson 0's glossary; lessons link to its terms (tools/link_glossary.py).
    "glossary": Shown("widgets.glossary.render", _files("glossary.yaml")),
    # Questions.
    "quiz": Shown("widgets.quiz.view", _bank_of_argument),
    "exercise": Shown("widgets.quiz.view", _bank_of_argument),
    "final_assessment": Shown("widgets.quiz.final", _assessed_banks),
    # Lesson 1.
    "ClassificationExplorer": Shown(
        "widgets.classification.explorer", _files("forms-of-tumoral-calcinosis.yaml")
    ),
    # Charts of published figures (lessons 2, 4 and 8).
    "age_chart": _CHART,
    "sex_chart": _CHART,
    "inheritance_chart": _CHART,
    "dialysis_prevalence_chart": _CHART,
    "complications_chart": _CHART,
    "outcomes_chart": _CHART,
    "treatment_mix_chart": _CHART,
    "BodyMap": Shown("widgets.charts.body_map", _files("data/sites.yaml"), charts_inside=True),
    # Explorers (lessons 2 and 3).
    # The risk-factor rules cite the sources of the lab-values rows they use (checked on load).
    "RiskFactorExplorer": Shown("widgets.risk_factors.explorer", _files("risk-factors.yaml")),
    "LabExplorer": Shown(
        "widgets.labs.explorer",
        _files("lab-explorer.yaml", "data/lab-values.yaml"),
        charts_inside=True,
    ),
    # Imaging and the differential (lessons 5 and 6).
    "XRaySimulator": Shown("widgets.xray.simulator"),
    "MimicGallery": Shown("widgets.differential.gallery", _files("differential.yaml")),
    "differential_table": Shown("widgets.differential.table", _files("differential.yaml")),
    # The diagnostic pathway (lesson 7).
    "pathway": Shown("widgets.pathway.explorer", _files("pathway.yaml")),
}

__all__ = sorted(SHOWN)


def __getattr__(name: str) -> Any:
    if name not in SHOWN:
        raise AttributeError(
            f"widgets.lesson has no {name!r}; a lesson can show: {', '.join(sorted(SHOWN))}"
        )
    value = getattr(importlib.import_module(SHOWN[name].module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *SHOWN})
