"""The first schema: learners, their attempts, lesson progress and final-quiz sets.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "learners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learners")),
        sa.UniqueConstraint("name", name=op.f("uq_learners_name")),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("lesson", sa.String(length=100), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.Column("attempt_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=6), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("correct", sa.Boolean(), nullable=True),
        sa.Column("credit", sa.Float(), nullable=False),
        sa.Column("hints", sa.Integer(), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("elapsed_ms", sa.Integer(), nullable=True),
        sa.CheckConstraint("attempt_no >= 1", name=op.f("ck_attempts_attempt_no_positive")),
        sa.CheckConstraint(
            "kind IN ('answer', 'hint', 'reveal')", name=op.f("ck_attempts_kind_known")
        ),
        sa.CheckConstraint("credit >= 0 AND credit <= 1", name=op.f("ck_attempts_credit_fraction")),
        sa.CheckConstraint("hints >= 0", name=op.f("ck_attempts_hints_not_negative")),
        sa.CheckConstraint(
            "(kind = 'answer') = (answer IS NOT NULL)",
            name=op.f("ck_attempts_answer_with_answers"),
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_attempts_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
        sa.UniqueConstraint(
            "learner_id",
            "question_id",
            "attempt_no",
            name=op.f("uq_attempts_learner_id_question_id_attempt_no"),
        ),
    )
    op.create_index(
        op.f("ix_attempts_learner_id_lesson"), "attempts", ["learner_id", "lesson"], unique=False
    )
    op.create_table(
        "lesson_progress",
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("lesson", sa.String(length=100), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_lesson_progress_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", "lesson", name=op.f("pk_lesson_progress")),
    )
    op.create_table(
        "final_sets",
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("question_ids", sa.Text(), nullable=False),
        sa.Column("drawn_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("attempt >= 1", name=op.f("ck_final_sets_attempt_positive")),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name=op.f("fk_final_sets_learner_id_learners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("learner_id", "attempt", name=op.f("pk_final_sets")),
    )


def downgrade() -> None:
    op.drop_table("final_sets")
    op.drop_table("lesson_progress")
    op.drop_index(op.f("ix_attempts_learner_id_lesson"), table_name="attempts")
    op.drop_table("attempts")
    op.drop_table("learners")
