"""The report for the doctor: self-contained HTML, and a one- or two-page A4 PDF whose text and pixels are checked."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from twitchcheck.diary import DiaryEntry, diary_days, review_diary
from twitchcheck.errors import ReportError
from twitchcheck.reports import build_report_html, html_to_pdf, timeline_svg, write_report_pdf
from twitchcheck.reports.sample import (
    SAMPLE_AGE,
    SAMPLE_BASELINE_ABSENT,
    SAMPLE_BASELINE_PRESENT,
    SAMPLE_DAYS,
    SAMPLE_SEX,
    SAMPLE_START,
    sample_entries,
)

ROOT = Path(__file__).resolve().parents[1]
AS_OF = SAMPLE_START + timedelta(days=SAMPLE_DAYS - 1)
GENERATED = datetime(2024, 6, 2, 21, 30, tzinfo=timezone(timedelta(hours=-4)))
needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdfinfo")),
    reason="poppler-utils (pdftotext, pdftoppm, pdfinfo) is not installed: apt-get install poppler-utils",
)


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report_pdf(
        sample_entries(),
        tmp_path_factory.mktemp("report") / "report.pdf",
        age=SAMPLE_AGE,
        sex=SAMPLE_SEX,
        baseline_present=SAMPLE_BASELINE_PRESENT,
        baseline_absent=SAMPLE_BASELINE_ABSENT,
        as_of=AS_OF,
        generated_at=GENERATED,
    )


def sample_html(entries: list[DiaryEntry] | None = None) -> str:
    logged = entries if entries is not None else sample_entries()
    review = review_diary(logged, as_of=AS_OF, age=SAMPLE_AGE, sex=SAMPLE_SEX)
    return build_report_html(logged, review.assessment, review=review, generated_at=GENERATED)


def test_the_html_report_is_self_contained() -> None:
    html = sample_html()
    assert "<style>" in html and "@page" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert not re.search(r"""(src|href)=["'](?!data:)""", html)
    assert "http://" not in html and "https://" not in html


def test_the_html_report_answers_the_doctors_questions_and_shows_the_assessment() -> None:
    html = sample_html()
    for text in (
        "When exactly did the twitching start?",
        "First diary entry: Monday 6 May 2024",
        # The eyelid and the calf twitch from week 1: NHS "a twitch in more than 1 place" already means a GP.
        "Twitching has lasted more than 2 weeks. No change to the advice.",
        "Possible causes",
        "Benign twitching (no serious cause)",
        "Tests to discuss",
        "EMG and nerve conduction studies",
        "How the trends were tested",
        "twitchcheck gives information, not a diagnosis",
    ):
        assert text in html, text


def test_what_a_person_typed_is_escaped() -> None:
    day = SAMPLE_START
    note = DiaryEntry(
        when=datetime(day.year, day.month, day.day, 20, tzinfo=UTC),
        locations=("twitch_eyelid",),
        bouts=2,
        bout_seconds=5,
        intensity=2,
        notes="<script>alert(1)</script>",
    )
    html = sample_html([note])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_warning_sign_in_the_diary_is_named_in_the_report() -> None:
    day = SAMPLE_START
    entries = [
        DiaryEntry(
            when=datetime(day.year, day.month, day.day + i, 20, tzinfo=UTC),
            locations=("twitch_arm_hand",),
            bouts=3,
            bout_seconds=10,
            intensity=3,
            new_symptoms=("muscle_weakness",) if i == 3 else (),
        )
        for i in range(5)
    ]
    html = sample_html(entries)
    assert "<h2>Warning signs</h2>" in html
    assert "<strong>Muscle weakness:</strong> " in html
    assert "New symptom logged: muscle weakness (a warning sign), so the advice is now" in html


def test_a_report_without_alerts_says_nothing_needs_attention() -> None:
    day = SAMPLE_START
    entry = DiaryEntry(
        when=datetime(day.year, day.month, day.day, 20, tzinfo=UTC),
        locations=("twitch_eyelid",),
        bouts=2,
        bout_seconds=5,
        intensity=2,
    )
    review = review_diary([entry], as_of=day)
    html = build_report_html([entry], review.assessment, review=review, generated_at=GENERATED)
    assert "No change needing attention" in html
    assert "Manage at home" in html


def test_the_chart_is_the_same_svg_for_the_same_diary() -> None:
    days = diary_days(sample_entries())
    labels = {"twitch_leg_calf": "Leg / calf", "twitch_eyelid": "Eyelid", "twitch_arm_hand": "Arm / hand"}
    first = timeline_svg(days, first=SAMPLE_START, last=AS_OF, location_labels=labels)
    second = timeline_svg(days, first=SAMPLE_START, last=AS_OF, location_labels=labels)
    assert first.startswith("<?xml") and "<svg" in first
    assert first == second


def test_pdf_rendering_refuses_to_fetch_anything(tmp_path: Path) -> None:
    html = '<html><body><img src="https://example.invalid/tracker.png"></body></html>'
    with pytest.raises(ReportError, match="must be self-contained"):
        html_to_pdf(html, tmp_path / "x.pdf")


@needs_poppler
def test_the_pdf_is_one_or_two_a4_pages(sample_pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(sample_pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 2
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)


@needs_poppler
def test_the_pdf_text_holds_the_history_alerts_causes_tests_and_disclaimer(sample_pdf: Path) -> None:
    text = subprocess.run(["pdftotext", str(sample_pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for phrase in (
        "Twitch diary: summary for the doctor",
        "6 May – 2 June 2024 (28 days) · 26 days with an entry · age 34, female",
        "Book an appointment with a doctor",
        "20 May Twitching has lasted more than 2 weeks. No change to the advice.",
        "Twitching is getting more frequent",
        "Twitching has spread to a new place",
        "When exactly did the twitching start?",
        "First diary entry: Monday 6 May 2024",
        "On days with 4+ caffeinated drinks the diary shows",
        "Possible causes",
        "Benign twitching (no serious cause)",
        "Tests to discuss",
        "Physical and neurological examination",
        "twitchcheck gives information, not a diagnosis: it has not examined the person",
        "page 1 of 2",
    ):
        assert phrase in flat, phrase


@needs_poppler
def test_the_first_page_renders_with_ink_on_it(sample_pdf: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(sample_pdf), str(prefix)], check=True
    )
    with Image.open(prefix.with_suffix(".png")) as image:
        grey = np.asarray(image.convert("L"))
        colours = image.getcolors(maxcolors=1_000_000)
    inked = float((grey < 200).mean())
    assert 0.03 < inked < 0.6, f"{inked:.1%} of the page is ink"
    assert colours is not None and len(colours) > 20  # text, chart colours and the triage box: not a blank page


def test_the_sample_report_is_in_the_docs() -> None:
    for name in ("sample-report.pdf", "sample-report.png"):
        path = ROOT / "docs" / name
        assert path.is_file() and path.stat().st_size > 10_000, (
            "regenerate with: python -m twitchcheck.reports.sample docs/"
        )


def test_the_sample_diary_is_four_weeks_with_two_days_missing() -> None:
    days = diary_days(sample_entries())
    assert days[0].day == SAMPLE_START and days[-1].day == AS_OF
    assert len(days) == SAMPLE_DAYS - 2
    assert date(2024, 5, 17) not in {d.day for d in days}


def test_the_chart_draws_one_band_per_gap_and_a_dozen_labels_whatever_the_span() -> None:
    from twitchcheck.reports.chart import MAX_DATE_TICKS, date_ticks, missing_runs

    first = date(2016, 3, 1)
    logged = [first, first + timedelta(days=1), first + timedelta(days=5), first + timedelta(days=3650)]
    assert missing_runs(logged, first, logged[-1]) == [
        (first + timedelta(days=2), first + timedelta(days=4)),
        (first + timedelta(days=6), first + timedelta(days=3649)),
    ]
    assert missing_runs([first], first, first) == []
    for span in (1, 6, 30, 90, 400, 3650, 43_800):
        ticks = date_ticks(first, first + timedelta(days=span))
        assert 0 < len(ticks) <= MAX_DATE_TICKS or span < 7, span
        assert all(first <= tick <= first + timedelta(days=span) for tick in ticks)

    def chart(span_days: int) -> str:
        entries = [
            DiaryEntry(
                when=datetime(2016, 3, 1, 9, tzinfo=UTC) + timedelta(days=d),
                locations=("twitch_eyelid",),
                bouts=2,
                bout_seconds=5,
                intensity=3,
            )
            for d in (0, span_days)
        ]
        days = diary_days(entries)
        return timeline_svg(days, first=days[0].day, last=days[-1].day, location_labels={})

    week, decade = chart(7), chart(3650)
    assert len(decade) < 1.5 * len(week)  # the drawing's size, a proxy for its work, does not grow with the span


@needs_poppler
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pdf_report_is_tagged_for_screen_readers(tmp_path: Path, language: str) -> None:
    """PDF/UA-1 (WeasyPrint's variant): a structure tree, marked content and the document language."""
    entries = [
        DiaryEntry(
            when=datetime(2024, 5, d, 9, tzinfo=UTC), locations=("twitch_eyelid",), bouts=2, bout_seconds=5, intensity=3
        )
        for d in (1, 2, 3)
    ]
    path = write_report_pdf(entries, tmp_path / "report.pdf", language=language)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    structure = subprocess.run(["pdfinfo", "-struct", str(path)], check=True, capture_output=True, text=True).stdout
    assert "Document" in structure and "P" in structure.split()


def test_an_eyelid_twitch_alone_suggests_no_drug_screen() -> None:
    from twitchcheck import assess
    from twitchcheck.reports.builder import report_context

    entries = [
        DiaryEntry(
            when=datetime(2024, 5, d, 9, tzinfo=UTC), locations=("twitch_eyelid",), bouts=2, bout_seconds=5, intensity=3
        )
        for d in (1, 2, 3)
    ]
    context = report_context(entries, assess(present=["twitch_eyelid", "twitch_brief"]))
    names = " ".join(t.name.lower() for t in context["tests"])
    assert "drug" not in names


def test_an_alert_dated_after_the_last_entry_is_left_off_the_timeline() -> None:
    import warnings

    entries = [
        DiaryEntry(
            when=datetime(2024, 5, 1, 9, tzinfo=UTC), locations=("twitch_eyelid",), bouts=2, bout_seconds=5, intensity=3
        )
    ]
    review = review_diary(entries, as_of=date(2024, 9, 1))
    assert any(alert.since > date(2024, 5, 1) for alert in review.alerts)
    days = diary_days(entries)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svg = timeline_svg(days, first=days[0].day, last=days[-1].day, location_labels={}, alerts=review.alerts)
    assert svg.startswith("<?xml")
