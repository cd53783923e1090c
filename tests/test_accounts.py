"""Accounts on SQLite and on a real PostgreSQL server: passwords (Argon2), API tokens (hashed), clear refusals."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from twitchcheck.errors import (
    AccountError,
    AuthenticationError,
    TwitchcheckError,
    UnknownUserError,
    UsernameTakenError,
    WeakPasswordError,
)
from twitchcheck.storage import Accounts, ApiTokenRecord, Database, UserRecord, local_account

PASSWORD = "correct horse battery"
# Cheap parameters keep the tests fast; one test checks the real defaults.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture
def accounts(database: Database) -> Accounts:
    return Accounts(database, hasher=FAST)


def stored_hash(database: Database, user_id: int) -> str | None:
    with database.reading() as session:
        return session.scalar(select(UserRecord.password_hash).where(UserRecord.id == user_id))


def test_a_new_account_logs_in_with_its_password_only(accounts: Accounts) -> None:
    alice = accounts.create("Alice", PASSWORD)
    assert alice.username == "alice" and alice.can_log_in
    assert accounts.authenticate("ALICE ", PASSWORD) == alice
    with pytest.raises(AuthenticationError, match=r"^wrong username or password$"):
        accounts.authenticate("alice", PASSWORD + "!")


def test_passwords_are_stored_as_argon2id_hashes_with_the_default_parameters(database: Database) -> None:
    alice = Accounts(database).create("alice", PASSWORD)
    stored = stored_hash(database, alice.id)
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    assert not PasswordHasher().check_needs_rehash(stored)


def test_an_unknown_user_fails_exactly_like_a_wrong_password(accounts: Accounts) -> None:
    accounts.create("alice", PASSWORD)
    with pytest.raises(AuthenticationError) as unknown:
        accounts.authenticate("mallory", PASSWORD)
    with pytest.raises(AuthenticationError) as wrong:
        accounts.authenticate("alice", "not the password")
    assert str(unknown.value) == str(wrong.value)


def test_the_local_account_has_no_password_and_cannot_log_in(database: Database, accounts: Accounts) -> None:
    local_account(database)
    with pytest.raises(AuthenticationError):
        accounts.authenticate("local", "")


def test_a_hash_made_with_older_parameters_is_upgraded_at_login(database: Database) -> None:
    alice = Accounts(database, hasher=FAST).create("alice", PASSWORD)
    current = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    assert current.check_needs_rehash(stored_hash(database, alice.id) or "")
    assert Accounts(database, hasher=current).authenticate("alice", PASSWORD) == alice
    upgraded = stored_hash(database, alice.id) or ""
    assert not current.check_needs_rehash(upgraded)
    assert Accounts(database, hasher=current).authenticate("alice", PASSWORD) == alice


@pytest.mark.parametrize("taken", ["alice", "ALICE", " alice "])
def test_a_username_is_taken_whatever_its_case(accounts: Accounts, taken: str) -> None:
    accounts.create("alice", PASSWORD)
    with pytest.raises(UsernameTakenError, match="the username 'alice' is taken; choose another"):
        accounts.create(taken, PASSWORD)


def test_the_local_username_is_reserved(accounts: Accounts) -> None:
    with pytest.raises(UsernameTakenError, match="reserved for the built-in account"):
        accounts.create("Local", PASSWORD)


@pytest.mark.parametrize("bad", ["ab", "-alice", "alice smith", "a" * 65, "álice"])
def test_a_username_outside_the_rule_says_what_is_allowed(accounts: Accounts, bad: str) -> None:
    with pytest.raises(AccountError, match=re.escape("use 3 to 64 characters: letters, digits, '.', '_' or '-'")):
        accounts.create(bad, PASSWORD)


def test_a_short_password_is_refused_with_the_minimum(accounts: Accounts) -> None:
    with pytest.raises(WeakPasswordError, match=r"too short \(9 characters\); use at least 10"):
        accounts.create("alice", "123456789")
    with pytest.raises(WeakPasswordError, match="at most 1024"):
        accounts.create("alice", "x" * 1025)
    with pytest.raises(UnknownUserError):
        accounts.find("alice")


def test_account_errors_are_diary_errors_the_edges_already_handle() -> None:
    for error in (UsernameTakenError, WeakPasswordError, UnknownUserError, AuthenticationError):
        assert issubclass(error, AccountError) and issubclass(error, TwitchcheckError)


def test_an_unknown_user_id_or_name_is_named(accounts: Accounts) -> None:
    with pytest.raises(UnknownUserError, match="no account has the id 42"):
        accounts.get(42)
    with pytest.raises(UnknownUserError, match="no account has the username 'nobody'"):
        accounts.find("nobody")
    with pytest.raises(UnknownUserError):
        accounts.issue_token(42)


def test_changing_the_password_replaces_the_old_one(accounts: Accounts) -> None:
    alice = accounts.create("alice", PASSWORD)
    accounts.change_password(alice.id, "another long password")
    assert accounts.authenticate("alice", "another long password") == alice
    with pytest.raises(AuthenticationError):
        accounts.authenticate("alice", PASSWORD)
    with pytest.raises(WeakPasswordError):
        accounts.change_password(alice.id, "short")


def test_a_token_resolves_to_its_account_and_only_its_hash_is_stored(database: Database, accounts: Accounts) -> None:
    alice = accounts.create("alice", PASSWORD)
    token = accounts.issue_token(alice.id)
    assert len(token) >= 43  # 32 random bytes
    assert accounts.resolve_token(token) == alice
    with database.reading() as session:
        hashes = session.scalars(select(ApiTokenRecord.token_hash)).all()
    assert hashes == [hashlib.sha256(token.encode()).hexdigest()]


def test_tokens_are_distinct_and_revoking_one_leaves_the_others(accounts: Accounts) -> None:
    alice = accounts.create("alice", PASSWORD)
    first, second = accounts.issue_token(alice.id), accounts.issue_token(alice.id)
    assert first != second
    assert accounts.revoke_token(first)
    assert not accounts.revoke_token(first)
    with pytest.raises(AuthenticationError, match="unknown or revoked API token"):
        accounts.resolve_token(first)
    assert accounts.resolve_token(second) == alice
    assert accounts.revoke_all_tokens(alice.id) == 1
    with pytest.raises(AuthenticationError):
        accounts.resolve_token(second)


def test_a_token_notes_when_it_was_used_at_most_once_a_minute(database: Database, accounts: Accounts) -> None:
    alice = accounts.create("alice", PASSWORD)
    token = accounts.issue_token(alice.id)
    start = datetime(2026, 1, 1, tzinfo=UTC)

    def last_used() -> datetime | None:
        with database.reading() as session:
            return session.scalar(select(ApiTokenRecord.last_used_at))

    assert last_used() is None
    accounts.resolve_token(token, now=start)
    accounts.resolve_token(token, now=start + timedelta(seconds=30))
    assert last_used() == start
    accounts.resolve_token(token, now=start + timedelta(minutes=2))
    assert last_used() == start + timedelta(minutes=2)


def test_a_made_up_token_resolves_to_nobody(accounts: Accounts) -> None:
    accounts.issue_token(accounts.create("alice", PASSWORD).id)
    with pytest.raises(AuthenticationError):
        accounts.resolve_token("not-a-token")
