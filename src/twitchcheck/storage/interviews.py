"""Stored interviews: an opaque JSON state under an unguessable id, with expiry and a version.

The web app and API keep no interview in process memory, so any worker on any
host can answer the next request. Each change is a compare-and-swap on the
version: `update` writes only if the stored version is still the one the change
was made from, in one statement, so of two racing answers the second is refused
(`InterviewChangedError`, 409) instead of silently overwriting the first. That
matters most for an urgent "yes": it must never be replaced by an answer that
was computed from the state before it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update

from twitchcheck.errors import InterviewChangedError, InterviewNotFoundError
from twitchcheck.storage.db import Database, affected_rows
from twitchcheck.storage.tables import InterviewRecord

ID_BYTES = 24  # 192 bits: unguessable


@dataclass(frozen=True)
class StoredInterview:
    """An interview's saved state and the version it is at (0 when created, one more per change)."""

    state: str
    version: int


class InterviewStore:
    """Create, read, update and expire stored interview states."""

    def __init__(self, database: Database, *, ttl: timedelta) -> None:
        self.database = database
        self.ttl = ttl

    def create(self, state: str, *, now: datetime | None = None) -> str:
        """Store a new interview state; return its id. Expired interviews are cleared out on the way."""
        now = now or datetime.now(UTC)
        interview_id = secrets.token_urlsafe(ID_BYTES)
        with self.database.session() as session:
            session.execute(delete(InterviewRecord).where(InterviewRecord.expires_at <= now))
            session.add(
                InterviewRecord(id=interview_id, state=state, created_at=now, updated_at=now, expires_at=now + self.ttl)
            )
        return interview_id

    def get(self, interview_id: str, *, now: datetime | None = None) -> StoredInterview | None:
        """The stored state and its version, or None when there is no such interview or it has expired."""
        now = now or datetime.now(UTC)
        with self.database.session() as session:
            record = session.get(InterviewRecord, interview_id)
            if record is None:
                return None
            if _aware(record.expires_at) <= now:
                session.delete(record)
                return None
            return StoredInterview(state=record.state, version=record.version)

    def update(self, interview_id: str, state: str, *, version: int, now: datetime | None = None) -> int:
        """Replace the state made from `version`, extend the expiry, and return the new version.

        Raises `InterviewChangedError` when the stored interview has moved past
        `version` (another request changed it first), and `InterviewNotFoundError`
        when it is gone or has expired. The check and the write are one UPDATE, so
        no interleaving of requests or workers can lose a change.
        """
        now = now or datetime.now(UTC)
        with self.database.session() as session:
            changed = affected_rows(
                session,
                update(InterviewRecord)
                .where(
                    InterviewRecord.id == interview_id,
                    InterviewRecord.version == version,
                    InterviewRecord.expires_at > now,
                )
                .values(state=state, version=version + 1, updated_at=now, expires_at=now + self.ttl),
            )
            if changed:
                return version + 1
            record = session.get(InterviewRecord, interview_id)
            if record is None or _aware(record.expires_at) <= now:
                raise InterviewNotFoundError(f"no interview '{interview_id}': it has expired; start a new one")
            raise InterviewChangedError(
                f"interview '{interview_id}' changed since version {version} (it is at version {record.version}), "
                "perhaps in another tab; reload it and answer the question it asks now"
            )

    def purge_expired(self, *, now: datetime | None = None) -> int:
        """Delete every expired interview; return how many."""
        now = now or datetime.now(UTC)
        with self.database.session() as session:
            expired = session.scalars(select(InterviewRecord.id).where(InterviewRecord.expires_at <= now)).all()
            if expired:
                session.execute(delete(InterviewRecord).where(InterviewRecord.id.in_(expired)))
            return len(expired)


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
