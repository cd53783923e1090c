"""Storage on SQLite and on a real PostgreSQL server: migrations and stored interviews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from twitchcheck.errors import InterviewChangedError, InterviewNotFoundError, StorageError
from twitchcheck.storage import Database, open_database
from twitchcheck.storage.interviews import InterviewStore, StoredInterview


def test_migrations_create_the_schema_and_can_run_twice(database: Database, database_url: str) -> None:
    again = open_database(database_url)
    assert "interviews" in inspect(again.engine).get_table_names()
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0004"
    again.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    database.close()


def test_a_stored_interview_round_trips_and_updates(database: Database) -> None:
    store = InterviewStore(database, ttl=timedelta(hours=1))
    interview_id = store.create('{"step": 1}')
    assert store.get(interview_id) == StoredInterview(state='{"step": 1}', version=0)
    assert store.update(interview_id, '{"step": 2}', version=0) == 1
    assert store.get(interview_id) == StoredInterview(state='{"step": 2}', version=1)


def test_an_update_made_from_an_older_version_is_refused_and_changes_nothing(database: Database) -> None:
    store = InterviewStore(database, ttl=timedelta(hours=1))
    interview_id = store.create('{"step": 1}')
    store.update(interview_id, '{"step": 2}', version=0)
    with pytest.raises(InterviewChangedError, match="changed since version 0"):
        store.update(interview_id, '{"lost": true}', version=0)
    assert store.get(interview_id) == StoredInterview(state='{"step": 2}', version=1)


def test_interview_ids_are_unguessable(database: Database) -> None:
    store = InterviewStore(database, ttl=timedelta(hours=1))
    ids = {store.create("{}") for _ in range(20)}
    assert len(ids) == 20
    assert all(len(i) >= 32 for i in ids)


def test_an_expired_interview_is_gone(database: Database) -> None:
    store = InterviewStore(database, ttl=timedelta(hours=1))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    interview_id = store.create("{}", now=start)
    later = start + timedelta(hours=2)
    assert store.get(interview_id, now=later) is None
    with pytest.raises(InterviewNotFoundError):
        store.update(interview_id, "{}", version=0, now=later)


def test_answering_extends_the_expiry(database: Database) -> None:
    store = InterviewStore(database, ttl=timedelta(hours=1))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    interview_id = store.create("{}", now=start)
    assert store.update(interview_id, '{"a": 1}', version=0, now=start + timedelta(minutes=50)) == 1
    assert store.get(interview_id, now=start + timedelta(minutes=100)) == StoredInterview('{"a": 1}', 1)


def test_purge_removes_only_expired_interviews(database: Database) -> None:
    store = InterviewStore(database, ttl=timedelta(hours=1))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    old = store.create("{}", now=start)
    new = store.create("{}", now=start + timedelta(minutes=50))
    assert store.purge_expired(now=start + timedelta(minutes=70)) == 1
    assert store.get(new, now=start + timedelta(minutes=70)) == StoredInterview("{}", 0)
    assert store.get(old, now=start) is None


def test_unknown_interview_is_none(database: Database) -> None:
    assert InterviewStore(database, ttl=timedelta(hours=1)).get("no-such-id") is None


def test_starting_an_interview_clears_out_expired_ones(database: Database) -> None:
    store = InterviewStore(database, ttl=timedelta(hours=1))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    old = store.create("{}", now=start)
    store.create("{}", now=start + timedelta(hours=3))
    assert store.purge_expired(now=start + timedelta(hours=3)) == 0
    assert store.get(old, now=start) is None


def test_a_file_that_is_not_a_database_is_a_storage_error_saying_what_to_check(tmp_path: Path) -> None:
    broken = tmp_path / "twitchcheck.sqlite"
    broken.write_bytes(b"this is not a database file " * 10)
    with pytest.raises(StorageError) as error:
        open_database(f"sqlite:///{broken}")
    assert str(error.value).startswith(
        "cannot open the database: the database could not be read: file is not a database"
    )
    assert str(error.value).endswith("check TWITCHCHECK_DATA_DIR or DATABASE_URL")


def test_a_data_folder_that_cannot_be_made_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StorageError, match=r"cannot create the data folder: .*set TWITCHCHECK_DATA_DIR"):
        open_database(f"sqlite:///{blocker}/sub/twitchcheck.sqlite")
