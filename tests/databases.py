"""Real databases for storage tests: a SQLite file, and a PostgreSQL server started here.

PostgreSQL comes from pgserver (a pip-packaged PostgreSQL 16 that starts in
about a second, offline); never a mock.
"""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Start a throwaway PostgreSQL server; yield its SQLAlchemy URL (database 'postgres')."""
    pgserver = pytest.importorskip("pgserver")
    folder = tempfile.mkdtemp(prefix="twitchcheck-pg-")
    server: Any = pgserver.get_server(folder, cleanup_mode="delete")
    try:
        yield server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        server.cleanup()


def fresh_postgres_database(server_url: str) -> str:
    """A new empty database on the server, so tests do not see each other's rows."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    base, _, query = server_url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'twitchcheck.db'}"
