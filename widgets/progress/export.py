"""A learner's attempts as plain rows, and those rows as CSV or JSON text (for the learner to
take away, or for an instructor's gradebook)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from widgets.progress.store import Attempt

COLUMNS = (
    "learner",
    "lesson",
    "question_id",
    "attempt_no",
    "kind",
    "answer",
    "correct",
    "credit",
    "hints",
    "revealed",
    "created_at",
    "elapsed_ms",
)

#: A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def attempt_rows(learner: str, attempts: Sequence[Attempt]) -> list[dict[str, object]]:
    """One row per attempt, keyed by ``COLUMNS``; the answer as JSON text, times in ISO 8601."""
    return [
        {
            "learner": learner,
            "lesson": attempt.lesson,
            "question_id": attempt.question_id,
            "attempt_no": attempt.attempt_no,
            "kind": attempt.kind,
            "answer": None
            if attempt.answer is None
            else json.dumps(attempt.answer, ensure_ascii=False),
            "correct": attempt.correct,
            "credit": attempt.credit,
            "hints": attempt.hints,
            "revealed": attempt.revealed,
            "created_at": attempt.created_at.isoformat(),
            "elapsed_ms": attempt.elapsed_ms,
        }
        for attempt in attempts
    ]


def to_json(rows: Sequence[dict[str, object]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: Sequence[dict[str, object]]) -> str:
    """CSV with a header row; empty cells for None; text a spreadsheet would run as a formula
    gets a leading apostrophe."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(row.get(key)) for key in COLUMNS})
    return out.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
