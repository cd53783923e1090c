"""The diary timeline as an SVG: bouts per day, intensity, where it twitched, and the alerts.

A doctor takes in four weeks at a glance from a picture, not from a table.
The chart is drawn with matplotlib's object API (no pyplot: no global state,
safe in a web server) and returned as SVG text with its text drawn as paths,
so it looks the same in any browser or PDF without fonts or downloads. Days
with no entry are shaded, not drawn as zero: a missing day is unknown.

Its cost grows with the number of logged days, never with the span between
them: a gap is one shaded band however long, and there are at most
MAX_DATE_TICKS date labels (weekly, monthly or yearly, whichever fits). A diary
whose entries are ten years apart draws as fast as one a week long.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from html import escape

from twitchcheck.diary.entry import DiaryDay
from twitchcheck.diary.review import Alert
from twitchcheck.diary.trends import AlertKind
from twitchcheck.formatting import DAY_MONTH, ENGLISH, MONTH_YEAR, N_, WEEKDAY_DAY_MONTH, Wording, say_date

BOUTS_COLOUR = "#4a78a8"
INTENSITY_COLOUR = "#c8501e"
MISSING_COLOUR = "#e6e6e6"
ALERT_COLOUR = "#8a1c1c"
ALERT_LABELS: dict[AlertKind, str] = {
    "duration": N_("lasting"),
    "spreading": N_("new place"),
    "worsening": N_("worse"),
    "new_symptoms": N_("new symptom"),
}
WIDTH_INCHES = 7.2
# A phone's chart: drawn narrower rather than shrunk, so its text stays about 10 px at 390 px wide.
COMPACT_WIDTH_INCHES = 4.0
MAX_DATE_TICKS = 12
COMPACT_DATE_TICKS = 4
CACHED_CHARTS = 64
DAILY_MINOR_TICKS_UP_TO = 62  # a tick a day reads well up to about two months


def timeline_svg(
    days: Sequence[DiaryDay],
    *,
    first: date,
    last: date,
    location_labels: Mapping[str, str],
    alerts: Sequence[Alert] = (),
    wording: Wording = ENGLISH,
    compact: bool = False,
) -> str:
    """The timeline from `first` to `last` as SVG text; `location_labels` maps location id to a short name.

    `wording` says the axis titles, the legend, the alert labels and the dates in the person's language;
    `compact` draws it for a phone. The SVG carries a title and a description for screen readers.
    Drawing takes about 0.1 s, so the last CACHED_CHARTS charts are kept: a diary page shown again, or in
    the other width, costs nothing until an entry changes.
    """
    key = repr((tuple(days), first, last, sorted(location_labels.items()), [a.model_dump() for a in alerts]))
    key += f"|{wording.language}|{compact}"
    cached = _CACHE.get(key)
    if cached is None:
        cached = _draw(days, first, last, location_labels, alerts, wording, compact)
        _CACHE[key] = cached
        while len(_CACHE) > CACHED_CHARTS:
            _CACHE.pop(next(iter(_CACHE)))
    return cached


_CACHE: dict[str, str] = {}


def _draw(
    days: Sequence[DiaryDay],
    first: date,
    last: date,
    location_labels: Mapping[str, str],
    alerts: Sequence[Alert],
    wording: Wording,
    compact: bool,
) -> str:
    # matplotlib takes 1-2 s to import; only a drawing pays for it, not every process that imports the reports
    # (the CLI's quick commands, each test worker, each web server start).
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    locations = list(dict.fromkeys(loc for day in days for loc in sorted(day.locations)))
    # Text as paths (no font needed to view it) and a fixed id salt (the same diary gives the same SVG).
    with matplotlib.rc_context(
        {"svg.fonttype": "path", "svg.hashsalt": "twitchcheck", "font.family": "DejaVu Sans", "font.size": 7.5}
    ):
        width = COMPACT_WIDTH_INCHES if compact else WIDTH_INCHES
        figure = Figure(figsize=(width, 2.0 + 0.15 * len(locations)), layout="constrained")
        top, strip = figure.subplots(
            2, 1, sharex=True, gridspec_kw={"height_ratios": [3.2, 0.5 + 0.28 * max(1, len(locations))]}
        )
        logged = {day.day: day for day in days}
        x = [_num(d.day, first) for d in days]
        for gap_start, gap_end in missing_runs(sorted(logged), first, last):
            top.axvspan(
                _num(gap_start, first) - 0.5, _num(gap_end, first) + 0.5, color=MISSING_COLOUR, linewidth=0, zorder=0
            )
        top.bar(x, [d.bouts for d in days], width=0.75, color=BOUTS_COLOUR, zorder=2)
        top.set_ylabel(wording.gettext("Bouts a day"), color=BOUTS_COLOUR)
        top.set_ylim(0, max([d.bouts for d in days] + [1]) * 1.25)
        top.grid(axis="y", color="#dddddd", linewidth=0.5, zorder=1)
        intensity = top.twinx()
        intensity.plot(
            x, [d.intensity for d in days], color=INTENSITY_COLOUR, marker="o", markersize=2.5, linewidth=1.2
        )
        intensity.set_ylim(0, 10.5)
        # Whole numbers only: counts and a 0-10 scale, and no decimal point to write the French way.
        top.yaxis.set_major_locator(MaxNLocator(integer=True))
        intensity.yaxis.set_major_locator(MaxNLocator(integer=True))
        intensity.set_ylabel(wording.gettext("Intensity (0-10)"), color=INTENSITY_COLOUR)
        intensity.spines["top"].set_visible(False)
        # An alert after the last entry (twitching passing 3 months since, say) lies outside the timeline.
        shown_alerts = sorted((a for a in alerts if first <= a.since <= last), key=lambda a: a.since)
        for position, alert in enumerate(shown_alerts):
            top.axvline(_num(alert.since, first), color=ALERT_COLOUR, linestyle="--", linewidth=0.8, zorder=3)
            # Labels step down so that changes a few days apart do not overprint; in the right part of the
            # chart they sit left of their line, so that none runs off the edge.
            late = _num(alert.since, first) > 0.6 * (last - first).days
            top.annotate(
                wording.gettext(ALERT_LABELS[alert.kind]),
                xy=(_num(alert.since, first), 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(-2 if late else 2, -2 - 8 * (position % 3)),
                textcoords="offset points",
                ha="right" if late else "left",
                va="top",
                fontsize=6.5,
                color=ALERT_COLOUR,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.9},
                zorder=4,
            )
        legend = [
            Patch(color=BOUTS_COLOUR, label=wording.gettext("bouts")),
            Patch(color=INTENSITY_COLOUR, label=wording.gettext("intensity")),
        ]
        if len(logged) < (last - first).days + 1:
            legend.append(Patch(color=MISSING_COLOUR, label=wording.gettext("no entry")))
        top.legend(
            handles=legend, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=6.5, frameon=False, ncols=len(legend)
        )

        for row, location in enumerate(locations):
            seen = [_num(d.day, first) for d in days if location in d.locations]
            strip.scatter(seen, [row] * len(seen), marker="s", s=9, color="#555555")
        strip.set_yticks(range(len(locations)), [location_labels.get(loc, loc) for loc in locations])
        strip.set_ylim(len(locations) - 0.5, -0.5)
        strip.tick_params(axis="y", length=0)
        for side in ("left", "right", "top"):
            strip.spines[side].set_visible(False)
        strip.set_xlim(_num(first, first) - 0.6, _num(last, first) + 0.6)
        span = (last - first).days + 1
        ticks = date_ticks(first, last, most=COMPACT_DATE_TICKS if compact else MAX_DATE_TICKS)
        strip.set_xticks(
            [_num(day, first) for day in ticks], [_tick(day, span, wording, compact=compact) for day in ticks]
        )
        if span <= DAILY_MINOR_TICKS_UP_TO:
            strip.set_xticks(range(span), minor=True)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    name = "chart-compact" if compact else "chart"
    return _with_text_alternative(buffer.getvalue(), days, first, last, wording, name)


def chart_title(wording: Wording = ENGLISH) -> str:
    """The chart's title, for its SVG and for an <img alt> that shows it."""
    return wording.gettext("Timeline of the twitch diary")


def chart_description(days: Sequence[DiaryDay], first: date, last: date, wording: Wording = ENGLISH) -> str:
    """What the chart shows, in one sentence, for a screen reader (the table beside it gives each day)."""
    bouts = [d.bouts for d in days]
    return wording.ngettext(
        "%(first)s to %(last)s, %(n)s day with an entry: %(low)s to %(high)s bouts a day, strongest %(strongest)s"
        " out of 10. The table below gives each day.",
        "%(first)s to %(last)s, %(n)s days with an entry: %(low)s to %(high)s bouts a day, strongest %(strongest)s"
        " out of 10. The table below gives each day.",
        len(days),
        first=say_date(first, DAY_MONTH, wording),
        last=say_date(last, DAY_MONTH, wording),
        low=min(bouts, default=0),
        high=max(bouts, default=0),
        strongest=max((d.intensity for d in days), default=0),
    )


def _with_text_alternative(
    svg: str, days: Sequence[DiaryDay], first: date, last: date, wording: Wording, name: str
) -> str:
    """The SVG as an image with a title and a description, which screen readers announce instead of its paths.

    `name` makes the ids unique on a page that holds both widths.
    """
    title = chart_title(wording)
    description = chart_description(days, first, last, wording)
    opening = svg.index("<svg ")
    svg = svg[:opening] + f'<svg role="img" aria-labelledby="{name}-title {name}-description" ' + svg[opening + 5 :]
    body = svg.index(">", opening) + 1
    alternative = (
        f'<title id="{name}-title">{escape(title)}</title><desc id="{name}-description">{escape(description)}</desc>'
    )
    return svg[:body] + alternative + svg[body:]


def svg_data_uri(svg: str) -> str:
    """The SVG as a data: URI, so that the HTML (and the PDF) needs no file or network."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _num(day: date, first: date) -> float:
    """Days since the first day: the x axis counts days and is labelled with dates."""
    return float((day - first).days)


def missing_runs(logged: Sequence[date], first: date, last: date) -> list[tuple[date, date]]:
    """The runs of days from `first` to `last` with no entry, as (first day, last day): one per gap.

    `logged` is sorted; the work is one step per logged day, whatever the span.
    """
    runs = []
    expected = first
    for day in [*logged, last + timedelta(days=1)]:
        if day > expected:
            runs.append((expected, day - timedelta(days=1)))
        expected = max(expected, day + timedelta(days=1))
    return runs


def date_ticks(first: date, last: date, *, most: int = MAX_DATE_TICKS) -> list[date]:
    """At most `most` dates to label: Mondays (every week or every few), else first days of months, else of years."""
    span = (last - first).days + 1
    if span <= 7 * MAX_DATE_TICKS:
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
        mondays = [monday + timedelta(weeks=n) for n in range((last - monday).days // 7 + 1) if monday <= last]
        return mondays[:: -(-len(mondays) // most)] if mondays else []
    months = (
        [
            date(year, month, 1)
            for year in range(first.year, last.year + 1)
            for month in range(1, 13)
            if first <= date(year, month, 1) <= last
        ]
        if last.year - first.year < MAX_DATE_TICKS
        else []
    )
    if months:
        step = -(-len(months) // most)
        return months[::step]
    years = [date(year, 1, 1) for year in range(first.year + 1, last.year + 1)]
    step = max(1, -(-len(years) // most))
    return years[::step]


def _tick(day: date, span: int, wording: Wording, *, compact: bool = False) -> str:
    if compact and span <= 7 * MAX_DATE_TICKS:
        return say_date(day, DAY_MONTH, wording)  # a phone has no room for the weekday
    if span <= 7 * MAX_DATE_TICKS:
        return say_date(day, WEEKDAY_DAY_MONTH, wording)
    return say_date(day, MONTH_YEAR, wording) if day.month != 1 or span <= 366 * 2 else f"{day.year}"
