"""Diary pages: log a twitch in ten seconds, see the list and the chart, get the report, erase everything.

With accounts on (a shared server), the pages sit behind sign-in and a session
cookie; with accounts off, they are the local person's diary.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi import Path as FastAPIPath
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from twitchcheck.diary import DiaryEntry, compare_triggers, diary_days, explain_invalid_entry
from twitchcheck.diary.review import review_diary
from twitchcheck.diary.rules import load_diary_rules
from twitchcheck.errors import AccountError, DiaryError, EntryNotFoundError, SignInThrottledError, TwitchcheckError
from twitchcheck.i18n import Localizer, localizer
from twitchcheck.i18n.catalog import N_
from twitchcheck.i18n.localize import localize_review, localize_triggers
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.reports import report_pdf_bytes
from twitchcheck.reports.chart import ALERT_LABELS, timeline_svg
from twitchcheck.storage.accounts import MIN_PASSWORD_CHARS, Account
from twitchcheck.storage.tables import MAX_ROW_ID
from twitchcheck.web.auth import SESSION_COOKIE, accounts_of, diary_of, page_account
from twitchcheck.web.pages import language_of, render, see_other
from twitchcheck.web.state import assessor_of, settings_of

router = APIRouter(include_in_schema=False)


SHOWN_ENTRIES = 30


# What a finished action says on the diary page. The redirect names one of these by its code, never
# the sentence itself, so a link cannot make the page show any text it likes as an official notice.
NOTICES = {
    "logged": N_("Logged."),
    "deleted": N_("Entry deleted."),
    "changed": N_("Entry changed."),
    "not_found": N_("That entry was not found."),
    "erased": N_("Everything was deleted."),
    "saved": N_("The result was saved in your diary."),
}


def back_to_diary(notice: str, language: str) -> Response:
    """Redirect to the diary page, which shows the notice of this code in the person's language."""
    assert notice in NOTICES
    return see_other(f"/diary?done={notice}", language)


@router.get("/diary", response_class=HTMLResponse)
def diary_page(request: Request) -> Response:
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    notice = NOTICES.get(request.query_params.get("done", ""))
    return diary_response(request, loc, account, notice=loc.gettext(notice) if notice else None)


def diary_response(
    request: Request,
    loc: Localizer,
    account: Account,
    *,
    notice: str | None = None,
    error: str | None = None,
    typed: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """The diary page, with a notice of what was just done or an error saying why it was not."""
    diary = diary_of(request, account)
    stored = diary.list()
    entries = [item.entry for item in stored]
    kb = assessor_of(request).kb
    review = None
    chart = None
    triggers = []
    if entries:
        triggers = localize_triggers([t for t in compare_triggers(entries) if t.enough_data], loc)
        english_review = review_diary(entries, assessor=assessor_of(request))
        days = diary_days(entries)
        labels = {fid: loc.gettext(label) for fid, label in load_diary_rules().location_short_labels.items()}
        chart = timeline_svg(
            days,
            first=days[0].day,
            last=days[-1].day,
            location_labels=labels,
            alerts=english_review.alerts,
            alert_labels={kind: loc.gettext(label) for kind, label in ALERT_LABELS.items()},
        )
        review = localize_review(english_review, loc, kb)
    return render(
        request,
        "diary.html",
        loc,
        status_code=status_code,
        account=account,
        accounts_on=settings_of(request).accounts_required,
        stored=stored[:SHOWN_ENTRIES],
        total=len(stored),
        review=review,
        chart=chart,
        locations=[(fid, loc.gettext(short)) for fid, short in load_diary_rules().location_short_labels.items()],
        symptoms=_symptoms(kb, loc),
        now=datetime.now().astimezone().strftime("%Y-%m-%dT%H:%M"),
        message=notice,
        error=error,
        typed=typed or {},
        triggers=triggers,
        saved=diary.saved_assessments(),
    )


def entry_from_form(form: FormData) -> DiaryEntry:
    """The entry a diary form describes; raises `ValueError` (pydantic's, or a bad number or date) if it is not one."""
    text = {key: str(value) for key, value in form.items()}
    when = datetime.fromisoformat(text.get("when", "")) if text.get("when") else datetime.now()
    data: dict[str, Any] = {
        "when": when if when.tzinfo else when.astimezone(),
        "locations": [str(v) for v in form.getlist("locations")],
        "bouts": int(text.get("bouts") or 1),
        "intensity": int(text.get("intensity") or 0),
        "bout_seconds": _optional_number(text.get("bout_seconds", ""), float),
        "sleep_hours": _optional_number(text.get("sleep_hours", ""), float),
        "caffeine_drinks": _optional_number(text.get("caffeine_drinks", ""), int),
        "stress": _optional_number(text.get("stress", ""), int),
        "alcohol_units": _optional_number(text.get("alcohol_units", ""), float),
        "exercise": True if text.get("exercise") == "yes" else False if text.get("exercise") == "no" else None,
        "notes": text.get("notes", ""),
        "new_symptoms": [str(v) for v in form.getlist("new_symptoms")],
    }
    return DiaryEntry.model_validate(data)


def typed_in(form: FormData) -> dict[str, Any]:
    """What was typed, to show again beside an error: a mistake costs one correction, not the whole entry."""
    return {
        **{key: str(value) for key, value in form.items()},
        "locations": form.getlist("locations"),
        "new_symptoms": form.getlist("new_symptoms"),
    }


def typed_from(entry: DiaryEntry) -> dict[str, Any]:
    """An entry as the form shows it, for changing it."""
    exercise = entry.exercise
    return {
        "when": entry.when.strftime("%Y-%m-%dT%H:%M"),
        "locations": list(entry.locations),
        "bouts": str(entry.bouts),
        "intensity": str(entry.intensity),
        "bout_seconds": f"{entry.bout_seconds:g}" if entry.bout_seconds is not None else "",
        "sleep_hours": f"{entry.sleep_hours:g}" if entry.sleep_hours is not None else "",
        "caffeine_drinks": str(entry.caffeine_drinks) if entry.caffeine_drinks is not None else "",
        "stress": str(entry.stress) if entry.stress is not None else "",
        "alcohol_units": f"{entry.alcohol_units:g}" if entry.alcohol_units is not None else "",
        "exercise": "yes" if exercise is True else "no" if exercise is False else "",
        "notes": entry.notes,
        "new_symptoms": list(entry.new_symptoms),
    }


def _symptoms(kb: KnowledgeBase, loc: Localizer) -> list[tuple[str, str]]:
    """The symptoms a diary entry may name, as (id, label in the person's language), in alphabetical order."""
    return sorted(
        ((f.id, loc.knowledge("findings", f.id, "label", f.label)) for f in kb.findings if f.group == "symptoms"),
        key=lambda pair: pair[1],
    )


def _problem(error: ValueError) -> str:
    return explain_invalid_entry(error) if isinstance(error, ValidationError) else str(error)


@router.get("/diary/entries/{entry_id}/edit", response_class=HTMLResponse)
def edit_entry_page(entry_id: Annotated[int, FastAPIPath(ge=1, le=MAX_ROW_ID)], request: Request) -> Response:
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    stored = diary_of(request, account).get(entry_id)  # EntryNotFoundError: a 404 page, also for another's
    return _edit_page(request, loc, entry_id, typed_from(stored.entry))


@router.post("/diary/entries/{entry_id}")
async def edit_entry(entry_id: Annotated[int, FastAPIPath(ge=1, le=MAX_ROW_ID)], request: Request) -> Response:
    loc = localizer(language_of(request))
    account = page_account(request)
    form = await request.form()
    try:
        entry = entry_from_form(form)
        diary_of(request, account).edit(entry_id, entry.model_dump())
    except (ValueError, DiaryError) as error:
        if isinstance(error, EntryNotFoundError):
            raise
        message = loc.gettext(
            "Not saved: %(problem)s", problem=_problem(error) if isinstance(error, ValueError) else str(error)
        )
        return _edit_page(request, loc, entry_id, typed_in(form), error=message, status_code=422)
    return back_to_diary("changed", loc.language)


def _edit_page(
    request: Request,
    loc: Localizer,
    entry_id: int,
    typed: dict[str, Any],
    *,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    kb = assessor_of(request).kb
    return render(
        request,
        "entry_edit.html",
        loc,
        status_code=status_code,
        entry_id=entry_id,
        typed=typed,
        error=error,
        now=datetime.now().astimezone().strftime("%Y-%m-%dT%H:%M"),
        locations=[(fid, loc.gettext(short)) for fid, short in load_diary_rules().location_short_labels.items()],
        symptoms=_symptoms(kb, loc),
    )


def _optional_number(value: str, kind: type[float] | type[int]) -> float | int | None:
    value = value.strip()
    return kind(value) if value else None


@router.post("/diary/entries")
async def log_entry(request: Request) -> Response:
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    form = await request.form()
    try:
        entry = entry_from_form(form)
    except ValueError as error:
        message = loc.gettext("Not saved: %(problem)s", problem=_problem(error))
        return diary_response(request, loc, account, error=message, typed=typed_in(form), status_code=422)
    diary_of(request, account).add(entry)
    return back_to_diary("logged", loc.language)


@router.post("/diary/entries/{entry_id}/delete")
def delete_entry(entry_id: Annotated[int, FastAPIPath(ge=1, le=MAX_ROW_ID)], request: Request) -> Response:
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    try:
        diary_of(request, account).delete(entry_id)
    except TwitchcheckError:
        return back_to_diary("not_found", loc.language)
    return back_to_diary("deleted", loc.language)


@router.get("/diary/report.pdf")
def report(request: Request) -> Response:
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    entries = diary_of(request, account).entries()
    if not entries:
        return see_other("/diary", language_of(request))
    content = report_pdf_bytes(entries, assessor=assessor_of(request))
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="twitch-diary-report.pdf"'},
    )


@router.get("/diary/erase", response_class=HTMLResponse)
def erase_page(request: Request) -> Response:
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    return render(
        request,
        "erase.html",
        loc,
        count=diary_of(request, account).count(),
        accounts_on=settings_of(request).accounts_required,
    )


@router.post("/diary/erase")
def erase(request: Request, confirm: str = Form(""), delete_account: str = Form("")) -> Response:
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    if confirm != "yes":
        return see_other("/diary/erase", loc.language)
    drop_account = delete_account == "yes" and settings_of(request).accounts_required
    diary_of(request, account).erase(delete_account=drop_account)
    if drop_account:
        response = see_other("/", loc.language)
        response.delete_cookie(SESSION_COOKIE)
        return response
    return back_to_diary("erased", loc.language)


@router.get("/diary/saved/{saved_id}", response_class=HTMLResponse)
def saved_result(saved_id: Annotated[int, FastAPIPath(ge=1, le=MAX_ROW_ID)], request: Request) -> Response:
    """A saved result, read again as it was on the day (in today's language): for the person and their doctor."""
    from pydantic import ValidationError as InvalidSaved

    from twitchcheck.assessment import Assessment
    from twitchcheck.i18n.localize import localize_assessment

    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    saved = diary_of(request, account).get_saved(saved_id)  # EntryNotFoundError: a 404 page, also for another's
    try:
        assessment = Assessment.model_validate(saved.payload.get("assessment", saved.payload))
    except InvalidSaved:
        raise EntryNotFoundError(f"saved result {saved_id} cannot be shown: it was saved in an older form") from None
    return render(
        request,
        "result.html",
        loc,
        a=localize_assessment(assessment, loc, assessor_of(request).kb),
        saved_on=saved.created_at,
        interview_id=None,
        handover=None,
        version=0,
    )


@router.post("/i/{interview_id}/save")
def save_result(interview_id: str, request: Request) -> Response:
    """Keep an interview and its result in the person's diary, for the doctor and for later."""
    from twitchcheck.web.api_interviews import load

    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    interview, _version = load(request, interview_id)
    assessment = interview.assessment()
    diary_of(request, account).save_assessment(
        "interview",
        {"interview": interview.state.model_dump(mode="json"), "assessment": assessment.model_dump(mode="json")},
    )
    return back_to_diary("saved", loc.language)


# ---- accounts (server mode) ----------------------------------------------------------------------


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> Response:
    loc = localizer(language_of(request))
    if not settings_of(request).accounts_required:
        return see_other("/diary", loc.language)
    return render(request, "signin.html", loc, mode="signin", error=None, min_password=MIN_PASSWORD_CHARS)


@router.get("/register", response_class=HTMLResponse)
def register_page(request: Request) -> Response:
    loc = localizer(language_of(request))
    if not settings_of(request).accounts_required:
        return see_other("/diary", loc.language)
    return render(request, "signin.html", loc, mode="register", error=None, min_password=MIN_PASSWORD_CHARS)


@router.post("/signin")
def signin(request: Request, username: str = Form(""), password: str = Form("")) -> Response:
    return _start_session(request, username, password, create=False)


@router.post("/register")
def register(request: Request, username: str = Form(""), password: str = Form("")) -> Response:
    return _start_session(request, username, password, create=True)


@router.post("/signout")
def signout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts_of(request).revoke_token(token)
    response = see_other("/", language_of(request))
    response.delete_cookie(SESSION_COOKIE)
    return response


def _start_session(request: Request, username: str, password: str, *, create: bool) -> Response:
    """Register or sign in, then give the browser a new session token and revoke the one it had.

    Never keeping a token the browser arrived with defeats session fixation: a token
    planted before sign-in is worth nothing after it. The cookie lasts as long as the
    server lets a sign-in last (`session_hours`); the server checks that on every use.
    """
    loc = localizer(language_of(request))
    settings = settings_of(request)
    if not settings.accounts_required:
        return see_other("/diary", loc.language)
    accounts = accounts_of(request)
    address = request.client.host if request.client else None
    try:
        if create:
            account = accounts.create(username, password)
        else:
            account = accounts.authenticate(username, password, address=address)
    except AccountError as error:
        retry_after = error.retry_after if isinstance(error, SignInThrottledError) else None
        message = str(error) if create or retry_after else loc.gettext("Wrong username or password.")
        page = render(
            request,
            "signin.html",
            loc,
            status_code=422 if create else 429 if retry_after else 401,
            mode="register" if create else "signin",
            error=message,
            username=username,
            min_password=MIN_PASSWORD_CHARS,
        )
        if retry_after:
            page.headers["Retry-After"] = str(retry_after)
        return page
    previous = request.cookies.get(SESSION_COOKIE)
    if previous:
        accounts.revoke_token(previous)
    response = see_other("/diary", loc.language)
    response.set_cookie(
        SESSION_COOKIE,
        accounts.issue_token(account.id),
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response
