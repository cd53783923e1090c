"""Diary pages: log a twitch in ten seconds, see the list and the chart, get the report, erase everything.

With accounts on (a shared server), the pages sit behind sign-in and a session
cookie; with accounts off, they are the local person's diary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi import Path as FastAPIPath
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from twitchcheck.diary import compare_triggers, diary_days
from twitchcheck.diary.associations import TriggerComparison
from twitchcheck.diary.review import review_diary
from twitchcheck.diary.rules import load_diary_rules
from twitchcheck.engine.evidence import MAX_AGE
from twitchcheck.errors import AccountError, DiaryError, EntryNotFoundError, SignInThrottledError, TwitchcheckError
from twitchcheck.formatting import N_
from twitchcheck.i18n import Localizer, localizer
from twitchcheck.i18n.localize import localize_triggers, review_in_language
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import sex_or_none
from twitchcheck.reports import report_pdf_bytes
from twitchcheck.reports.chart import chart_description, chart_title, timeline_svg
from twitchcheck.storage.accounts import MIN_PASSWORD_CHARS, Account
from twitchcheck.storage.diary_store import DiaryProfile, StoredEntry
from twitchcheck.storage.tables import MAX_ROW_ID
from twitchcheck.web.auth import SESSION_COOKIE, accounts_of, diary_of, page_account
from twitchcheck.web.diary_form import entry_from_form, form_limits, form_problems, typed_from, typed_in
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
    "profile": N_("Age and sex saved for the review and the report."),
}
# The notice travels in a short-lived cookie, not the URL: a reload, a bookmark or a shared link never
# shows it again, and the cookie holds only a code from NOTICES, so it cannot carry text of its own.
NOTICE_COOKIE = "twitchcheck_notice"
NOTICE_SECONDS = 60


def back_to_diary(notice: str, language: str) -> Response:
    """Redirect to the diary page, which shows the notice of this code once, in the person's language."""
    assert notice in NOTICES
    response = see_other("/diary", language)
    response.set_cookie(NOTICE_COOKIE, notice, max_age=NOTICE_SECONDS, path="/diary", httponly=True, samesite="strict")
    return response


@router.get("/diary", response_class=HTMLResponse)
def diary_page(request: Request) -> Response:
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    notice = NOTICES.get(request.cookies.get(NOTICE_COOKIE, ""))
    response = diary_response(request, loc, account, notice=loc.gettext(notice) if notice else None)
    if NOTICE_COOKIE in request.cookies:
        response.delete_cookie(NOTICE_COOKIE, path="/diary", httponly=True, samesite="strict")
    return response


def diary_response(
    request: Request,
    loc: Localizer,
    account: Account,
    *,
    notice: str | None = None,
    problems: dict[str, str] | None = None,
    typed: dict[str, Any] | None = None,
    typed_profile: dict[str, str] | None = None,
    profile_error: str | None = None,
    status_code: int = 200,
) -> Response:
    """The diary page, with a notice of what was just done or an error saying why it was not."""
    diary = diary_of(request, account)
    stored = diary.list()
    entries = [item.entry for item in stored]
    profile = diary.profile()
    kb = assessor_of(request).kb
    review = None
    days = diary_days(entries)
    comparisons = compare_triggers(entries)
    triggers = localize_triggers([t for t in comparisons if t.enough_data], loc)
    waiting = [t for t in comparisons if not t.enough_data]
    if entries:
        review = review_in_language(entries, loc, kb, assessor=assessor_of(request), age=profile.age, sex=profile.sex)
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
        chart_days=days,
        chart_alt=f"{chart_title(loc)}. {chart_description(days, days[0].day, days[-1].day, loc)}" if days else "",
        chart_version=_chart_version(stored),
        locations=list(_place_labels(loc).items()),
        symptoms=_symptoms(kb, loc),
        now=datetime.now().astimezone().strftime("%Y-%m-%dT%H:%M"),
        message=notice,
        problems=problems or {},
        limits=form_limits(),
        typed=typed or {},
        triggers=triggers,
        days_needed=_days_needed(waiting, load_diary_rules().associations.min_days_per_group.value),
        saved=diary.saved_assessments(),
        profile=typed_profile if typed_profile is not None else _typed(profile),
        profile_error=profile_error,
    )


def _chart_version(stored: Sequence[StoredEntry]) -> str:
    """Changes when an entry is added, changed or deleted, and each day (alerts follow the date), so a
    browser never shows a chart older than the page."""
    latest = max((item.updated_at for item in stored), default=None)
    return f"{date.today().isoformat()}-{len(stored)}-{latest.timestamp() if latest else 0:.0f}"


@router.get("/diary/chart.svg", include_in_schema=False)
def chart_image(request: Request, size: Literal["wide", "compact"] = "wide") -> Response:
    """The diary's chart as an image, drawn for a desktop or for a phone.

    The page names both in a <picture>, and the browser fetches only the one that
    fits, so the page itself draws nothing and a phone never waits for the desktop's.
    """
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    diary = diary_of(request, account)
    entries = diary.entries()
    if not entries:
        raise EntryNotFoundError("the diary has no entries yet, so it has no chart")
    profile = diary.profile()
    review = review_diary(entries, assessor=assessor_of(request), age=profile.age, sex=profile.sex)
    days = diary_days(entries)
    labels = _place_labels(loc)
    svg = timeline_svg(
        days,
        first=days[0].day,
        last=days[-1].day,
        location_labels=labels,
        alerts=review.alerts,
        wording=loc,
        compact=size == "compact",
    )
    return Response(svg, media_type="image/svg+xml")


def _days_needed(waiting: list[TriggerComparison], minimum: int) -> int | None:
    """How many more logged days, at the least, before any trigger can be compared (None: all can be)."""
    if not waiting:
        return None
    return min(max(0, minimum - t.exposed_days) + max(0, minimum - t.other_days) for t in waiting)


def _typed(profile: DiaryProfile) -> dict[str, str]:
    return {"age": "" if profile.age is None else str(profile.age), "sex": profile.sex or ""}


@router.post("/diary/profile")
async def save_profile(request: Request) -> Response:
    """Keep the age and sex, given once, for the diary's review and the doctor's report."""
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    form = await request.form()
    typed = {"age": str(form.get("age", "")).strip(), "sex": str(form.get("sex", "")).strip()}
    age: int | None = None
    if typed["age"]:
        try:
            age = int(typed["age"])
        except ValueError:
            age = -1
    if age is not None and not 0 <= age <= MAX_AGE:
        message = loc.gettext("Please give the age in whole years from 0 to 120, or leave it empty.")
        return diary_response(request, loc, account, typed_profile=typed, profile_error=message, status_code=422)
    diary_of(request, account).set_profile(DiaryProfile(age=age, sex=sex_or_none(typed["sex"])))
    return back_to_diary("profile", loc.language)


def _place_labels(loc: Localizer) -> dict[str, str]:
    """The twitch places' short names (diary.yaml), in the person's language: the form, the table and the chart."""
    return {fid: loc.gettext(short) for fid, short in load_diary_rules().location_short_labels.items()}


def _symptoms(kb: KnowledgeBase, loc: Localizer) -> dict[str, Any]:
    """The symptom chips, as diary.yaml groups them: the common few first, then the rest by body system.

    Each chip is (id, label in the person's language); within a group, in the order of that language.
    """
    chips = load_diary_rules().symptom_chips

    def labelled(ids: Iterable[str]) -> list[tuple[str, str]]:
        pairs = [(fid, loc.knowledge("findings", fid, "label", kb.finding(fid).label)) for fid in ids]
        return sorted(pairs, key=lambda pair: pair[1].casefold())

    return {
        "common": labelled(chips.common),
        "groups": [(loc.gettext(group.title), labelled(group.symptoms)) for group in chips.groups],
    }


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
        diary_of(request, account).edit(entry_id, entry.model_dump())  # EntryNotFoundError: a 404 page
    except ValidationError as error:
        return _edit_page(request, loc, entry_id, typed_in(form), problems=form_problems(error, loc), status_code=422)
    except DiaryError as error:
        if isinstance(error, EntryNotFoundError):
            raise
        problems = {"entry": loc.gettext("Not saved: %(problem)s", problem=str(error))}
        return _edit_page(request, loc, entry_id, typed_in(form), problems=problems, status_code=422)
    return back_to_diary("changed", loc.language)


def _edit_page(
    request: Request,
    loc: Localizer,
    entry_id: int,
    typed: dict[str, Any],
    *,
    problems: dict[str, str] | None = None,
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
        problems=problems or {},
        limits=form_limits(),
        now=datetime.now().astimezone().strftime("%Y-%m-%dT%H:%M"),
        locations=list(_place_labels(loc).items()),
        symptoms=_symptoms(kb, loc),
    )


@router.post("/diary/entries")
async def log_entry(request: Request) -> Response:
    loc = localizer(language_of(request))
    account = page_account(request)  # SignInRequiredError: the error handler sends them to sign in
    form = await request.form()
    try:
        entry = entry_from_form(form)
    except ValidationError as error:
        problems = form_problems(error, loc)
        return diary_response(request, loc, account, problems=problems, typed=typed_in(form), status_code=422)
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
    profile = diary_of(request, account).profile()
    content = report_pdf_bytes(
        entries, age=profile.age, sex=profile.sex, assessor=assessor_of(request), language=language_of(request)
    )
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
