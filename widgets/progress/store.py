"""The progress store: learners, their attempts, lesson progress and final-quiz sets.

SQLAlchemy Core over any database URL; SQLite (the default) runs in WAL mode with a busy
timeout and foreign keys on, and each write takes the write lock when it begins, so kernels
writing at once wait for one another instead of failing. Opening a store migrates it to the
newest schema. Every write is one transaction; errors are raised (``safe`` turns them into a
status for the learner).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Required, TypedDict, TypeVar, cast

from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    Row,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

from widgets.progress import location
from widgets.progress.export import attempt_rows
from widgets.progress.learners import normalise_name
from widgets.progress.schema import (
    KINDS,
    SCHEMA_REVISION,
    Kind,
    attempts,
    class_answers,
    class_sessions,
    final_sets,
    learners,
    lesson_progress,
)

T = TypeVar("T")

#: How often a write is tried again when another writer took the same key first.
WRITE_TRIES = 5
#: Seconds between two tries to switch a new SQLite file to WAL mode (``_wal``).
WAL_RETRY_S = 0.05
#: PostgreSQL advisory lock held while the schema is created or upgraded (any fixed number).
MIGRATION_LOCK_KEY = 0x7C_C0_5E
_READ_ONLY = "tc_read_only"


class SchemaError(Exception):
    """The database's schema cannot be brought to this course's: made by a newer course, say.

    Alembic's own ``CommandError`` is the cause; it is not raised as such so that catching this
    (``widgets.progress.safe``) does not load Alembic in a kernel whose store is current.
    """


class ClassSessionError(ValueError):
    """A class code that names no open session, or an answer the session does not take; the
    message says which, for the student's page."""


#: Class codes: six characters a room can read off a projector (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


@dataclass(frozen=True)
class ClassSession:
    """A lesson's questions put to a class: the question now put, and whether it is revealed."""

    id: int
    code: str
    lesson: str
    question_id: str | None
    revealed: bool
    opened_at: datetime
    closed_at: datetime | None

    @property
    def open(self) -> bool:
        return self.closed_at is None


class Event(TypedDict, total=False):
    """One event as ``Store.record`` takes it, the learner aside (see ``record``)."""

    lesson: Required[str]
    question_id: Required[str]
    kind: Kind
    answer: object
    correct: bool | None
    credit: float
    hints: int
    revealed: bool
    elapsed_ms: int | None
    class_session_id: int | None


@dataclass(frozen=True)
class Attempt:
    """One event of a learner on a question: an answer checked, a hint taken, the answer shown."""

    id: int
    learner_id: int
    lesson: str
    question_id: str
    attempt_no: int
    kind: Kind
    answer: object  # what was chosen, as JSON values; None for hints and reveals
    correct: bool | None
    credit: float
    hints: int
    revealed: bool
    created_at: datetime
    elapsed_ms: int | None


@dataclass(frozen=True)
class LessonProgress:
    lesson: str
    started_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True)
class FinalSet:
    """The questions drawn for one try at the final quiz, in the order shown."""

    attempt: int
    question_ids: tuple[str, ...]
    drawn_at: datetime


class Store:
    """Progress kept in one database; ``Store.open()`` finds it, creates or migrates it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @classmethod
    def open(cls, url: str | None = None, *, busy_timeout_s: float = 5.0) -> Store:
        """The store at ``url`` (default: ``location.database_url()``), at the newest schema.

        ``busy_timeout_s`` is how long a SQLite write waits for another writer's lock. A schema
        the migrations cannot upgrade (a newer course's) raises ``SchemaError``.
        """
        engine = create_engine(url or location.database_url())
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine, busy_timeout_ms=round(busy_timeout_s * 1000))
        store = cls(engine)
        try:
            store._migrate()
        except BaseException:
            store.close()
            raise
        return store

    def __repr__(self) -> str:
        return f"Store({location.describe(self.url)!r})"

    @property
    def url(self) -> str:
        return self._engine.url.render_as_string(hide_password=False)

    def close(self) -> None:
        self._engine.dispose()

    def learner(self, name: str) -> int:
        """The id of the learner called ``name`` (normalised), added on first use."""
        name = normalise_name(name)
        query = select(learners.c.id).where(learners.c.name == name)
        with self._read() as connection:  # a known learner is found without the write lock
            found = connection.scalar(query)
        if found is not None:
            return int(found)

        def get_or_add(connection: Connection) -> int:
            found = connection.scalar(query)
            if found is not None:
                return int(found)
            return _new_id(
                connection.execute(learners.insert().values(name=name, created_at=_now()))
            )

        return self._write(get_or_add)

    def record(
        self,
        learner_id: int,
        *,
        lesson: str,
        question_id: str,
        kind: Kind = "answer",
        answer: object = None,
        correct: bool | None = None,
        credit: float = 0.0,
        hints: int = 0,
        revealed: bool = False,
        elapsed_ms: int | None = None,
        class_session_id: int | None = None,
    ) -> Attempt:
        """Add the learner's next event on a question; its ``attempt_no`` is given here.

        ``credit``, ``hints`` and ``revealed`` are the question's state after this event. An
        answer given in a class session (``class_session_id``) is kept as the session's too; a
        session that is closed, or of another lesson, refuses it (``ClassSessionError``).
        """
        _check_event(kind, answer=answer, correct=correct, credit=credit)
        values = {
            "learner_id": learner_id,
            "lesson": lesson,
            "question_id": question_id,
            "kind": kind,
            "answer": None if kind != "answer" else json.dumps(answer, ensure_ascii=False),
            "correct": correct,
            "credit": float(credit),
            "hints": hints,
            "revealed": revealed,
            "elapsed_ms": elapsed_ms,
        }

        def add(connection: Connection) -> Attempt:
            _lock_learner(connection, learner_id)
            if class_session_id is not None and kind == "answer":
                _check_class_answer(connection, class_session_id, lesson, question_id)
            latest = connection.scalar(
                select(func.max(attempts.c.attempt_no)).where(
                    attempts.c.learner_id == learner_id, attempts.c.question_id == question_id
                )
            )
            row = {**values, "attempt_no": (latest or 0) + 1, "created_at": _now()}
            added = connection.execute(attempts.insert().values(**row))
            attempt_id = _new_id(added)
            if class_session_id is not None and kind == "answer":
                connection.execute(
                    class_answers.insert().values(
                        attempt_id=attempt_id, class_session_id=class_session_id
                    )
                )
            return _attempt({**row, "id": attempt_id})

        return self._write(add)

    def attempts(self, learner_id: int, lesson: str | None = None) -> list[Attempt]:
        """The learner's events, oldest first; only those of ``lesson`` when it is given."""
        query = select(attempts).where(attempts.c.learner_id == learner_id)
        if lesson is not None:
            query = query.where(attempts.c.lesson == lesson)
        with self._read() as connection:
            rows = connection.execute(query.order_by(attempts.c.id)).mappings().all()
        return [_attempt(row) for row in rows]

    def answers(
        self,
        *,
        lesson: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        class_session_id: int | None = None,
    ) -> list[Attempt]:
        """Every learner's answer events (not hints or reveals), oldest first: of ``lesson``
        when given, made at or after ``since`` and before ``until`` when given (aware times),
        given in the class session ``class_session_id`` when given."""
        query = select(attempts).where(attempts.c.kind == "answer")
        if class_session_id is not None:
            query = query.join(class_answers, class_answers.c.attempt_id == attempts.c.id).where(
                class_answers.c.class_session_id == class_session_id
            )
        if lesson is not None:
            query = query.where(attempts.c.lesson == lesson)
        if since is not None:
            query = query.where(attempts.c.created_at >= since)
        if until is not None:
            query = query.where(attempts.c.created_at < until)
        with self._read() as connection:
            rows = connection.execute(query.order_by(attempts.c.id)).mappings().all()
        return [_attempt(row) for row in rows]

    def start_lesson(self, learner_id: int, lesson: str) -> LessonProgress:
        """Note that the learner opened ``lesson``; the first opening is the one kept."""
        return self._write(lambda connection: _lesson_row(connection, learner_id, lesson))

    def finish_lesson(self, learner_id: int, lesson: str) -> LessonProgress:
        """Note that the learner finished ``lesson``; the first finish is the one kept."""

        def finish(connection: Connection) -> LessonProgress:
            progress = _lesson_row(connection, learner_id, lesson)
            if progress.finished_at is not None:
                return progress
            connection.execute(
                update(lesson_progress)
                .where(_lesson_key(learner_id, lesson))
                .values(finished_at=_now())
            )
            return _lesson_row(connection, learner_id, lesson)

        return self._write(finish)

    def lessons(self, learner_id: int) -> list[LessonProgress]:
        query = (
            select(lesson_progress)
            .where(lesson_progress.c.learner_id == learner_id)
            .order_by(lesson_progress.c.started_at, lesson_progress.c.lesson)
        )
        with self._read() as connection:
            rows = connection.execute(query).all()
        return [LessonProgress(row.lesson, row.started_at, row.finished_at) for row in rows]

    def save_final_set(
        self, learner_id: int, question_ids: Sequence[str], *, attempt: int | None = None
    ) -> FinalSet:
        """Keep the questions drawn for a try at the final quiz: try ``attempt``, or the next.

        A try already saved keeps its first set (two tabs drawing at once agree on one); the
        set kept is returned.
        """

        def add(connection: Connection) -> FinalSet:
            _lock_learner(connection, learner_id)
            query = select(final_sets).where(final_sets.c.learner_id == learner_id)
            if attempt is not None:
                kept = connection.execute(query.where(final_sets.c.attempt == attempt)).first()
                if kept is not None:
                    return _final_set(kept)
            latest = connection.scalar(
                select(func.max(final_sets.c.attempt)).where(final_sets.c.learner_id == learner_id)
            )
            number = (latest or 0) + 1 if attempt is None else attempt
            drawn = FinalSet(number, tuple(question_ids), _now())
            connection.execute(
                final_sets.insert().values(
                    learner_id=learner_id,
                    attempt=drawn.attempt,
                    question_ids=json.dumps(list(drawn.question_ids), ensure_ascii=False),
                    drawn_at=drawn.drawn_at,
                )
            )
            return drawn

        return self._write(add)

    def final_set(self, learner_id: int, attempt: int | None = None) -> FinalSet | None:
        """The questions of try ``attempt`` (default: the latest), or None if never drawn."""
        query = select(final_sets).where(final_sets.c.learner_id == learner_id)
        if attempt is not None:
            query = query.where(final_sets.c.attempt == attempt)
        with self._read() as connection:
            row = connection.execute(query.order_by(final_sets.c.attempt.desc()).limit(1)).first()
        return None if row is None else _final_set(row)

    def name(self, learner_id: int) -> str | None:
        with self._read() as connection:
            found = connection.scalar(select(learners.c.name).where(learners.c.id == learner_id))
        return None if found is None else str(found)

    def export(self, learner_id: int) -> list[dict[str, object]]:
        """Every event of the learner as plain values, oldest first (see ``export``)."""
        return attempt_rows(self.name(learner_id) or "", self.attempts(learner_id))

    def forget(self, learner_id: int) -> int:
        """Delete every row of the learner, the learner included; the number of rows deleted."""

        def delete_all(connection: Connection) -> int:
            deleted = 0
            for table in (attempts, lesson_progress, final_sets):
                result = connection.execute(delete(table).where(table.c.learner_id == learner_id))
                deleted += result.rowcount
            result = connection.execute(delete(learners).where(learners.c.id == learner_id))
            return deleted + result.rowcount

        return self._write(delete_all)

    # --- class sessions ------------------------------------------------------------------

    def open_class(self, lesson: str) -> ClassSession:
        """A new class session on ``lesson``, with a fresh code; no question put yet."""

        def add(connection: Connection) -> ClassSession:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            row = {
                "code": code,
                "lesson": lesson,
                "question_id": None,
                "revealed": False,
                "opened_at": _now(),
                "closed_at": None,
            }
            added = connection.execute(class_sessions.insert().values(**row))
            return ClassSession(id=_new_id(added), **row)  # type: ignore[arg-type]

        return self._write(add)  # a code taken already is an IntegrityError: drawn again

    def class_session(self, code: str) -> ClassSession | None:
        """The session with ``code`` (as typed: case and spaces forgiven), open or closed."""
        wanted = code.strip().upper()
        with self._read() as connection:
            row = connection.execute(
                select(class_sessions).where(class_sessions.c.code == wanted)
            ).first()
        return None if row is None else _class_session(row)

    def put_question(self, session_id: int, question_id: str) -> ClassSession:
        """Put ``question_id`` to the class (its answer not yet revealed)."""
        return self._change_class(session_id, question_id=question_id, revealed=False)

    def reveal_answer(self, session_id: int) -> ClassSession:
        return self._change_class(session_id, revealed=True)

    def close_class(self, session_id: int) -> ClassSession:
        return self._change_class(session_id, closed_at=_now())

    def class_answers(self, session_id: int, question_id: str) -> list[Attempt]:
        """Each learner's first answer to ``question_id`` given in the session, oldest first."""
        query = (
            select(attempts)
            .join(class_answers, class_answers.c.attempt_id == attempts.c.id)
            .where(
                class_answers.c.class_session_id == session_id,
                attempts.c.question_id == question_id,
            )
            .order_by(attempts.c.id)
        )
        with self._read() as connection:
            rows = connection.execute(query).mappings().all()
        first: dict[int, Attempt] = {}
        for row in rows:
            first.setdefault(int(row["learner_id"]), _attempt(row))
        return list(first.values())

    def _change_class(self, session_id: int, **values: object) -> ClassSession:
        def change(connection: Connection) -> ClassSession:
            connection.execute(
                update(class_sessions).where(class_sessions.c.id == session_id).values(**values)
            )
            row = connection.execute(
                select(class_sessions).where(class_sessions.c.id == session_id)
            ).first()
            if row is None:
                raise ClassSessionError(f"There is no class session {session_id}.")
            return _class_session(row)

        return self._write(change)

    def _migrate(self) -> None:
        """Upgrade to the newest schema; only then take the write lock (kernels open at once)."""
        with self._read() as connection:
            if _revision(connection) == SCHEMA_REVISION:
                return
        from alembic.util.exc import CommandError  # Alembic, only when there is something to do

        from widgets.progress import migrate

        try:
            with self._engine.begin() as connection:
                if connection.dialect.name == "postgresql":  # SQLite: BEGIN IMMEDIATE locks
                    # Kernels opening a new database at once take turns; the next finds it done.
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                    )
                migrate.upgrade(connection)
        except CommandError as error:
            raise SchemaError(str(error)) from error

    def _write(self, work: Callable[[Connection], T]) -> T:
        """``work`` in one transaction, run again when a unique key was taken meanwhile."""
        for tries_left in range(WRITE_TRIES - 1, -1, -1):
            try:
                with self._engine.begin() as connection:
                    return work(connection)
            except IntegrityError:
                if not tries_left:
                    raise
        raise AssertionError("unreachable")

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._engine.connect() as connection:
            connection.execution_options(**{_READ_ONLY: True})
            with connection.begin():
                yield connection


def _configure_sqlite(engine: Engine, *, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _: object) -> None:
        # The driver's own transaction handling is off: ``on_begin`` begins each one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _wal(cursor, deadline=time.monotonic() + busy_timeout_ms / 1000)
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        # A write takes the lock as it begins, so a second writer waits (busy_timeout) rather
        # than failing when its read turns into a write; reads in WAL mode never wait.
        read_only = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _wal(cursor: Any, *, deadline: float) -> None:
    """Switch to WAL mode. Kernels opening a new file at once can be told "database is locked"
    at once, without the busy timeout (seen with 8 at once on a loaded machine): try again until
    ``deadline``."""
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_S)


def _check_event(kind: str, *, answer: object, correct: bool | None, credit: float) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if (kind == "answer") != (answer is not None):
        raise ValueError("an answer event needs an answer; hints and reveals have none")
    if (kind == "answer") != (correct is not None):
        raise ValueError("an answer event is correct or not; hints and reveals are neither")
    if not 0.0 <= credit <= 1.0:
        raise ValueError(f"credit is a fraction from 0 to 1, not {credit!r}")


def _attempt(row: Any) -> Attempt:
    answer = row["answer"]
    return Attempt(
        id=int(row["id"]),
        learner_id=int(row["learner_id"]),
        lesson=row["lesson"],
        question_id=row["question_id"],
        attempt_no=int(row["attempt_no"]),
        kind=cast(Kind, row["kind"]),
        answer=None if answer is None else json.loads(answer),
        correct=None if row["correct"] is None else bool(row["correct"]),
        credit=float(row["credit"]),
        hints=int(row["hints"]),
        revealed=bool(row["revealed"]),
        created_at=row["created_at"],
        elapsed_ms=row["elapsed_ms"],
    )


def _final_set(row: Row[Any]) -> FinalSet:
    return FinalSet(row.attempt, tuple(json.loads(row.question_ids)), row.drawn_at)


def _new_id(inserted: CursorResult[Any]) -> int:
    key = inserted.inserted_primary_key
    assert key is not None, "an insert without a primary key"
    return int(key[0])


def _class_session(row: Row[Any]) -> ClassSession:
    return ClassSession(
        id=row.id,
        code=row.code,
        lesson=row.lesson,
        question_id=row.question_id,
        revealed=bool(row.revealed),
        opened_at=row.opened_at,
        closed_at=row.closed_at,
    )


def _check_class_answer(
    connection: Connection, session_id: int, lesson: str, question_id: str
) -> None:
    row = connection.execute(
        select(class_sessions).where(class_sessions.c.id == session_id)
    ).first()
    if row is None:
        raise ClassSessionError(f"There is no class session {session_id}.")
    if row.closed_at is not None:
        raise ClassSessionError(
            f"The class session {row.code} has closed: this answer is kept as yours only."
        )
    if row.lesson != lesson or not question_id.startswith(f"{row.lesson}/"):
        raise ClassSessionError(
            f"The class session {row.code} is on {row.lesson}, not on {question_id}: "
            "this answer is kept as yours only."
        )


def _lock_learner(connection: Connection, learner_id: int) -> None:
    """Hold the learner's row until the transaction ends, so that one learner's writes (tabs of
    one student answering at once) take their turn. SQLite's writes already do (``BEGIN
    IMMEDIATE``) and SQLAlchemy leaves ``FOR UPDATE`` out there; PostgreSQL's would otherwise
    run together, number the same attempt and fail on its unique key."""
    connection.execute(select(learners.c.id).where(learners.c.id == learner_id).with_for_update())


def _lesson_key(learner_id: int, lesson: str) -> Any:
    return (lesson_progress.c.learner_id == learner_id) & (lesson_progress.c.lesson == lesson)


def _lesson_row(connection: Connection, learner_id: int, lesson: str) -> LessonProgress:
    """The learner's row for ``lesson``, added (started now) when there is none."""
    row: Row[Any] | None = connection.execute(
        select(lesson_progress).where(_lesson_key(learner_id, lesson))
    ).first()
    if row is None:
        started = _now()
        connection.execute(
            lesson_progress.insert().values(
                learner_id=learner_id, lesson=lesson, started_at=started
            )
        )
        return LessonProgress(lesson, started, None)
    return LessonProgress(row.lesson, row.started_at, row.finished_at)


def _revision(connection: Connection) -> str | None:
    """The revision recorded in Alembic's table, read without Alembic; None if there is none."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return found[0] if len(found) == 1 else None


def _now() -> datetime:
    return datetime.now(UTC)
