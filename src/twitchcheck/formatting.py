"""Formatting numbers for people, shared by the terminal, the pages and the report; the wording seam.

`Wording` is what a sentence needs to be said in a language: a gettext, the
knowledge base's texts, and percentages. A sentence is worded once, by one
function that takes a `Wording`; `ENGLISH` says it in the knowledge base's
English, and `twitchcheck.i18n.Localizer` in any other language. So no sentence
exists twice (an English f-string and a translated copy).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal


class Wording(Protocol):
    """What a sentence needs from a language (see the module docstring)."""

    @property
    def language(self) -> str:
        """The language code ('en', 'fr'), for dates and numbers written its way."""
        ...

    def gettext(self, message: str, **values: Any) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str: ...

    def knowledge(self, section: str, item_id: str, field_name: str, default: str) -> str: ...

    def percent(self, probability: float) -> str: ...


class _English:
    """The knowledge base's own English: messages as written, knowledge texts as loaded."""

    language = "en"

    def gettext(self, message: str, **values: Any) -> str:
        return message % values if values else message

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        return (singular if n == 1 else plural) % {"n": n, **values}

    def knowledge(self, section: str, item_id: str, field_name: str, default: str) -> str:
        return default

    def percent(self, probability: float) -> str:
        return percent(probability)


ENGLISH: Wording = _English()


def N_(message: str) -> str:
    """Mark a message for extraction (`make i18n-extract`) without translating it here."""
    return message


# Date patterns (Unicode CLDR), the same in every language; Babel puts the words in the language's own order.
LONG_DATE = "EEEE d MMMM y"  # Monday 6 May 2024 / lundi 6 mai 2024
DAY_MONTH = "d MMM"  # 6 May / 6 mai
DAY_MONTH_YEAR = "d MMMM y"  # 6 May 2024 / 6 mai 2024
WEEKDAY_DAY_MONTH = "EEE d MMM"  # Mon 6 May / lun. 6 mai
MONTH_YEAR = "MMM y"
DAY_MONTH_TIME = "d MMM HH:mm"


def say_date(day: date, pattern: str, wording: Wording) -> str:
    """A date (or date and time) in the wording's language by a CLDR pattern, e.g. LONG_DATE: 'lundi 6 mai 2024'."""
    if isinstance(day, datetime):
        return format_datetime(day, format=pattern, locale=wording.language)
    return format_date(day, format=pattern, locale=wording.language)


def say_number(value: float, wording: Wording, *, digits: int = 1, fixed: bool = False) -> str:
    """A number as the language writes it: '1.5' in English, '1,5' in French.

    Up to `digits` decimals ('2', '2.5'), or exactly `digits` when `fixed` ('2.0', for a column of means).
    """
    decimals = ("0" if fixed else "#") * digits
    return format_decimal(value, format="#,##0." + decimals if digits else "#,##0", locale=wording.language)


def say_percent_whole(fraction: float, wording: Wording) -> str:
    """A whole percentage as the language writes it: '40%' in English, '40 %' (no-break space) in French."""
    return percent_sign(f"{fraction:.0%}", wording.language)


def percent_sign(text: str, language: str) -> str:
    """French writes a no-break space before the percent sign ('40 %'); English does not ('40%')."""
    return text.replace("%", "\u00a0%") if language == "fr" else text


def lower_first(text: str) -> str:
    """'Twitching of an eyelid' as it reads inside a sentence; 'ALS' and 'MS' keep their capitals."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# The highest percentage ever shown (knowledge base: causes.yaml display.shown_at_most, with its reason;
# a test checks they agree): under the knowledge base's own stated uncertainty a figure above 95 %
# does not hold in every sensitivity draw, so none is claimed.
SHOWN_AT_MOST = 0.95


def percent(probability: float) -> str:
    """A percentage that never claims certainty the model cannot have: at most '95%', '<1%', else '37%'."""
    if probability >= SHOWN_AT_MOST:
        return f"{SHOWN_AT_MOST:.0%}"
    if probability < 0.005:
        return "<1%"
    return f"{probability:.0%}"


def say_range(low: float, high: float, wording: Wording) -> str:
    """'range 30–62%': where a cause's figure falls if the knowledge base's estimates are off (issue #12).

    The ends are written as the figure itself is (never above 95 %, '<1' below one per cent), so a
    range never claims more than a figure could.
    """
    first, last = (percent(p).removesuffix("%") for p in (low, high))
    if first == last:
        return percent_sign(wording.gettext("holds at %(value)s%%", value=first), wording.language)
    if first.startswith("<"):  # "range <1–1%" reads as a typo
        return percent_sign(wording.gettext("range up to %(high)s%%", high=last), wording.language)
    return percent_sign(wording.gettext("range %(low)s–%(high)s%%", low=first, high=last), wording.language)


def say_first_cause(right_share: float, development_cases: int, wording: Wording) -> str:
    """How far to trust the first cause, as a frequency (issue #12): how often one shown like it was right in tests.

    The share comes from causes.yaml `display.first_cause` (development cases only). Above 95 % it says
    "more than 9 times in 10", never a near-certainty.
    """
    if right_share >= SHOWN_AT_MOST:
        return wording.gettext(
            "In twitchcheck's tests on %(cases)s written cases, a first cause shown like this one was right "
            "more than 9 times in 10.",
            cases=development_cases,
        )
    return wording.gettext(
        "In twitchcheck's tests on %(cases)s written cases, a first cause shown like this one was right "
        "about %(times)s times in 10.",
        cases=development_cases,
        times=int(right_share * 10 + 0.5),
    )


def say_close_call(first: str, others: list[str], wording: Wording) -> str:
    """The first cause and those the answers do not tell apart from it (causes.yaml `display.close_call`).

    Under the knowledge base's own uncertainty either could be first, so the page says so instead of
    presenting the first as the answer. `first` and `others` are cause names in the wording's language.
    """
    names = [lower_first(name) for name in others]
    together = (
        names[0]
        if len(names) == 1
        else wording.gettext("%(some)s and %(last)s", some=", ".join(names[:-1]), last=names[-1])
    )
    return wording.gettext(
        "The answers do not clearly tell %(first)s apart from %(others)s: either could be first.",
        first=lower_first(first),
        others=together,
    )
