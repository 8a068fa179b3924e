"""The progress store as a lesson uses it: no fault of the store ever stops the lesson.

Every method of ``SafeStore`` catches the store's errors and keeps, in ``status``, a sentence
for the learner instead, such as "Your progress is not being saved: the progress file
/home/ada/progress.sqlite3 is locked by another program." A damaged SQLite file is moved aside
beside itself (``progress.sqlite3.damaged-20250101T120000``, never over an existing file) and
a fresh store is started. A store that failed is tried again at the next write.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar, Unpack

from sqlalchemy.exc import DatabaseError, SQLAlchemyError

from widgets.progress import location
from widgets.progress.store import (
    Attempt,
    ClassSession,
    Event,
    FinalSet,
    LessonProgress,
    SchemaError,
    Store,
)

T = TypeVar("T")

NOT_SAVED = "Your progress is not being saved: "
#: What the store can raise that must not reach the lesson.
STORE_ERRORS = (SQLAlchemyError, sqlite3.Error, SchemaError, OSError)
_DAMAGED = ("file is not a database", "database disk image is malformed")


class SafeStore:
    """A ``Store`` that reports faults in ``status`` rather than raising them.

    A name the learner gives that cannot be a name still raises ``LearnerNameError``: that is
    the learner's to correct, not a fault of the store.
    """

    #: Whether the store knows the learner to be an instructor: never here (the instructor key
    #: says it; ``widgets.progress.remote`` asks the hub).
    instructor = False

    def __init__(self, url: str | None, *, busy_timeout_s: float = 5.0) -> None:
        self._url = url
        self._busy_timeout_s = busy_timeout_s
        self._store: Store | None = None
        self._problem: str | None = None
        self._notice: str | None = None

    @classmethod
    def open(cls, url: str | None = None, *, busy_timeout_s: float = 5.0) -> SafeStore:
        """The store at ``url`` (default: from the environment), or one that says why not."""
        try:
            url = url or location.database_url()
            location.describe(url)
        except location.LocationError as error:
            unusable = cls(None, busy_timeout_s=busy_timeout_s)
            unusable._problem = f"{NOT_SAVED}{error}"
            return unusable
        safe = cls(url, busy_timeout_s=busy_timeout_s)
        safe._connect()
        return safe

    def __repr__(self) -> str:
        return f"SafeStore({self.where!r}, status={self.status!r})"

    @property
    def status(self) -> str | None:
        """What the learner should be told about saving now; None while all is well."""
        return self._problem or self._notice

    @property
    def saving(self) -> bool:
        return self._store is not None and self._problem is None

    @property
    def where(self) -> str:
        """The store's file, or its URL without password, as the messages name it."""
        return "(none)" if self._url is None else location.describe(self._url)

    def learner(self, name: str) -> int | None:
        return self._write(lambda store: store.learner(name), None)

    def record(self, learner_id: int, **event: Unpack[Event]) -> Attempt | None:
        """``Store.record``; None when the event could not be saved."""
        return self._write(lambda store: store.record(learner_id, **event), None)

    def attempts(self, learner_id: int, lesson: str | None = None) -> list[Attempt]:
        return self._read(lambda store: store.attempts(learner_id, lesson), [])

    def start_lesson(self, learner_id: int, lesson: str) -> LessonProgress | None:
        return self._write(lambda store: store.start_lesson(learner_id, lesson), None)

    def finish_lesson(self, learner_id: int, lesson: str) -> LessonProgress | None:
        return self._write(lambda store: store.finish_lesson(learner_id, lesson), None)

    def lessons(self, learner_id: int) -> list[LessonProgress]:
        return self._read(lambda store: store.lessons(learner_id), [])

    def save_final_set(
        self, learner_id: int, question_ids: Sequence[str], *, attempt: int | None = None
    ) -> FinalSet | None:
        return self._write(
            lambda store: store.save_final_set(learner_id, question_ids, attempt=attempt), None
        )

    def final_set(self, learner_id: int, attempt: int | None = None) -> FinalSet | None:
        return self._read(lambda store: store.final_set(learner_id, attempt), None)

    def export(self, learner_id: int) -> list[dict[str, object]]:
        return self._read(lambda store: store.export(learner_id), [])

    def forget(self, learner_id: int) -> int | None:
        return self._write(lambda store: store.forget(learner_id), None)

    # --- class sessions (widgets.classroom): faults report as elsewhere --------------------

    def open_class(self, lesson: str) -> ClassSession | None:
        return self._write(lambda store: store.open_class(lesson), None)

    def class_session(self, code: str) -> ClassSession | None:
        return self._write(lambda store: store.class_session(code), None)

    def put_question(self, session_id: int, question_id: str) -> ClassSession | None:
        return self._write(lambda store: store.put_question(session_id, question_id), None)

    def reveal_answer(self, session_id: int) -> ClassSession | None:
        return self._write(lambda store: store.reveal_answer(session_id), None)

    def close_class(self, session_id: int) -> ClassSession | None:
        return self._write(lambda store: store.close_class(session_id), None)

    def class_answers(self, session_id: int, question_id: str) -> list[Attempt]:
        return self._read(lambda store: store.class_answers(session_id, question_id), [])

    def session_answers(self, session_id: int) -> list[Attempt]:
        """Every answer given in the class session, oldest first."""
        return self._read(lambda store: store.answers(class_session_id=session_id), [])

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _write(self, work: Callable[[Store], T], failed: T) -> T:
        if self._store is None and not self._connect():
            return failed
        return self._guard(work, failed)

    def _read(self, work: Callable[[Store], T], failed: T) -> T:
        return failed if self._store is None else self._guard(work, failed)

    def _guard(self, work: Callable[[Store], T], failed: T, *, again: bool = True) -> T:
        """``work`` on the store; on a damaged file, once more on a fresh one."""
        assert self._store is not None
        try:
            done = work(self._store)
        except STORE_ERRORS as error:
            if not (again and _is_damaged(error) and self._recover()):
                self._problem = self._explain(error)
                return failed
            return failed if self._store is None else self._guard(work, failed, again=False)
        self._problem = None
        return done

    def _connect(self, *, recover: bool = True) -> bool:
        """Open the store (moving a damaged file aside first if need be); whether it opened."""
        if self._url is None:
            return False
        try:
            self._store = Store.open(self._url, busy_timeout_s=self._busy_timeout_s)
        except STORE_ERRORS as error:
            if recover and _is_damaged(error) and self._recover():
                return self._store is not None
            self._problem = self._explain(error)
            return False
        self._problem = None
        return True

    def _recover(self) -> bool:
        """Move the damaged file aside and open a fresh store; whether the file was moved."""
        path = None if self._url is None else location.sqlite_file(self._url)
        if path is None:
            return False
        self.close()
        try:
            moved = move_aside(path)
        except OSError as error:
            self._problem = (
                f"{NOT_SAVED}the progress file {path} is damaged and cannot be moved: {error}"
            )
            return False
        self._notice = (
            f"Your progress file {path} was damaged. It was moved to {moved} (kept, not "
            "deleted) and a new progress file was started, so earlier progress is not shown."
        )
        self._connect(recover=False)
        return True

    def _explain(self, error: BaseException) -> str:
        """The learner's sentence for ``error``, naming the store's file or database."""
        text = str(getattr(error, "orig", None) or error).splitlines()[0]
        lowered = text.lower()
        noun = "file" if self._url and location.sqlite_file(self._url) else "database"
        store = f"the progress {noun} {self.where}"
        if "locked" in lowered or "busy" in lowered:
            return f"{NOT_SAVED}{store} is locked by another program."
        if "full" in lowered:
            return f"{NOT_SAVED}the disk that holds {store} is full."
        if any(
            word in lowered for word in ("readonly", "read-only", "permission", "unable to open")
        ):
            return f"{NOT_SAVED}{store} cannot be written to ({text})."
        if isinstance(error, SchemaError):
            return f"{NOT_SAVED}{store} was made by another version of the course ({text})."
        return f"{NOT_SAVED}{store} reported an error ({text})."


def move_aside(path: Path) -> Path:
    """Rename a damaged file (and its ``-wal`` and ``-shm`` files) to a new name beside it.

    The new name is ``<name>.damaged-<UTC time>``, with ``-2``, ``-3``... when taken; an existing
    file is never overwritten (the name is claimed with a hard link).
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    base = path.with_name(f"{path.name}.damaged-{stamp}")
    for number in range(1, 1000):
        target = base if number == 1 else base.with_name(f"{base.name}-{number}")
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        os.unlink(path)
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                os.replace(companion, target.with_name(target.name + suffix))
        return target
    raise FileExistsError(f"no free name beside {path} to move it to")


def _is_damaged(error: BaseException) -> bool:
    return isinstance(error, DatabaseError | sqlite3.DatabaseError) and any(
        phrase in str(error).lower() for phrase in _DAMAGED
    )
