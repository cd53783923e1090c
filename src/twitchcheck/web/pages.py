"""Server-rendered pages: they work without JavaScript (forms and redirects only).

Flow: start (free text, age, sex) → one question a screen → result. An acute
red flag at any point sends the person straight to the result page, whose
first element is the full-width "do this now" message. Language comes from
`?lang=`, then a cookie, then the browser's Accept-Language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi import Path as FastAPIPath
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from twitchcheck.engine.evidence import MAX_AGE
from twitchcheck.errors import (
    InterviewChangedError,
    InterviewNotFoundError,
    RequestRefusedError,
    SignInRequiredError,
    TwitchcheckError,
)
from twitchcheck.formatting import DAY_MONTH_TIME, say_close_call, say_date, say_first_cause, say_range
from twitchcheck.i18n import LANGUAGES, Localizer, localizer, negotiate_language
from twitchcheck.i18n.localize import localize_assessment, localize_question
from twitchcheck.interview import Interview
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import EMERGENCY_LEVEL_IDS, sex_or_none
from twitchcheck.web.api_interviews import load, save, start_interview
from twitchcheck.web.protection import form_token, remember_form_token
from twitchcheck.web.schemas import MAX_FINDINGS, MAX_PRESENT_FINDINGS, StartInterviewRequest
from twitchcheck.web.state import assessor_of, settings_of

router = APIRouter()
LANGUAGE_COOKIE = "lang"
ONE_YEAR = 365 * 24 * 3600

templates = Environment(
    loader=PackageLoader("twitchcheck.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def language_of(request: Request, form_language: str | None = None) -> str:
    chosen = form_language or request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return negotiate_language(request.headers.get("accept-language"))


def render(request: Request, name: str, loc: Localizer, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page in the person's language; every form on it gets this browser's form token (see `protection`)."""
    token, new_token = form_token(request)
    html = templates.get_template(name).render(
        _=lambda message, **values: _say(loc, message, values),
        tel=_tel,
        form_token=token,
        lang=loc.language,
        languages=LANGUAGES,
        percent=loc.percent,
        say_first_cause=lambda first: say_first_cause(first.right_share, first.development_cases, loc),
        say_range=lambda r: say_range(r.low, r.high, loc),
        say_close_call=lambda a: say_close_call(
            a.causes[0].name, [c.name for c in a.causes if c.id in a.close_to_first], loc
        ),
        ngettext=loc.ngettext,
        say_date=lambda moment, pattern=DAY_MONTH_TIME: say_date(moment, pattern, loc),
        emergency_levels=EMERGENCY_LEVEL_IDS,
        region=assessor_of(request).region,
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    if new_token:
        remember_form_token(response, token, secure=request.url.scheme == "https")
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, loc.language, max_age=ONE_YEAR, samesite="lax")
    return response


def _say(loc: Localizer, message: str, values: dict[str, Any]) -> str:
    """A message for a page: its values escaped, except markup made here (a `tel:` link from `_tel`)."""
    if not values:
        return loc.gettext(message)
    return Markup.escape(loc.gettext(message)) % values


def _tel(number: str) -> Markup:
    """A phone number a phone can call with one tap."""
    return Markup('<a href="tel:{0}">{0}</a>').format(number)


def see_other(url: str, language: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=ONE_YEAR, samesite="lax")
    return response


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def start_page(request: Request) -> HTMLResponse:
    """The start form; `?present=a,b&absent=c&age=&sex=` (a CDS Hooks card's link) carries known findings.

    A GET only shows them, as hidden fields beside the form: the interview starts when
    the person presses Start (a POST with the form token), so a link can never create
    or change anything. Ids the knowledge base does not know are left out.
    """
    loc = localizer(language_of(request))
    query = request.query_params
    present, absent = _carried(request, query.get("present", "")), _carried(request, query.get("absent", ""))
    age = query.get("age", "")
    return render(
        request,
        "start.html",
        loc,
        max_text=settings_of(request).max_text_chars,
        **_carried_context(request, loc, present, absent),
        age=age if age.isdecimal() else "",
        sex=query.get("sex", ""),
    )


def _carried(request: Request, ids: str | list[str]) -> list[str]:
    """The known finding ids among those carried (comma-separated in a link, repeated fields in the form)."""
    names = ids.split(",") if isinstance(ids, str) else ids
    known = {finding.id for finding in assessor_of(request).kb.findings}
    return sorted({name.strip() for name in names if name.strip() in known})


def _carried_context(request: Request, loc: Localizer, present: list[str], absent: list[str]) -> dict[str, Any]:
    """The carried findings for the start template: ids for the hidden fields, labels to show."""
    kb = assessor_of(request).kb
    both = set(present) & set(absent)  # a contradiction carries neither: the interview asks
    present, absent = [f for f in present if f not in both], [f for f in absent if f not in both]
    return {
        "carried_present": present,
        "carried_absent": absent,
        "carried_labels": {
            "present": [loc.knowledge("findings", f, "label", kb.finding(f).label) for f in present],
            "absent": [loc.knowledge("findings", f, "label", kb.finding(f).label) for f in absent],
        },
    }


@router.get("/start", include_in_schema=False)
def start_again(request: Request) -> Response:
    """The language switch on a page that answered the start form leads here: show the start page instead."""
    return see_other("/", language_of(request))


@router.post("/start", include_in_schema=False)
def start(
    request: Request,
    text: str = Form(""),
    age: str = Form(""),
    sex: str = Form(""),
    lang: str = Form(""),
    present: Annotated[list[str] | None, Form()] = None,
    absent: Annotated[list[str] | None, Form()] = None,
) -> Response:
    loc = localizer(language_of(request, lang))
    carried = _carried_context(request, loc, _carried(request, present or []), _carried(request, absent or []))
    try:
        age_value = _age(age, loc)
        limit = settings_of(request).max_text_chars
        if len(text) > limit:
            raise TwitchcheckError(
                loc.gettext(
                    "The description is %(count)s characters long; please shorten it to %(limit)s or fewer.",
                    count=len(text),
                    limit=limit,
                )
            )
        body = StartInterviewRequest(
            text=text.strip() or None,
            age=age_value,
            sex=sex_or_none(sex),
            present=carried["carried_present"][:MAX_PRESENT_FINDINGS],
            absent=carried["carried_absent"][:MAX_FINDINGS],
        )
        interview_id, _interview, _parsed = start_interview(request, body, page_language=loc.language)
    except TwitchcheckError as error:
        return render(
            request,
            "start.html",
            loc,
            status_code=422,
            error=str(error),
            text=text,
            age=age,
            sex=sex,
            max_text=settings_of(request).max_text_chars,
            **carried,
        )
    return see_other(f"/i/{interview_id}", loc.language)


def _age(text: str, loc: Localizer) -> int | None:
    """The age typed in the form: empty is unknown; anything but whole years 0-120 is explained."""
    if not text.strip():
        return None
    typed = text.strip()
    if not typed.isdecimal() or int(typed) > MAX_AGE:  # isdecimal, not isdigit: "²" is a digit int() refuses
        raise TwitchcheckError(loc.gettext("Please give the age in whole years from 0 to 120, or leave it empty."))
    return int(typed)


def question_url(interview_id: str, interview: Interview) -> str:
    """Each question has its own address (/i/ID/q/N), so the browser's Back and Forward move between them."""
    return f"/i/{interview_id}/q/{interview.questions_asked + 1}"


@router.get("/i/{interview_id}", include_in_schema=False)
def current_question(interview_id: str, request: Request) -> Response:
    """The interview where it stands: its current question's address (or its result)."""
    interview, _version = load(request, interview_id)
    notices = [
        f"{name}={value}"
        for name, value in (("changed", "1"), ("correction", "failed"))
        if request.query_params.get(name) == value
    ]
    query = "?" + "&".join(notices) if notices else ""
    return see_other(question_url(interview_id, interview) + query, language_of(request))


@router.get("/i/{interview_id}/q/{number}", response_class=HTMLResponse, include_in_schema=False)
def question_page(interview_id: str, number: Annotated[int, FastAPIPath(ge=1, le=1000)], request: Request) -> Response:
    """Question `number`: the current one; an earlier one (the browser's Back) shows what was answered there."""
    loc = localizer(language_of(request))
    interview, version = load(request, interview_id)
    current = interview.questions_asked + 1
    if number < current:
        return _earlier_question(request, loc, interview_id, interview, number, version)
    question = interview.next_question()
    if question is None:
        return see_other(f"/i/{interview_id}/result", loc.language)
    if number > current:  # Forward past the present, or an old link: the question it is now
        return see_other(question_url(interview_id, interview), loc.language)
    kb = assessor_of(request).kb
    return render(
        request,
        "question.html",
        loc,
        interview_id=interview_id,
        version=version,
        question=localize_question(question, loc, kb),
        number=interview.questions_asked + 1,
        understood=_understood(interview, loc, kb),
        correction_failed=request.query_params.get("correction") == "failed",
        changed=request.query_params.get("changed") == "1",
        previous=interview.previous_replies(question.id),
    )


def _changed_elsewhere(interview_id: str, loc: Localizer) -> Response:
    """The interview was answered in another tab or window meanwhile: show where it is now, and say so."""
    return see_other(f"/i/{interview_id}?changed=1", loc.language)


@router.post("/i/{interview_id}/answer", include_in_schema=False)
async def answer(interview_id: str, request: Request) -> Response:
    form = await request.form()
    loc = localizer(language_of(request, str(form.get("lang", ""))))
    try:
        interview, version = load(request, interview_id, expected_version=_form_version(form.get("version")))
    except InterviewChangedError:
        return _changed_elsewhere(interview_id, loc)
    question_id = str(form.get("question_id", ""))
    choice = str(form.get("answer", ""))
    ticked = {str(value) for value in form.getlist("ticked")}
    try:
        if choice == "ticked" or (ticked and choice in ("", "ticked")):
            current = interview.next_question() or interview.handover_question()
            options = current.finding_ids if current is not None and current.id == question_id else tuple(ticked)
            interview.answer(question_id, {option: "yes" if option in ticked else "no" for option in options})
        elif choice == "none":
            interview.answer(question_id, "no")
        else:
            interview.answer(question_id, choice or "unknown")
    except TwitchcheckError:
        return see_other(f"/i/{interview_id}", loc.language)  # a stale form: show the current question again
    try:
        save(request, interview_id, interview, version=version)
    except InterviewChangedError:
        return _changed_elsewhere(interview_id, loc)
    target = f"/i/{interview_id}/result" if interview.urgent else question_url(interview_id, interview)
    return see_other(target, loc.language)


def _understood(interview: Interview, loc: Localizer, kb: KnowledgeBase) -> dict[str, Any] | None:
    """What the interview started from, for "What we understood": correctable until the first answer.

    Shown only before the first answer: after it, the person's answers are the record.
    """
    if interview.questions_asked > 0:
        return None
    initial = interview.state.initial
    items = [
        {"id": f, "label": loc.knowledge("findings", f, "label", kb.finding(f).label), "reply": reply}
        for reply, ids in (("yes", initial.present), ("no", initial.absent))
        for f in sorted(ids)
    ]
    not_used = interview.state.text_not_used
    if not items and not not_used:
        return None
    return {"items": items, "not_used": not_used, "correctable": True}


@router.post("/i/{interview_id}/understood", include_in_schema=False)
async def correct_understood(interview_id: str, request: Request) -> Response:
    """The "What we understood" form: each finding kept, flipped (Yes / No) or removed, before the first answer."""
    form = await request.form()
    loc = localizer(language_of(request, str(form.get("lang", ""))))
    try:
        interview, version = load(request, interview_id, expected_version=_form_version(form.get("version")))
    except InterviewChangedError:
        return _changed_elsewhere(interview_id, loc)
    initial = interview.state.initial
    chosen = {finding: str(form.get(f"c-{finding}", "")) for finding in (*initial.present, *initial.absent)}
    remove = [finding for finding, choice in chosen.items() if choice == "remove"]
    flip = [f for f in initial.present if chosen[f] == "no"] + [f for f in initial.absent if chosen[f] == "yes"]
    try:
        interview.correct(remove=remove, flip=flip)
        save(request, interview_id, interview, version=version)
    except InterviewChangedError:
        return _changed_elsewhere(interview_id, loc)
    except TwitchcheckError:
        return see_other(f"/i/{interview_id}?correction=failed", loc.language)
    target = f"/i/{interview_id}/result" if interview.urgent else question_url(interview_id, interview)
    return see_other(target, loc.language)


@router.post("/i/{interview_id}/back", include_in_schema=False)
async def back(interview_id: str, request: Request) -> Response:
    return await _act(request, interview_id, lambda interview: interview.back(), then="")


@router.post("/i/{interview_id}/stop", include_in_schema=False)
async def stop(interview_id: str, request: Request) -> Response:
    return await _act(request, interview_id, Interview.stop, then="/result")


async def _act(request: Request, interview_id: str, action: Callable[[Interview], object], *, then: str) -> Response:
    """Apply a form button's action to the stored interview, save it, and redirect (post/redirect/get)."""
    form = await request.form()
    loc = localizer(language_of(request, str(form.get("lang", ""))))
    try:
        interview, version = load(request, interview_id, expected_version=_form_version(form.get("version")))
        action(interview)
        save(request, interview_id, interview, version=version)
    except InterviewChangedError:
        return _changed_elsewhere(interview_id, loc)
    return see_other(f"/i/{interview_id}{then}" if then else question_url(interview_id, interview), loc.language)


def _earlier_question(
    request: Request, loc: Localizer, interview_id: str, interview: Interview, number: int, version: int
) -> Response:
    """What was answered at question `number`, with a way to change it (the questions after it are asked again)."""
    kb = assessor_of(request).kb
    record = interview.history[number - 1]
    words = {"yes": loc.gettext("Yes"), "no": loc.gettext("No"), "unknown": loc.gettext("Don't know")}
    replies = [
        (loc.knowledge("findings", finding, "label", kb.finding(finding).label), words[reply])
        for finding, reply in record.replies.items()
    ]
    return render(
        request,
        "earlier.html",
        loc,
        interview_id=interview_id,
        version=version,
        number=number,
        current=interview.questions_asked + 1,
        replies=replies,
    )


@router.post("/i/{interview_id}/revise", include_in_schema=False)
async def revise(interview_id: str, request: Request) -> Response:
    """Go back to question `to` to change its answer: the answers after it are taken back, its own shown again."""
    form = await request.form()
    text = str(form.get("to", ""))
    to = int(text) if text.isdecimal() and len(text) <= 4 else 0

    def back_to(interview: Interview) -> None:
        while to >= 1 and interview.questions_asked >= to:
            interview.back()

    return await _act(request, interview_id, back_to, then="")


def _form_version(value: object) -> int | None:
    """The interview version a form was rendered at; None for an old form without one (still compare-and-swapped)."""
    text = str(value or "")
    return int(text) if text.isdecimal() and len(text) <= 7 else None


@router.get("/i/{interview_id}/result", response_class=HTMLResponse, include_in_schema=False)
def result_page(interview_id: str, request: Request) -> Response:
    loc = localizer(language_of(request))
    interview, version = load(request, interview_id)
    kb = assessor_of(request).kb
    handover = interview.handover_question()
    return render(
        request,
        "result.html",
        loc,
        interview_id=interview_id,
        version=version,
        a=localize_assessment(interview.assessment(), loc, kb),
        answered=_answered(interview, loc, kb),
        understood=_understood(interview, loc, kb),
        correction_failed=False,
        made_on=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
        handover=localize_question(handover, loc, kb) if handover is not None else None,
    )


def _answered(interview: Interview, loc: Localizer, kb: KnowledgeBase) -> dict[str, list[str]]:
    """What the person said, yes and no, for the printed result (the doctor sees what the advice rests on)."""
    present, absent = interview.state.findings()

    def labels(ids: set[str]) -> list[str]:
        return sorted(loc.knowledge("findings", f, "label", kb.finding(f).label) for f in ids)

    return {
        "present": labels(present),
        "absent": labels(absent - {f for g in kb.exclusive_groups().values() for f in g}),
    }


def error_page(request: Request, error: Exception, status_code: int) -> Response:
    """The page a person sees for an error, in their language, with a way on (the one place pages fail)."""
    if isinstance(error, SignInRequiredError):
        return RedirectResponse("/signin", status_code=303)
    loc = localizer(language_of(request))
    if isinstance(error, InterviewNotFoundError):
        heading = loc.gettext("This interview is not available")
        message = loc.gettext(
            "It may have expired (interviews are kept for a day) or the link is wrong. Please start again."
        )
    elif isinstance(error, RequestRefusedError):
        heading = loc.gettext("This form could not be sent")
        message = loc.gettext(
            "For your safety, forms are accepted only from this site's own pages, and only while they are fresh. "
            "Please go back, reload the page and try again."
        )
    elif status_code == 404:
        heading = loc.gettext("This page does not exist")
        message = loc.gettext("The link may be mistyped or out of date.")
    elif status_code == 405:
        heading = loc.gettext("This page cannot be used that way")
        message = loc.gettext("A form or link sent the wrong kind of request. Please go back and try again.")
    else:
        heading = loc.gettext("Something went wrong")
        message = loc.gettext("What was sent could not be used. Please go back and try again.")
    return render(request, "error.html", loc, status_code=status_code, heading=heading, message=message)
