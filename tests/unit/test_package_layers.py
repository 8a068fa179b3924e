"""The package's layers hold: a module loads UI libraries only through its own imports, the pure
core loads none, and no module imports another in a cycle."""

from __future__ import annotations

import graphlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.import_graph import internal_graph, loaded_after_import, unexpected_ui_loads
from widgets.lesson import SHOWN

PACKAGE = ROOT / "widgets"

#: The pure core: data models, loading, grading, physics and reasoning. None may load a UI library.
PURE = (
    "widgets.lesson",
    "widgets.course.catalog",
    "widgets.references.lesson_sources",
    "widgets.quiz.bank",
    "widgets.quiz.registry",
    "widgets.quiz.assessment",
    "widgets.quiz.scoring",
    "widgets.quiz.lint",
    "widgets.quiz.review",
    "widgets.charts.data",
    "widgets.charts.chart",
    "widgets.charts.figures",
    "widgets.charts.lab_product",
    "widgets.labs.units",
    "widgets.typed_numbers",
    "widgets.risk_factors.rules",
    "widgets.differential.data",
    "widgets.classification.forms",
    "widgets.xray.radiograph",
    "widgets.xray.films",
    "widgets.content_schemas",
)


def cycle(package_dir: Path) -> list[str]:
    """One import cycle among the package's modules (imports inside functions count), or []."""
    graph = internal_graph(package_dir, at_import_only=False)
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return list(error.args[1])
    return []


def test_no_module_loads_a_ui_library_its_own_imports_do_not_lead_to() -> None:
    assert unexpected_ui_loads(PACKAGE) == {}


@pytest.mark.parametrize("module", PURE)
def test_the_pure_core_loads_no_ui_library(module: str) -> None:
    loaded = loaded_after_import(module, cwd=ROOT)
    assert not loaded & {"ipywidgets", "plotly"}, (
        f"{module} loads {loaded & {'ipywidgets', 'plotly'}}"
    )


#: What a lesson kernel loads only for a lesson that needs it: each costs a kernel 10-47 MiB.
HEAVY = {"ipywidgets", "plotly", "numpy", "PIL", "sqlalchemy", "alembic", "jsonschema"}


def test_importing_the_lesson_names_loads_no_heavy_library() -> None:
    # Every lesson's first cell imports from widgets.lesson; what it shows brings the rest.
    assert loaded_after_import("widgets.lesson", cwd=ROOT) & HEAVY == set()


def test_the_charts_lessons_show_load_no_plotly() -> None:
    # Charts are plotly's JSON, built without plotly (widgets.charts.chart): 47 MiB a kernel.
    charts = sorted(name for name, shown in SHOWN.items() if shown.figure)
    code = (
        "import json, sys, widgets.lesson as lesson; "
        f"[getattr(lesson, name)()._ipython_display_() for name in {charts!r}]; "
        "lesson.BodyMap(); from widgets.labs.explorer import LabExplorer; LabExplorer(); "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "plotly" not in json.loads(done.stdout.splitlines()[-1])


def test_no_import_cycle_inside_the_package() -> None:
    assert cycle(PACKAGE) == []


# The guards themselves, on small packages built to break them.


def make_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_guard_catches_ui_loaded_through_a_package_file(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "from pkg.core.view import View\n",
            "core/view.py": "import ipywidgets\n\nView = ipywidgets.HTML\n",
            "core/grading.py": "def grade() -> int:\n    return 1\n",
        },
    )
    assert unexpected_ui_loads(package) == {"pkg.core.grading": ["ipywidgets"]}


def test_the_guard_accepts_ui_a_module_imports_itself(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {"__init__.py": "", "view.py": "import ipywidgets\n", "uses_view.py": "import pkg.view\n"},
    )
    assert unexpected_ui_loads(package) == {}


def test_the_cycle_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "__init__.py": "",
            "bank.py": "def check():\n    from pkg.references import count\n",
            "references.py": "from pkg.bank import check\n\ncount = 1\n",
        },
    )
    assert sorted(set(cycle(package))) == ["pkg.bank", "pkg.references"]


def test_the_cycle_check_ignores_type_checking_imports(tmp_path: Path) -> None:
    package = make_package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": (
                "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from pkg.b import B\n"
            ),
            "b.py": "from pkg.a import TYPE_CHECKING\n\nB = 1\n",
        },
    )
    assert cycle(package) == []
