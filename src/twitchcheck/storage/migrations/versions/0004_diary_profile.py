"""diary profile: the age and sex a person gives once on the diary page

The diary's review and the doctor's report use them (a report with no age or
sex leaves the doctor guessing); they are kept with the account and erased
with the diary.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None
# SQLite rebuilds a table to change it; it must keep AUTOINCREMENT, so deleted ids are never reused.
KEEP_IDS_UNIQUE = {"sqlite_autoincrement": True}


def upgrade() -> None:
    with op.batch_alter_table("users", table_kwargs=KEEP_IDS_UNIQUE) as batch:
        batch.add_column(sa.Column("age", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("sex", sa.String(8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", table_kwargs=KEEP_IDS_UNIQUE) as batch:
        batch.drop_column("sex")
        batch.drop_column("age")
