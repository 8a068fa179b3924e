"""The laboratory explorer driven from Python: entries change the numbers and redraw the chart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from widgets.labs.explorer import LabExplorer
from widgets.paths import ROOT_ENV, assets_dir


def plotted(explorer_output) -> dict:  # type: ignore[no-untyped-def]
    (output,) = explorer_output.outputs
    return output["data"]["application/vnd.plotly.v1+json"]


def viewed(lab: LabExplorer) -> LabExplorer:
    """What the browser does when it displays the explorer: it counts the chart's view."""
    lab.chart._view_count = 1
    return lab


def test_lab_explorer_chart_arrives_once_the_browser_shows_it() -> None:
    lab = LabExplorer()
    assert lab.chart.outputs == ()
    lab.phosphate.value = "7"  # a change before the view: only the latest figure is sent
    viewed(lab)
    assert "66.5" in json.dumps(plotted(lab.chart))


def test_lab_explorer_recomputes_and_redraws() -> None:
    lab = viewed(LabExplorer())
    assert "33.2" in lab.readout.value
    before = plotted(lab.chart)
    lab.phosphate.value = "7"
    assert "66.5" in lab.readout.value
    assert "above the KDOQI target" in lab.readout.value
    assert plotted(lab.chart) != before


def test_lab_explorer_refuses_bad_entries_and_keeps_the_chart() -> None:
    lab = viewed(LabExplorer())
    before = plotted(lab.chart)
    lab.calcium.value = "-4"
    assert "must be above zero" in lab.readout.value
    lab.calcium.value = "lots"
    assert "must be a number" in lab.readout.value
    assert plotted(lab.chart) == before


def test_lab_explorer_converts_when_the_unit_changes() -> None:
    lab = LabExplorer()
    lab.unit.value = "mmol/L"
    assert lab.calcium.value == "2.38"
    assert lab.phosphate.value == "1.13"
    assert "mmol/L" in lab.calcium.description
    assert lab.product is not None
    assert abs(lab.product.mg2_dl2 - 33.25) < 0.2


def test_lab_explorer_converts_with_the_factors_of_the_lab_values_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "assets" / "data").mkdir(parents=True)
    shutil.copy(assets_dir() / "lab-explorer.yaml", tmp_path / "assets")
    text = (assets_dir() / "data" / "lab-values.yaml").read_text(encoding="utf-8")
    assert text.count("value: 0.323\n") == 1  # the phosphate conversion row
    changed = text.replace("value: 0.323\n", "value: 0.4\n").replace(
        "value: 0.25\n", "value: 0.2\n"
    )
    (tmp_path / "assets" / "data" / "lab-values.yaml").write_text(changed, encoding="utf-8")
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    lab = LabExplorer(calcium_mg_dl=10, phosphate_mg_dl=5)
    lab.unit.value = "mmol/L"
    assert (lab.calcium.value, lab.phosphate.value) == ("2", "2")
    assert lab.product is not None
    assert lab.product.mg2_dl2 == pytest.approx(50)
    lab.phosphate.value = "1"  # 1 mmol/L is 2.5 mg/dL with this table's factor
    assert lab.product.phosphate_mg_dl == pytest.approx(2.5)
    lab.unit.value = "mg/dL"
    assert (lab.calcium.value, lab.phosphate.value) == ("10", "2.5")


def test_lab_explorer_repr_names_the_product() -> None:
    lab = LabExplorer()
    assert repr(lab) == "LabExplorer(product=33.2 mg²/dL²)"
    lab.calcium.value = "lots"
    assert repr(lab) == "LabExplorer(product=33.2 mg²/dL²)"  # the last product that could be used


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("\u0663\u066b\u0665", "uses digits other than 0-9"),  # Arabic-Indic 3.5: float() reads it
        ("\uff13.\uff15", "uses digits other than 0-9"),  # full-width
        ("1_0", "is not a number"),
        ("nan", "is not a finite number"),
        ("1e400", "is too large"),
    ],
)
def test_lab_explorer_refuses_numbers_not_written_in_ascii_digits(typed: str, reason: str) -> None:
    lab = viewed(LabExplorer())
    before = plotted(lab.chart)
    lab.phosphate.value = typed
    assert f"phosphate must be a number. “{typed}” {reason}" in lab.readout.value
    assert "type the digits 0-9" in lab.readout.value
    assert plotted(lab.chart) == before
    assert lab.product is not None
    assert lab.product.phosphate_mg_dl == 3.5  # the last entry that could be used


def test_lab_explorer_reads_a_thirty_character_number_and_says_what_it_is() -> None:
    lab = LabExplorer()
    lab.phosphate.value = "3.50000000000000000000000000000"[:30]
    assert lab.product is not None
    assert lab.product.phosphate_mg_dl == 3.5
    lab.phosphate.value = "1" * 30
    assert "not a possible serum level" in lab.readout.value
    assert "nan" not in lab.readout.value.lower()
    lab.phosphate.value = "1" * 31
    assert "is too long for a number (at most 30 characters)" in lab.readout.value
    assert "nan" not in lab.readout.value.lower()


def test_lab_explorer_repeats_a_refused_entry_escaped() -> None:
    lab = LabExplorer()
    lab.calcium.value = "<b>9</b>"
    assert "<b>" not in lab.readout.value
    assert "“&lt;b&gt;9&lt;/b&gt;”" in lab.readout.value


@pytest.mark.parametrize("typed", ["lots", "\u0669\u066b\u0665", "-4", "250", ""])
def test_a_unit_switch_leaves_a_refused_entry_as_typed_and_converts_the_other(typed: str) -> None:
    lab = LabExplorer()
    lab.calcium.value = typed
    refused = lab.readout.value
    assert "tc-input-error" in refused
    lab.unit.value = "mmol/L"
    assert lab.calcium.value == typed
    assert lab.phosphate.value == "1.13"  # 3.5 mg/dL, converted
    assert "tc-input-error" in lab.readout.value
    assert "calcium" in lab.readout.value
    lab.unit.value = "mg/dL"
    assert lab.calcium.value == typed
    assert lab.phosphate.value == "3.5"


def test_a_unit_switch_converts_the_entries_as_typed_not_the_last_product() -> None:
    lab = LabExplorer()
    lab.calcium.value = "10"
    lab.phosphate.value = "oops"
    lab.unit.value = "mmol/L"
    assert (lab.calcium.value, lab.phosphate.value) == ("2.5", "oops")
    lab.phosphate.value = "1,13"  # corrected in the new unit, with a decimal comma
    assert lab.product is not None
    assert lab.product.calcium_mg_dl == pytest.approx(10)
    assert lab.product.phosphate_mg_dl == pytest.approx(3.5, rel=1e-2)
    assert "tc-input-error" not in lab.readout.value
