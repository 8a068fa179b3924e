"""A learner's attempts as CSV and JSON text."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from widgets.progress.export import COLUMNS, attempt_rows, to_csv, to_json
from widgets.progress.store import Attempt

AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def attempt(**changes: object) -> Attempt:
    fields: dict[str, object] = {
        "id": 1,
        "learner_id": 1,
        "lesson": "01-what-is-it",
        "question_id": "01-what-is-it/q",
        "attempt_no": 1,
        "kind": "answer",
        "answer": ["b", "é"],
        "correct": True,
        "credit": 1.0,
        "hints": 0,
        "revealed": False,
        "created_at": AT,
        "elapsed_ms": 1500,
        **changes,
    }
    return Attempt(**fields)  # type: ignore[arg-type]


def test_rows_hold_plain_values_in_column_order() -> None:
    (row,) = attempt_rows("Ada", [attempt()])
    assert tuple(row) == COLUMNS
    assert row["answer"] == '["b", "é"]'
    assert row["created_at"] == "2025-03-01T09:30:00+00:00"


def test_json_text_reads_back_as_the_rows() -> None:
    rows = attempt_rows("山田", [attempt(), attempt(kind="hint", answer=None, correct=None)])
    assert json.loads(to_json(rows)) == rows


def test_csv_has_a_header_and_empty_cells_for_missing_values() -> None:
    rows = attempt_rows("Ada", [attempt(kind="hint", answer=None, correct=None, elapsed_ms=None)])
    (read,) = csv.DictReader(io.StringIO(to_csv(rows)))
    assert tuple(read) == COLUMNS
    assert (read["answer"], read["correct"], read["elapsed_ms"]) == ("", "", "")


def test_csv_defuses_text_a_spreadsheet_would_run_as_a_formula() -> None:
    rows = attempt_rows('=HYPERLINK("http://evil.example")', [attempt()])
    (read,) = csv.DictReader(io.StringIO(to_csv(rows)))
    assert read["learner"] == '\'=HYPERLINK("http://evil.example")'
