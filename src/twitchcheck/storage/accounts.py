"""Accounts: people who keep a diary, their passwords and their API tokens.

Passwords are hashed with Argon2id (argon2-cffi's defaults, upgraded on the
next sign-in when the defaults change); API tokens are random and only their
SHA-256 hash is stored, so a copy of the database gives nobody a way in.
Embedded single-person use needs no sign-in: `local_account` is a built-in
account without a password, created on first use.

    >>> accounts = Accounts(database)                      # doctest: +SKIP
    >>> alice = accounts.create("alice", "correct horse battery")
    >>> token = accounts.issue_token(alice.id)
    >>> accounts.resolve_token(token).username
    'alice'

What makes an account hard to guess, and the reasons for each number:

**Passwords** follow NIST SP 800-63B §5.1.1.2 ("memorized secret verifiers"):
at least 8 characters (`MIN_PASSWORD_CHARS`), counted as Unicode code points
after NFC normalisation, so "é" typed as one character or as "e" plus an
accent counts once and signs in either way (the normalised form is what is
hashed). NIST suggests NFKC or NFKD; NFC keeps every character as chosen
(NFKC would turn "²" into "2" and "ﬁ" into "fi"), and the two agree on what
ordinary keyboards type. Up to 1,024 are allowed (NIST: at least 64); more would only make a
slow hash slower. No composition rules (NIST advises against them); instead a
password is refused when it is only whitespace, one character repeated, the
username or the site's name (alone or with only digits and symbols added:
NIST's "context-specific words ... and derivatives thereof"), or on the
shipped list of common passwords (`data/common_passwords.txt`, compared
case-insensitively). The message names the rule and suggests a few unrelated
words: length does more than complexity (NIST SP 800-63B appendix A).

**Equal-time sign-in**: every attempt that is not throttled costs exactly one
Argon2 verification, whether the username exists, has no password (the local
account) or the password is over-long: those check a decoy hash, made once per
process and per set of hasher parameters (the web builds an `Accounts` per
request, so a decoy per object cost an extra hash on every unknown username
and doubled its response time, which told an attacker the name was unused).

**Throttling**, from NIST SP 800-63B §5.2.2 ("rate limiting"): failures are
counted in the `sign_in_attempts` table, so every worker on every host applies
the same limit, per account ("account:<name tried>") and per client address
("address:<ip>"):

- The first 5 failures of an account are free (`FREE_ACCOUNT_FAILURES`):
  a person mistyping a few times never waits. Each further failure makes the
  account wait 2^(n-5) seconds (2 s, 4 s, 8 s ...), at most 5 minutes
  (`MAX_WAIT`). NIST lists a wait that grows with the failures ("30 seconds
  up to an hour") among the techniques that keep rate limiting from locking
  the real person out; we use it instead of a lockout. The cap holds a guesser to 12 tries an hour on one account while
  nobody who knows a username can keep its owner out for more than 5 minutes.
  NIST's ceiling of 100 consecutive failures ends in disabling the password
  until the account is recovered; twitchcheck has no recovery path (no e-mail,
  no administrator), so a hard lockout would let anyone lock a person out of
  their diary for good. The wait is the limit instead: 100 failures take at
  least 7 hours, and with common passwords refused that is far too few.
- Unknown usernames are counted and throttled the same way under the name
  tried, so throttling tells nobody which names exist.
- An address gets 20 free failures (`FREE_ADDRESS_FAILURES`; a clinic's
  staff may share one address), then the same doubling, at most 5 minutes:
  this stops one machine from trying one password against many usernames.
- A throttled attempt is refused with `SignInThrottledError` and its
  `retry_after` before any Argon2 work, so it costs the server no CPU; it is
  not counted (the wait does not grow while someone waits).
- A successful sign-in clears the account's failures (NIST: "disregard any
  previous failed attempts for that user from the same IP address"; we clear
  them from every address, as only the owner can succeed), not the address's: the address's
  count includes failures against other accounts, and an attacker who clears
  it by signing in to an account of their own would be unthrottled.
- A count with no new failure for a day (`FAILURE_MEMORY`) starts again, so
  a shared address is not slowed for ever by old typos.
- The counts are incremented with one upsert per key in one transaction
  (INSERT ... ON CONFLICT DO UPDATE, on SQLite and PostgreSQL alike), keys in
  a fixed order, so concurrent failures are all counted and never deadlock.
  Two attempts that pass the check at the same moment may both be verified:
  the limit can be overrun by the number of requests in flight, never more.

**Sessions**: a token lasts at most `session_lifetime` (12 hours by default)
from its sign-in and ends after `session_idle` (2 hours) unused, checked on
the server at every use; an expired token is deleted. `last_used_at` is only
rewritten once a minute, so the idle limit is exact to within that minute.
`rotate_token` swaps a token for a fresh one in one transaction, keeping the
sign-in's start, so rotating never extends the 12 hours. A password change
signs the account out everywhere.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from typing import NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from twitchcheck.errors import (
    AccountError,
    AuthenticationError,
    SignInThrottledError,
    UnknownUserError,
    UsernameTakenError,
    WeakPasswordError,
)
from twitchcheck.storage.db import Database, affected_rows
from twitchcheck.storage.tables import ApiTokenRecord, SignInAttemptRecord, UserRecord

LOCAL_USERNAME = "local"
SERVICE_NAME = "twitchcheck"  # a context-specific word no password may be built on
MIN_PASSWORD_CHARS = 8  # NIST SP 800-63B §5.1.1.2
MAX_PASSWORD_CHARS = 1024  # hashing is deliberately slow; a huge password must not tie up a worker
PASSWORD_RULE = (
    f"at least {MIN_PASSWORD_CHARS} characters; not only spaces or one character repeated, "
    "not your username, and not a commonly used password (a few unrelated words are easy to remember)"
)
PASSWORD_HINT = "a few unrelated words are easy to remember and hard to guess"
COMMON_PASSWORDS = ("data", "common_passwords.txt")  # under twitchcheck.storage, shipped in the wheel
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
USERNAME_RULE = "3 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit"
TOKEN_BYTES = 32
# last_used_at is only rewritten when older than this: a write per API request would queue every request on SQLite.
TOKEN_USE_RESOLUTION = timedelta(minutes=1)
SESSION_LIFETIME = timedelta(hours=12)  # the defaults of settings.session_hours and session_idle_hours
SESSION_IDLE = timedelta(hours=2)

# Sign-in throttling (see the module docstring for the reasons).
FREE_ACCOUNT_FAILURES = 5
FREE_ADDRESS_FAILURES = 20
MAX_WAIT = timedelta(minutes=5)
FAILURE_MEMORY = timedelta(days=1)
ATTEMPT_KEY_CHARS = 160  # sign_in_attempts.key
WRONG_CREDENTIALS = "wrong username or password"


@dataclass(frozen=True)
class Account:
    """An account as callers see it: never its password hash."""

    id: int
    username: str
    created_at: datetime
    can_log_in: bool


class Accounts:
    """Create accounts, check passwords (throttled), and issue, resolve, rotate and revoke API tokens.

    `session_lifetime` and `session_idle` bound every token on the server, whatever a
    client keeps: the web passes `settings.session_hours` and `session_idle_hours`.
    """

    def __init__(
        self,
        database: Database,
        *,
        hasher: PasswordHasher | None = None,
        session_lifetime: timedelta = SESSION_LIFETIME,
        session_idle: timedelta = SESSION_IDLE,
    ) -> None:
        self.database = database
        self.hasher = hasher if hasher is not None else default_hasher()
        self.session_lifetime = session_lifetime
        self.session_idle = session_idle

    def create(self, username: str, password: str, *, now: datetime | None = None) -> Account:
        """A new account; raises `UsernameTakenError` or `WeakPasswordError` saying what is allowed."""
        name = normalise_username(username)
        check_password(password, username=name)
        password_hash = self.hasher.hash(normalise_password(password))
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

    def authenticate(
        self, username: str, password: str, *, address: str | None = None, now: datetime | None = None
    ) -> Account:
        """The account if the password is right; raises `AuthenticationError` or `SignInThrottledError`.

        Unknown usernames, password-less accounts, over-long and wrong passwords fail
        alike, after exactly one Argon2 verification each, so neither the answer nor its
        time reveals which usernames exist. A throttled attempt (too many failures for the
        name tried or from `address`) is refused before any Argon2 work. A hash made with
        older Argon2 parameters is replaced with one made with the current ones.
        """
        now = now or datetime.now(UTC)
        name = username.strip().lower()
        keys = attempt_keys(name, address)
        with self.database.reading() as session:
            record = session.scalar(select(UserRecord).where(UserRecord.username == name))
            account = _account(record) if record is not None else None
            stored = record.password_hash if record is not None else None
            blocks = session.scalars(
                select(SignInAttemptRecord.blocked_until).where(SignInAttemptRecord.key.in_(keys))
            ).all()
        blocked_until = max((moment for moment in blocks if moment is not None), default=None)
        if blocked_until is not None and blocked_until > now:
            wait = max(1, math.ceil((blocked_until - now).total_seconds()))
            raise SignInThrottledError(
                f"too many failed sign-ins for this username or from this address; try again in {wait} seconds "
                f"(each further failure doubles the wait, up to {int(MAX_WAIT.total_seconds() // 60)} minutes)",
                retry_after=wait,
            )
        candidate = normalise_password(password)
        if account is None or stored is None or len(candidate) > MAX_PASSWORD_CHARS:
            self._verify(decoy_hash(self.hasher), candidate[:MAX_PASSWORD_CHARS])  # the same work; never a match
            verified = False
        else:
            verified = self._verify(stored, candidate)
        if not verified or account is None or stored is None:
            self._note_failure(keys, now)
            raise AuthenticationError(WRONG_CREDENTIALS)
        rehashed = self.hasher.hash(candidate) if self.hasher.check_needs_rehash(stored) else None
        with self.database.session() as session:
            session.execute(delete(SignInAttemptRecord).where(SignInAttemptRecord.key == keys[0]))
            if rehashed is not None:
                session.execute(
                    update(UserRecord)
                    .where(UserRecord.id == account.id, UserRecord.password_hash == stored)
                    .values(password_hash=rehashed)
                )
        return account

    def change_password(self, user_id: int, new_password: str) -> None:
        """Set a new password (the caller has checked the old one) and sign the account out everywhere.

        Every token of the account is revoked in the same transaction: whoever held one
        (perhaps the reason for the change) signs in again with the new password.
        Raises `WeakPasswordError`, `UnknownUserError`.
        """
        account = self.get(user_id)
        check_password(new_password, username=account.username)
        password_hash = self.hasher.hash(normalise_password(new_password))
        with self.database.session() as session:
            changed = affected_rows(
                session,
                update(UserRecord)
                .where(UserRecord.id == user_id, UserRecord.username != LOCAL_USERNAME)
                .values(password_hash=password_hash),
            )
            if not changed:
                raise UnknownUserError(f"no account with the id {user_id} can have a password")
            session.execute(delete(ApiTokenRecord).where(ApiTokenRecord.user_id == user_id))

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
        """The account a token belongs to (noting when it was used); raises `AuthenticationError`.

        A token older than `session_lifetime`, or unused for longer than `session_idle`,
        is deleted and refused, whatever the client still holds.
        """
        now = now or datetime.now(UTC)
        with self.database.reading() as session:
            row = session.execute(
                select(ApiTokenRecord.id, ApiTokenRecord.created_at, ApiTokenRecord.last_used_at, UserRecord)
                .join(UserRecord, UserRecord.id == ApiTokenRecord.user_id)
                .where(ApiTokenRecord.token_hash == token_hash(token))
            ).first()
        if row is None:
            raise AuthenticationError("unknown or revoked API token; sign in again for a new one")
        token_id, created_at, last_used_at, user = row
        if self._expired(created_at, last_used_at, now):
            with self.database.session() as session:
                session.execute(delete(ApiTokenRecord).where(ApiTokenRecord.id == token_id))
            raise AuthenticationError("your sign-in has expired; sign in again")
        if last_used_at is None or now - last_used_at >= TOKEN_USE_RESOLUTION:
            with self.database.session() as session:
                session.execute(update(ApiTokenRecord).where(ApiTokenRecord.id == token_id).values(last_used_at=now))
        return _account(user)

    def rotate_token(self, old_token: str, *, now: datetime | None = None) -> str:
        """A fresh token for the same sign-in, with the old one revoked, in one transaction.

        The new token keeps the sign-in's start (`created_at`), so rotating as often as
        one likes never extends `session_lifetime`. Two rotations of one token at once:
        the first wins, the second finds it gone. Raises `AuthenticationError` for an
        unknown, revoked or expired token (an expired one is deleted).
        """
        now = now or datetime.now(UTC)
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self.database.session() as session:
            row = session.execute(
                delete(ApiTokenRecord)
                .where(ApiTokenRecord.token_hash == token_hash(old_token))
                .returning(ApiTokenRecord.user_id, ApiTokenRecord.created_at, ApiTokenRecord.last_used_at)
            ).first()
            if row is None:
                raise AuthenticationError("unknown or revoked API token; sign in again for a new one")
            user_id, created_at, last_used_at = row
            expired = self._expired(created_at, last_used_at, now)
            if not expired:
                session.add(
                    ApiTokenRecord(
                        user_id=user_id, token_hash=token_hash(token), created_at=created_at, last_used_at=now
                    )
                )
        if expired:  # raised after the commit, so that the expired token stays deleted
            raise AuthenticationError("your sign-in has expired; sign in again")
        return token

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

    def _expired(self, created_at: datetime, last_used_at: datetime | None, now: datetime) -> bool:
        """Whether a token is past its lifetime or its idle limit (never used: idle since it was issued)."""
        return now - created_at > self.session_lifetime or now - (last_used_at or created_at) > self.session_idle

    def _note_failure(self, keys: tuple[str, ...], now: datetime) -> None:
        """Count a failed sign-in under every key, and make each key that is over its allowance wait."""
        with self.database.session() as session:
            for key in sorted(keys):  # one order for every transaction: concurrent failures never deadlock
                failures = _count_failure(session, key, now)
                free = FREE_ACCOUNT_FAILURES if key.startswith("account:") else FREE_ADDRESS_FAILURES
                if failures > free:
                    session.execute(
                        update(SignInAttemptRecord)
                        .where(SignInAttemptRecord.key == key)
                        .values(blocked_until=now + wait_after(failures, free=free))
                    )
            # Counts older than FAILURE_MEMORY start again anyway: delete them, so a flood of made-up
            # usernames cannot grow the table without end (the outer key order still holds: other keys).
            session.execute(
                delete(SignInAttemptRecord).where(
                    SignInAttemptRecord.last_failure_at < now - FAILURE_MEMORY, SignInAttemptRecord.key.not_in(keys)
                )
            )

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False


def default_hasher() -> PasswordHasher:
    """argon2-cffi's defaults (Argon2id, RFC 9106's second recommended setting), which it raises over its releases.

    One place, so that a test suite can swap in a cheap hasher for the hundreds of accounts it makes,
    as Django's test settings do; production never changes it.
    """
    return PasswordHasher()


# One decoy per process and per set of Argon2 parameters: the web makes an `Accounts` per request.
_DECOY_HASHES: dict[tuple[object, ...], str] = {}
_DECOY_LOCK = threading.Lock()


def decoy_hash(hasher: PasswordHasher) -> str:
    """A hash of a random secret, checked when there is no real hash, so that every failure costs the same.

    Made once per process for each set of hasher parameters (a decoy made with other
    parameters would take a different time to check), under a lock so that requests
    arriving together at start-up make it once.
    """
    parameters = (
        hasher.type,
        hasher.time_cost,
        hasher.memory_cost,
        hasher.parallelism,
        hasher.hash_len,
        hasher.salt_len,
    )
    with _DECOY_LOCK:
        decoy = _DECOY_HASHES.get(parameters)
        if decoy is None:
            decoy = _DECOY_HASHES[parameters] = hasher.hash(secrets.token_urlsafe(16))
        return decoy


def attempt_keys(username: str, address: str | None) -> tuple[str, ...]:
    """The `sign_in_attempts` keys an attempt counts under: the name tried (first), and the address if known."""
    keys = [f"account:{username}"[:ATTEMPT_KEY_CHARS]]
    if address:
        keys.append(f"address:{address}"[:ATTEMPT_KEY_CHARS])
    return tuple(keys)


def wait_after(failures: int, *, free: int) -> timedelta:
    """How long a key waits after its `failures`-th failure: 2^(failures - free) seconds, at most `MAX_WAIT`."""
    if failures <= free:
        return timedelta(0)
    exponent = min(failures - free, 32)  # 2^32 s is far past the cap; no huge integers
    return min(timedelta(seconds=2**exponent), MAX_WAIT)


def _count_failure(session: Session, key: str, now: datetime) -> int:
    """Add one failure to `key` atomically (an upsert), restarting a count idle for `FAILURE_MEMORY`."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stale = SignInAttemptRecord.last_failure_at < now - FAILURE_MEMORY
    statement = (
        insert(SignInAttemptRecord)
        .values(key=key, failures=1, last_failure_at=now, blocked_until=None)
        .on_conflict_do_update(
            index_elements=[SignInAttemptRecord.key],
            set_={
                "failures": case((stale, 1), else_=SignInAttemptRecord.failures + 1),
                "last_failure_at": now,
            },
        )
        .returning(SignInAttemptRecord.failures)
    )
    failures = session.scalar(statement)
    return int(failures or 1)


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


def normalise_password(password: str) -> str:
    """The password as hashed and counted: Unicode NFC, so one "é" typed two ways is one password.

    NIST SP 800-63B §5.1.1.2 asks for a normalisation before hashing, so that the same
    password typed on another keyboard still matches; NFC keeps every character as typed
    (see the module docstring for why not NFKC).
    """
    return unicodedata.normalize("NFC", password)


def check_password(password: str, *, username: str | None = None) -> None:
    """Raise `WeakPasswordError` (field "password") naming the rule a new password breaks, and how to do better.

    The rule is NIST SP 800-63B §5.1.1.2's (see the module docstring): a length, and no
    password an attacker would try first; no rules about character classes.
    """
    text = normalise_password(password)
    folded = text.strip().casefold()
    if len(text) < MIN_PASSWORD_CHARS:
        _weak(f"the password is too short ({len(text)} characters); use at least {MIN_PASSWORD_CHARS}")
    if len(text) > MAX_PASSWORD_CHARS:
        raise WeakPasswordError(
            f"the password is too long ({len(text)} characters); use at most {MAX_PASSWORD_CHARS}", field="password"
        )
    if not folded:
        _weak("the password is only spaces; use words or other characters too")
    if len(set(text)) == 1:
        _weak(f"the password is one character repeated ('{text[0]}'); use different characters")
    if username and _built_on(folded, username.strip().casefold()):
        _weak("the password is your username (or your username with digits or symbols added); choose another")
    if _built_on(folded, SERVICE_NAME):
        _weak(f"the password is this site's name, '{SERVICE_NAME}' (perhaps with digits or symbols); choose another")
    if folded in common_passwords():
        _weak("the password is on the list of commonly used passwords, which attackers try first; choose another")


def _weak(reason: str) -> NoReturn:
    raise WeakPasswordError(f"{reason} ({PASSWORD_HINT})", field="password")


def _built_on(folded: str, word: str) -> bool:
    """Whether `folded` is `word` with at most digits, punctuation and spaces around it ("alice", "alice2024!")."""
    if not word or word not in folded:
        return False
    rest = folded.replace(word, "", 1)
    return not any(character.isalpha() for character in rest)


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, case-folded; read once, from the package (no download)."""
    text = resources.files("twitchcheck.storage").joinpath(*COMMON_PASSWORDS).read_text(encoding="utf-8")
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#"))


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
