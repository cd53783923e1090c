"""Schemathesis against the OpenAPI spec: no 500s, no response that breaks the schema.

Twice: the embedded default (SQLite, accounts off), and a clinic server
(PostgreSQL, accounts on, every request signed in), where NUL bytes and ids
past 32 bits used to reach the database as server errors. Bounded in examples
so that it fits in `make test`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import positive_data_acceptance

from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .conftest import examples


def api_schema(application: object) -> schemathesis.BaseSchema:
    """The API's schema, where a body over the size limit refused with 413 counts as a right refusal of bad data."""
    loaded = schemathesis.openapi.from_asgi("/api/v1/openapi.json", application)
    loaded.config.checks.negative_data_rejection.expected_statuses.append("413")
    return loaded


# JSON Schema cannot say "a finding may not be both present and absent" or "at most one duration",
# so a schema-valid body can still be rightly refused with 422; that one check is left out.
CROSS_FIELD_RULES = [positive_data_acceptance]
CLINIC_PASSWORD = "schemathesis checks every route"
SIGNS_OUT = {"/api/v1/sessions/current", "/api/v1/sessions/current/rotate"}


def check_every_operation(schema: schemathesis.BaseSchema, *, max_examples: int, headers: dict[str, str]) -> None:
    """Every operation of `schema`, `max_examples` generated requests each: none a 500 or off its schema."""
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result.err()  # the spec itself must be valid
        operation = result.ok()
        if operation.path in SIGNS_OUT or operation.path.endswith("/erase"):
            continue  # signing the test's own token out or erasing its account would sign out every later example

        @given(case=operation.as_strategy())
        @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def never_500s(case: schemathesis.Case) -> None:  # type: ignore[type-arg]
            case.call_and_validate(headers=headers, excluded_checks=CROSS_FIELD_RULES)  # type: ignore[arg-type]

        never_500s()


# The app is built when the test runs, not when the module is collected: building it warms both language
# pipelines, which every `make test-fast` worker would otherwise pay for at collection (about 10 s).
@pytest.mark.slow
def test_api_never_500s_and_always_matches_its_schema() -> None:
    app = create_app(
        Settings(data_dir=Path(tempfile.mkdtemp(prefix="twitchcheck-schema-")), allowed_hosts="testserver")
    )
    check_every_operation(api_schema(app), max_examples=30, headers={})


@pytest.fixture(scope="module")
def clinic(postgres_url: str) -> Iterator[tuple[schemathesis.BaseSchema, str]]:
    """A clinic server on a fresh PostgreSQL database with accounts on, and a signed-in token for it."""
    from .databases import fresh_postgres_database

    database_url = fresh_postgres_database(postgres_url)
    settings_ = Settings(
        data_dir=Path(tempfile.mkdtemp(prefix="twitchcheck-schema-pg-")),
        database_url=database_url,
        accounts="on",
        allowed_hosts="testserver",
    )
    clinic_app = create_app(settings_)
    with TestClient(clinic_app) as client:
        response = client.post("/api/v1/accounts", json={"username": "schema", "password": CLINIC_PASSWORD})
        assert response.status_code == 201, response.text
        token = response.json()["token"]
        yield api_schema(clinic_app), token


@pytest.mark.postgres
def test_a_clinic_server_on_postgresql_never_500s_for_a_signed_in_person(
    clinic: tuple[schemathesis.BaseSchema, str],
) -> None:
    clinic_schema, token = clinic
    check_every_operation(clinic_schema, max_examples=examples(12), headers={"Authorization": f"Bearer {token}"})
