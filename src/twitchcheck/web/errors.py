"""One JSON error shape for every 4xx and 5xx, and the handlers that produce it.

    {"error": {"status": 422, "code": "invalid_evidence", "message": "...", "field": "present"}}

`field` is present when one input is at fault. Nothing reaches a client as an
HTML traceback or a bare 500.

An API that speaks another product's language (the Infermedica-compatible API
under /compat/infermedica/v3/) has clients that expect that product's error
body: `install_error_handlers(app, shapes={prefix: shape})` routes the errors
of those paths through `shape`, which decides their status and body. The
handlers stay the same; only the body changes.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from twitchcheck.errors import (
    AccountError,
    AuthenticationError,
    CdsHooksError,
    DiaryError,
    EntryNotFoundError,
    EvidenceError,
    ImportConflictError,
    InterviewChangedError,
    InterviewNotFoundError,
    PrefetchMissingError,
    RequestRefusedError,
    SignInRequiredError,
    SignInThrottledError,
    StorageError,
    TwitchcheckError,
    UnknownUserError,
    UsernameTakenError,
    WeakPasswordError,
)

logger = logging.getLogger("twitchcheck.web")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    405: "method_not_allowed",
    413: "body_too_large",
    422: "invalid_input",
}


def error_body(status: int, message: str, *, code: str | None = None, field: str | None = None) -> dict[str, Any]:
    """The JSON error body, the same for every error."""
    error: dict[str, Any] = {"status": status, "code": code or _CODES.get(status, "error"), "message": message}
    if field is not None:
        error["field"] = field
    return {"error": error}


def error_response(
    status: int,
    message: str,
    *,
    code: str | None = None,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(status, message, code=code, field=field), status_code=status, headers=headers)


class ErrorShape(Protocol):
    """Another API's error: from our status, code, message and field, the status and body its clients expect."""

    def __call__(self, status: int, code: str, message: str, field: str | None) -> tuple[int, dict[str, Any]]: ...


class _Responder:
    """Answers an error in the shape the request's path calls for: ours, or one from `shapes`."""

    def __init__(self, shapes: Mapping[str, ErrorShape]) -> None:
        self.shapes = dict(shapes)

    def __call__(
        self,
        request: Request,
        status: int,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> JSONResponse:
        for prefix, shape in self.shapes.items():
            if request.url.path.startswith(prefix):
                sent_status, body = shape(status, code or _CODES.get(status, "error"), message, field)
                return JSONResponse(body, status_code=sent_status, headers=headers)
        return error_response(status, message, code=code, field=field, headers=headers)


def _validation_message(error: dict[str, Any]) -> tuple[str, str]:
    location = [str(part) for part in error.get("loc", ()) if part != "body"]
    field = ".".join(location) or "body"
    kind = error.get("type", "")
    if kind == "json_invalid":
        return "body", "the request body is not valid JSON; send a JSON object"
    if kind == "extra_forbidden":
        return field, f"unknown field '{field}'; remove it (see /api/v1/openapi.json for the allowed fields)"
    if kind == "missing":
        return field, f"field '{field}' is required"
    return field, f"field '{field}': {error.get('msg', 'invalid value')}"


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette's own 405 names only the first route's).

    Each method is tried against every route: included routers answer `matches` for
    their own routes, so this needs no knowledge of how FastAPI stores them.
    """
    from starlette.routing import Match

    methods: set[str] = set()
    for route in request.app.router.routes:
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            match, _ = route.matches({**request.scope, "method": method})
            if match == Match.FULL:
                methods.add(method)
    return sorted(methods)


# The library's errors and the HTTP answer each gets; the most specific class wins (Starlette looks
# handlers up along the exception's class hierarchy). `field` comes from the error when it has one.
DOMAIN_ERRORS: dict[type[TwitchcheckError], tuple[int, str]] = {
    EvidenceError: (422, "invalid_evidence"),
    PrefetchMissingError: (412, "prefetch_missing"),  # CDS Hooks 2.0 names 412 for a call it cannot prefetch
    CdsHooksError: (400, "invalid_cds_request"),
    EntryNotFoundError: (404, "not_found"),
    InterviewNotFoundError: (404, "not_found"),
    InterviewChangedError: (409, "interview_changed"),
    SignInRequiredError: (401, "sign_in_required"),
    AuthenticationError: (401, "unauthorized"),
    SignInThrottledError: (429, "too_many_sign_in_attempts"),
    UsernameTakenError: (409, "username_taken"),
    WeakPasswordError: (422, "weak_password"),
    UnknownUserError: (404, "unknown_account"),
    AccountError: (422, "invalid_account_input"),
    ImportConflictError: (409, "import_conflict"),
    DiaryError: (422, "invalid_diary_input"),
    RequestRefusedError: (403, "request_refused"),
    StorageError: (503, "database_unavailable"),
    TwitchcheckError: (422, "invalid_input"),
}


# Paths that answer in JSON; everything else is a page for a person, and its errors are pages too.
API_PREFIXES = ("/api/", "/healthz", "/compat/", "/fhir/", "/cds-services")


def is_page(request: Request) -> bool:
    """Whether the request is for a page (an HTML answer), not for the JSON API."""
    return not request.url.path.startswith(API_PREFIXES)


def _domain_handler(status: int, code: str, respond: _Responder) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handle(request: Request, exc: Exception) -> Response:
        if is_page(request):
            from twitchcheck.web.pages import error_page  # the pages' templates, loaded only for pages

            return error_page(request, exc, status)
        retry_after = getattr(exc, "retry_after", None)
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
        return respond(request, status, str(exc), code=code, field=getattr(exc, "field", None), headers=headers)

    return handle


def install_error_handlers(app: FastAPI, *, shapes: Mapping[str, ErrorShape] | None = None) -> None:
    """Route every error through `error_body`, or through the shape of its path's prefix in `shapes`."""
    respond = _Responder(shapes or {})

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        field, message = _validation_message(dict(errors[0])) if errors else ("body", "invalid request")
        return respond(request, 422, message, field=field)

    for error_class, (status, code) in DOMAIN_ERRORS.items():
        app.add_exception_handler(error_class, _domain_handler(status, code, respond))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if is_page(request) and exc.status_code in (404, 405):
            from twitchcheck.web.pages import error_page

            return error_page(request, exc, exc.status_code)
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; the API is described at /api/v1/docs"
        elif exc.status_code == 400:
            message = "the request body could not be read; send a UTF-8 JSON object"
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            allowed = _allowed_methods(request)
            message = f"{request.method} is not allowed on {request.url.path}; use {', '.join(allowed)}"
            headers["Allow"] = ", ".join(allowed)
        return respond(request, exc.status_code, message, headers=headers)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unexpected error", exc_info=exc)
        return respond(request, 500, "an unexpected error occurred; it has been logged", code="internal_error")
