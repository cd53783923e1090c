"""The diary entry form: what it typed, the entry it describes, and what is wrong with it in plain words.

A refused entry costs the person one correction, not the whole entry: the page
shows everything typed again, and each problem next to its field, in the
page's language ("Give the strength as a whole number from 0 to 10"), never
the model's wording ("Input should be less than or equal to 10"). The limits
in those sentences and in the form's min/max come from `DiaryEntry` itself,
so the form, the messages and the model cannot disagree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from twitchcheck.diary import DiaryEntry
from twitchcheck.diary.entry import DISAGREEMENTS, EARLIEST_YEAR, MAX_NOTES_CHARS
from twitchcheck.formatting import N_, say_number
from twitchcheck.i18n import Localizer

# What to say about each field, with its limits filled in; the order is the form's, for the summary.
FIELD_PROBLEMS = {
    "locations": N_("Tick where it twitched, or set the bouts to 0 for a day without twitching."),
    "bouts": N_("Give the number of bouts as a whole number from %(low)s to %(high)s."),
    "intensity": N_("Give the strength as a whole number from %(low)s to %(high)s."),
    "bout_seconds": N_("Choose how long each bout lasts."),
    "when": N_("Give a date and time from %(earliest)s to today."),
    "sleep_hours": N_("Give the hours slept as a number from %(low)s to %(high)s."),
    "caffeine_drinks": N_("Give the number of drinks as a whole number from %(low)s to %(high)s."),
    "stress": N_("Give the stress as a whole number from %(low)s to %(high)s."),
    "alcohol_units": N_("Give the units of alcohol as a number from %(low)s to %(high)s."),
    "exercise": N_("Choose yes, no or not recorded."),
    "notes": N_("Keep the notes to %(most)s characters of ordinary text."),
    "new_symptoms": N_("Choose symptoms from the list."),
}
# An entry-wide problem says what to change, at the field it names (DISAGREEMENTS).
DISAGREEMENT_PROBLEMS = {
    "zero_bouts_with_details": N_("With 0 bouts (no twitching), leave the places unticked and the strength at 0."),
    "bouts_without_location": FIELD_PROBLEMS["locations"],
    "bouts_without_length": FIELD_PROBLEMS["bout_seconds"],
}
NUMBER_FIELDS = ("bouts", "intensity", "bout_seconds", "sleep_hours", "caffeine_drinks", "stress", "alcohol_units")


def limits(field_name: str) -> tuple[float, float]:
    """The lowest and highest value `DiaryEntry` allows for a number field (a 'greater than' counts as its bound)."""
    low, high = 0.0, float("inf")
    for rule in DiaryEntry.model_fields[field_name].metadata:  # pydantic's Ge, Gt and Le constraints
        for name in ("ge", "gt"):
            if isinstance(getattr(rule, name, None), int | float):
                low = float(getattr(rule, name))
        if isinstance(getattr(rule, "le", None), int | float):
            high = float(rule.le)
    return low, high


def form_limits() -> dict[str, tuple[str, str]]:
    """Each number field's min and max as the form's attributes write them ('0', '500')."""
    return {name: (f"{limits(name)[0]:g}", f"{limits(name)[1]:g}") for name in NUMBER_FIELDS}


def entry_from_form(form: FormData) -> DiaryEntry:
    """The entry a diary form describes; raises pydantic's `ValidationError`, naming each field that is wrong.

    Numbers go to the model as typed, so a bad one is reported against its field
    like any other problem (not as a crash of int()).
    """
    text = {key: str(value).strip() for key, value in form.items()}
    data: dict[str, Any] = {
        "when": _moment(text.get("when", "")),
        "locations": [str(v) for v in form.getlist("locations")],
        "bouts": text.get("bouts") or "1",
        "intensity": text.get("intensity") or "0",
        "exercise": True if text.get("exercise") == "yes" else False if text.get("exercise") == "no" else None,
        "notes": str(form.get("notes", "")),
        "new_symptoms": [str(v) for v in form.getlist("new_symptoms")],
    }
    for name in ("bout_seconds", "sleep_hours", "caffeine_drinks", "stress", "alcohol_units"):
        data[name] = text.get(name) or None
    return DiaryEntry.model_validate(data)


def form_problems(error: ValidationError, loc: Localizer) -> dict[str, str]:
    """Field name -> what to change, in the page's language; the first problem of each field only."""
    problems: dict[str, str] = {}
    for detail in error.errors():
        field_name = DISAGREEMENTS.get(detail["type"]) or (str(detail["loc"][0]) if detail["loc"] else "entry")
        if field_name in problems:
            continue
        message = DISAGREEMENT_PROBLEMS.get(detail["type"]) or FIELD_PROBLEMS.get(field_name)
        if message is None:
            problems[field_name] = loc.gettext("Please check what was typed.")
            continue
        low, high = limits(field_name) if field_name in NUMBER_FIELDS else (0.0, 0.0)
        problems[field_name] = loc.gettext(
            message,
            low=f"{low:g}",
            high=f"{high:g}",
            earliest=EARLIEST_YEAR,
            most=say_number(MAX_NOTES_CHARS, loc, digits=0),
        )
    order = list(FIELD_PROBLEMS)
    return dict(sorted(problems.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)))


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


def _moment(text: str) -> datetime | str:
    """The form's local date and time in this machine's time zone; now when empty; as typed when unreadable.

    An unreadable value goes to the model as text, which reports it against `when`.
    """
    if not text:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    return moment if moment.tzinfo else moment.astimezone()
