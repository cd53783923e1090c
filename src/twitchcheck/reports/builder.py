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
from twitchcheck.diary.review import DiaryReview, review_diary
from twitchcheck.diary.rules import DiaryRules, load_diary_rules
from twitchcheck.diary.trends import day_words
from twitchcheck.formatting import percent
from twitchcheck.knowledge import KnowledgeBase, load_knowledge
from twitchcheck.reports.chart import svg_data_uri, timeline_svg

TITLE = "Twitch diary: summary for the doctor"
SHOWN_CAUSES = 6
PDF_VARIANT = "pdf/ua-1"


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("twitchcheck.reports", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


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
) -> dict[str, Any]:
    """Everything report_body.html shows, as plain values: what a web page renders with its own layout."""
    kb = kb if kb is not None else load_knowledge()
    rules = rules if rules is not None else load_diary_rules()
    logged = sorted(entries, key=lambda e: e.when)
    as_of = review.as_of if review is not None else None
    days = [d for d in diary_days(logged) if as_of is None or d.day <= as_of]
    logged = [e for e in logged if as_of is None or e.day <= as_of]
    last = as_of if as_of is not None else (days[-1].day if days else None)
    alerts = review.alerts if review is not None else []
    comparisons = compare_triggers(logged, rules=rules)
    chart = None
    if days and last is not None:
        labels = {loc: rules.short_label(loc, kb) for d in days for loc in d.locations}
        chart = svg_data_uri(timeline_svg(days, first=days[0].day, last=last, location_labels=labels, alerts=alerts))
    generated = generated_at if generated_at is not None else datetime.now().astimezone()
    return {
        "title": TITLE,
        "period": _period(days[0].day, last) if days and last is not None else "No entries yet",
        "days_logged": len(days),
        "person": _person(assessment),
        "generated": f"{long_date(generated.date())}, {generated:%H:%M}",
        "knowledge_version": assessment.knowledge_version,
        "triage": assessment.triage,
        "alerts": [
            {
                "since": day_words(alert.since),
                # The page shows the advice and its reasons above, so an alert that did not move it says only that.
                "explanation": alert.explanation if alert.raised else f"{alert.title}. No change to the advice.",
                "details": alert.details,
                "raised": alert.raised,
                "change": f"{kb.level(alert.level_before).title} → {kb.level(alert.level_after).title}",
            }
            for alert in alerts
        ],
        "chart_uri": chart,
        "history": history_answers(
            logged, as_of=last, comparisons=comparisons, baseline_present=baseline_present, kb=kb, rules=rules
        ),
        "red_flags": assessment.red_flags,
        "findings": _findings(assessment, kb),
        "denied": [kb.finding(f).label for f in assessment.evidence.absent if not _exclusive(kb, f)],
        "causes": [
            {
                "name": c.name,
                "percent": percent(c.probability),
                "width": round(100 * c.probability),
                "serious": c.serious,
            }
            for c in assessment.causes[:SHOWN_CAUSES]
        ],
        "tests": _supported_tests(assessment, kb),
        "trend_notes": review.trend_notes if review is not None else [],
        "disclaimer": assessment.disclaimer,
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
    )
    return _environment().get_template("report.html").render(**context, css=Markup(report_css()))


def report_pdf_bytes(
    entries: Iterable[DiaryEntry],
    *,
    age: int | None = None,
    sex: str | None = None,
    assessor: Assessor | None = None,
) -> bytes:
    """The report as PDF bytes, for a download: written to a private temporary folder, read, removed."""
    with tempfile.TemporaryDirectory(prefix="twitchcheck-report-") as folder:
        path = write_report_pdf(entries, Path(folder) / "report.pdf", age=age, sex=sex, assessor=assessor)
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
) -> Path:
    """Review the diary, assess its evidence, and write the report as a PDF at `path`.

    Raises `EvidenceError` if the baseline findings, age or sex are invalid.
    """
    logged = list(entries)
    baseline = tuple(baseline_present)
    review = review_diary(
        logged,
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
        kb=assessor.kb if assessor is not None else None,
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
        raise ValueError(f"the report must be self-contained, but it refers to a resource: {error}") from error
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


def _period(first: date, last: date) -> str:
    span = (last - first).days + 1
    year = "" if first.year == last.year else f" {first.year}"
    return f"{first.day} {first:%B}{year} – {last.day} {last:%B %Y} ({span} days)"


def _person(assessment: Assessment) -> str:
    parts = []
    if assessment.evidence.age is not None:
        parts.append(f"age {assessment.evidence.age}")
    if assessment.evidence.sex is not None:
        parts.append(assessment.evidence.sex)
    return ", ".join(parts)


def _exclusive(kb: KnowledgeBase, finding_id: str) -> bool:
    return any(finding_id in group for group in kb.exclusive_groups().values())


def _findings(assessment: Assessment, kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Findings present, by knowledge-base group, warning signs marked."""
    present = set(assessment.evidence.present)
    grouped: list[dict[str, Any]] = []
    for group_id, group in kb.finding_groups.items():
        items = [
            {"label": f.label, "warning": f.warning is not None}
            for f in kb.findings
            if f.group == group_id and f.id in present
        ]
        if items:
            grouped.append({"title": group.title, "findings": items})
    return grouped
