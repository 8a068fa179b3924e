"""Tidy tables: every row cites a real reference, age spans count completed days or years, and
tables are found through ``widgets.paths``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from widgets.charts.data import AgeSpan, Table, data_files, load_table
from widgets.paths import ROOT_ENV
from widgets.references.catalog import load_references

DAY = 1 / 365.25


def test_every_row_cites_a_real_reference() -> None:
    count = len(load_references().references)
    for name in data_files():
        for row in load_table(name).rows:
            assert 1 <= row.source <= count, (name, row.id)


@pytest.mark.parametrize(
    ("span", "age_years", "inside"),
    [
        (AgeSpan(low=1, high=3, unit="years"), 1, True),
        (AgeSpan(low=1, high=3, unit="years"), 3.5, True),  # three completed years
        (AgeSpan(low=1, high=3, unit="years"), 3.999, True),
        (AgeSpan(low=1, high=3, unit="years"), 4, False),
        (AgeSpan(low=1, high=3, unit="years"), 0.99, False),
        (AgeSpan(low=0, high=5, unit="days"), 0, True),
        (AgeSpan(low=0, high=5, unit="days"), 5.9 * DAY, True),
        (AgeSpan(low=0, high=5, unit="days"), 6 * DAY, False),
        (AgeSpan(low=20, unit="years"), 20, True),
        (AgeSpan(low=20, unit="years"), 110, True),
        (AgeSpan(low=20, unit="years"), 19.99, False),
    ],
)
def test_an_age_span_counts_completed_units(span: AgeSpan, age_years: float, inside: bool) -> None:
    assert span.contains(age_years) is inside


def test_an_age_span_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError, match="high 3 is below low 4"):
        AgeSpan(low=4, high=3, unit="years")


def test_the_phosphate_reference_rows_carry_the_ages_the_brief_gives() -> None:
    table = load_table("lab-values")
    spans = {
        row.id: (row.ages.low, row.ages.high, row.ages.unit)
        for row in table.group("reference")
        if row.ages is not None
    }
    assert spans == {
        "phosphate-reference-0-5-days": (0, 5, "days"),
        "phosphate-reference-1-3-years": (1, 3, "years"),
        "phosphate-reference-4-6-years": (4, 6, "years"),
        "phosphate-reference-7-11-years": (7, 11, "years"),
        "phosphate-reference-12-13-years": (12, 13, "years"),
        "phosphate-reference-14-15-years": (14, 15, "years"),
        "phosphate-reference-16-19-years": (16, 19, "years"),
        "phosphate-reference-adults": (20, None, "years"),
    }


TABLE = """\
schema_version: 1
title: A table of one row
description: For the test.
rows:
  - id: one
    group: only
    label: One
    value: 1
    unit: patients
    population: Nobody real
    source: 1
    confidence: low
"""


def test_tables_are_found_where_widgets_paths_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "assets" / "data").mkdir(parents=True)
    (tmp_path / "assets" / "data" / "only-table.yaml").write_text(TABLE, encoding="utf-8")
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    assert data_files() == ["only-table"]
    assert load_table("only-table").row("one").value == 1


def _table_with_labels(labels: str) -> str:
    return TABLE.replace("rows:\n", f"group_labels:\n{labels}rows:\n")


def test_a_group_label_names_its_group_for_a_legend() -> None:
    table = Table.model_validate(yaml.safe_load(_table_with_labels("  only: The only group\n")))
    assert table.group_label("only") == "The only group"


def test_a_group_without_a_label_is_never_shown_by_its_id() -> None:
    table = Table.model_validate(yaml.safe_load(TABLE))
    with pytest.raises(KeyError, match="no group_labels entry for group 'only'"):
        table.group_label("only")


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ("  other: Another group\n", "names 'other', a group with no rows"),
        ("  only: ' '\n", "gives 'only' an empty label"),
    ],
)
def test_group_labels_must_name_groups_and_say_something(labels: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Table.model_validate(yaml.safe_load(_table_with_labels(labels)))
