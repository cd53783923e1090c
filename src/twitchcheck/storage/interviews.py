"""Stored interviews: an opaque JSON state under an unguessable id, with expiry.

The web app and API keep no interview in process memory, so any worker on any
host can answer the next request.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from twitchcheck.storage.db import Database
from twitchcheck.storage.tables import InterviewRecord

ID_BYTES = 24  # 192 bits: unguessable


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

    def get(self, interview_id: str, *, now: datetime | None = None) -> str | None:
        """The stored state, or None when there is no such interview or it has expired."""
        now = now or datetime.now(UTC)
        with self.database.session() as session:
            record = session.get(InterviewRecord, interview_id)
            if record is None:
                return None
            if _aware(record.expires_at) <= now:
                session.delete(record)
                return None
            return record.state

    def update(self, interview_id: str, state: str, *, now: datetime | None = None) -> bool:
        """Replace the state and extend the expiry; False when the interview is gone."""
        now = now or datetime.now(UTC)
        with self.database.session() as session:
            record = session.get(InterviewRecord, interview_id)
            if record is None or _aware(record.expires_at) <= now:
                return False
            record.state = state
            record.updated_at = now
            record.expires_at = now + self.ttl
            return True

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
