"""Typed access to what `create_app` puts on `app.state`: one place, so no route reaches into it by hand."""

from __future__ import annotations

from fastapi import Request

from twitchcheck.assessment import Assessor
from twitchcheck.settings import Settings
from twitchcheck.storage import Database
from twitchcheck.storage.interviews import InterviewStore
from twitchcheck.web.compat_infermedica_replay import PlanCache


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def assessor_of(request: Request) -> Assessor:
    assessor: Assessor = request.app.state.assessor
    return assessor


def database_of(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def interviews_of(request: Request) -> InterviewStore:
    store: InterviewStore = request.app.state.interviews
    return store


def compat_plans_of(request: Request) -> PlanCache:
    """The interview plans the Infermedica-compatible API has worked out, by state (one cache per app)."""
    plans: PlanCache = request.app.state.compat_plans
    return plans
