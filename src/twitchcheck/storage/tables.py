"""The database tables (SQLAlchemy 2 declarative). Schema changes go through Alembic migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SAVED_KINDS = ("assessment", "interview")
MAX_ROW_ID = 2**31 - 1  # ids are Integer columns, 32-bit on PostgreSQL: a larger id is refused before any query


class Base(DeclarativeBase):
    """Base of every table."""


class UTCDateTime(TypeDecorator[datetime]):
    """A moment stored in UTC, always read back time-zone aware.

    SQLite has no time zone type: SQLAlchemy writes the wall time and drops the
    offset, so a moment is converted to UTC first. PostgreSQL's timestamptz
    keeps the moment but not the offset either; the diary stores the offset in
    its own column.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{value.isoformat()} has no time zone; only time-zone aware moments are stored")
        moment = value.astimezone(UTC)
        return moment.replace(tzinfo=None) if dialect.name == "sqlite" else moment

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class InterviewRecord(Base):
    """A stored interview: its serialised state under an unguessable id, until it expires."""

    __tablename__ = "interviews"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(Text, nullable=False)  # JSON of the interview state
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    # Counts the changes: an answer given against an older version is refused (409), never lost.
    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0", default=0)


class UserRecord(Base):
    """An account, and the age and sex its person gave for the diary (None until told).

    `password_hash` is None for the built-in local account, which cannot log in.

    Ids are never reused (AUTOINCREMENT on SQLite, a sequence on PostgreSQL), so
    a token or session that names a deleted user can never reach a new one.
    """

    __tablename__ = "users"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    # Told once on the diary page, for the review and the doctor's report; erased with the diary.
    age: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sex: Mapped[str | None] = mapped_column(String(8), nullable=True)


class ApiTokenRecord(Base):
    """An API token: only its SHA-256 hash is kept, so a stolen database holds no usable token."""

    __tablename__ = "api_tokens"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class DiaryEntryRecord(Base):
    """One diary entry of one person: the fields of `DiaryEntry`, with the moment split in three.

    `when_utc` orders entries and compares moments; `utc_offset_seconds` keeps
    the person's offset at the time (no database type keeps it), so the entry
    reads back exactly as logged; `local_day` is the calendar day in that
    offset, which is the day the trends count it on, so a date range is one
    indexed comparison. Exercise is yes/no or minutes: at most one of
    `exercised` and `exercise_minutes` is set.
    """

    __tablename__ = "diary_entries"
    __table_args__ = (
        CheckConstraint("exercised IS NULL OR exercise_minutes IS NULL", name="ck_diary_entries_exercise_one_form"),
        Index("ix_diary_entries_user_when", "user_id", "when_utc"),
        Index("ix_diary_entries_user_day", "user_id", "local_day"),
        UniqueConstraint("user_id", "uid", name="uq_diary_entries_user_uid"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    # A stable id that travels in exports: an import tells "the same entry, changed" from "a new entry".
    uid: Mapped[str] = mapped_column(String(36), nullable=False)
    when_utc: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    utc_offset_seconds: Mapped[int] = mapped_column(Integer, nullable=False)
    local_day: Mapped[date] = mapped_column(Date, nullable=False)
    locations: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    bouts: Mapped[int] = mapped_column(Integer, nullable=False)
    bout_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    intensity: Mapped[int] = mapped_column(Integer, nullable=False)
    sleep_hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    caffeine_drinks: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stress: Mapped[int | None] = mapped_column(Integer, nullable=True)
    exercised: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    exercise_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    alcohol_units: Mapped[float | None] = mapped_column(Float, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False)
    new_symptoms: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class SavedAssessmentRecord(Base):
    """A saved assessment or interview of one person, as the JSON the API serves."""

    __tablename__ = "saved_assessments"
    __table_args__ = (
        CheckConstraint(f"kind IN {SAVED_KINDS!r}", name="ck_saved_assessments_kind"),
        Index("ix_saved_assessments_user_created", "user_id", "created_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)


class SignInAttemptRecord(Base):
    """Failed sign-ins of one account ("account:<name>") or one address ("address:<ip>").

    Kept in the database so that every worker applies the same limit; cleared by a successful sign-in.
    """

    __tablename__ = "sign_in_attempts"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, nullable=False)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
