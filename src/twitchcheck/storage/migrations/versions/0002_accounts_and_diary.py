"""accounts and diary: users, API tokens, diary entries, saved assessments

Only adds tables: an existing 0001 database keeps its interviews as they are.
The schema is written out here rather than taken from tables.py, so that this
migration still creates the same tables after tables.py moves on.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _moment(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _owner() -> sa.Column[Any]:
    return sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=True),
        _moment("created_at"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        _moment("created_at"),
        _moment("last_used_at", nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "diary_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        _moment("when_utc"),
        sa.Column("utc_offset_seconds", sa.Integer(), nullable=False),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("locations", sa.JSON(), nullable=False),
        sa.Column("bouts", sa.Integer(), nullable=False),
        sa.Column("bout_seconds", sa.Float(), nullable=True),
        sa.Column("intensity", sa.Integer(), nullable=False),
        sa.Column("sleep_hours", sa.Float(), nullable=True),
        sa.Column("caffeine_drinks", sa.Integer(), nullable=True),
        sa.Column("stress", sa.Integer(), nullable=True),
        sa.Column("exercised", sa.Boolean(), nullable=True),
        sa.Column("exercise_minutes", sa.Integer(), nullable=True),
        sa.Column("alcohol_units", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("new_symptoms", sa.JSON(), nullable=False),
        _moment("created_at"),
        _moment("updated_at"),
        sa.CheckConstraint("exercised IS NULL OR exercise_minutes IS NULL", name="ck_diary_entries_exercise_one_form"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_diary_entries_user_when", "diary_entries", ["user_id", "when_utc"])
    op.create_index("ix_diary_entries_user_day", "diary_entries", ["user_id", "local_day"])
    op.create_table(
        "saved_assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        _owner(),
        _moment("created_at"),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.CheckConstraint("kind IN ('assessment', 'interview')", name="ck_saved_assessments_kind"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_saved_assessments_user_created", "saved_assessments", ["user_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_saved_assessments_user_created", table_name="saved_assessments")
    op.drop_table("saved_assessments")
    op.drop_index("ix_diary_entries_user_day", table_name="diary_entries")
    op.drop_index("ix_diary_entries_user_when", table_name="diary_entries")
    op.drop_table("diary_entries")
    op.drop_index("ix_api_tokens_user_id", table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_table("users")
