"""What keeps other websites and other hosts out: same-origin checks, form tokens, headers, a deadline.

A diary on one's own machine has no sign-in, so "only this browser's own pages
may change it" has to be enforced without one:

- **Same origin.** A state-changing request (POST, PUT, PATCH, DELETE) that a
  browser sends carries `Origin` (or at least `Referer`); if it names another
  site, the request is refused (OWASP CSRF Prevention Cheat Sheet, "verifying
  origin with standard headers"). API clients that are not browsers send
  neither and are let through: they cannot be driven by another website.
  The one exception: the stateless, cookie-free compatible APIs under
  /compat/ also take requests from the sites named in `compat_cors_origins`
  (`twitchcheck.web.compat_cors`), a clinic's own front-end.
- **Form tokens.** Every page form also carries a token that must equal the
  browser's `twitchcheck_form` cookie (the cheat sheet's "double-submit
  cookie"), so a page on another site cannot post a form even from an old
  browser that sends no `Origin`. The sign-in form has one too (login CSRF).
- **Hosts.** Only the configured host names are answered (Starlette's
  `TrustedHostMiddleware`): a DNS-rebinding page whose name resolves to
  127.0.0.1 gets 400, not the diary.
- **Local only without accounts.** With accounts off the server answers only
  clients on this machine, however it was started (`serve`, or uvicorn on the
  ASGI app directly).
- **Headers.** A content security policy with no inline script, no framing,
  `nosniff`, a same-origin referrer policy, and `Cache-Control: no-store` on
  everything but the static files, as the pages and answers are personal.
- **Deadline.** A request still running after `request_timeout_seconds` is
  answered 503; the work itself is bounded elsewhere (date window, entry caps).
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import json
import secrets
from urllib.parse import urlsplit

from fastapi import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from twitchcheck.errors import RequestRefusedError
from twitchcheck.web.compat_cors import COMPAT_PREFIX, is_allowed_compat_caller
from twitchcheck.web.errors import error_body, is_page
from twitchcheck.web.state import settings_of

FORM_COOKIE = "twitchcheck_form"
FORM_FIELD = "form_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
TOKEN_BYTES = 32

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # the probability bars set their width inline; no script can run
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
# The interactive API docs load FastAPI's Swagger UI, which needs inline script: they get no CSP.
PATHS_WITHOUT_CSP = ("/api/v1/docs",)


# --- same origin and form tokens (a dependency, so refusals go through the one error handler) -----------


async def refuse_cross_site(request: Request) -> None:
    """Refuse a state-changing request from another site; for a page form, also check its token.

    Raises `RequestRefusedError` (403): the API answers in JSON, a page with an error page.
    """
    if request.method not in UNSAFE_METHODS:
        return
    host = request.headers.get("host", "")
    source = request.headers.get("origin") or request.headers.get("referer")
    if (
        source is not None
        and not same_origin(source, host, request.url.scheme)
        and not is_allowed_compat_caller(request.url.path, source, settings_of(request))
    ):
        if request.url.path.startswith(COMPAT_PREFIX):
            raise RequestRefusedError(
                "this request came from a page of another website, which may not call this API from a browser; "
                "the server's operator can name that site in TWITCHCHECK_COMPAT_CORS_ORIGINS"
            )
        raise RequestRefusedError(
            "this request came from another website, so it was not carried out; use the form on this site's own page"
        )
    if is_page(request):
        form = await request.form()
        sent = str(form.get(FORM_FIELD, ""))
        expected = request.cookies.get(FORM_COOKIE, "")
        if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
            raise RequestRefusedError(
                "this form has expired or did not come from this site; reload the page and send it again"
            )


def same_origin(source: str, host: str, scheme: str) -> bool:
    """Whether an Origin or Referer names this very site (scheme, host and port)."""
    if source == "null":
        return False
    parts = urlsplit(source)
    return bool(parts.netloc) and parts.netloc.lower() == host.lower() and parts.scheme == scheme


def form_token(request: Request) -> tuple[str, bool]:
    """The browser's form token, and whether it is new (and so must be set as a cookie)."""
    existing = request.cookies.get(FORM_COOKIE, "")
    if 20 <= len(existing) <= 100 and existing.replace("-", "").replace("_", "").isalnum():
        return existing, False
    return secrets.token_urlsafe(TOKEN_BYTES), True


def remember_form_token(response: Response, token: str, *, secure: bool) -> None:
    """Set the form-token cookie: unreadable to script, sent only to this site."""
    response.set_cookie(FORM_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/")


# --- local only without accounts ------------------------------------------------------------------------


def is_remote_address(host: str) -> bool:
    """Whether a client address is an IP address of another machine (test clients use names, not addresses)."""
    try:
        return not ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


async def refuse_remote_without_accounts(request: Request) -> None:
    """With accounts off, answer only this machine: a diary without sign-in must never reach the network."""
    if settings_of(request).accounts_required or request.client is None:
        return
    if is_remote_address(request.client.host):
        raise RequestRefusedError(
            "this twitchcheck keeps one person's diary without sign-in, so it answers only on the machine it runs "
            "on; its operator can turn accounts on (TWITCHCHECK_ACCOUNTS=on) to serve other machines"
        )


# --- headers and deadline (plain ASGI: they wrap every response, static files and errors included) -----


class SecurityHeaders:
    """Add the security headers to every response, and `no-store` to all but static files."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = list(SECURITY_HEADERS)
                if not path.startswith(PATHS_WITHOUT_CSP):
                    extra.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                if not path.startswith("/static/") and b"cache-control" not in present:
                    extra.append((b"cache-control", b"no-store"))
                headers.extend(item for item in extra if item[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RequestDeadline:
    """Answer 503 to a request that has not started its response after `seconds`.

    The handler is not killed (a thread cannot be), only no longer waited for;
    its late response is dropped. The limits on input keep that work bounded.
    """

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        timed_out = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if timed_out:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded_send))
        done, _pending = await asyncio.wait({task}, timeout=self.seconds)
        if task in done or started:
            await task
            return
        timed_out = True
        task.add_done_callback(_ignore_late_result)
        body = json.dumps(
            error_body(503, f"the request took longer than {self.seconds:g} seconds; try again", code="timeout")
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", b"5"),
        ]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _ignore_late_result(task: asyncio.Future[None]) -> None:
    """Retrieve a timed-out request's outcome, so asyncio does not report it as never retrieved."""
    if not task.cancelled():
        task.exception()
