"""The store's records as JSON, between the answers service and the kernels that use it.

One function each way per record type; times travel as ISO 8601 with their offset. Pure
standard library: the kernel's side (``widgets.progress.remote``) loads nothing more.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from widgets.progress.store import Attempt, ClassSession, FinalSet, LessonProgress

Record = Attempt | ClassSession | FinalSet | LessonProgress
_TIMES = ("created_at", "started_at", "finished_at", "drawn_at", "opened_at", "closed_at")


def dump(record: Record) -> dict[str, Any]:
    """A record as JSON values."""
    values = asdict(record)
    for name in _TIMES:
        if isinstance(values.get(name), datetime):
            values[name] = values[name].isoformat()
    if isinstance(record, FinalSet):
        values["question_ids"] = list(record.question_ids)
    return values


def _times(values: dict[str, Any]) -> dict[str, Any]:
    return {
        name: datetime.fromisoformat(value) if name in _TIMES and value is not None else value
        for name, value in values.items()
    }


def attempt(values: dict[str, Any]) -> Attempt:
    return Attempt(**_times(values))


def lesson_progress(values: dict[str, Any]) -> LessonProgress:
    return LessonProgress(**_times(values))


def final_set(values: dict[str, Any]) -> FinalSet:
    values = _times(values)
    return FinalSet(
        attempt=int(values["attempt"]),
        question_ids=tuple(values["question_ids"]),
        drawn_at=values["drawn_at"],
    )


def class_session(values: dict[str, Any]) -> ClassSession:
    return ClassSession(**_times(values))
