"""The stored diary under stress, on SQLite and on a real PostgreSQL server.

Separate processes (not threads: each has its own connections, as uvicorn
workers and CLI runs do) write at once and lose nothing; a process killed
with SIGKILL in the middle of an import leaves no trace of it, and the
database opens, checks out and takes writes afterwards.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from twitchcheck.diary import DiaryEntry
from twitchcheck.storage import Database, DiaryStore, open_database

WRITERS = 8
ENTRIES_PER_WRITER = 500
KILLED_IMPORT_ENTRIES = 20_000
CHUNK = 500
SAME_FILE_IMPORTERS = 4
SAME_FILE_ENTRIES = 2_000

# Run by each child process: `python -c PRELUDE+SCRIPT url args...`. Entries are validated before "ready",
# so that after "go" the processes do nothing but write.
PRELUDE = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime, timedelta, timezone
    from twitchcheck.diary import DiaryEntry
    from twitchcheck.storage import DiaryStore, open_database

    START = datetime(2024, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=2)))

    def entries(first, count, tag):
        return [
            DiaryEntry(when=START + timedelta(minutes=first + i), locations=("twitch_eyelid",), bouts=1 + i % 5,
                       bout_seconds=10, intensity=2, notes=f"{tag}-{first + i}")
            for i in range(count)
        ]

    url = sys.argv[1]
    database = open_database(url, migrate=False)
    """
)
CONCURRENT_WRITER = PRELUDE + textwrap.dedent(
    """
    worker, count = int(sys.argv[2]), int(sys.argv[3])
    mine = entries(worker * count, count, f"w{worker}")
    print("ready", flush=True)
    sys.stdin.readline()
    store = DiaryStore.for_local_account(database)  # the writers also race to create the local account
    for entry in mine:
        store.add(entry)
    database.close()
    """
)
SAME_FILE_IMPORTER = PRELUDE + textwrap.dedent(
    """
    batch = entries(0, int(sys.argv[2]), "same-file")
    store = DiaryStore.for_local_account(database)
    print("ready", flush=True)
    sys.stdin.readline()
    result = store.import_entries(batch)
    print(result.added, result.unchanged, flush=True)
    database.close()
    """
)
IMPORT_THEN_HANG_AT_COMMIT = PRELUDE + textwrap.dedent(
    """
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    store = DiaryStore.for_local_account(database)
    batch = entries(100_000, int(sys.argv[2]), "killed")

    def hang(session):
        print("committing", flush=True)
        time.sleep(600)

    event.listen(Session, "before_commit", hang)
    store.import_entries(batch)
    """
)
IMPORT_CHUNKS_FOREVER = PRELUDE + textwrap.dedent(
    """
    store = DiaryStore.for_local_account(database)
    chunk = int(sys.argv[2])
    for number in range(1_000):
        store.import_entries(entries(number * chunk, chunk, "chunk"))
        print(f"committed {number + 1}", flush=True)
    """
)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    opened = open_database(database_url)  # migrated once, before any child process starts
    yield opened
    opened.close()


def child(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def expect_line(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdout is not None
    got = process.stdout.readline().strip()
    if got != line:
        process.kill()
        _, errors = process.communicate(timeout=30)
        pytest.fail(f"expected {line!r} from the child process, got {got!r}; stderr:\n{errors}")


def kill(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def assert_healthy(url: str, *, entries: int) -> None:
    """The database opens afresh, is intact (SQLite's integrity check), holds `entries` entries and takes writes."""
    reopened = open_database(url)
    try:
        with reopened.engine.connect() as connection:
            if reopened.engine.dialect.name == "sqlite":
                assert connection.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
            assert connection.execute(text("SELECT count(*) FROM diary_entries")).scalar_one() == entries
        store = DiaryStore.for_local_account(reopened)
        latest = store.list(limit=1)[0].entry
        store.add(latest.model_copy(update={"bouts": latest.bouts + 1}))
        assert store.count() == entries + 1
    finally:
        reopened.close()


@pytest.mark.slow
def test_eight_processes_writing_at_once_lose_no_entry(database: Database, database_url: str) -> None:
    writers = [child(CONCURRENT_WRITER, database_url, str(n), str(ENTRIES_PER_WRITER)) for n in range(WRITERS)]
    for writer in writers:
        expect_line(writer, "ready")
    for writer in writers:  # all at once
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    for writer in writers:
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors

    store = DiaryStore.for_local_account(database)
    notes = [stored.entry.notes for stored in store.list()]
    expected = {f"w{n}-{n * ENTRIES_PER_WRITER + i}" for n in range(WRITERS) for i in range(ENTRIES_PER_WRITER)}
    assert len(notes) == WRITERS * ENTRIES_PER_WRITER == len(set(notes))
    assert set(notes) == expected
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM users")).scalar_one() == 1
        assert connection.execute(text("SELECT count(DISTINCT id) FROM diary_entries")).scalar_one() == len(notes)
    assert_healthy(database_url, entries=len(notes))


@pytest.mark.slow
def test_the_same_file_imported_by_several_processes_at_once_is_stored_once(
    database: Database, database_url: str
) -> None:
    """The duplicate check and the insert are one transaction, so two imports cannot both miss each other."""
    DiaryStore.for_local_account(database)  # the account exists: only the imports race
    importers = [child(SAME_FILE_IMPORTER, database_url, str(SAME_FILE_ENTRIES)) for _ in range(SAME_FILE_IMPORTERS)]
    for importer in importers:
        expect_line(importer, "ready")
    for importer in importers:
        assert importer.stdin is not None
        importer.stdin.write("go\n")
        importer.stdin.flush()
    results = []
    for importer in importers:
        output, errors = importer.communicate(timeout=120)
        assert importer.returncode == 0, errors
        results.append(tuple(int(number) for number in output.split()))

    assert sorted(results) == [(0, SAME_FILE_ENTRIES)] * (SAME_FILE_IMPORTERS - 1) + [(SAME_FILE_ENTRIES, 0)]
    assert DiaryStore.for_local_account(database).count() == SAME_FILE_ENTRIES


@pytest.mark.slow
def test_an_import_killed_before_it_commits_leaves_no_trace(
    database: Database, database_url: str, tmp_path: Path
) -> None:
    store = DiaryStore.for_local_account(database)
    for entry_number in range(10):
        store.add(_entry(entry_number))
    importer = child(IMPORT_THEN_HANG_AT_COMMIT, database_url, str(KILLED_IMPORT_ENTRIES))
    expect_line(importer, "committing")  # every row is written, in a transaction not yet committed
    assert store.count() == 10
    if database.engine.dialect.name == "sqlite":
        # The open transaction spilled to the write-ahead log: recovery has uncommitted frames to throw away.
        wal = Path(database.engine.url.database or "").with_name("twitchcheck.db-wal")
        assert wal.stat().st_size > 1_000_000
    kill(importer)

    assert store.count() == 10
    assert_healthy(database_url, entries=10)
    rerun = DiaryStore.for_local_account(database).import_entries([_entry(n) for n in range(10, 20)])
    assert (rerun.added, rerun.unchanged) == (10, 0)


@pytest.mark.slow
def test_imports_killed_at_a_random_moment_are_all_or_nothing(database: Database, database_url: str) -> None:
    importer = child(IMPORT_CHUNKS_FOREVER, database_url, str(CHUNK))
    for number in range(1, 4):
        expect_line(importer, f"committed {number}")
    time.sleep(random.uniform(0.0, 0.2))  # somewhere inside a later import
    kill(importer)

    count = DiaryStore.for_local_account(database).count()
    assert count >= 3 * CHUNK
    assert count % CHUNK == 0, f"{count} entries: part of an import was kept"
    assert_healthy(database_url, entries=count)


def _entry(number: int) -> DiaryEntry:
    return DiaryEntry(
        when=datetime(2023, 1, 1, tzinfo=UTC) + timedelta(hours=number),
        locations=("twitch_leg_calf",),
        bouts=1,
        bout_seconds=5,
        intensity=1,
    )
