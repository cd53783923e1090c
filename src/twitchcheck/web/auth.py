"""Who is asking: the local person (embedded use) or a signed-in account (a shared server).

With accounts off (one person, embedded SQLite, listening on this machine only)
every request is the built-in local account. With accounts on, the API takes
`Authorization: Bearer <token>` and the pages a session cookie holding the same
kind of token; tokens are stored only as hashes and can be revoked. Nothing is
kept in process memory, so any worker on any host can check a token.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import HTTPException, Request, status

from twitchcheck.errors import SignInRequiredError, TwitchcheckError
from twitchcheck.storage.accounts import Account, Accounts, local_account
from twitchcheck.storage.diary_store import DiaryStore
from twitchcheck.web.state import assessor_of, database_of, settings_of

SESSION_COOKIE = "twitchcheck_session"


def accounts_of(request: Request) -> Accounts:
    """The accounts, with this server's session lifetime and idle limit (checked on the server at every use)."""
    settings = settings_of(request)
    return Accounts(
        database_of(request),
        session_lifetime=timedelta(hours=settings.session_hours),
        session_idle=timedelta(hours=settings.session_idle_hours),
    )


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def api_account(request: Request) -> Account:
    """The account an API request acts for; 401 with the fix when accounts are on and no valid token is given."""
    if not settings_of(request).accounts_required:
        return local_account(database_of(request))
    token = bearer_token(request)
    if token is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "sign in first: send 'Authorization: Bearer <token>' (get a token from POST /api/v1/sessions)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    try:
        return accounts_of(request).resolve_token(token)
    except TwitchcheckError as error:  # unknown, revoked or expired: the message says which
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            f"{error} (POST /api/v1/sessions)",
            headers={"WWW-Authenticate": "Bearer"},
        ) from None


def page_account(request: Request) -> Account:
    """The account a page is for; raises `SignInRequiredError` when someone must sign in first."""
    if not settings_of(request).accounts_required:
        return local_account(database_of(request))
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise SignInRequiredError("sign in to use the diary")
    try:
        return accounts_of(request).resolve_token(token)
    except TwitchcheckError:
        raise SignInRequiredError("sign in to use the diary") from None


def diary_of(request: Request, account: Account) -> DiaryStore:
    """The diary of this account, and of no one else: every query the store makes is scoped to it."""
    return DiaryStore(database_of(request), account.id, kb=assessor_of(request).kb)
