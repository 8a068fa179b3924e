"""The progress store's core is pure: importing any of its modules loads no UI library.

(UI modules of the package, such as the name prompt, are checked by test_package_layers.)
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.import_graph import loaded_after_import

UI = {"ipywidgets", "plotly", "IPython"}
PURE = (
    "widgets.progress",
    "widgets.progress.location",
    "widgets.progress.learners",
    "widgets.progress.schema",
    "widgets.progress.migrate",
    "widgets.progress.migrations.env",
    "widgets.progress.migrations.versions.0001_first_schema",
    "widgets.progress.store",
    "widgets.progress.export",
    "widgets.progress.safe",
)


@pytest.mark.parametrize("module", PURE)
def test_a_core_module_of_the_progress_store_loads_no_ui_library(module: str) -> None:
    loaded = loaded_after_import(module, cwd=ROOT)
    assert not loaded & UI, f"{module} loads {loaded & UI}"
