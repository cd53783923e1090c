"""Accounts on SQLite and on a real PostgreSQL server: passwords (Argon2), API tokens (hashed), clear refusals.

Also what makes accounts hard to guess: one Argon2 verification per sign-in whoever
is named, throttling per account and per address kept in the database, NIST's
password rule, and sessions that end on the server. Time is passed in (`now=`),
never waited for; Argon2 work is counted with a hasher that counts its calls.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import subprocess
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Literal

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import func, select

import twitchcheck.storage.accounts as accounts_module
from twitchcheck.errors import (
    AccountError,
    AuthenticationError,
    SignInThrottledError,
    TwitchcheckError,
    UnknownUserError,
    UsernameTakenError,
    WeakPasswordError,
)
from twitchcheck.storage import Accounts, ApiTokenRecord, Database, UserRecord, local_account
from twitchcheck.storage.accounts import (
    MAX_PASSWORD_CHARS,
    MIN_PASSWORD_CHARS,
    check_password,
    common_passwords,
    decoy_hash,
)
from twitchcheck.storage.tables import SignInAttemptRecord
from twitchcheck.web.auth import SESSION_COOKIE

from .conftest import CHEAP_PASSWORD_HASHER

PASSWORD = "correct horse battery"
WRONG = "not the password"
FAST = CHEAP_PASSWORD_HASHER  # one test checks the real defaults
START = datetime(2026, 1, 1, tzinfo=UTC)
ADDRESS = "203.0.113.9"
ROOT = Path(__file__).resolve().parents[1]
UV = ROOT / ".tools" / "bin" / "uv"


class CountingHasher(PasswordHasher):
    """FAST's parameters, counting every Argon2 hash and verification (the expensive calls)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.hashes = 0
        self.verifications = 0

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        self.hashes += 1
        return super().hash(password, salt=salt)

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        self.verifications += 1
        return super().verify(hash, password)

    def calls(self) -> tuple[int, int]:
        return self.hashes, self.verifications

    def reset(self) -> None:
        self.hashes = self.verifications = 0


@pytest.fixture
def accounts(database: Database) -> Accounts:
    return Accounts(database, hasher=FAST)


@pytest.fixture
def fresh_decoys(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a new process: no decoy hash made yet."""
    monkeypatch.setattr(accounts_module, "_DECOY_HASHES", {})


def stored_hash(database: Database, user_id: int) -> str | None:
    with database.reading() as session:
        return session.scalar(select(UserRecord.password_hash).where(UserRecord.id == user_id))


def token_count(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(ApiTokenRecord)) or 0)


def fail(accounts: Accounts, username: str, *, at: datetime, address: str | None = None) -> None:
    with pytest.raises(AuthenticationError, match=r"^wrong username or password$"):
        accounts.authenticate(username, WRONG, address=address, now=at)


def wait_for(accounts: Accounts, username: str, *, at: datetime, address: str | None = None) -> int:
    """The seconds a throttled attempt is told to wait (it must be throttled)."""
    with pytest.raises(SignInThrottledError) as throttled:
        accounts.authenticate(username, WRONG, address=address, now=at)
    return throttled.value.retry_after


# ---- accounts and passwords ----------------------------------------------------------------------


def test_a_new_account_logs_in_with_its_password_only(accounts: Accounts) -> None:
    alice = accounts.create("Alice", PASSWORD)
    assert alice.username == "alice" and alice.can_log_in
    assert accounts.authenticate("ALICE ", PASSWORD) == alice
    with pytest.raises(AuthenticationError, match=r"^wrong username or password$"):
        accounts.authenticate("alice", PASSWORD + "!")


@pytest.mark.production_password_cost
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
    with pytest.raises(WeakPasswordError, match=r"too short \(7 characters\); use at least 8"):
        accounts.create("alice", "1234567")
    with pytest.raises(WeakPasswordError, match="at most 1024"):
        accounts.create("alice", "x" * 1025)
    with pytest.raises(UnknownUserError):
        accounts.find("alice")


def test_account_errors_are_one_branch_of_the_error_tree() -> None:
    for error in (UsernameTakenError, WeakPasswordError, UnknownUserError, AuthenticationError, SignInThrottledError):
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


# ---- the password rule (NIST SP 800-63B §5.1.1.2) -------------------------------------------------


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("abcdefg", r"too short \(7 characters\); use at least 8"),
        ("re\u0301sume\u0301!", r"too short \(7 characters\)"),  # 9 code points as typed, 7 after NFC
        (" \t \n  \u3000  ", "only spaces"),
        ("zzzzzzzzzzzz", "one character repeated"),
        ("alice.smith", "your username"),
        ("Alice.Smith 2024!", "your username"),
        ("TwitchCheck99", "this site's name"),
        ("Password123", "commonly used passwords"),
        ("QWERTYUIOP", "commonly used passwords"),
        ("iloveyou!", "commonly used passwords"),
        ("motdepasse", "commonly used passwords"),
    ],
)
def test_a_weak_password_is_refused_naming_the_rule_and_a_better_way(password: str, reason: str) -> None:
    with pytest.raises(WeakPasswordError, match=reason) as refused:
        check_password(password, username="alice.smith")
    assert refused.value.field == "password"
    assert "a few unrelated words are easy to remember" in str(refused.value)


@pytest.mark.parametrize(
    "password",
    ["tulip-42", "r\u00e9sum\u00e9 42", "alice in wonderland", "xxxxxxxy", "correct horse " * 73],
    ids=["eight characters", "accents", "a phrase containing the username", "two characters", "1,022 characters"],
)
def test_a_password_of_eight_or_more_characters_that_breaks_no_rule_is_accepted(password: str) -> None:
    check_password(password, username="alice")


def test_creating_an_account_and_changing_its_password_apply_the_same_rule(accounts: Accounts) -> None:
    with pytest.raises(WeakPasswordError, match="your username"):
        accounts.create("alice.smith", "alice.smith!")
    with pytest.raises(UnknownUserError):
        accounts.find("alice.smith")
    alice = accounts.create("alice.smith", PASSWORD)
    with pytest.raises(WeakPasswordError, match="your username"):
        accounts.change_password(alice.id, "ALICE.SMITH.2024")
    with pytest.raises(WeakPasswordError, match="commonly used"):
        accounts.change_password(alice.id, "Sunshine1")
    assert accounts.authenticate("alice.smith", PASSWORD) == alice


def test_a_password_typed_with_a_separate_accent_signs_in_typed_with_a_composed_one(accounts: Accounts) -> None:
    amelie = accounts.create("amelie", "Ame\u0301lie's diary")
    assert accounts.authenticate("amelie", "Am\u00e9lie's diary") == amelie


def test_the_common_password_list_ships_in_the_package_lower_case_and_long_enough() -> None:
    text = resources.files("twitchcheck.storage").joinpath("data", "common_passwords.txt").read_text("utf-8")
    entries = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(entries) >= 1000
    assert len(set(entries)) == len(entries)
    assert all(entry == entry.strip() == entry.lower() for entry in entries)
    assert all(len(entry) >= MIN_PASSWORD_CHARS for entry in entries)  # shorter ones are refused for length anyway
    assert {"password", "iloveyou", "qwertyuiop", "12345678", "motdepasse"} <= common_passwords()


@pytest.mark.slow
@pytest.mark.subprocess
@pytest.mark.skipif(not UV.is_file(), reason="uv is installed by `make install` in .tools/")
def test_the_wheel_ships_the_common_password_list(tmp_path: Path) -> None:
    """Built as a clinic would install it: a list missing from the wheel would break every sign-up."""
    subprocess.run(
        [str(UV), "build", "--wheel", "--offline", "--quiet", "--out-dir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("twitchcheck-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("twitchcheck/storage/data/common_passwords.txt").decode("utf-8")
    assert shipped == resources.files("twitchcheck.storage").joinpath("data", "common_passwords.txt").read_text()


# ---- one Argon2 verification per sign-in ------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("mallory", PASSWORD),
        ("local", PASSWORD),
        ("alice", "x" * (MAX_PASSWORD_CHARS + 1)),
        ("alice", WRONG),
        ("alice", PASSWORD),
    ],
    ids=["unknown user", "password-less local account", "over-long password", "wrong password", "right password"],
)
def test_every_sign_in_attempt_costs_exactly_one_argon2_verification(
    database: Database, username: str, password: str
) -> None:
    hasher = CountingHasher()
    Accounts(database, hasher=hasher).create("alice", PASSWORD)
    local_account(database)
    decoy_hash(hasher)  # made at most once per process, before any attempt here
    hasher.reset()
    with contextlib.suppress(AuthenticationError):
        Accounts(database, hasher=hasher).authenticate(username, password, address=ADDRESS)
    assert hasher.calls() == (0, 1)


@pytest.mark.usefixtures("fresh_decoys")
def test_the_decoy_hash_is_made_once_per_process_not_once_per_accounts_object(database: Database) -> None:
    hasher = CountingHasher()
    for _request in range(3):  # the web makes an Accounts per request
        with pytest.raises(AuthenticationError):
            Accounts(database, hasher=hasher).authenticate("mallory", PASSWORD)
    assert hasher.calls() == (1, 3)


# ---- throttling (NIST SP 800-63B §5.2.2) ------------------------------------------------------------


def test_the_first_five_failures_are_free_then_each_doubles_the_wait_up_to_five_minutes(accounts: Accounts) -> None:
    accounts.create("alice", PASSWORD)
    for _ in range(5):
        fail(accounts, "alice", at=START)
    moment, waits = START, []
    for _ in range(12):
        fail(accounts, "alice", at=moment)
        waits.append(wait_for(accounts, "alice", at=moment))
        assert wait_for(accounts, "alice", at=moment + timedelta(seconds=waits[-1] - 0.5)) == 1
        moment += timedelta(seconds=waits[-1])
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300]


def test_a_throttled_attempt_does_no_argon2_work_even_with_the_right_password(database: Database) -> None:
    hasher = CountingHasher()
    accounts = Accounts(database, hasher=hasher)
    accounts.create("alice", PASSWORD)
    for _ in range(6):
        fail(accounts, "alice", at=START)
    hasher.reset()
    for _ in range(3):
        wait_for(accounts, "alice", at=START)
    with pytest.raises(SignInThrottledError, match="try again in 2 seconds"):
        accounts.authenticate("alice", PASSWORD, now=START)
    assert hasher.calls() == (0, 0)
    assert accounts.authenticate("alice", PASSWORD, now=START + timedelta(seconds=2)).username == "alice"


def test_an_unknown_username_is_throttled_exactly_like_a_real_one(accounts: Accounts) -> None:
    accounts.create("alice", PASSWORD)

    def outcomes(username: str) -> list[str]:
        seen = []
        for _ in range(8):
            try:
                accounts.authenticate(username, WRONG, now=START)
            except SignInThrottledError as error:
                seen.append(f"wait {error.retry_after}")
            except AuthenticationError as error:
                seen.append(str(error))
        return seen

    assert outcomes("alice") == outcomes("mallory") == ["wrong username or password"] * 6 + ["wait 2"] * 2


def test_a_right_password_clears_the_accounts_failures(accounts: Accounts) -> None:
    alice = accounts.create("alice", PASSWORD)
    for _ in range(5):
        fail(accounts, "alice", at=START)
    assert accounts.authenticate("alice", PASSWORD, now=START) == alice
    for _ in range(6):
        fail(accounts, "alice", at=START)  # five free again, and the sixth starts the wait
    assert wait_for(accounts, "alice", at=START) == 2


def test_one_address_trying_many_usernames_waits_after_twenty_failures(accounts: Accounts) -> None:
    for number in range(21):
        fail(accounts, f"user{number}", at=START, address=ADDRESS)
    assert wait_for(accounts, "someone", at=START, address=ADDRESS) == 2
    fail(accounts, "someone", at=START, address="198.51.100.7")  # another address is not slowed
    fail(accounts, "someone", at=START + timedelta(seconds=2), address=ADDRESS)
    assert wait_for(accounts, "user0", at=START + timedelta(seconds=2), address=ADDRESS) == 4


def test_signing_in_to_ones_own_account_does_not_clear_the_addresss_failures(accounts: Accounts) -> None:
    mallory = accounts.create("mallory", PASSWORD)
    for number in range(20):
        fail(accounts, f"victim{number}", at=START, address=ADDRESS)
    assert accounts.authenticate("mallory", PASSWORD, address=ADDRESS, now=START) == mallory
    fail(accounts, "victim", at=START, address=ADDRESS)  # the address's 21st failure
    assert wait_for(accounts, "victim", at=START, address=ADDRESS) == 2


def test_failures_are_forgotten_after_a_day_without_one(accounts: Accounts) -> None:
    for _ in range(6):
        fail(accounts, "alice", at=START)
    later = START + timedelta(days=1, seconds=1)
    for _ in range(6):
        fail(accounts, "alice", at=later)  # five free again
    assert wait_for(accounts, "alice", at=later) == 2


def test_concurrent_failures_are_all_counted(accounts: Accounts, database: Database) -> None:
    attempts = 12
    barrier = threading.Barrier(attempts)

    def attempt(number: int) -> None:
        barrier.wait()
        with pytest.raises(AuthenticationError):
            accounts.authenticate(f"user{number}", WRONG, address=ADDRESS, now=START)

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        list(pool.map(attempt, range(attempts)))
    with database.reading() as session:
        counted = session.scalar(
            select(SignInAttemptRecord.failures).where(SignInAttemptRecord.key == f"address:{ADDRESS}")
        )
    assert counted == attempts


# ---- tokens ----------------------------------------------------------------------------------------


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
    token = accounts.issue_token(alice.id, now=START)

    def last_used() -> datetime | None:
        with database.reading() as session:
            return session.scalar(select(ApiTokenRecord.last_used_at))

    assert last_used() is None
    accounts.resolve_token(token, now=START)
    accounts.resolve_token(token, now=START + timedelta(seconds=30))
    assert last_used() == START
    accounts.resolve_token(token, now=START + timedelta(minutes=2))
    assert last_used() == START + timedelta(minutes=2)


def test_a_made_up_token_resolves_to_nobody(accounts: Accounts) -> None:
    accounts.issue_token(accounts.create("alice", PASSWORD).id)
    with pytest.raises(AuthenticationError):
        accounts.resolve_token("not-a-token")


def test_a_token_ends_after_the_session_lifetime_however_often_it_is_used(
    database: Database, accounts: Accounts
) -> None:
    alice = accounts.create("alice", PASSWORD)
    token = accounts.issue_token(alice.id, now=START)
    for hour in range(1, 13):
        assert accounts.resolve_token(token, now=START + timedelta(hours=hour)) == alice
    with pytest.raises(AuthenticationError, match="your sign-in has expired; sign in again"):
        accounts.resolve_token(token, now=START + timedelta(hours=12, seconds=1))
    assert token_count(database) == 0  # deleted, not just refused
    with pytest.raises(AuthenticationError, match="unknown or revoked"):
        accounts.resolve_token(token, now=START + timedelta(hours=12, seconds=2))


def test_a_token_unused_for_longer_than_the_idle_limit_ends(accounts: Accounts) -> None:
    alice = accounts.create("alice", PASSWORD)
    used, never_used = accounts.issue_token(alice.id, now=START), accounts.issue_token(alice.id, now=START)
    assert accounts.resolve_token(used, now=START + timedelta(hours=2)) == alice  # idle since it was issued: 2 h
    assert accounts.resolve_token(used, now=START + timedelta(hours=4)) == alice
    with pytest.raises(AuthenticationError, match="expired"):
        accounts.resolve_token(used, now=START + timedelta(hours=6, seconds=1))
    with pytest.raises(AuthenticationError, match="expired"):
        accounts.resolve_token(never_used, now=START + timedelta(hours=2, seconds=1))


def test_the_session_limits_are_the_ones_the_accounts_were_given(database: Database) -> None:
    accounts = Accounts(database, hasher=FAST, session_lifetime=timedelta(hours=1), session_idle=timedelta(minutes=5))
    alice = accounts.create("alice", PASSWORD)
    token = accounts.issue_token(alice.id, now=START)
    for minutes in range(5, 61, 5):
        assert accounts.resolve_token(token, now=START + timedelta(minutes=minutes)) == alice
    with pytest.raises(AuthenticationError, match="expired"):
        accounts.resolve_token(token, now=START + timedelta(minutes=61))
    idle = accounts.issue_token(alice.id, now=START)
    with pytest.raises(AuthenticationError, match="expired"):
        accounts.resolve_token(idle, now=START + timedelta(minutes=6))


def test_rotating_a_token_revokes_the_old_one_and_never_extends_the_sign_in(accounts: Accounts) -> None:
    alice = accounts.create("alice", PASSWORD)
    first = token = accounts.issue_token(alice.id, now=START)
    for hour in range(1, 13):
        rotated = accounts.rotate_token(token, now=START + timedelta(hours=hour))
        assert rotated != token
        with pytest.raises(AuthenticationError, match="unknown or revoked"):
            accounts.resolve_token(token, now=START + timedelta(hours=hour))
        assert accounts.resolve_token(rotated, now=START + timedelta(hours=hour)) == alice
        token = rotated
    assert token != first
    with pytest.raises(AuthenticationError, match="expired"):
        accounts.resolve_token(token, now=START + timedelta(hours=12, seconds=1))


def test_an_unknown_or_expired_token_cannot_be_rotated(database: Database, accounts: Accounts) -> None:
    alice = accounts.create("alice", PASSWORD)
    with pytest.raises(AuthenticationError, match="unknown or revoked"):
        accounts.rotate_token("not-a-token")
    stale = accounts.issue_token(alice.id, now=START)
    with pytest.raises(AuthenticationError, match="expired"):
        accounts.rotate_token(stale, now=START + timedelta(hours=2, seconds=1))
    assert token_count(database) == 0


def test_changing_the_password_signs_the_account_out_everywhere(accounts: Accounts) -> None:
    alice, bob = accounts.create("alice", PASSWORD), accounts.create("bob", PASSWORD)
    phone, laptop, bobs = accounts.issue_token(alice.id), accounts.issue_token(alice.id), accounts.issue_token(bob.id)
    accounts.change_password(alice.id, "another long password")
    for token in (phone, laptop):
        with pytest.raises(AuthenticationError):
            accounts.resolve_token(token)
    assert accounts.resolve_token(bobs) == bob


# ---- the API and the pages --------------------------------------------------------------------------


def register(client: TestClient, username: str) -> str:
    response = client.post("/api/v1/accounts", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return str(response.json()["token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sign_in_form(client: TestClient, username: str, password: str) -> dict[str, str]:
    """The sign-in form as a browser sends it, with the form token the page hands out (if it has one)."""
    page = client.get("/signin")
    token = re.search(r'name="form_token" value="([^"]+)"', page.text)
    return {"username": username, "password": password, **({"form_token": token.group(1)} if token else {})}


def test_api_wrong_credentials_are_401_unauthorized_whoever_is_named(server: TestClient) -> None:
    register(server, "ann")
    wrong = server.post("/api/v1/sessions", json={"username": "ann", "password": WRONG})
    unknown = server.post("/api/v1/sessions", json={"username": "nobody", "password": WRONG})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"]["code"] == "unauthorized"


def test_api_repeated_failures_are_429_with_retry_after(server: TestClient) -> None:
    register(server, "ann")
    attempt = {"username": "ann", "password": WRONG}
    assert [server.post("/api/v1/sessions", json=attempt).status_code for _ in range(6)] == [401] * 6
    for _ in range(10):  # the sixth failure made ann wait; the wait doubles until one attempt falls inside it
        response = server.post("/api/v1/sessions", json=attempt)
        if response.status_code != 401:
            break
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "too_many_sign_in_attempts" and "try again in" in error["message"]
    assert 1 <= int(response.headers["Retry-After"]) <= 300


def test_api_weak_password_is_422_weak_password_on_the_password_field(server: TestClient) -> None:
    for password, reason in (("short", "use at least 8"), ("Password123", "commonly used")):
        response = server.post("/api/v1/accounts", json={"username": "bob", "password": password})
        assert response.status_code == 422
        error = response.json()["error"]
        assert (error["code"], error["field"]) == ("weak_password", "password")
        assert reason in error["message"]


def test_api_rotation_gives_a_new_session_and_the_old_token_stops_working(server: TestClient) -> None:
    old = register(server, "ann")
    response = server.post("/api/v1/sessions/current/rotate", headers=bearer(old))
    assert response.status_code == 200, response.text
    session = response.json()
    assert session["username"] == "ann" and session["token"] != old
    assert server.get("/api/v1/diary/entries", headers=bearer(old)).status_code == 401
    assert server.get("/api/v1/diary/entries", headers=bearer(session["token"])).status_code == 200
    assert server.post("/api/v1/sessions/current/rotate").status_code == 401


def test_signing_in_on_the_pages_replaces_the_token_the_browser_arrived_with(server: TestClient) -> None:
    register(server, "ann")
    planted = register(server, "mallory")  # a session someone else fixed in this browser
    server.cookies.set(SESSION_COOKIE, planted)
    response = server.post("/signin", data=sign_in_form(server, "ann", PASSWORD), follow_redirects=False)
    assert response.status_code == 303, response.text
    issued = response.cookies.get(SESSION_COOKIE)
    assert issued and issued != planted
    assert server.get("/api/v1/diary/entries", headers=bearer(planted)).status_code == 401
    assert server.get("/api/v1/diary/entries", headers=bearer(issued)).status_code == 200


def test_the_sign_in_page_says_when_to_try_again_after_too_many_failures(server: TestClient) -> None:
    register(server, "ann")
    form = sign_in_form(server, "ann", WRONG)
    assert [server.post("/signin", data=form).status_code for _ in range(6)] == [401] * 6
    for _ in range(10):
        page = server.post("/signin", data=form)
        if page.status_code != 401:
            break
    assert page.status_code == 429 and "try again in" in page.text
    assert 1 <= int(page.headers["Retry-After"]) <= 300


def test_failure_counts_older_than_a_day_are_deleted_so_made_up_names_cannot_fill_the_table(
    accounts: Accounts, database: Database
) -> None:
    from sqlalchemy import func, select

    from twitchcheck.storage.tables import SignInAttemptRecord

    start = datetime(2026, 1, 1, tzinfo=UTC)
    for number in range(5):
        with pytest.raises(AuthenticationError):
            accounts.authenticate(f"made-up-{number}", "wrong password here", now=start)
    with pytest.raises(AuthenticationError):
        accounts.authenticate("someone-else", "wrong password here", now=start + timedelta(days=2))
    with database.reading() as session:
        keys = session.scalars(select(SignInAttemptRecord.key)).all()
        assert session.scalar(select(func.count()).select_from(SignInAttemptRecord)) == 1
    assert keys == ["account:someone-else"]
