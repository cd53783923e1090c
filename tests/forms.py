"""Posting page forms from tests the way a browser does: with the form token the page handed out."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from twitchcheck.web.protection import FORM_COOKIE, FORM_FIELD


def form_data(client: TestClient, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """`data` plus this client's form token, fetching a page first when the client has none yet."""
    if FORM_COOKIE not in client.cookies:
        client.get("/")
    return {**(data or {}), FORM_FIELD: client.cookies[FORM_COOKIE]}
