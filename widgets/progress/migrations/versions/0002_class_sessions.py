"""Class sessions: a lesson's questions put to the room, and the answers given in each.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "class_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("lesson", sa.String(length=100), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=True),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_sessions")),
        sa.UniqueConstraint("code", name=op.f("uq_class_sessions_code")),
    )
    op.create_table(
        "class_answers",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("class_session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_class_answers_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["class_session_id"],
            ["class_sessions.id"],
            name=op.f("fk_class_answers_class_session_id_class_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attempt_id", name=op.f("pk_class_answers")),
    )
    op.create_index(
        op.f("ix_class_answers_class_session_id"), "class_answers", ["class_session_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_class_answers_class_session_id"), table_name="class_answers")
    op.drop_table("class_answers")
    op.drop_table("class_sessions")
