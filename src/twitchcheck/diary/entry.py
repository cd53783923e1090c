"""One diary entry, validated, and the per-day view the trend and history code works on.

A person logs when the twitching happened, where, how many bouts and how long
each lasted, how strong it felt, and the context the article links to
twitching (sleep §3, caffeine §5, stress §2, exercise §1, alcohol). Entries are
plain pydantic models so that storage, the CLI and the web can persist and
serve them without this package knowing how.

Validation errors say what was wrong and what is allowed:

    >>> DiaryEntry.model_validate({"when": "2024-05-06T21:00:00+01:00", "locations": ["twitch_eyelids"],
    ...                            "bouts": 3, "bout_seconds": 20, "intensity": 2})
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for DiaryEntry
    locations
      Value error, unknown twitch location 'twitch_eyelids'; did you mean 'twitch_eyelid'? ...
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from twitchcheck.knowledge import KnowledgeBase, load_knowledge
from twitchcheck.suggest import did_you_mean

LOCATION_GROUP = "twitch_location"
MAX_NOTES_CHARS = 1000
MAX_BOUTS = 1000
MAX_BOUT_SECONDS = 24 * 60 * 60
MAX_CAFFEINE_DRINKS = 50
MAX_ALCOHOL_UNITS = 100.0
MINUTES_PER_DAY = 24 * 60
# The entry-wide problems of `DiaryEntry._bouts_agree`, by error type, and the field each is about.
DISAGREEMENTS = {
    "zero_bouts_with_details": "bouts",
    "bouts_without_location": "locations",
    "bouts_without_length": "bout_seconds",
}
EARLIEST_YEAR = 1900  # before anyone now living was born; an earlier date is a typing error
ALLOWED_AHEAD = timedelta(days=1)  # clocks and time zones differ; tomorrow is the latest an entry can be
MIN_UTC_OFFSET = timedelta(hours=-12)  # the real time zones run from UTC-12 to UTC+14
MAX_UTC_OFFSET = timedelta(hours=14)


def _now(info: ValidationInfo) -> datetime:
    """The present moment: `context={"now": ...}` (tests, imports of a file), else the clock."""
    context = info.context if isinstance(info.context, dict) else {}
    now = context.get("now")
    return now if isinstance(now, datetime) and now.tzinfo is not None else datetime.now(UTC)


def _knowledge(info: ValidationInfo) -> KnowledgeBase:
    """The knowledge base to check ids against: `context={"knowledge": kb}`, else the packaged one."""
    context = info.context if isinstance(info.context, dict) else {}
    kb = context.get("knowledge")
    return kb if isinstance(kb, KnowledgeBase) else load_knowledge()


class DiaryEntry(BaseModel):
    """One diary entry: a time, the places that twitched, how much, how strong, and the day's context.

    `bouts` counts the bouts this entry records (for a once-a-day diary, the
    day's count). A day with no twitching is worth logging too (bouts=0): a
    missing day is unknown to the trend test, a zero is information.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    when: datetime = Field(description="When the twitching happened, with its time zone (ISO 8601)")
    locations: tuple[str, ...] = Field(default=(), description="Twitch location ids (group twitch_location)")
    bouts: int = Field(ge=0, le=MAX_BOUTS, description="How many bouts (0 for a day without twitching)")
    bout_seconds: float | None = Field(
        default=None, gt=0, le=MAX_BOUT_SECONDS, description="How long a typical bout lasted, in seconds"
    )
    intensity: int = Field(ge=0, le=10, description="How strong it felt, 0 (none) to 10 (worst)")
    sleep_hours: float | None = Field(default=None, ge=0, le=24, description="Hours slept the night before")
    caffeine_drinks: int | None = Field(default=None, ge=0, le=MAX_CAFFEINE_DRINKS, description="Coffees, teas, colas")
    stress: int | None = Field(default=None, ge=0, le=10, description="Stress that day, 0 (none) to 10 (worst)")
    exercise: bool | int | None = Field(default=None, description="Exercised (true/false) or minutes (0-1440)")
    alcohol_units: float | None = Field(default=None, ge=0, le=MAX_ALCOHOL_UNITS, description="Units of alcohol")
    notes: str = Field(default="", max_length=MAX_NOTES_CHARS, description="Free text: what helped, what changed")
    new_symptoms: tuple[str, ...] = Field(default=(), description="Finding ids of other symptoms noticed")

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(str(key) for key in data if key not in cls.model_fields)
            if unknown:
                allowed = ", ".join(cls.model_fields)
                hint = did_you_mean(unknown[0], cls.model_fields)
                raise ValueError(f"unknown field '{unknown[0]}'{hint} (allowed fields: {allowed})")
        return data

    @field_validator("when")
    @classmethod
    def _a_real_moment(cls, value: datetime, info: ValidationInfo) -> datetime:
        """A time zone, a real one (UTC-12 to UTC+14), and a date from EARLIEST_YEAR to a day ahead.

        The window keeps every page and report bounded (nothing walks from year 1),
        and a day ahead allows for clocks and time zones, not for the future.
        """
        offset = value.utcoffset()
        if value.tzinfo is None or offset is None:
            raise ValueError(
                f"time {value.isoformat()} has no time zone; give one, e.g. '{value.isoformat()}+01:00' or 'Z' for UTC"
            )
        if not MIN_UTC_OFFSET <= offset <= MAX_UTC_OFFSET:
            raise ValueError(f"the time zone offset of {value.isoformat()} is not a real one; use -12:00 to +14:00")
        now = _now(info)
        latest = now + ALLOWED_AHEAD
        if value.year < EARLIEST_YEAR or value.year > latest.year or not value.astimezone(UTC) <= latest:
            raise ValueError(
                f"the date {value.date().isoformat()} is outside the diary's range; give a date from "
                f"{EARLIEST_YEAR}-01-01 to {latest.date().isoformat()} (today or earlier)"
            )
        return value

    @field_validator("notes")
    @classmethod
    def _printable_notes(cls, value: str) -> str:
        """Notes are text a person typed: control characters (a NUL byte, say) cannot be stored or shown."""
        bad = next((c for c in value if unicodedata.category(c) == "Cc" and c not in "\t\n\r"), None)
        if bad is not None:
            raise ValueError(f"the notes contain the control character U+{ord(bad):04X}; remove it")
        return unicodedata.normalize("NFC", value)

    @field_validator("exercise", mode="before")
    @classmethod
    def _yes_no_or_minutes(cls, value: Any) -> Any:
        """One message for both forms, rather than one per branch of the type."""
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int) and 0 <= value <= MINUTES_PER_DAY:
            return value
        raise ValueError(f"give true/false, or minutes as a whole number from 0 to {MINUTES_PER_DAY}; got {value!r}")

    @field_validator("locations")
    @classmethod
    def _known_locations(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        kb = _knowledge(info)
        allowed = [f.id for f in kb.findings if f.group == LOCATION_GROUP]
        for location in value:
            if location not in allowed:
                raise ValueError(
                    f"unknown twitch location '{location}'{did_you_mean(location, allowed)} "
                    f"(allowed: {', '.join(allowed)})"
                )
        return tuple(dict.fromkeys(value))

    @field_validator("new_symptoms")
    @classmethod
    def _known_findings(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        known = _knowledge(info).finding_ids
        for finding in value:
            if finding not in known:
                raise ValueError(
                    f"unknown finding '{finding}'"
                    + did_you_mean(finding, known, fallback="; see `twitchcheck findings` for the valid ids")
                )
        return tuple(dict.fromkeys(value))

    @model_validator(mode="after")
    def _bouts_agree(self) -> DiaryEntry:
        """Bouts, places and length agree; each problem has a type (DISAGREEMENTS), for a form to word its own way."""
        if self.bouts == 0:
            if self.locations or self.bout_seconds is not None or self.intensity != 0:
                raise PydanticCustomError(
                    "zero_bouts_with_details",
                    "bouts is 0 (no twitching) but locations, bout_seconds or intensity are given; "
                    "for no twitching leave locations empty, bout_seconds out and intensity 0",
                )
        else:
            if not self.locations:
                raise PydanticCustomError(
                    "bouts_without_location",
                    "bouts is {bouts} but no location is given; name at least one twitch location",
                    {"bouts": self.bouts},
                )
            if self.bout_seconds is None:
                raise PydanticCustomError(
                    "bouts_without_length",
                    "bouts is {bouts} but bout_seconds is missing; give how long a bout lasted",
                    {"bouts": self.bouts},
                )
        return self

    @property
    def day(self) -> date:
        """The calendar day in the person's own time zone at the time of the entry."""
        return self.when.date()


def explain_invalid_entry(error: ValidationError) -> str:
    """One sentence per problem, 'field: what was wrong and what is allowed', for the CLI and the web."""
    lines = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"]) or "entry"
        message = str(problem["msg"]).removeprefix("Value error, ")
        lines.append(f"{where}: {message}")
    return "; ".join(lines)


@dataclass(frozen=True)
class DiaryDay:
    """Everything logged on one calendar day, combined.

    Bouts add up over the day's entries; intensity is the day's strongest;
    bout length is the bout-weighted mean; each context value is the latest
    one given that day (a later entry knows more of the day).
    """

    day: date
    entries: int
    bouts: int
    intensity: int
    bout_seconds: float | None
    locations: frozenset[str]
    new_symptoms: frozenset[str]
    notes: tuple[str, ...]
    sleep_hours: float | None
    caffeine_drinks: int | None
    stress: int | None
    exercise: bool | int | None
    alcohol_units: float | None

    def context(self, field_name: str) -> float | None:
        """A context value as a number; exercise 'yes' counts as unlimited minutes, 'no' as 0."""
        value = getattr(self, field_name)
        if value is None:
            return None
        if isinstance(value, bool):
            return float("inf") if value else 0.0
        return float(value)


def diary_days(entries: Iterable[DiaryEntry]) -> list[DiaryDay]:
    """The entries combined per calendar day, oldest first; days without an entry are absent, not zero."""
    by_day: dict[date, list[DiaryEntry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e.when):
        by_day[entry.day].append(entry)
    return [_combine(day, logged) for day, logged in sorted(by_day.items())]


def _combine(day: date, entries: Sequence[DiaryEntry]) -> DiaryDay:
    bouts = sum(e.bouts for e in entries)
    weighted = [(e.bout_seconds, e.bouts) for e in entries if e.bout_seconds is not None and e.bouts > 0]
    bout_seconds = sum(s * n for s, n in weighted) / sum(n for _, n in weighted) if weighted else None

    def latest(name: str) -> Any:
        values = [getattr(e, name) for e in entries if getattr(e, name) is not None]
        return values[-1] if values else None

    return DiaryDay(
        day=day,
        entries=len(entries),
        bouts=bouts,
        intensity=max(e.intensity for e in entries),
        bout_seconds=bout_seconds,
        locations=frozenset(loc for e in entries for loc in e.locations),
        new_symptoms=frozenset(s for e in entries for s in e.new_symptoms),
        notes=tuple(e.notes for e in entries if e.notes.strip()),
        sleep_hours=latest("sleep_hours"),
        caffeine_drinks=latest("caffeine_drinks"),
        stress=latest("stress"),
        exercise=latest("exercise"),
        alcohol_units=latest("alcohol_units"),
    )
