"""One person's stored diary, and their saved assessments: every read and write scoped to that person.

A `DiaryStore` is bound to one user id when it is made, and every statement
it runs filters on that id, so a store for one person cannot read, change or
delete another person's rows: another person's entry is simply "not found".
Writes first lock the person's account row (FOR NO KEY UPDATE on PostgreSQL;
SQLite's BEGIN IMMEDIATE already serialises writers), so one person's writes
happen one at a time and an import's comparison with what is stored cannot race an add.

    >>> store = DiaryStore.for_local_account(database)     # doctest: +SKIP
    >>> stored = store.add(DiaryEntry(when=..., locations=("twitch_eyelid",), bouts=3, bout_seconds=20, intensity=2))
    >>> store.edit(stored.id, {"bouts": 4}).entry.bouts
    4
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import Select, delete, func, insert, select, update
from sqlalchemy.orm import Session

from twitchcheck.diary.entry import DiaryEntry, explain_invalid_entry
from twitchcheck.diary.transfer import FileEntry, content_key, export_document, first_field, parse_document
from twitchcheck.engine.evidence import MAX_AGE
from twitchcheck.errors import DiaryError, EntryNotFoundError, ImportConflictError, UnknownUserError
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import Sex, sex_or_none
from twitchcheck.storage.accounts import local_account
from twitchcheck.storage.db import Database, affected_rows
from twitchcheck.storage.tables import (
    SAVED_KINDS,
    ApiTokenRecord,
    DiaryEntryRecord,
    SavedAssessmentRecord,
    UserRecord,
)

SavedKind = Literal["assessment", "interview"]
OnConflict = Literal["refuse", "update"]
ON_CONFLICT: tuple[OnConflict, ...] = ("refuse", "update")


@dataclass(frozen=True)
class StoredEntry:
    """A diary entry with its ids (`id` for this database, `uid` stable across exports) and when stored and changed."""

    id: int
    uid: str
    entry: DiaryEntry
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ImportResult:
    """What an import did, entry by entry of the file: added, updated from the file, or already there unchanged."""

    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class Erasure:
    """What an erasure deleted."""

    entries: int
    saved_assessments: int
    tokens: int
    account: bool


@dataclass(frozen=True)
class DiaryProfile:
    """Who the diary is about, as the person told it: age in whole years and sex, each None until given."""

    age: int | None = None
    sex: Sex | None = None


@dataclass(frozen=True)
class SavedAssessment:
    """A saved assessment or interview: the JSON it was saved as."""

    id: int
    kind: SavedKind
    created_at: datetime
    payload: dict[str, Any]


class DiaryStore:
    """Add, read, edit, delete, export and import one person's diary entries; save their assessments."""

    def __init__(self, database: Database, user_id: int, *, kb: KnowledgeBase | None = None) -> None:
        self.database = database
        self.user_id = user_id
        self.kb = kb

    @classmethod
    def for_local_account(cls, database: Database, *, kb: KnowledgeBase | None = None) -> DiaryStore:
        """The store of the built-in local account (embedded single-person use; created on first use)."""
        return cls(database, local_account(database).id, kb=kb)

    # --- entries -----------------------------------------------------------------------------------

    def add(self, entry: DiaryEntry, *, now: datetime | None = None) -> StoredEntry:
        """Store a validated entry; return it with its new id."""
        now = now or datetime.now(UTC)
        with self.database.session() as session:
            self._lock_owner(session)
            record = DiaryEntryRecord(
                user_id=self.user_id, uid=new_entry_uid(), created_at=now, updated_at=now, **_columns(entry)
            )
            session.add(record)
            session.flush()
            return _stored(record)

    def get(self, entry_id: int) -> StoredEntry:
        """One entry by id; raises `EntryNotFoundError` (also for another person's entry)."""
        with self.database.reading() as session:
            return _stored(self._owned_entry(session, entry_id))

    def list(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        newest_first: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[StoredEntry, ...]:
        """Entries whose calendar day (in the person's offset at the time) is within since..until, both included."""
        query = self._entries_query()
        if since is not None:
            query = query.where(DiaryEntryRecord.local_day >= since)
        if until is not None:
            query = query.where(DiaryEntryRecord.local_day <= until)
        if newest_first:
            query = query.order_by(DiaryEntryRecord.when_utc.desc(), DiaryEntryRecord.id.desc())
        else:
            query = query.order_by(DiaryEntryRecord.when_utc, DiaryEntryRecord.id)
        query = query.limit(limit).offset(offset) if limit is not None else query.offset(offset)
        with self.database.reading() as session:
            return tuple(_stored(record) for record in session.scalars(query))

    def entries(self) -> tuple[DiaryEntry, ...]:
        """Every entry, oldest first: what `review_diary` and the report take."""
        return tuple(stored.entry for stored in self.list(newest_first=False))

    def count(self) -> int:
        """How many entries the person has."""
        query = select(func.count()).select_from(DiaryEntryRecord).where(DiaryEntryRecord.user_id == self.user_id)
        with self.database.reading() as session:
            return session.scalar(query) or 0

    def edit(self, entry_id: int, changes: Mapping[str, Any], *, now: datetime | None = None) -> StoredEntry:
        """Change some fields of an entry; the result is validated as a whole entry before it is kept.

        Raises `DiaryError` (with `field`) when the changed entry is invalid, and
        `EntryNotFoundError` when there is no such entry; the entry is then unchanged.
        """
        if not changes:
            raise DiaryError("nothing to change; give at least one field with its new value")
        with self.database.session() as session:
            self._lock_owner(session)
            record = self._owned_entry(session, entry_id)
            merged = {**_entry(record).model_dump(), **changes}
            try:
                changed = DiaryEntry.model_validate(merged, context=self._context())
            except ValidationError as error:
                raise DiaryError(
                    f"entry {entry_id} not changed: {explain_invalid_entry(error)}", field=first_field(error)
                ) from None
            for column, value in _columns(changed).items():
                setattr(record, column, value)
            record.updated_at = now or datetime.now(UTC)
            session.flush()
            return _stored(record)

    def delete(self, entry_id: int) -> None:
        """Delete one entry; raises `EntryNotFoundError` (also for another person's entry)."""
        with self.database.session() as session:
            self._lock_owner(session)
            removed = affected_rows(
                session,
                delete(DiaryEntryRecord).where(
                    DiaryEntryRecord.id == entry_id, DiaryEntryRecord.user_id == self.user_id
                ),
            )
            if not removed:
                raise _entry_not_found(entry_id)

    # --- moving a diary ----------------------------------------------------------------------------

    def export_document(self, *, exported_at: datetime | None = None) -> dict[str, Any]:
        """The whole diary as a versioned document with each entry's stable id (see `twitchcheck.diary.transfer`)."""
        with self.database.reading() as session:
            records = session.scalars(self._entries_query()).all()
            pairs = [(record.uid, _entry(record)) for record in records]
        return export_document(pairs, exported_at=exported_at)

    def import_document(
        self, document: Any, *, on_conflict: OnConflict = "refuse", now: datetime | None = None
    ) -> ImportResult:
        """Import a parsed diary document: every entry is validated before anything is written.

        Raises `DiaryFileError` naming the entry number and field; the diary is then unchanged.
        """
        return self.import_entries(parse_document(document, kb=self.kb), on_conflict=on_conflict, now=now)

    def import_entries(
        self,
        entries: Iterable[FileEntry | DiaryEntry],
        *,
        on_conflict: OnConflict = "refuse",
        now: datetime | None = None,
    ) -> ImportResult:
        """Import in one transaction, all or nothing; no entry whose content differs is ever dropped.

        Each entry of the file is, by its stable id when it has one:

        - the same as a stored entry (same id, or no id and the same content): left as it is;
        - a stored entry with different content: with `on_conflict="update"` the stored
          entry takes the file's version; with "refuse" (the default) nothing is imported
          and `ImportConflictError` names the entries that differ;
        - otherwise new: added, keeping the file's id so that a later import recognises it.

        Two entries that are the same moment and place but differ in anything else (an
        added symptom, say) are two entries, not a duplicate.
        """
        if on_conflict not in ON_CONFLICT:
            raise DiaryError(f"on_conflict must be one of {', '.join(ON_CONFLICT)}, not {on_conflict!r}")
        incoming = [item if isinstance(item, FileEntry) else FileEntry(uid=None, entry=item) for item in entries]
        now = now or datetime.now(UTC)
        with self.database.session() as session:
            self._lock_owner(session)
            by_uid, by_content = self._stored_for(session, incoming)
            rows: list[dict[str, Any]] = []
            updates: list[tuple[DiaryEntryRecord, DiaryEntry]] = []
            conflicts: list[int] = []
            unchanged = 0
            for number, item in enumerate(incoming, start=1):
                key = content_key(item.entry)
                stored = by_uid.get(item.uid) if item.uid is not None else None
                if stored is not None:
                    if content_key(_entry(stored)) == key:
                        unchanged += 1
                    else:
                        conflicts.append(number)
                        updates.append((stored, item.entry))
                    continue
                if key in by_content:
                    unchanged += 1
                    continue
                uid = item.uid or new_entry_uid()
                rows.append(
                    {"user_id": self.user_id, "uid": uid, "created_at": now, "updated_at": now} | _columns(item.entry)
                )
                by_content.add(key)
            if conflicts and on_conflict == "refuse":
                shown = ", ".join(str(n) for n in conflicts[:10]) + (" and more" if len(conflicts) > 10 else "")
                raise ImportConflictError(
                    f"{len(conflicts)} {'entry' if len(conflicts) == 1 else 'entries'} of the file ({shown}) "
                    "differ from the stored entries with the same id; nothing was imported. Import again "
                    "with on_conflict=update (CLI: --update) to take the file's version of them",
                    entry_numbers=tuple(conflicts),
                )
            for record, entry in updates:
                for name, value in _columns(entry).items():
                    setattr(record, name, value)
                record.updated_at = now
            if rows:
                session.execute(insert(DiaryEntryRecord), rows)
        return ImportResult(added=len(rows), updated=len(updates), unchanged=unchanged)

    # --- saved assessments -------------------------------------------------------------------------

    def save_assessment(
        self, kind: SavedKind, payload: Mapping[str, Any], *, now: datetime | None = None
    ) -> SavedAssessment:
        """Keep an assessment or interview (its JSON) in the person's record."""
        if kind not in SAVED_KINDS:
            raise DiaryError(f"unknown kind '{kind}'; use one of: {', '.join(SAVED_KINDS)}", field="kind")
        try:
            document = json.loads(json.dumps(payload))
        except (TypeError, ValueError) as error:
            raise DiaryError(f"the {kind} cannot be saved as JSON: {error}", field="payload") from None
        with self.database.session() as session:
            self._lock_owner(session)
            record = SavedAssessmentRecord(
                user_id=self.user_id, kind=kind, payload=document, created_at=now or datetime.now(UTC)
            )
            session.add(record)
            session.flush()
            return _saved(record)

    def saved_assessments(self, *, kind: SavedKind | None = None) -> tuple[SavedAssessment, ...]:
        """The person's saved assessments and interviews, newest first (or only one kind)."""
        query = select(SavedAssessmentRecord).where(SavedAssessmentRecord.user_id == self.user_id)
        if kind is not None:
            query = query.where(SavedAssessmentRecord.kind == kind)
        query = query.order_by(SavedAssessmentRecord.created_at.desc(), SavedAssessmentRecord.id.desc())
        with self.database.reading() as session:
            return tuple(_saved(record) for record in session.scalars(query))

    def get_saved(self, saved_id: int) -> SavedAssessment:
        """One saved assessment; raises `EntryNotFoundError` (also for another person's)."""
        with self.database.reading() as session:
            record = session.scalar(
                select(SavedAssessmentRecord).where(
                    SavedAssessmentRecord.id == saved_id, SavedAssessmentRecord.user_id == self.user_id
                )
            )
            if record is None:
                raise EntryNotFoundError(f"no saved assessment has the id {saved_id}")
            return _saved(record)

    def delete_saved(self, saved_id: int) -> None:
        """Delete one saved assessment; raises `EntryNotFoundError` (also for another person's)."""
        with self.database.session() as session:
            self._lock_owner(session)
            removed = affected_rows(
                session,
                delete(SavedAssessmentRecord).where(
                    SavedAssessmentRecord.id == saved_id, SavedAssessmentRecord.user_id == self.user_id
                ),
            )
            if not removed:
                raise EntryNotFoundError(f"no saved assessment has the id {saved_id}")

    # --- who the diary is about -----------------------------------------------------------------------

    def profile(self) -> DiaryProfile:
        """The age and sex given for this diary (both None until the person gives them)."""
        with self.database.session() as session:
            user = session.get(UserRecord, self.user_id)
            if user is None:
                raise UnknownUserError(f"no account has the id {self.user_id}")
            return DiaryProfile(age=user.age, sex=sex_or_none(user.sex))

    def set_profile(self, profile: DiaryProfile) -> DiaryProfile:
        """Keep the age and sex for the review and the report; None clears one. Raises `DiaryError` if invalid."""
        if profile.age is not None and not 0 <= profile.age <= MAX_AGE:
            raise DiaryError(f"age must be a whole number of years from 0 to {MAX_AGE}, or left empty")
        if profile.sex not in (None, "female", "male"):
            raise DiaryError("sex must be 'female' or 'male', or left empty")
        with self.database.session() as session:
            user = session.get(UserRecord, self.user_id)
            if user is None:
                raise UnknownUserError(f"no account has the id {self.user_id}")
            user.age, user.sex = profile.age, profile.sex
        return profile

    # --- erasure -----------------------------------------------------------------------------------

    def erase(self, *, delete_account: bool = False) -> Erasure:
        """Delete everything kept for the person, in one transaction: the right to erasure.

        Entries, saved assessments, API tokens and the age and sex go; with `delete_account` the
        account too (the local account is simply created afresh on next use).
        """
        with self.database.session() as session:
            self._lock_owner(session)
            mine = self.user_id
            entries = affected_rows(session, delete(DiaryEntryRecord).where(DiaryEntryRecord.user_id == mine))
            saved = affected_rows(session, delete(SavedAssessmentRecord).where(SavedAssessmentRecord.user_id == mine))
            tokens = affected_rows(session, delete(ApiTokenRecord).where(ApiTokenRecord.user_id == mine))
            session.execute(update(UserRecord).where(UserRecord.id == mine).values(age=None, sex=None))
            if delete_account:
                session.execute(delete(UserRecord).where(UserRecord.id == mine))
            return Erasure(entries=entries, saved_assessments=saved, tokens=tokens, account=delete_account)

    # --- helpers -----------------------------------------------------------------------------------

    def _context(self) -> dict[str, Any] | None:
        return {"knowledge": self.kb} if self.kb is not None else None

    def _entries_query(self) -> Select[DiaryEntryRecord]:
        return select(DiaryEntryRecord).where(DiaryEntryRecord.user_id == self.user_id)

    def _owned_entry(self, session: Session, entry_id: int) -> DiaryEntryRecord:
        record = session.scalar(self._entries_query().where(DiaryEntryRecord.id == entry_id))
        if record is None:
            raise _entry_not_found(entry_id)
        return record

    def _lock_owner(self, session: Session) -> None:
        """Lock the person's account row for this transaction; raise `UnknownUserError` if it is gone."""
        mine = select(UserRecord.id).where(UserRecord.id == self.user_id)
        owner = session.scalar(mine.with_for_update(key_share=True))
        if owner is None:
            raise UnknownUserError(f"no account has the id {self.user_id}; it may have been erased")

    def _stored_for(
        self, session: Session, incoming: Sequence[FileEntry]
    ) -> tuple[dict[str, DiaryEntryRecord], set[str]]:
        """The stored entries an import is compared with: by stable id, and the content keys of those in its span."""
        if not incoming:
            return {}, set()
        uids = [item.uid for item in incoming if item.uid is not None]
        by_uid: dict[str, DiaryEntryRecord] = {}
        for start in range(0, len(uids), 500):  # bounded IN lists
            chunk = uids[start : start + 500]
            query = self._entries_query().where(DiaryEntryRecord.uid.in_(chunk))
            by_uid.update({record.uid: record for record in session.scalars(query)})
        moments = [item.entry.when for item in incoming]
        in_span = self._entries_query().where(
            DiaryEntryRecord.when_utc >= min(moments), DiaryEntryRecord.when_utc <= max(moments)
        )
        return by_uid, {content_key(_entry(record)) for record in session.scalars(in_span)}


def new_entry_uid() -> str:
    """A stable id for a new entry: random, so two installations never give the same id to different entries."""
    return str(uuid.uuid4())


def _entry_not_found(entry_id: int) -> EntryNotFoundError:
    return EntryNotFoundError(f"no diary entry has the id {entry_id}; list the entries to see their ids")


def _columns(entry: DiaryEntry) -> dict[str, Any]:
    """The table's columns for an entry (the inverse of `_entry`)."""
    offset = entry.when.utcoffset()
    assert offset is not None  # DiaryEntry refuses a time without a time zone
    exercise = entry.exercise
    return {
        "when_utc": entry.when.astimezone(UTC),
        "utc_offset_seconds": round(offset.total_seconds()),
        "local_day": entry.day,
        "locations": list(entry.locations),
        "bouts": entry.bouts,
        "bout_seconds": entry.bout_seconds,
        "intensity": entry.intensity,
        "sleep_hours": entry.sleep_hours,
        "caffeine_drinks": entry.caffeine_drinks,
        "stress": entry.stress,
        "exercised": exercise if isinstance(exercise, bool) else None,
        "exercise_minutes": None if isinstance(exercise, bool) else exercise,
        "alcohol_units": entry.alcohol_units,
        "notes": entry.notes,
        "new_symptoms": list(entry.new_symptoms),
    }


def _entry(record: DiaryEntryRecord) -> DiaryEntry:
    """The entry as it was logged, offset included.

    Not validated again: it was validated when stored, and an entry must stay
    readable even if a later knowledge base were to rename one of its ids.
    """
    zone = timezone(timedelta(seconds=record.utc_offset_seconds))
    return DiaryEntry.model_construct(
        when=record.when_utc.astimezone(zone),
        locations=tuple(record.locations),
        bouts=record.bouts,
        bout_seconds=record.bout_seconds,
        intensity=record.intensity,
        sleep_hours=record.sleep_hours,
        caffeine_drinks=record.caffeine_drinks,
        stress=record.stress,
        exercise=record.exercise_minutes if record.exercise_minutes is not None else record.exercised,
        alcohol_units=record.alcohol_units,
        notes=record.notes,
        new_symptoms=tuple(record.new_symptoms),
    )


def _stored(record: DiaryEntryRecord) -> StoredEntry:
    return StoredEntry(
        id=record.id, uid=record.uid, entry=_entry(record), created_at=record.created_at, updated_at=record.updated_at
    )


def _saved(record: SavedAssessmentRecord) -> SavedAssessment:
    kind: SavedKind = "interview" if record.kind == "interview" else "assessment"
    return SavedAssessment(id=record.id, kind=kind, created_at=record.created_at, payload=dict(record.payload))
