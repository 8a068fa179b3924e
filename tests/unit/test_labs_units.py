"""Conversions match hand calculation and use the table's factors; impossible values are refused."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from widgets.charts.data import load_table
from widgets.labs.units import LabValueError, Product, from_mg_dl, mmol_per_mg_dl, to_mg_dl
from widgets.paths import ROOT_ENV, assets_dir


@pytest.mark.parametrize(
    ("value", "analyte", "unit", "mg_dl"),
    [
        (9.5, "calcium", "mg/dL", 9.5),
        (2.375, "calcium", "mmol/L", 9.5),
        ("1,1305", "phosphate", "mmol/L", 3.5),
    ],
)
def test_unit_conversion_matches_hand_calculation(
    value: object, analyte: str, unit: str, mg_dl: float
) -> None:
    assert to_mg_dl(value, analyte=analyte, unit=unit) == pytest.approx(mg_dl, rel=1e-4)


def test_the_product_in_both_units() -> None:
    normal = Product(calcium_mg_dl=9.5, phosphate_mg_dl=3.5)
    assert normal.mg2_dl2 == pytest.approx(33.25)
    assert normal.mmol2_l2 == pytest.approx(2.375 * 1.1305)  # 2.685
    # The brief: the NIH median 63.5 mg²/dL² is 5.12 mmol²/L² (factor 0.0806 ~ 0.25 x 0.323).
    assert pytest.approx(5.12, abs=0.02) == 63.5 * 0.25 * 0.323


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "above zero"),
        (0, "above zero"),
        ("abc", "must be a number"),
        (math.nan, "must be a number"),
        (float("inf"), "must be a number"),
        (250, "not a possible serum level"),
        ("9" * 40, "must be a number"),
        ("1" * 30, "not a possible serum level"),  # read, not turned into NaN
        ("\u0663\u066b\u0665", "must be a number. “\u0663\u066b\u0665” uses digits other than 0-9"),
        ("\uff13.\uff15", "uses digits other than 0-9"),
        ("1e400", "must be a number. “1e400” is too large"),
        ("nan", "must be a number. “nan” is not a finite number"),
        ("3_5", "must be a number"),
        (True, "must be a number"),
    ],
)
def test_impossible_values_are_refused_with_a_message(value: object, message: str) -> None:
    with pytest.raises(LabValueError, match=message):
        to_mg_dl(value, analyte="phosphate", unit="mg/dL")


def test_an_unknown_analyte_or_unit_is_refused() -> None:
    with pytest.raises(LabValueError, match="analyte must be calcium or phosphate"):
        to_mg_dl(1, analyte="sodium", unit="mg/dL")
    with pytest.raises(LabValueError, match="unit must be mg/dL or mmol/L"):
        from_mg_dl(1, analyte="calcium", unit="g/L")


@pytest.mark.parametrize(
    ("analyte", "row_id"),
    [("calcium", "calcium-mg-dl-to-mmol-l"), ("phosphate", "phosphate-mg-dl-to-mmol-l")],
)
def test_the_factors_are_the_conversion_rows_of_the_lab_values(analyte: str, row_id: str) -> None:
    row = load_table("lab-values").row(row_id)
    assert row.group == "conversions"
    assert mmol_per_mg_dl(analyte) == row.value
    assert from_mg_dl(10, analyte=analyte, unit="mmol/L") == pytest.approx(10 * row.value)


def test_a_changed_factor_in_the_table_changes_every_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "assets" / "data" / "lab-values.yaml"
    table.parent.mkdir(parents=True)
    shutil.copy(assets_dir() / "data" / "lab-values.yaml", table)
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("value: 0.323\n", "value: 0.5\n"), encoding="utf-8")
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    assert to_mg_dl(2, analyte="phosphate", unit="mmol/L") == pytest.approx(4)
    assert from_mg_dl(4, analyte="phosphate", unit="mmol/L") == pytest.approx(2)
    assert Product(10, 4).mmol2_l2 == pytest.approx(2.5 * 2)
