"""The progress package is pure: importing any of its modules loads no UI library."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.import_graph import loaded_after_import, module_names

UI = {"ipywidgets", "plotly", "IPython"}
MODULES = sorted(
    name
    for name in module_names(ROOT / "widgets")
    if name.startswith("widgets.progress") and ".migrations.versions." not in name
)


def test_the_package_has_the_modules_named_in_its_docstring() -> None:
    assert {"widgets.progress.store", "widgets.progress.safe", "widgets.progress.location"} <= set(
        MODULES
    )


@pytest.mark.parametrize("module", MODULES)
def test_a_progress_module_loads_no_ui_library(module: str) -> None:
    loaded = loaded_after_import(module, cwd=ROOT)
    assert not loaded & UI, f"{module} loads {loaded & UI}"
