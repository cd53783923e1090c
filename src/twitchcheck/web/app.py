"""The FastAPI application: API under /api/v1, health check, and (later) the pages.

`create_app(settings)` builds everything from explicit settings; `make run`
serves it with uvicorn on the embedded default (SQLite, localhost).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import Depends, FastAPI, Request
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.middleware.trustedhost import TrustedHostMiddleware

from twitchcheck import __version__
from twitchcheck.assessment import Assessor, default_assessor
from twitchcheck.nlu import parse_text
from twitchcheck.nlu.language import language_cues
from twitchcheck.settings import Settings
from twitchcheck.storage import open_database
from twitchcheck.storage.interviews import InterviewStore
from twitchcheck.threads import use_one_blas_thread
from twitchcheck.web import (
    api,
    api_diary,
    api_fhir,
    api_interviews,
    cds_hooks,
    compat_infermedica,
    pages,
    pages_diary,
)
from twitchcheck.web.compat_cors import CompatCors, compat_origins
from twitchcheck.web.compat_infermedica_replay import PlanCache
from twitchcheck.web.errors import install_error_handlers
from twitchcheck.web.limits import BodySizeLimit
from twitchcheck.web.protection import (
    RequestDeadline,
    SecurityHeaders,
    refuse_cross_site,
    refuse_remote_without_accounts,
)
from twitchcheck.web.schemas import Health

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None, *, assessor: Assessor | None = None) -> FastAPI:
    """Build the app and open its database (migrating it to the current schema if needed)."""
    settings = settings or Settings.from_env()
    settings.check_network_exposure()  # also when started as `uvicorn twitchcheck.web.asgi:app`, not only by `serve`
    use_one_blas_thread()
    cors_origins = compat_origins(settings)  # a malformed origin stops the start, with the fix
    database = open_database(settings.effective_database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        for language in language_cues():  # builds each language's pipeline now (0.5-2.5 s), not on a request
            parse_text("warm up", language=language)
        try:
            yield
        finally:
            database.close()

    app = FastAPI(
        title="twitchcheck",
        version=__version__,
        description=(
            "Likely causes, triage and advice for involuntary muscle twitching. "
            "Information only: it does not replace a doctor."
        ),
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
        dependencies=[Depends(refuse_remote_without_accounts), Depends(refuse_cross_site)],
    )
    app.state.settings = settings
    app.state.assessor = assessor or default_assessor(settings.region or None)
    app.state.database = database
    app.state.interviews = InterviewStore(database, ttl=timedelta(hours=settings.interview_ttl_hours))
    app.state.compat_plans = PlanCache(app.state.assessor)
    install_error_handlers(app, shapes={compat_infermedica.PREFIX: compat_infermedica.error_shape})
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(api_interviews.router, prefix=API_PREFIX)
    app.include_router(api_diary.router, prefix=API_PREFIX)
    app.include_router(compat_infermedica.router, prefix=compat_infermedica.PREFIX)
    app.include_router(api_fhir.router)
    app.include_router(cds_hooks.router)
    app.include_router(pages.router)
    app.include_router(pages_diary.router)
    app.mount("/static", StaticFiles(packages=[("twitchcheck.web", "static")]), name="static")

    @app.get("/healthz", response_model=Health, summary="Health check", tags=["ops"])
    def healthz(request: Request) -> Health:
        with request.app.state.database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return Health(status="ok", knowledge_version=request.app.state.assessor.kb.version, database="ok")

    # Outermost last: headers on every answer, then the host check, CORS for /compat/, the deadline, the body limit.
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        larger_for={f"{API_PREFIX}/diary/import": settings.max_import_bytes},
    )
    app.add_middleware(RequestDeadline, seconds=settings.request_timeout_seconds)
    app.add_middleware(CompatCors, origins=cors_origins)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.host_names))
    app.add_middleware(SecurityHeaders)
    return app
