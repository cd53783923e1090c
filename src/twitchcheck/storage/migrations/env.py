"""Alembic environment: migrations run on the engine the application hands over.

The application migrates through `twitchcheck.storage.db.upgrade`, which does not load this
file; Alembic's commands (a downgrade in the tests, say) do. Both run `run_migrations`.
"""

from __future__ import annotations

from alembic import context

from twitchcheck.storage.db import run_migrations

run_migrations(context, context.config.attributes["engine"])  # type: ignore[arg-type]  # the module proxies the environment
