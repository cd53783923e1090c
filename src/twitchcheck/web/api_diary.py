"""The diary over the API: accounts, sessions (tokens), entries, review, report, export/import, erasure.

Every diary route acts for `api_account(request)` and reads and writes only
that account's rows (the store scopes every query); another person's entry is
simply "not found".
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi import Path as FastAPIPath
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from twitchcheck.diary import DiaryEntry, explain_invalid_entry
from twitchcheck.diary.review import DiaryReview, review_diary
from twitchcheck.diary.transfer import first_field
from twitchcheck.engine.evidence import MAX_AGE
from twitchcheck.errors import DiaryError
from twitchcheck.knowledge.models import Sex
from twitchcheck.reports import report_pdf_bytes
from twitchcheck.storage.accounts import PASSWORD_RULE, USERNAME_RULE
from twitchcheck.storage.diary_store import DiaryProfile, OnConflict
from twitchcheck.storage.tables import MAX_ROW_ID
from twitchcheck.web.auth import accounts_of, api_account, bearer_token, diary_of
from twitchcheck.web.schemas import ERROR_RESPONSES, ErrorBody, Language
from twitchcheck.web.state import assessor_of, settings_of

router = APIRouter(responses={**ERROR_RESPONSES, 409: ERROR_RESPONSES[422] | {"description": "Username taken"}})


# Ids are positive 64-bit integers in every database; anything else cannot name an entry.
EntryId = Annotated[int, FastAPIPath(ge=1, le=MAX_ROW_ID, description="The entry's id")]


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    # No control characters: a NUL byte cannot even be compared by PostgreSQL, so it is refused here.
    username: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]+$", description=USERNAME_RULE)
    password: str = Field(min_length=1, max_length=1024, description=PASSWORD_RULE.capitalize())


class Session(BaseModel):
    username: str
    token: str = Field(description="Send as 'Authorization: Bearer <token>'")


class StoredEntryOut(BaseModel):
    id: int
    entry: DiaryEntry
    created_at: datetime
    updated_at: datetime


class ImportOutcome(BaseModel):
    """What the import did with each entry of the file."""

    added: int = Field(description="New entries added")
    updated: int = Field(description="Stored entries (same id) that took the file's version (on_conflict=update)")
    unchanged: int = Field(description="Entries already in the diary exactly as in the file")


class EraseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    confirm: Literal["erase everything"] = Field(description="Type exactly 'erase everything' to confirm")
    delete_account: bool = False


class ErasureOut(BaseModel):
    entries: int
    saved_assessments: int
    tokens: int
    account: bool


def _accounts_on(request: Request) -> None:
    if not settings_of(request).accounts_required:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            "accounts are off on this server (one person, embedded database): the diary needs no sign-in",
        )


@router.post("/accounts", response_model=Session, status_code=201, summary="Create an account (server mode)")
def create_account(body: Credentials, request: Request) -> Session:
    _accounts_on(request)
    accounts = accounts_of(request)
    account = accounts.create(body.username, body.password)
    return Session(username=account.username, token=accounts.issue_token(account.id))


@router.post(
    "/sessions",
    response_model=Session,
    status_code=201,
    summary="Sign in: get an API token",
    responses={429: {"model": ErrorBody, "description": "Too many failed sign-ins: wait `Retry-After` seconds"}},
)
def sign_in(body: Credentials, request: Request) -> Session:
    """Wrong credentials are 401 `unauthorized`; too many failures for the name or the address, 429 with Retry-After."""
    _accounts_on(request)
    accounts = accounts_of(request)
    address = request.client.host if request.client else None
    account = accounts.authenticate(body.username, body.password, address=address)
    return Session(username=account.username, token=accounts.issue_token(account.id))


@router.delete("/sessions/current", status_code=204, summary="Sign out: revoke this token")
def sign_out(request: Request) -> Response:
    _accounts_on(request)
    api_account(request)
    token = bearer_token(request)
    if token is not None:
        accounts_of(request).revoke_token(token)
    return Response(status_code=204)


@router.post("/sessions/current/rotate", response_model=Session, summary="Swap this token for a fresh one")
def rotate_session(request: Request) -> Session:
    """A new token for the same sign-in; the one sent stops working. The sign-in's lifetime is not extended."""
    _accounts_on(request)
    account = api_account(request)  # 401 with the fix when the token is missing, unknown or expired
    return Session(username=account.username, token=accounts_of(request).rotate_token(bearer_token(request) or ""))


@router.get("/diary/entries", response_model=list[StoredEntryOut], summary="My diary entries, newest first")
def list_entries(request: Request) -> list[StoredEntryOut]:
    diary = diary_of(request, api_account(request))
    return [StoredEntryOut(**stored.__dict__) for stored in diary.list()]


@router.post("/diary/entries", response_model=StoredEntryOut, status_code=201, summary="Log a twitch")
def add_entry(body: dict[str, Any], request: Request) -> StoredEntryOut:
    diary = diary_of(request, api_account(request))
    return StoredEntryOut(**diary.add(_validated_entry(body)).__dict__)


@router.get("/diary/entries/{entry_id}", response_model=StoredEntryOut, summary="One entry")
def get_entry(entry_id: EntryId, request: Request) -> StoredEntryOut:
    return StoredEntryOut(**diary_of(request, api_account(request)).get(entry_id).__dict__)


@router.patch("/diary/entries/{entry_id}", response_model=StoredEntryOut, summary="Change fields of an entry")
def edit_entry(entry_id: EntryId, body: dict[str, Any], request: Request) -> StoredEntryOut:
    return StoredEntryOut(**diary_of(request, api_account(request)).edit(entry_id, body).__dict__)


@router.delete("/diary/entries/{entry_id}", status_code=204, summary="Delete an entry")
def delete_entry(entry_id: EntryId, request: Request) -> Response:
    diary_of(request, api_account(request)).delete(entry_id)
    return Response(status_code=204)


class ProfileBody(BaseModel):
    """Who the diary is about: given once, used by the review and the report unless a request names others."""

    model_config = ConfigDict(extra="forbid", strict=True)

    age: int | None = Field(default=None, ge=0, le=MAX_AGE, description="Age in whole years")
    sex: Sex | None = None


@router.get("/diary/profile", response_model=ProfileBody, summary="The age and sex kept for my diary")
def get_profile(request: Request) -> ProfileBody:
    profile = diary_of(request, api_account(request)).profile()
    return ProfileBody(age=profile.age, sex=profile.sex)


@router.put("/diary/profile", response_model=ProfileBody, summary="Keep the age and sex for my diary")
def put_profile(body: ProfileBody, request: Request) -> ProfileBody:
    diary_of(request, api_account(request)).set_profile(DiaryProfile(age=body.age, sex=body.sex))
    return body


@router.get("/diary/review", response_model=DiaryReview, summary="Alerts, trends and triage from my diary")
def review(request: Request, age: int | None = None, sex: Sex | None = None) -> DiaryReview:
    """The review; `age` and `sex` default to those kept for the diary (`PUT /diary/profile`)."""
    diary = diary_of(request, api_account(request))
    profile = diary.profile()
    return review_diary(
        diary.entries(),
        age=age if age is not None else profile.age,
        sex=sex if sex is not None else profile.sex,
        assessor=assessor_of(request),
    )


@router.get(
    "/diary/report.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The report for the doctor"}},
    summary="The report for the doctor (PDF)",
)
def report(
    request: Request,
    age: int | None = None,
    sex: Sex | None = None,
    language: Language = "en",
) -> Response:
    """The PDF in `language`; `age` and `sex` default to those kept for the diary (`PUT /diary/profile`)."""
    diary = diary_of(request, api_account(request))
    entries = diary.entries()
    if not entries:
        raise DiaryError("the diary is empty: log at least one entry before making a report")
    profile = diary.profile()
    content = report_pdf_bytes(
        entries,
        age=age if age is not None else profile.age,
        sex=sex if sex is not None else profile.sex,
        assessor=assessor_of(request),
        language=language,
    )
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="twitch-diary-report.pdf"'},
    )


@router.get("/diary/export", summary="My whole diary as a JSON document")
def export(request: Request) -> dict[str, Any]:
    return diary_of(request, api_account(request)).export_document()


@router.get(
    "/diary/fhir",
    response_class=JSONResponse,
    responses={200: {"content": {"application/fhir+json": {}}, "description": "A FHIR Bundle of type collection"}},
    summary="My diary as a FHIR R4 Bundle: an Observation a day, the assessment, the report as a DocumentReference",
)
def export_fhir(request: Request, age: int | None = None, sex: Sex | None = None) -> JSONResponse:
    """For the clinic's record: what `diary export --fhir` writes; an empty diary is 422, like the report."""
    from twitchcheck.interop.fhir import diary_bundle  # fhir.resources and WeasyPrint are large: loaded only here

    diary = diary_of(request, api_account(request))
    profile = diary.profile()  # the age and sex kept for the diary, unless the request names others
    age, sex = age if age is not None else profile.age, sex if sex is not None else profile.sex
    bundle = diary_bundle(diary.entries(), age=age, sex=sex, assessor=assessor_of(request))
    return JSONResponse(bundle, media_type="application/fhir+json")


@router.post(
    "/diary/import",
    response_model=ImportOutcome,
    responses={409: {"description": "Entries differ from stored ones with the same id; nothing was imported"}},
    summary="Import a diary export (all or nothing)",
)
def import_(
    body: dict[str, Any],
    request: Request,
    on_conflict: Annotated[
        OnConflict,
        Query(description="An entry whose id is stored with other contents: 'refuse' the import, or 'update' it"),
    ] = "refuse",
) -> ImportOutcome:
    result = diary_of(request, api_account(request)).import_document(body, on_conflict=on_conflict)
    return ImportOutcome(added=result.added, updated=result.updated, unchanged=result.unchanged)


@router.post("/diary/erase", response_model=ErasureOut, summary="Delete everything (right to erasure)")
def erase(body: EraseRequest, request: Request) -> ErasureOut:
    account = api_account(request)
    delete_account = body.delete_account and settings_of(request).accounts_required
    erased = diary_of(request, account).erase(delete_account=delete_account)
    return ErasureOut(**erased.__dict__)


def _validated_entry(body: dict[str, Any]) -> DiaryEntry:
    try:
        return DiaryEntry.model_validate(body)
    except ValidationError as error:
        raise DiaryError(explain_invalid_entry(error), field=first_field(error)) from error
