"""Opening the database: engine, pragmas, migrations, sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, CursorResult, Engine, Executable, create_engine, event
from sqlalchemy import exc as database_exceptions
from sqlalchemy.orm import Session, sessionmaker

from twitchcheck.errors import StorageError
from twitchcheck.storage.tables import Base

SQLITE_BUSY_TIMEOUT_MS = 30_000
# SQLAlchemy's errors that mean "the database cannot be used now", and the sentence for each, in one
# table (like httpx's map_exceptions). Integrity errors are not here: the stores catch those themselves,
# where a duplicate has a meaning (a username taken, an entry already imported).
DATABASE_ERRORS: tuple[tuple[type[Exception], str], ...] = (
    (database_exceptions.OperationalError, "the database could not be used: {detail}"),
    (database_exceptions.InterfaceError, "the connection to the database failed: {detail}"),
    (database_exceptions.TimeoutError, "the database is too busy: {detail}"),
    (database_exceptions.DatabaseError, "the database could not be read: {detail}"),
)
READ_ONLY_OPTION = "twitchcheck_read_only"


@dataclass(frozen=True)
class Database:
    """An engine and its session factory."""

    engine: Engine
    sessions: sessionmaker[Session]

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error.

        On SQLite the transaction takes the write lock when it begins (BEGIN IMMEDIATE), so
        concurrent writers queue on the busy timeout instead of failing with "database is locked".
        """
        with map_database_errors(), self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only, that never waits for a writer.

        On SQLite it begins a deferred transaction: a snapshot of the last commit, read
        while a writer works (WAL). A write in it may fail with "database is locked", so
        write in `session()`. On PostgreSQL it is an ordinary transaction.
        """
        reader = self.engine.execution_options(**{READ_ONLY_OPTION: True})
        with map_database_errors(), Session(reader, expire_on_commit=False) as session, session.begin():
            yield session


@contextmanager
def map_database_errors(*, doing: str = "", then: str = "nothing was changed") -> Iterator[None]:
    """Turn the database library's errors into `StorageError` sentences, per `DATABASE_ERRORS`."""
    try:
        yield
    except database_exceptions.IntegrityError:
        raise  # a duplicate means something to the store that hit it
    except tuple(kind for kind, _ in DATABASE_ERRORS) as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        sentence = next(text for kind, text in DATABASE_ERRORS if isinstance(error, kind)).format(detail=detail)
        raise StorageError(f"{doing}{sentence}; {then}") from error


def affected_rows(session: Session, statement: Executable) -> int:
    """Run an UPDATE or DELETE in the session; return how many rows it changed."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect to `url`, creating the SQLite folder if needed, and bring the schema up to date.

    Raises `StorageError` saying what to check when the folder or the database cannot be used.
    """
    try:
        engine = _engine(url)
    except OSError as error:
        raise StorageError(
            f"cannot create the data folder: {error}; set TWITCHCHECK_DATA_DIR to a folder you can write to"
        ) from error
    if migrate:
        with map_database_errors(doing="cannot open the database: ", then="check TWITCHCHECK_DATA_DIR or DATABASE_URL"):
            upgrade(engine)
    return Database(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """WAL lets readers and a writer work at once; foreign keys are off by default in SQLite.

    The driver's own transaction handling is switched off (isolation_level None): it
    would begin only at the first write, leaving earlier reads outside the transaction.
    `_sqlite_begin` begins every transaction instead.
    """
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Begin with the write lock (IMMEDIATE), unless the session is read-only (DEFERRED).

    A deferred transaction that reads and then writes cannot wait for the lock: SQLite fails
    it at once with "database is locked" when another writer went first. Taking the lock at
    BEGIN makes it wait (busy timeout) and then see the latest data, so nothing is lost.
    """
    read_only = connection.get_execution_options().get(READ_ONLY_OPTION, False)
    connection.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migrations and, when given, this engine."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("twitchcheck.storage") / "migrations"))
    config.attributes["engine"] = engine
    return config


@cache
def migration_scripts() -> ScriptDirectory:
    """The packaged migrations, read once per process.

    Alembic's own `command.upgrade` loads env.py and every migration file again for each
    database it opens (about 80 ms); a server opens one, but a test suite opens hundreds.
    """
    return ScriptDirectory.from_config(alembic_config())


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply every migration up to `revision`; nothing happens when the schema is already there."""
    scripts = migration_scripts()
    if revision == "head" and _current_revision(engine) == scripts.get_current_head():
        return
    with EnvironmentContext(
        alembic_config(engine),
        scripts,
        fn=lambda current, _context: scripts._upgrade_revs(revision, current),  # what `command.upgrade` runs
        destination_rev=revision,
    ) as environment:
        run_migrations(environment, engine)


def run_migrations(environment: EnvironmentContext, engine: Engine) -> None:
    """Migrate `engine` in one transaction: what env.py does for Alembic's commands, and `upgrade` here."""
    with engine.begin() as connection:
        environment.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with environment.begin_transaction():
            environment.run_migrations()


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
