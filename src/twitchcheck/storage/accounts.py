"""Accounts: people who keep a diary, their passwords and their API tokens.

Passwords are hashed with Argon2id (argon2-cffi's defaults, upgraded on the
next login when the defaults change); API tokens are random and only their
SHA-256 hash is stored, so a copy of the database gives nobody a way in.
Embedded single-person use needs no login: `local_account` is a built-in
account without a password, created on first use.

    >>> accounts = Accounts(database)                      # doctest: +SKIP
    >>> alice = accounts.create("alice", "correct horse battery")
    >>> token = accounts.issue_token(alice.id)
    >>> accounts.resolve_token(token).username
    'alice'
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from twitchcheck.errors import (
    AccountError,
    AuthenticationError,
    UnknownUserError,
    UsernameTakenError,
    WeakPasswordError,
)
from twitchcheck.storage.db import Database, affected_rows
from twitchcheck.storage.tables import ApiTokenRecord, UserRecord

LOCAL_USERNAME = "local"
MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 1024  # hashing is deliberately slow; a huge password must not tie up a worker
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
USERNAME_RULE = "3 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit"
TOKEN_BYTES = 32
# last_used_at is only rewritten when older than this: a write per API request would queue every request on SQLite.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class Account:
    """An account as callers see it: never its password hash."""

    id: int
    username: str
    created_at: datetime
    can_log_in: bool


class Accounts:
    """Create accounts, check passwords, and issue, resolve and revoke API tokens."""

    def __init__(self, database: Database, *, hasher: PasswordHasher | None = None) -> None:
        self.database = database
        self.hasher = hasher if hasher is not None else PasswordHasher()

    def create(self, username: str, password: str, *, now: datetime | None = None) -> Account:
        """A new account; raises `UsernameTakenError` or `WeakPasswordError` saying what is allowed."""
        name = normalise_username(username)
        check_password(password)
        password_hash = self.hasher.hash(password)
        try:
            with self.database.session() as session:
                if session.scalar(select(UserRecord.id).where(UserRecord.username == name)) is not None:
                    raise UsernameTakenError(f"the username '{name}' is taken; choose another", field="username")
                record = UserRecord(username=name, password_hash=password_hash, created_at=now or datetime.now(UTC))
                session.add(record)
                session.flush()
                return _account(record)
        except IntegrityError:  # another request took the name between our check and our insert
            raise UsernameTakenError(f"the username '{name}' is taken; choose another", field="username") from None

    def get(self, user_id: int) -> Account:
        """The account with this id; raises `UnknownUserError`."""
        with self.database.reading() as session:
            record = session.get(UserRecord, user_id)
            if record is None:
                raise UnknownUserError(f"no account has the id {user_id}")
            return _account(record)

    def find(self, username: str) -> Account:
        """The account with this username; raises `UnknownUserError`."""
        name = username.strip().lower()
        with self.database.reading() as session:
            record = session.scalar(select(UserRecord).where(UserRecord.username == name))
            if record is None:
                raise UnknownUserError(f"no account has the username '{name}'")
            return _account(record)

    def authenticate(self, username: str, password: str) -> Account:
        """The account if the password is right; raises `AuthenticationError` otherwise.

        Unknown usernames, password-less accounts and wrong passwords fail alike and
        take about as long, so the answer does not reveal which usernames exist. A hash
        made with older Argon2 parameters is replaced with one made with the current ones.
        """
        name = username.strip().lower()
        with self.database.reading() as session:
            record = session.scalar(select(UserRecord).where(UserRecord.username == name))
            user_id = record.id if record is not None else None
            stored = record.password_hash if record is not None else None
        if user_id is None or stored is None or len(password) > MAX_PASSWORD_CHARS:
            self._verify(self._decoy_hash, password[:MAX_PASSWORD_CHARS])
            raise AuthenticationError("wrong username or password")
        if not self._verify(stored, password):
            raise AuthenticationError("wrong username or password")
        if self.hasher.check_needs_rehash(stored):
            with self.database.session() as session:
                session.execute(
                    update(UserRecord)
                    .where(UserRecord.id == user_id, UserRecord.password_hash == stored)
                    .values(password_hash=self.hasher.hash(password))
                )
        return self.get(user_id)

    def change_password(self, user_id: int, new_password: str) -> None:
        """Set a new password (the caller has checked the old one); raises `WeakPasswordError`, `UnknownUserError`."""
        check_password(new_password)
        password_hash = self.hasher.hash(new_password)
        with self.database.session() as session:
            changed = affected_rows(
                session,
                update(UserRecord)
                .where(UserRecord.id == user_id, UserRecord.username != LOCAL_USERNAME)
                .values(password_hash=password_hash),
            )
            if not changed:
                raise UnknownUserError(f"no account with the id {user_id} can have a password")

    def issue_token(self, user_id: int, *, now: datetime | None = None) -> str:
        """A new API token for the account; the only time it is ever seen, as only its hash is kept."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self.database.session() as session:
            if session.get(UserRecord, user_id) is None:
                raise UnknownUserError(f"no account has the id {user_id}")
            session.add(
                ApiTokenRecord(user_id=user_id, token_hash=token_hash(token), created_at=now or datetime.now(UTC))
            )
        return token

    def resolve_token(self, token: str, *, now: datetime | None = None) -> Account:
        """The account a token belongs to (noting when it was used); raises `AuthenticationError`."""
        now = now or datetime.now(UTC)
        with self.database.reading() as session:
            row = session.execute(
                select(ApiTokenRecord.id, ApiTokenRecord.last_used_at, UserRecord)
                .join(UserRecord, UserRecord.id == ApiTokenRecord.user_id)
                .where(ApiTokenRecord.token_hash == token_hash(token))
            ).first()
        if row is None:
            raise AuthenticationError("unknown or revoked API token; log in again for a new one")
        token_id, last_used_at, user = row
        if last_used_at is None or now - last_used_at >= TOKEN_USE_RESOLUTION:
            with self.database.session() as session:
                session.execute(update(ApiTokenRecord).where(ApiTokenRecord.id == token_id).values(last_used_at=now))
        return _account(user)

    def revoke_token(self, token: str) -> bool:
        """Forget a token; False when it was not known (already revoked, or never issued)."""
        with self.database.session() as session:
            return bool(
                affected_rows(session, delete(ApiTokenRecord).where(ApiTokenRecord.token_hash == token_hash(token)))
            )

    def revoke_all_tokens(self, user_id: int) -> int:
        """Forget every token of the account (after a password change, say); return how many."""
        with self.database.session() as session:
            return affected_rows(session, delete(ApiTokenRecord).where(ApiTokenRecord.user_id == user_id))

    @cached_property
    def _decoy_hash(self) -> str:
        """Checked when the username is unknown, so a wrong username takes as long as a wrong password."""
        return self.hasher.hash(secrets.token_urlsafe(16))

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False


def local_account(database: Database, *, now: datetime | None = None) -> Account:
    """The built-in account of embedded single-person use, created on first use.

    It has no password, so nobody can log in as it on a server; its name is
    reserved, so nobody can register it either. Looked up with a read (the web
    asks on every request); created in a write only when missing, and safe when
    several processes create it at once: the loser of the race reads the winner's.
    """
    with database.reading() as session:
        record = session.scalar(select(UserRecord).where(UserRecord.username == LOCAL_USERNAME))
        if record is not None:
            return _account(record)
    for _attempt in range(2):
        try:
            with database.session() as session:
                return _account(_get_or_create_local(session, now or datetime.now(UTC)))
        except IntegrityError:  # created by another process between our select and insert
            continue
    raise UnknownUserError("the local account could not be created")  # pragma: no cover - needs a third racer


def _get_or_create_local(session: Session, now: datetime) -> UserRecord:
    record = session.scalar(select(UserRecord).where(UserRecord.username == LOCAL_USERNAME))
    if record is None:
        record = UserRecord(username=LOCAL_USERNAME, password_hash=None, created_at=now)
        session.add(record)
        session.flush()
    return record


def normalise_username(username: str) -> str:
    """The username as stored (trimmed, lower case); raises `UsernameTakenError`/`AccountError` if not allowed."""
    name = username.strip().lower()
    if name == LOCAL_USERNAME:
        raise UsernameTakenError(
            f"the username '{LOCAL_USERNAME}' is reserved for the built-in account; choose another", field="username"
        )
    if not USERNAME_PATTERN.fullmatch(name):
        raise AccountError(f"'{username}' cannot be a username; use {USERNAME_RULE}", field="username")
    return name


def check_password(password: str) -> None:
    """Raise `WeakPasswordError` unless the password has MIN_PASSWORD_CHARS to MAX_PASSWORD_CHARS characters."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPasswordError(
            f"the password is too short ({len(password)} characters); use at least {MIN_PASSWORD_CHARS} "
            "(a few unrelated words are easy to remember)"
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise WeakPasswordError(f"the password is too long; use at most {MAX_PASSWORD_CHARS} characters")


def token_hash(token: str) -> str:
    """The SHA-256 of a token, as stored: tokens are random enough that a slow hash adds nothing."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _account(record: UserRecord) -> Account:
    return Account(
        id=record.id,
        username=record.username,
        created_at=record.created_at,
        can_log_in=record.password_hash is not None,
    )
