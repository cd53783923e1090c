"""Cross-origin calls to the compatible APIs under /compat/, from the sites a clinic names, and from no other.

A clinic's front-end written for a commercial symptom checker runs in the
browser on the clinic's own site and calls the API directly, with the vendor's
headers (`App-Id`, `App-Key`, `Model`, `Interview-Id`). To a browser that is a
cross-origin request with custom headers, so it first sends a CORS preflight.
The origins in `compat_cors_origins` get the CORS answers (Starlette's
`CORSMiddleware`, confined to /compat/); any other origin gets none, so its
page cannot read an answer, and `refuse_cross_site` still refuses its POSTs.

The compatible APIs are stateless (the caller sends all the evidence each
time) and use no cookie, so letting a named site call them exposes nothing
stored: the diary and the pages keep the same-origin rule without exception.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from twitchcheck.errors import SettingsError
from twitchcheck.settings import Settings

COMPAT_PREFIX = "/compat/"
# What Infermedica's clients send besides the CORS-safelisted headers (Accept, Content-Type, ...).
COMPAT_HEADERS = ("App-Id", "App-Key", "Model", "Interview-Id", "Dev-Mode", "Content-Type")
COMPAT_METHODS = ("GET", "POST")
PREFLIGHT_CACHE_SECONDS = 600


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` of an Origin or Referer value, lowercased; None for "null" or a non-web URL."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def compat_origins(settings: Settings) -> frozenset[str]:
    """The origins of `compat_cors_origins`; raises `SettingsError` for an entry that is not an origin."""
    origins: set[str] = set()
    for entry in (item.strip() for item in settings.compat_cors_origins.split(",")):
        if not entry:
            continue
        origin = origin_of(entry)
        if origin is None or entry.rstrip("/").lower() != origin:
            raise SettingsError(
                f"TWITCHCHECK_COMPAT_CORS_ORIGINS: {entry!r} is not an origin; give scheme://host[:port] "
                "with no path, such as https://app.clinic.example (no wildcard: name each site)"
            )
        origins.add(origin)
    return frozenset(origins)


def is_allowed_compat_caller(path: str, source: str, settings: Settings) -> bool:
    """Whether a request to `path` whose Origin (or Referer) is `source` comes from a site allowed to call /compat/."""
    if not path.startswith(COMPAT_PREFIX):
        return False
    origin = origin_of(source)
    return origin is not None and origin in compat_origins(settings)


class CompatCors:
    """Starlette's `CORSMiddleware` for the paths under /compat/ only; every other path is left alone."""

    def __init__(self, app: ASGIApp, *, origins: frozenset[str]) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=sorted(origins),
            allow_methods=COMPAT_METHODS,
            allow_headers=COMPAT_HEADERS,
            max_age=PREFLIGHT_CACHE_SECONDS,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith(COMPAT_PREFIX):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
