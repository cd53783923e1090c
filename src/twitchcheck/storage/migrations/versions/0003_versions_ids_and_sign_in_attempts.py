"""hardening: interview versions, stable diary entry ids, sign-in attempts

- `interviews.version` counts the changes to an interview, so an answer given
  against an older version is refused instead of overwriting a newer one.
- `diary_entries.uid` is a stable id that travels in exports, so an import can
  tell "the same entry, changed" from "a new entry". Existing entries get one.
- `sign_in_attempts` counts failed sign-ins per account and per address, in the
  database, so every worker on every host applies the same limit.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None
# SQLite rebuilds a table to change a column; it must keep AUTOINCREMENT, so deleted ids are never reused.
KEEP_IDS_UNIQUE = {"sqlite_autoincrement": True}


def upgrade() -> None:
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("diary_entries", table_kwargs=KEEP_IDS_UNIQUE) as batch:
        batch.add_column(sa.Column("uid", sa.String(36), nullable=True))
    connection = op.get_bind()
    entries = sa.table("diary_entries", sa.column("id", sa.Integer()), sa.column("uid", sa.String(36)))
    for (entry_id,) in connection.execute(sa.select(entries.c.id)).all():
        connection.execute(sa.update(entries).where(entries.c.id == entry_id).values(uid=str(uuid.uuid4())))
    with op.batch_alter_table("diary_entries", table_kwargs=KEEP_IDS_UNIQUE) as batch:
        batch.alter_column("uid", existing_type=sa.String(36), nullable=False)
        batch.create_unique_constraint("uq_diary_entries_user_uid", ["user_id", "uid"])
    op.create_table(
        "sign_in_attempts",
        sa.Column("key", sa.String(160), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("sign_in_attempts")
    with op.batch_alter_table("diary_entries", table_kwargs=KEEP_IDS_UNIQUE) as batch:
        batch.drop_constraint("uq_diary_entries_user_uid", type_="unique")
        batch.drop_column("uid")
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("version")
