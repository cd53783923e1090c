"""The stored diary on SQLite and on a real PostgreSQL server: migration, round trips, scoping, moving, erasure."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from twitchcheck.diary import DiaryEntry
from twitchcheck.diary.transfer import FORMAT, VERSION, read_document
from twitchcheck.errors import (
    AuthenticationError,
    DiaryError,
    DiaryFileError,
    EntryNotFoundError,
    ImportConflictError,
    UnknownUserError,
)
from twitchcheck.storage import Accounts, Base, Database, DiaryStore, local_account, open_database
from twitchcheck.storage.db import alembic_config, upgrade

PARIS_SUMMER = timezone(timedelta(hours=2))
NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def entry(day: int = 1, *, hour: int = 20, zone: timezone = PARIS_SUMMER, **fields: Any) -> DiaryEntry:
    values: dict[str, Any] = {
        "when": datetime(2024, 5, day, hour, 0, tzinfo=zone),
        "locations": ("twitch_eyelid",),
        "bouts": 3,
        "bout_seconds": 20,
        "intensity": 2,
    }
    values.update(fields)
    return DiaryEntry(**values)


@pytest.fixture
def store(database: Database) -> DiaryStore:
    return DiaryStore.for_local_account(database)


def new_person(database: Database, name: str) -> DiaryStore:
    user = Accounts(database).create(name, "a long enough password")
    return DiaryStore(database, user.id)


# --- the schema -------------------------------------------------------------------------------------


def test_upgrading_a_0001_database_keeps_its_interviews_and_adds_the_diary(database_url: str) -> None:
    engine = create_engine(database_url)
    upgrade(engine, "0001")
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        for number in range(3):
            connection.execute(
                text("INSERT INTO interviews VALUES (:id, :state, :now, :now, :now)"),
                {"id": f"interview-{number}", "state": f'{{"step": {number}}}', "now": moment},
            )
    engine.dispose()

    database = open_database(database_url)
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0004"
        rows = connection.execute(text("SELECT id, state FROM interviews ORDER BY id")).all()
    assert [tuple(row) for row in rows] == [(f"interview-{n}", f'{{"step": {n}}}') for n in range(3)]
    assert {"users", "api_tokens", "diary_entries", "saved_assessments"} <= set(
        inspect(database.engine).get_table_names()
    )
    assert DiaryStore.for_local_account(database).add(entry()).id == 1
    database.close()


def test_upgrading_a_0002_diary_gives_every_entry_its_own_stable_id(database_url: str) -> None:
    engine = create_engine(database_url)
    upgrade(engine, "0002")
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO users (username, created_at) VALUES ('local', :now)"), {"now": moment})
        for number in range(3):
            connection.execute(
                text(
                    "INSERT INTO diary_entries (user_id, when_utc, utc_offset_seconds, local_day, locations, bouts,"
                    " intensity, notes, new_symptoms, created_at, updated_at)"
                    " VALUES (1, :now, 0, :day, '[\"twitch_eyelid\"]', :bouts, 3, '', '[]', :now, :now)"
                ),
                {"now": moment, "day": moment.date(), "bouts": number + 1},
            )
    engine.dispose()

    database = open_database(database_url)
    with database.engine.connect() as connection:
        uids = connection.execute(text("SELECT uid FROM diary_entries")).scalars().all()
    assert len(set(uids)) == 3 and all(len(uid) == 36 for uid in uids)
    assert len(DiaryStore.for_local_account(database).entries()) == 3
    database.close()


def test_downgrading_to_0001_removes_the_diary_tables_and_keeps_interviews(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO interviews (id, state, created_at, updated_at, expires_at)"
                " VALUES ('kept', '{}', :now, :now, :now)"
            ),
            {"now": datetime.now(UTC)},
        )
    command.downgrade(alembic_config(database.engine), "0001")
    tables = set(inspect(database.engine).get_table_names())
    assert "diary_entries" not in tables and "users" not in tables
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT id FROM interviews")).scalar_one() == "kept"


def test_the_migrations_build_exactly_the_tables_the_code_declares(database: Database) -> None:
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    head = ScriptDirectory.from_config(alembic_config(database.engine)).get_current_head()
    assert head == "0004"


def test_sqlite_never_reuses_the_id_of_a_deleted_entry(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'ids.db'}")
    store = DiaryStore.for_local_account(database)
    first, newest = store.add(entry(1)), store.add(entry(2))
    store.delete(newest.id)
    assert store.add(entry(3)).id == newest.id + 1 != first.id
    database.close()


def test_a_reading_session_does_not_wait_for_a_writer_on_sqlite(tmp_path: Path) -> None:
    """Reads run in a deferred transaction, so a long write does not hold them up (WAL)."""
    database = open_database(f"sqlite:///{tmp_path / 'read.db'}")
    store = DiaryStore.for_local_account(database)
    store.add(entry())
    writing, finished = threading.Event(), threading.Event()

    def hold_the_write_lock() -> None:
        with database.session() as session:
            session.execute(text("UPDATE diary_entries SET notes = 'being written'"))
            writing.set()
            finished.wait(10)

    writer = threading.Thread(target=hold_the_write_lock)
    writer.start()
    assert writing.wait(10)
    seen: list[list[str]] = []
    reader = threading.Thread(target=lambda: seen.append([stored.entry.notes for stored in store.list()]))
    reader.start()
    reader.join(timeout=30)  # a hang guard, not a speed limit: the reader must not wait for the writer
    assert not finished.is_set() and seen == [[""]]  # read while the write lock was held: the last committed state
    finished.set()
    writer.join()
    assert [stored.entry.notes for stored in store.list()] == ["being written"]
    database.close()


# --- entries ----------------------------------------------------------------------------------------


def test_an_entry_reads_back_exactly_as_logged_with_its_utc_offset(store: DiaryStore) -> None:
    logged = entry(
        6,
        hour=23,
        zone=NEW_YORK_WINTER,
        locations=("twitch_leg_calf", "twitch_eyelid"),
        bout_seconds=12.5,
        sleep_hours=5.5,
        caffeine_drinks=4,
        stress=7,
        exercise=45,
        alcohol_units=1.5,
        notes="after a double shift – café crème",
        new_symptoms=("muscle_cramps",),
    )
    stored = store.get(store.add(logged).id)
    assert stored.entry.model_dump() == logged.model_dump()
    assert stored.entry.when.isoformat() == "2024-05-06T23:00:00-05:00"
    assert stored.entry.day == date(2024, 5, 6)  # not 7 May, the UTC day
    assert stored.entry.locations == ("twitch_leg_calf", "twitch_eyelid")


@pytest.mark.parametrize("exercise", [True, False, 0, 30, None])
def test_exercise_keeps_its_form_yes_no_or_minutes(store: DiaryStore, exercise: bool | int | None) -> None:
    stored = store.get(store.add(entry(exercise=exercise)).id)
    assert stored.entry.exercise == exercise and type(stored.entry.exercise) is type(exercise)


def test_list_is_newest_first_or_oldest_first(store: DiaryStore) -> None:
    ids = [store.add(entry(day)).id for day in (3, 1, 2)]
    assert [s.id for s in store.list()] == [ids[0], ids[2], ids[1]]
    assert [s.id for s in store.list(newest_first=False)] == [ids[1], ids[2], ids[0]]
    assert [e.when.day for e in store.entries()] == [1, 2, 3]


def test_a_date_range_uses_the_persons_own_calendar_day(store: DiaryStore) -> None:
    late_evening = store.add(entry(6, hour=23, zone=NEW_YORK_WINTER))  # 7 May in UTC
    early_morning = store.add(entry(7, hour=1, zone=PARIS_SUMMER))  # 6 May in UTC
    assert [s.id for s in store.list(since=date(2024, 5, 6), until=date(2024, 5, 6))] == [late_evening.id]
    assert [s.id for s in store.list(since=date(2024, 5, 7))] == [early_morning.id]
    assert store.list(until=date(2024, 5, 5)) == ()


def test_list_pages_with_limit_and_offset(store: DiaryStore) -> None:
    for day in range(1, 8):
        store.add(entry(day))
    assert [s.entry.when.day for s in store.list(limit=3)] == [7, 6, 5]
    assert [s.entry.when.day for s in store.list(limit=3, offset=3)] == [4, 3, 2]
    assert store.count() == 7


def test_editing_changes_only_the_given_fields_and_revalidates(store: DiaryStore) -> None:
    stored = store.add(entry(sleep_hours=6, notes="first"))
    edited = store.edit(stored.id, {"bouts": 5, "sleep_hours": None}, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert edited.entry.bouts == 5 and edited.entry.sleep_hours is None
    assert edited.entry.notes == "first" and edited.entry.when == stored.entry.when
    assert edited.updated_at == datetime(2030, 1, 1, tzinfo=UTC) and edited.created_at == stored.created_at
    assert store.get(stored.id).entry == edited.entry


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"intensity": 11}, "intensity", "less than or equal to 10"),
        ({"locations": ["twitch_eyelids"]}, "locations", "did you mean 'twitch_eyelid'"),
        ({"bouts": 0}, None, "bouts is 0 (no twitching) but locations"),
        ({"mood": 3}, None, "unknown field 'mood'"),
        ({"when": "2024-05-01T10:00"}, "when", "has no time zone"),
    ],
)
def test_an_invalid_edit_names_the_field_and_changes_nothing(
    store: DiaryStore, changes: dict[str, Any], field: str | None, words: str
) -> None:
    stored = store.add(entry())
    with pytest.raises(DiaryError, match=f"entry {stored.id} not changed") as raised:
        store.edit(stored.id, changes)
    assert words in str(raised.value)
    assert raised.value.field == field
    assert store.get(stored.id) == stored


def test_an_empty_edit_is_refused(store: DiaryStore) -> None:
    with pytest.raises(DiaryError, match="nothing to change"):
        store.edit(store.add(entry()).id, {})


def test_deleting_an_entry_removes_that_entry_only(store: DiaryStore) -> None:
    kept, gone = store.add(entry(1)), store.add(entry(2))
    store.delete(gone.id)
    assert [s.id for s in store.list()] == [kept.id]
    with pytest.raises(EntryNotFoundError, match=f"no diary entry has the id {gone.id}"):
        store.get(gone.id)
    with pytest.raises(EntryNotFoundError):
        store.delete(gone.id)


def test_a_store_for_an_account_that_does_not_exist_cannot_write(database: Database) -> None:
    with pytest.raises(UnknownUserError, match="no account has the id 999"):
        DiaryStore(database, 999).add(entry())


def test_the_local_account_is_made_once_and_cannot_log_in(database: Database) -> None:
    first, again = local_account(database), local_account(database)
    assert first == again and first.username == "local" and not first.can_log_in


# --- export and import ------------------------------------------------------------------------------


def test_an_export_imported_into_another_account_is_the_same_diary(database: Database, store: DiaryStore) -> None:
    for day in (1, 2, 3):
        store.add(entry(day, zone=NEW_YORK_WINTER if day == 2 else PARIS_SUMMER, exercise=day == 1, notes=f"d{day}"))
    document = json.loads(json.dumps(store.export_document(exported_at=datetime(2024, 6, 1, tzinfo=UTC))))
    assert (document["format"], document["version"], document["exported_at"]) == (
        FORMAT,
        VERSION,
        "2024-06-01T00:00:00+00:00",
    )
    assert document["entries"][1]["when"] == "2024-05-02T20:00:00-05:00"

    assert all(len(e["id"]) == 36 for e in document["entries"])

    other = new_person(database, "bob")
    result = other.import_document(document)
    assert (result.added, result.updated, result.unchanged) == (3, 0, 0)
    assert [{"id": e["id"], **e} for e in other.export_document()["entries"]] == document["entries"]


def test_importing_the_same_file_twice_adds_nothing_the_second_time(store: DiaryStore) -> None:
    store.add(entry(1))
    document = store.export_document()
    assert store.import_document(document).unchanged == 1
    for day in (2, 3):
        document["entries"].append(entry(day).model_dump(mode="json"))
    result = store.import_document(document)
    assert (result.added, result.unchanged) == (2, 1)
    again = store.import_document(document)
    assert (again.added, again.unchanged) == (0, 3)
    assert store.count() == 3


def test_the_same_entry_is_found_whatever_the_offset_it_is_written_with(store: DiaryStore) -> None:
    store.add(entry(1, hour=20, zone=PARIS_SUMMER, locations=("twitch_eyelid", "twitch_face")))
    same_moment_elsewhere = entry(1, hour=13, zone=NEW_YORK_WINTER, locations=("twitch_face", "twitch_eyelid"))
    more_bouts = entry(1, hour=20, bouts=4, locations=("twitch_eyelid", "twitch_face"))
    result = store.import_entries([same_moment_elsewhere, more_bouts, more_bouts])
    assert (result.added, result.unchanged) == (1, 2)


def test_an_entry_that_adds_a_warning_sign_to_a_logged_moment_is_kept_not_dropped_as_a_duplicate(
    store: DiaryStore,
) -> None:
    store.add(entry(1))
    document = store.export_document()
    weakness = {**entry(1).model_dump(mode="json"), "new_symptoms": ["muscle_weakness"]}
    document["entries"].append(weakness)
    result = store.import_document(document)
    assert (result.added, result.unchanged) == (1, 1)
    assert ["muscle_weakness"] in [list(e.new_symptoms) for e in store.entries()]


def test_an_edited_export_is_refused_unless_updating_and_then_takes_the_files_version(store: DiaryStore) -> None:
    kept = store.add(entry(1, notes="before"))
    store.add(entry(2))
    document = store.export_document()
    document["entries"][0]["notes"] = "edited in the file"

    with pytest.raises(ImportConflictError, match=r"1 entry of the file \(1\) differ") as refused:
        store.import_document(document)
    assert refused.value.entry_numbers == (1,)
    assert store.get(kept.id).entry.notes == "before"  # nothing was imported

    result = store.import_document(document, on_conflict="update")
    assert (result.added, result.updated, result.unchanged) == (0, 1, 1)
    assert store.get(kept.id).entry.notes == "edited in the file" and store.count() == 2


def test_one_id_given_twice_with_different_contents_is_refused_naming_both_entries(store: DiaryStore) -> None:
    first = {"id": "same-id", **entry(1).model_dump(mode="json")}
    second = {"id": "same-id", **entry(2).model_dump(mode="json")}
    with pytest.raises(DiaryFileError, match="entries 1 and 2 have the same id"):
        store.import_document({"format": FORMAT, "version": VERSION, "entries": [first, second]})
    assert store.count() == 0


def test_an_export_of_any_size_imports_back(database: Database, store: DiaryStore) -> None:
    entries = [entry(1 + n % 28, notes=f"entry {n}") for n in range(1200)]
    assert store.import_entries(entries).added == 1200
    other = new_person(database, "bob")
    assert other.import_document(store.export_document()).added == 1200


def test_a_bad_entry_names_its_number_and_field_and_nothing_is_imported(store: DiaryStore) -> None:
    store.add(entry(1))
    document = {
        "format": FORMAT,
        "version": VERSION,
        "entries": [entry(2).model_dump(mode="json"), {**entry(3).model_dump(mode="json"), "intensity": 12}],
    }
    with pytest.raises(DiaryFileError, match=r"^entry 2: intensity: Input should be less than or equal to 10") as bad:
        store.import_document(document)
    assert (bad.value.entry_number, bad.value.field) == (2, "intensity")
    assert store.count() == 1


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "not valid JSON (line 1, column 2"),
        ("[]", 'it needs "format": "twitchcheck-diary"'),
        ('{"format": "twitchcheck-diary", "version": 3, "entries": []}', "newer than this twitchcheck reads (2)"),
        ('{"format": "twitchcheck-diary", "version": "1", "entries": []}', 'no usable "version"'),
        ('{"format": "twitchcheck-diary", "version": 1}', '"entries": a list'),
        ('{"format": "twitchcheck-diary", "version": 1, "entries": [], "owner": 1}', "unknown key 'owner'"),
        ('{"format": "twitchcheck-diary", "version": 1, "entries": [3]}', "entry 1: must be an object"),
        (
            '{"format": "twitchcheck-diary", "version": 1, "entries": [{"when": "2024-05-01T10:00:00Z", "bouts": 1}]}',
            "entry 1: intensity: Field required",
        ),
    ],
)
def test_a_file_that_is_not_a_usable_diary_is_refused_with_the_reason(text: str, words: str) -> None:
    with pytest.raises(DiaryFileError) as refused:
        read_document(text)
    assert words in str(refused.value)


# --- saved assessments and erasure -------------------------------------------------------------------


def test_saved_assessments_come_back_newest_first_and_by_kind(store: DiaryStore) -> None:
    early = datetime(2024, 5, 1, tzinfo=UTC)
    first = store.save_assessment("assessment", {"triage": {"level": "self_care"}}, now=early)
    second = store.save_assessment("interview", {"state": [1, 2]}, now=early + timedelta(days=1))
    assert [s.id for s in store.saved_assessments()] == [second.id, first.id]
    assert store.saved_assessments(kind="assessment") == (first,)
    assert store.get_saved(second.id).payload == {"state": [1, 2]}
    store.delete_saved(first.id)
    assert store.saved_assessments() == (second,)


def test_an_unknown_kind_or_a_payload_that_is_not_json_is_refused(store: DiaryStore) -> None:
    with pytest.raises(DiaryError, match="unknown kind 'note'; use one of: assessment, interview"):
        store.save_assessment("note", {})  # type: ignore[arg-type]
    with pytest.raises(DiaryError, match="cannot be saved as JSON"):
        store.save_assessment("assessment", {"when": datetime.now(UTC)})


def test_erasure_deletes_everything_of_the_person_and_nothing_of_anyone_else(database: Database) -> None:
    alice, bob = new_person(database, "alice"), new_person(database, "bob")
    accounts = Accounts(database)
    for person in (alice, bob):
        person.add(entry(1))
        person.add(entry(2))
        person.save_assessment("assessment", {"a": 1})
    alice_token, bob_token = accounts.issue_token(alice.user_id), accounts.issue_token(bob.user_id)

    erasure = alice.erase()
    assert (erasure.entries, erasure.saved_assessments, erasure.tokens, erasure.account) == (2, 1, 1, False)
    assert alice.count() == 0 and alice.saved_assessments() == ()
    assert accounts.get(alice.user_id).username == "alice"
    assert bob.count() == 2 and len(bob.saved_assessments()) == 1
    assert accounts.resolve_token(bob_token).username == "bob"
    with pytest.raises(AuthenticationError):
        accounts.resolve_token(alice_token)

    assert bob.erase(delete_account=True).account
    with pytest.raises(UnknownUserError):
        accounts.get(bob.user_id)
    with pytest.raises(UnknownUserError):
        bob.add(entry(3))
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM diary_entries")).scalar_one() == 0


# --- one person can never reach another's rows --------------------------------------------------------


@dataclass
class TwoPeople:
    database: Database
    alice: DiaryStore
    bob: DiaryStore
    alice_entry: int
    alice_saved: int

    def alice_unchanged(self) -> bool:
        return (
            self.alice.count() == 1
            and self.alice.get(self.alice_entry).entry == entry(1)
            and len(self.alice.saved_assessments()) == 1
        )


@pytest.fixture
def two_people(database: Database) -> TwoPeople:
    alice, bob = new_person(database, "alice"), new_person(database, "bob")
    alice_entry = alice.add(entry(1)).id
    alice_saved = alice.save_assessment("assessment", {"owner": "alice"}).id
    bob.add(entry(9))
    return TwoPeople(database, alice, bob, alice_entry, alice_saved)


def _not_found(attempt: Callable[[TwoPeople], object]) -> Callable[[TwoPeople], None]:
    def run(people: TwoPeople) -> None:
        with pytest.raises(EntryNotFoundError):
            attempt(people)

    return run


def _sees_only_own(people: TwoPeople) -> None:
    bob = people.bob
    assert [s.entry.when.day for s in bob.list()] == [9]
    assert [e.when.day for e in bob.entries()] == [9]
    assert bob.list(since=date(2024, 5, 1), until=date(2024, 5, 1)) == ()
    assert bob.count() == 1
    assert bob.saved_assessments() == ()
    assert [e["when"][:10] for e in bob.export_document()["entries"]] == ["2024-05-09"]


def _imports_alongside(people: TwoPeople) -> None:
    result = people.bob.import_entries([entry(1)])  # Alice has the same entry: not a duplicate for Bob
    assert (result.added, result.unchanged) == (1, 0)


def _erases_own(people: TwoPeople) -> None:
    assert people.bob.erase(delete_account=True).entries == 1


ATTEMPTS: dict[str, Callable[[TwoPeople], None]] = {
    "get": _not_found(lambda p: p.bob.get(p.alice_entry)),
    "edit": _not_found(lambda p: p.bob.edit(p.alice_entry, {"bouts": 99})),
    "delete": _not_found(lambda p: p.bob.delete(p.alice_entry)),
    "get_saved": _not_found(lambda p: p.bob.get_saved(p.alice_saved)),
    "delete_saved": _not_found(lambda p: p.bob.delete_saved(p.alice_saved)),
    "list_entries_count_export_saved": _sees_only_own,
    "import": _imports_alongside,
    "erase": _erases_own,
}


@pytest.mark.parametrize("attempt", ATTEMPTS.values(), ids=ATTEMPTS.keys())
def test_a_store_never_reads_changes_or_deletes_another_persons_rows(
    two_people: TwoPeople, attempt: Callable[[TwoPeople], None]
) -> None:
    attempt(two_people)
    assert two_people.alice_unchanged()
