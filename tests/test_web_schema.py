"""Schemathesis against the OpenAPI spec: no 500s, no response that breaks the schema.

Bounded in examples so that it fits in `make test`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .conftest import examples

app = create_app(Settings(data_dir=Path(tempfile.mkdtemp(prefix="twitchcheck-schema-")), allowed_hosts="testserver"))
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


# JSON Schema cannot say "a finding may not be both present and absent" or "at most one duration",
# so a schema-valid body can still be rightly refused with 422; that one check is left out.
CROSS_FIELD_RULES = [positive_data_acceptance]


@schema.parametrize()
@settings(max_examples=examples(30), deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_500s_and_always_matches_its_schema(case: schemathesis.Case) -> None:  # type: ignore[type-arg]
    case.call_and_validate(excluded_checks=CROSS_FIELD_RULES)  # type: ignore[arg-type]
