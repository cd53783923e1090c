"""The report for the doctor: the diary's answers, its timeline, and the assessment, on one or two A4 pages.

The report is HTML first (a Jinja2 template with a print stylesheet), so the
web app can show the same page that the PDF prints; WeasyPrint turns it into
a PDF. Everything the page needs is inside it (the chart as a data: URI, the
stylesheet inline, system fonts), and the PDF renderer is given a fetcher
that refuses every URL but data:, so making a report never touches the network.

    >>> write_report_pdf(entries, Path("report.pdf"), age=34, sex="female")  # doctest: +SKIP
    PosixPath('report.pdf')
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from twitchcheck.assessment import Assessment, Assessor
from twitchcheck.diary.associations import compare_triggers
from twitchcheck.diary.entry import DiaryEntry, diary_days
from twitchcheck.diary.history import history_answers, long_date
from twitchcheck.diary.review import Alert, DiaryReview
from twitchcheck.diary.rules import DiaryRules, load_diary_rules
from twitchcheck.diary.trends import day_words
from twitchcheck.errors import ReportError
from twitchcheck.formatting import DAY_MONTH, DAY_MONTH_YEAR, N_, say_date
from twitchcheck.i18n import Localizer, localizer
from twitchcheck.i18n.localize import localize_assessment, review_in_language
from twitchcheck.knowledge import KnowledgeBase, load_knowledge
from twitchcheck.reports.chart import svg_data_uri, timeline_svg

TITLE = N_("Twitch diary: summary for the doctor")
SEX_WORDS = {"female": N_("female"), "male": N_("male")}
# The assessment's disclaimer speaks to the person; the report speaks to the doctor about the person.
REPORT_DISCLAIMER = N_(
    "twitchcheck gives information, not a diagnosis: it has not examined the person, run tests or seen their"
    " records, and it can be wrong. The person was told to call %(number)s for an emergency and to see a doctor"
    " whenever worried."
)
SHOWN_CAUSES = 6
PDF_VARIANT = "pdf/ua-1"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("twitchcheck.reports", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["css_string"] = _css_string
    return environment


def _css_string(text: str) -> Markup:
    """Text for inside a CSS string in a <style> element: quotes and backslashes escaped, no tag can close it."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ")
    # Escaped for CSS just above: HTML escaping would print "&amp;" in the PDF's footer.
    return Markup(escaped)


def report_css() -> str:
    """The report's stylesheet (screen and print), for a web page that includes report_body.html."""
    return (resources.files("twitchcheck.reports") / "templates" / "report.css").read_text(encoding="utf-8")


def report_context(
    entries: Iterable[DiaryEntry],
    assessment: Assessment,
    *,
    review: DiaryReview | None = None,
    baseline_present: Iterable[str] = (),
    generated_at: datetime | None = None,
    kb: KnowledgeBase | None = None,
    rules: DiaryRules | None = None,
    loc: Localizer | None = None,
) -> dict[str, Any]:
    """Everything report_body.html shows, as plain values: what a web page renders with its own layout.

    `loc` is the person's language: the report is said in it throughout, and
    `review` must have been made in it too (`review_in_language`).
    """
    kb = kb if kb is not None else load_knowledge()
    rules = rules if rules is not None else load_diary_rules()
    loc = loc if loc is not None else localizer("en")
    assessment = localize_assessment(assessment, loc, kb)
    logged = sorted(entries, key=lambda e: e.when)
    as_of = review.as_of if review is not None else None
    days = [d for d in diary_days(logged) if as_of is None or d.day <= as_of]
    logged = [e for e in logged if as_of is None or e.day <= as_of]
    last = as_of if as_of is not None else (days[-1].day if days else None)
    alerts = review.alerts if review is not None else []
    comparisons = compare_triggers(logged, rules=rules)
    chart = None
    if days and last is not None:
        labels = {place: loc.gettext(rules.short_label(place, kb)) for d in days for place in d.locations}
        chart = svg_data_uri(
            timeline_svg(days, first=days[0].day, last=last, location_labels=labels, alerts=alerts, wording=loc)
        )
    generated = generated_at if generated_at is not None else datetime.now().astimezone()
    return {
        "language": loc.language,
        "_": loc.gettext,
        "ngettext": loc.ngettext,
        "title": loc.gettext(TITLE),
        "period": _period(days[0].day, last, loc) if days and last is not None else loc.gettext("No entries yet"),
        "days_logged": len(days),
        "person": _person(assessment, loc),
        "generated": f"{long_date(generated.date(), loc)}, {generated:%H:%M}",
        "knowledge_version": assessment.knowledge_version,
        "triage": assessment.triage,
        "alerts": [
            {
                "since": day_words(alert.since, loc),
                # The page shows the advice and its reasons above, so an alert that did not move it says only that.
                "explanation": alert.explanation
                if alert.raised
                else loc.gettext("%(change)s. No change to the advice.", change=alert.title),
                # Said once: a worsening's test figures under "How the trends were tested", a warning sign's
                # meaning under "Warning signs".
                "details": _details_said_once(alert, review, assessment),
                "raised": alert.raised,
                "change": f"{_level_title(alert.level_before, kb, loc)} → {_level_title(alert.level_after, kb, loc)}",
            }
            for alert in alerts
        ],
        "chart_uri": chart,
        "history": history_answers(
            logged,
            as_of=last,
            comparisons=comparisons,
            baseline_present=baseline_present,
            kb=kb,
            rules=rules,
            wording=loc,
        ),
        "red_flags": assessment.red_flags,
        "findings": _findings(assessment, kb, loc),
        "denied": [_finding_label(f, kb, loc) for f in assessment.evidence.absent if not _exclusive(kb, f)],
        "causes": [
            {
                "name": c.name,
                "percent": loc.percent(c.probability),
                "width": round(100 * c.probability),
                "serious": c.serious,
            }
            for c in assessment.causes[:SHOWN_CAUSES]
        ],
        # Not a diagnosis: the chance that a cause twitchcheck does not weigh plays a part, after the causes.
        "unlisted": None
        if assessment.unlisted is None
        else {
            "name": assessment.unlisted.name,
            "percent": loc.percent(assessment.unlisted.probability),
            "width": round(100 * assessment.unlisted.probability),
        },
        "tests": _supported_tests(assessment, kb),
        "trend_notes": review.trend_notes if review is not None else [],
        "disclaimer": loc.gettext(REPORT_DISCLAIMER, number=assessment.emergency_number),
    }


def build_report_html(
    entries: Iterable[DiaryEntry],
    assessment: Assessment,
    *,
    review: DiaryReview | None = None,
    baseline_present: Iterable[str] = (),
    generated_at: datetime | None = None,
    kb: KnowledgeBase | None = None,
    rules: DiaryRules | None = None,
    loc: Localizer | None = None,
) -> str:
    """The whole report as one self-contained HTML page (inline CSS, chart as a data: URI)."""
    context = report_context(
        entries,
        assessment,
        review=review,
        baseline_present=baseline_present,
        generated_at=generated_at,
        kb=kb,
        rules=rules,
        loc=loc,
    )
    return _environment().get_template("report.html").render(**context, css=Markup(report_css()))


def report_pdf_bytes(
    entries: Iterable[DiaryEntry],
    *,
    age: int | None = None,
    sex: str | None = None,
    assessor: Assessor | None = None,
    language: str = "en",
) -> bytes:
    """The report as PDF bytes, for a download: written to a private temporary folder, read, removed."""
    with tempfile.TemporaryDirectory(prefix="twitchcheck-report-") as folder:
        path = write_report_pdf(
            entries, Path(folder) / "report.pdf", age=age, sex=sex, assessor=assessor, language=language
        )
        return path.read_bytes()


def write_report_pdf(
    entries: Iterable[DiaryEntry],
    path: Path,
    *,
    age: int | None = None,
    sex: str | None = None,
    baseline_present: Iterable[str] = (),
    baseline_absent: Iterable[str] = (),
    as_of: date | None = None,
    generated_at: datetime | None = None,
    assessor: Assessor | None = None,
    language: str = "en",
) -> Path:
    """Review the diary, assess its evidence, and write the report as a PDF at `path`, in `language`.

    Raises `EvidenceError` if the baseline findings, age or sex are invalid.
    """
    logged = list(entries)
    baseline = tuple(baseline_present)
    loc = localizer(language)
    kb = assessor.kb if assessor is not None else load_knowledge()
    review = review_in_language(
        logged,
        loc,
        kb,
        as_of=as_of,
        age=age,
        sex=sex,
        baseline_present=baseline,
        baseline_absent=baseline_absent,
        assessor=assessor,
    )
    html = build_report_html(
        logged,
        review.assessment,
        review=review,
        baseline_present=baseline,
        generated_at=generated_at,
        kb=kb,
        loc=loc,
    )
    return html_to_pdf(html, Path(path))


def html_to_pdf(html: str, path: Path) -> Path:
    """Render self-contained HTML to a PDF; any URL other than data: fails instead of being fetched."""
    weasyprint = _weasyprint()
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    try:
        # PDF/UA-1: tagged, with a structure tree and the document language, so that a screen reader can read it.
        weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(path, pdf_variant=PDF_VARIANT)
    except weasyprint.urls.FatalURLFetchingError as error:  # a BaseException: turn it into an ordinary error
        raise ReportError(f"the report must be self-contained, but it refers to a resource: {error}") from error
    return path


def _weasyprint() -> Any:
    """Import WeasyPrint, silencing its notice about an optional system library it can do without."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        import weasyprint  # type: ignore[import-untyped]
        import weasyprint.urls  # type: ignore[import-untyped]
    return weasyprint


def _supported_tests(assessment: Assessment, kb: KnowledgeBase) -> list[Any]:
    """The tests for causes the diary's findings actually support (and those always worth doing).

    An eyelid twitch alone supports no stimulant cause, so the report does not suggest a urine drug screen.
    """
    supported = {c.id for c in assessment.causes if any(w.observed == "present" for w in c.supporting)}
    by_id = {test.id: test for test in kb.tests}
    return [
        test
        for test in assessment.tests
        if test.id in by_id and (by_id[test.id].always or supported.intersection(by_id[test.id].causes))
    ]


def _details_said_once(alert: Alert, review: DiaryReview | None, assessment: Assessment) -> list[str]:
    """An alert's details without what the report says in its own section (trend tests, warning signs)."""
    if alert.kind == "worsening" and review is not None and review.trend_notes:
        return []
    meanings = [flag.why for flag in assessment.red_flags]
    return [detail for detail in alert.details if not any(meaning in detail for meaning in meanings)]


def _period(first: date, last: date, loc: Localizer) -> str:
    """'1 May – 28 May 2024 (28 days)'; the first year is named only when it differs from the last."""
    span = (last - first).days + 1
    start = say_date(first, DAY_MONTH if first.year == last.year else DAY_MONTH_YEAR, loc)
    end = say_date(last, DAY_MONTH_YEAR, loc)
    return loc.ngettext(
        "%(start)s – %(end)s (%(n)s day)", "%(start)s – %(end)s (%(n)s days)", span, start=start, end=end
    )


def _person(assessment: Assessment, loc: Localizer) -> str:
    """'Age 34, female': who the report is about, as the diary page recorded it."""
    parts = []
    if assessment.evidence.age is not None:
        parts.append(loc.gettext("age %(age)s", age=assessment.evidence.age))
    if assessment.evidence.sex is not None:
        parts.append(loc.gettext(SEX_WORDS.get(assessment.evidence.sex, assessment.evidence.sex)))
    return ", ".join(parts)


def _level_title(level_id: str, kb: KnowledgeBase, loc: Localizer) -> str:
    return loc.knowledge("levels", level_id, "title", kb.level(level_id).title)


def _finding_label(finding_id: str, kb: KnowledgeBase, loc: Localizer) -> str:
    return loc.knowledge("findings", finding_id, "label", kb.finding(finding_id).label)


def _exclusive(kb: KnowledgeBase, finding_id: str) -> bool:
    return any(finding_id in group for group in kb.exclusive_groups().values())


def _findings(assessment: Assessment, kb: KnowledgeBase, loc: Localizer) -> list[dict[str, Any]]:
    """Findings present, by knowledge-base group, warning signs marked."""
    present = set(assessment.evidence.present)
    grouped: list[dict[str, Any]] = []
    for group_id, group in kb.finding_groups.items():
        items = [
            {"label": _finding_label(f.id, kb, loc), "warning": f.warning is not None}
            for f in kb.findings
            if f.group == group_id and f.id in present
        ]
        if items:
            grouped.append({"title": loc.knowledge("groups", group_id, "title", group.title), "findings": items})
    return grouped
