"""The progress database's tables, as SQLAlchemy Core metadata: the model migrations must match.

Every attempt is a row; scores, progress and statistics are computed from attempts. A row of
``attempts`` is one event of a learner on a question: an answer checked, a hint taken or the
answer revealed. ``attempt_no`` numbers those events 1, 2, ... per learner and question, and
the unique key on it is what keeps two kernels from writing the same event twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

#: Named constraints, so that migrations (and SQLite's batch mode) can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Kind = Literal["answer", "hint", "reveal"]
#: The Alembic revision this module's tables are: the newest in ``migrations/versions``. A store
#: at this revision opens without loading Alembic (about 12 MiB less in every kernel); a test
#: checks that it is the migrations' head.
SCHEMA_REVISION = "0002"

KINDS: tuple[Kind, ...] = ("answer", "hint", "reveal")

LESSON_CHARACTERS = 100
QUESTION_ID_CHARACTERS = 200
NAME_CHARACTERS = 64
CLASS_CODE_CHARACTERS = 12


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC: stored without a zone (SQLite keeps none), read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a naive datetime is ambiguous here: {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


METADATA = MetaData(naming_convention=NAMING_CONVENTION)

learners = Table(
    "learners",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("name", String(NAME_CHARACTERS), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
)

attempts = Table(
    "attempts",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("learner_id", ForeignKey("learners.id", ondelete="CASCADE"), nullable=False),
    Column("lesson", String(LESSON_CHARACTERS), nullable=False),
    Column("question_id", String(QUESTION_ID_CHARACTERS), nullable=False),
    Column("attempt_no", Integer, nullable=False),
    Column("kind", String(6), nullable=False),
    Column("answer", Text, nullable=True),  # JSON of what was chosen; NULL for hints, reveals
    Column("correct", Boolean, nullable=True),  # NULL for hints and reveals
    Column("credit", Float, nullable=False),  # the question's credit after this event, 0..1
    Column("hints", Integer, nullable=False),  # hints taken on the question so far
    Column("revealed", Boolean, nullable=False),  # "Show answer" used on the question
    Column("created_at", UtcDateTime, nullable=False),
    Column("elapsed_ms", Integer, nullable=True),
    UniqueConstraint("learner_id", "question_id", "attempt_no"),
    CheckConstraint("attempt_no >= 1", name="attempt_no_positive"),
    CheckConstraint("kind IN ('answer', 'hint', 'reveal')", name="kind_known"),
    CheckConstraint("credit >= 0 AND credit <= 1", name="credit_fraction"),
    CheckConstraint("hints >= 0", name="hints_not_negative"),
    CheckConstraint("(kind = 'answer') = (answer IS NOT NULL)", name="answer_with_answers"),
    Index(None, "learner_id", "lesson"),
)

lesson_progress = Table(
    "lesson_progress",
    METADATA,
    Column("learner_id", ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
    Column("lesson", String(LESSON_CHARACTERS), primary_key=True),
    Column("started_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime, nullable=True),
)

final_sets = Table(
    "final_sets",
    METADATA,
    Column("learner_id", ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True),
    Column("attempt", Integer, primary_key=True),
    Column("question_ids", Text, nullable=False),  # a JSON list, in the order shown
    Column("drawn_at", UtcDateTime, nullable=False),
    CheckConstraint("attempt >= 1", name="attempt_positive"),
)

#: A class session: an instructor puts a lesson's questions to the room (``widgets.classroom``).
#: Students who open the lesson with its code answer as usual; each of those answers is linked to
#: the session in ``class_answers``, so results are kept per session.
class_sessions = Table(
    "class_sessions",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("code", String(CLASS_CODE_CHARACTERS), nullable=False, unique=True),
    Column("lesson", String(LESSON_CHARACTERS), nullable=False),
    Column("question_id", String(QUESTION_ID_CHARACTERS), nullable=True),  # the one put now
    Column("revealed", Boolean, nullable=False),  # its answer shown on the projector
    Column("opened_at", UtcDateTime, nullable=False),
    Column("closed_at", UtcDateTime, nullable=True),
)

class_answers = Table(
    "class_answers",
    METADATA,
    Column("attempt_id", ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "class_session_id",
        ForeignKey("class_sessions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Index(None, "class_session_id"),
)
