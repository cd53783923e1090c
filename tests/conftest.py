"""Shared fixtures: the packaged knowledge base, an assessor, the shared folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from hypothesis import settings

from twitchcheck import Assessor, KnowledgeBase, load_knowledge
from twitchcheck.nlu import parse_text
from twitchcheck.storage import Database, accounts

# CI replays the same examples every run (a submission must not fail on a new random draw);
# developers' runs keep exploring new examples, and a failure found there becomes a fixed test.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
# `make test-fast` sets TWITCHCHECK_FAST: property tests run a few examples each, for the inner loop.
FAST = bool(os.environ.get("TWITCHCHECK_FAST"))


def examples(count: int) -> int:
    """The Hypothesis example count for a property test: `count`, or at most 10 in a fast run."""
    return min(count, 10) if FAST else count


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the PostgreSQL server, so that `make test-fast` can leave them out."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        uses_postgres = "postgres_url" in getattr(item, "fixturenames", ()) or (
            callspec is not None and "postgresql" in callspec.id
        )
        if uses_postgres:
            item.add_marker(pytest.mark.postgres)


SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PUBLIC_VIGNETTES = SHARED / "vignettes" / "public.jsonl"
VOCABULARY = SHARED / "vocabulary.yaml"


def read(text: str, language: str = "en") -> tuple[set[str], set[str]]:
    """The findings free text reads as present and as absent (the reader tests' one helper)."""
    parsed = parse_text(text, language=language)
    return set(parsed.present_ids), set(parsed.absent_ids)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def assessor(kb: KnowledgeBase) -> Assessor:
    return Assessor(kb)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One PostgreSQL server for the whole test session."""
    from .databases import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, then a new database on the PostgreSQL server."""
    from .databases import fresh_postgres_database, sqlite_url

    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    return fresh_postgres_database(request.getfixturevalue("postgres_url"))


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """An opened, migrated database (SQLite file, then PostgreSQL), closed after the test."""
    from twitchcheck.storage import open_database

    opened = open_database(database_url)
    yield opened
    opened.close()


# Argon2 at its real cost takes 0.1-0.3 s a hash here, and the web tests make hundreds of accounts. They
# get a cheap hasher; a test that checks the production parameters is marked `production_password_cost`.
CHEAP_PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("production_password_cost") is None:
        monkeypatch.setattr(accounts, "default_hasher", lambda: CHEAP_PASSWORD_HASHER)


# --- the web app in-process, for the API and page tests -------------------------------------------


@pytest.fixture(scope="module")
def embedded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One embedded-default server per test module, for the tests that need no empty database of their own.

    Building an app and answering its first request costs about 0.4 s (FastAPI prepares every route
    then); a module of fifty tests that each built their own spent twenty seconds on it.
    """
    from twitchcheck.settings import Settings
    from twitchcheck.web import create_app

    settings = Settings(data_dir=tmp_path_factory.mktemp("embedded"))
    with TestClient(create_app(settings), base_url="http://localhost") as client:
        yield client


@pytest.fixture
def client(embedded_server: TestClient) -> TestClient:
    """The module's embedded server, with no cookie left by an earlier test (the language chosen, say)."""
    embedded_server.cookies.clear()
    return embedded_server


@pytest.fixture
def local(tmp_path: Path) -> Iterator[TestClient]:
    """One person on their own machine: no sign-in."""
    from twitchcheck.settings import Settings
    from twitchcheck.web import create_app

    with TestClient(create_app(Settings(data_dir=tmp_path, accounts="off")), base_url="http://localhost") as client:
        yield client


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[TestClient]:
    """A multi-user server: accounts on, on SQLite and on a real PostgreSQL server."""
    from twitchcheck.settings import Settings
    from twitchcheck.web import create_app

    settings = Settings(data_dir=tmp_path, database_url=database_url, accounts="on")
    with TestClient(create_app(settings), base_url="http://localhost") as client:
        yield client
