"""The X-ray package loads nothing itself: its pure modules never pull in UI or build tools."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PURE = (
    "widgets.xray.tables",
    "widgets.xray.attenuation",
    "widgets.xray.phantom",
    "widgets.xray.lesions",
    "widgets.xray.conditions",
    "widgets.xray.settings",
    "widgets.xray.radiograph",
    "widgets.xray.films",
)


def loaded_after(modules: tuple[str, ...], candidates: set[str]) -> list[str]:
    """Which of ``candidates`` a fresh interpreter has loaded after importing ``modules``."""
    code = (
        f"import json, sys, {', '.join(modules)}; "
        f"print(json.dumps(sorted(set({sorted(candidates)!r}) & set(sys.modules))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout))


def test_importing_the_package_does_not_import_the_build_time_libraries() -> None:
    everything = (*PURE, "widgets.xray.simulator")
    assert loaded_after(everything, {"spekpy", "xraydb"}) == []


@pytest.mark.parametrize("module", PURE)
def test_a_pure_module_loads_no_ui_library(module: str) -> None:
    assert loaded_after((module,), {"ipywidgets", "plotly"}) == []


def test_the_package_file_loads_no_module_of_its_own() -> None:
    assert loaded_after(("widgets.xray",), {*PURE, "widgets.xray.simulator"}) == []
