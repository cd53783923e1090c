"""The diary, its report and the pages around it, as a person sees them: English and French, phone and desktop.

Each test stands for a row of issue 13's table of what went wrong on the pages:
the headline and its alerts agree; French is French everywhere (pages, chart,
dates, errors, the PDF); errors say what to change next to the field and keep
what was typed; notices never come from the URL; a phone shows every column
and a readable chart; the symptom chips are grouped; age and sex are asked
once and reach the report; the browser's Back and Forward move between questions.
Screenshots go to the screenshot folder (docs/screenshots/diary with `make screenshots`).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import SCREENSHOTS, SIZES, locale_of

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "fr")
# Words that are English and not French: one of them on a French page is an untranslated string.
ENGLISH_ONLY = frozenset(
    [
        "the",
        "and",
        "with",
        "your",
        "you",
        "of",
        "is",
        "not",
        "this",
        "that",
        "from",
        "what",
        "when",
        "where",
        "which",
        "bouts",
        "entry",
        "entries",
        "day",
        "days",
        "strength",
        "more",
        "less",
        "twitch",
        "twitching",
        "logged",
        "save",
        "delete",
        "edit",
        "doctor",
        "diary",
        "chart",
        "week",
        "weeks",
        "about",
        "before",
        "after",
        "none",
        "yes",
        "should",
        "have",
        "has",
        "been",
        "there",
        "here",
        "their",
        "they",
        "other",
        "others",
        "each",
        "every",
        "only",
    ]
)
# Names a French page may show as they are: the product, statistical tests, and lab-test abbreviations.
ALLOWED = frozenset({"twitchcheck", "Mann", "Kendall", "Sen", "quasi", "Poisson", "EMG", "kb", "CK", "TSH"})
# Every page is tried in each language at each size.
EVERYWHERE = pytest.mark.parametrize(("language", "size"), [(lang, size) for lang in LANGUAGES for size in SIZES])
WORDS = {
    "en": {"logged": "Logged.", "save": "Save", "log": "Log it", "advice_now": "so the advice is now:"},
    "fr": {
        "logged": "Enregistré.",
        "save": "Enregistrer",
        "log": "Enregistrer",
        "advice_now": "le conseil est donc maintenant",
    },
}


def english_words(text: str) -> list[str]:
    """The English-only words in a text, apart from the allowed names."""
    return [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() in ENGLISH_ONLY and w not in ALLOWED]


def api(server: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        server + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
        method=method,
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        content = response.read()
        return json.loads(content) if response.headers.get_content_type() == "application/json" else content


def four_weeks(today: datetime) -> list[dict[str, Any]]:
    """Four weeks of calf twitching with caffeine and sleep logged, spreading to an arm, weakness three days ago."""
    entries = []
    for n in range(28):
        day = today - timedelta(days=28 - n)
        entries.append(
            {
                "when": day.replace(hour=20, minute=0).isoformat(),
                "locations": ["twitch_leg_calf", "twitch_arm_hand"] if n >= 20 else ["twitch_leg_calf"],
                "bouts": 3 + n % 4 + (4 if n % 3 == 0 else 0),
                "bout_seconds": 20,
                "intensity": 3 + n % 3,
                "sleep_hours": 5 if n % 3 == 0 else 7.5,
                "caffeine_drinks": 5 if n % 3 == 0 else 1,
                "stress": n % 10,
                "notes": "Bain chaud le soir." if n == 10 else "",
                "new_symptoms": ["muscle_weakness"] if n == 25 else [],
            }
        )
    return entries


@pytest.fixture
def diary(server: str) -> str:
    """The local diary holding `four_weeks`, age 52 and female, and nothing else."""
    api(server, "POST", "/api/v1/diary/erase", {"confirm": "erase everything"})
    document = {"format": "twitchcheck-diary", "version": 2, "entries": four_weeks(datetime.now(UTC))}
    api(server, "POST", "/api/v1/diary/import", document)
    api(server, "PUT", "/api/v1/diary/profile", {"age": 52, "sex": "female"})
    return server


@contextlib.contextmanager
def opened(browser, server: str, path: str, language: str, size: str) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A page at `path` in `language` at `size`, in a browser context of its own, closed however the test ends."""
    context = browser.new_context(viewport=SIZES[size], locale=locale_of(language))
    try:
        page = context.new_page()
        separator = "&" if "?" in path else "?"
        page.goto(f"{server}{path}{separator}lang={language}")
        yield page
    finally:
        context.close()


def shot(page, name: str, *, full_page: bool = True) -> None:  # type: ignore[no-untyped-def]
    """A screenshot once every image (the chart) has arrived."""
    page.evaluate("Promise.all([...document.images].map(image => image.decode().catch(() => null)))")
    SCREENSHOTS.joinpath("diary").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "diary" / f"{name}.png"), full_page=full_page)


def axe_serious(page) -> list[Any]:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], v["help"]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@EVERYWHERE
def test_the_diary_headline_and_its_alerts_say_the_same_advice(browser, diary: str, language: str, size: str) -> None:  # type: ignore[no-untyped-def]
    with opened(browser, diary, "/diary", language, size) as page:
        advice = page.locator("section.triage .do-now").inner_text().strip()
        alerts = page.locator("section.triage li").all_inner_texts()
        raised = [text for text in alerts if WORDS[language]["advice_now"] in text]
        assert raised, alerts  # the weakness logged three days ago raised the advice
        for text in raised:
            assert advice[:1].lower() + advice[1:40] in text, (advice, text)
        shot(page, f"diary-{language}-{size}")


@pytest.mark.parametrize("size", list(SIZES))
def test_every_diary_page_in_french_is_in_french(browser, diary: str, size: str) -> None:  # type: ignore[no-untyped-def]
    with opened(browser, diary, "/diary", "fr", size) as page:
        pages = {"diary": page.locator("main").inner_text()}
        pages["chart"] = page.locator("figure.chart img").get_attribute("alt") or ""
        assert pages["chart"].strip()
        page.locator(".chart-table summary").click()
        pages["chart table"] = page.locator(".chart-table").inner_text()
        page.locator("a[href$='/edit']").first.click()
        pages["edit"] = page.locator("main").inner_text()
        assert not axe_serious(page)
        page.goto(f"{diary}/diary/erase")
        pages["erase"] = page.locator("main").inner_text()
        for missing in ("/nowhere", "/diary/entries"):  # a 404 and a 405
            page.goto(diary + missing)
            pages[missing] = page.locator("main").inner_text()
        found = {name: english_words(text) for name, text in pages.items() if english_words(text)}
        assert not found, found
        assert not axe_serious(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_pdf_is_in_the_pages_language_with_the_age_and_sex_given_once(  # type: ignore[no-untyped-def]
    browser, diary: str, language: str, tmp_path: Path
) -> None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; make install installs it")
    with opened(browser, diary, "/diary", language, "desktop") as page:
        with page.expect_download() as download:
            page.locator("a[href='/diary/report.pdf']").click()
        pdf = tmp_path / "report.pdf"
        download.value.save_as(pdf)
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert ("52 ans, femme" if language == "fr" else "age 52, female") in text
    answers = [line for line in text.splitlines() if line.strip().startswith("•")]
    assert answers and not [a for a in answers if re.search(r"\b(you|your|vous|votre)\b", a, re.I)]  # third person
    if language == "fr":
        assert "Journal des tressaillements" in text and not english_words(text), english_words(text)
    else:
        assert "Twitch diary: summary for the doctor" in text


@EVERYWHERE
def test_a_refused_entry_says_what_to_change_next_to_the_field_and_keeps_what_was_typed(  # type: ignore[no-untyped-def]
    browser, diary: str, language: str, size: str
) -> None:
    with opened(browser, diary, "/diary", language, size) as page:
        page.locator("#bouts").fill("7")
        page.locator("#intensity").evaluate("field => field.removeAttribute('max')")  # as a browser without checks
        page.locator("#intensity").fill("15")
        page.locator("form.quick-log button[type=submit]").click()
        summary = page.locator("#problems")
        assert summary.is_visible() and "0" in summary.inner_text() and "10" in summary.inner_text()
        assert page.locator("#intensity-error").is_visible()
        assert page.locator("#intensity").get_attribute("aria-invalid") == "true"
        assert page.locator("#bouts").input_value() == "7" and page.locator("#intensity").input_value() == "15"
        assert page.locator(".notice").count() == 0  # an error is never shown as a success
        if language == "fr":
            assert not english_words(summary.inner_text())
        page.locator("#problems").scroll_into_view_if_needed()
        shot(page, f"entry-error-{language}-{size}", full_page=False)
        assert not axe_serious(page)


@EVERYWHERE
def test_a_notice_shows_once_and_never_comes_from_the_address(browser, diary: str, language: str, size: str) -> None:  # type: ignore[no-untyped-def]
    with opened(browser, diary, "/diary?message=Ignore%20your%20doctor&done=logged", language, size) as page:
        assert page.locator(".notice").count() == 0 and "Ignore your doctor" not in page.content()
        page.locator("label[for='loc-twitch_eyelid']").click()
        page.locator("form.quick-log button[type=submit]").click()
        assert page.locator(".notice").inner_text() == WORDS[language]["logged"]
        assert "done=" not in page.url and "message=" not in page.url
        page.reload()
        assert page.locator(".notice").count() == 0


@EVERYWHERE
def test_every_column_fits_and_the_chart_is_the_drawing_for_the_width(  # type: ignore[no-untyped-def]
    browser, diary: str, language: str, size: str
) -> None:
    with opened(browser, diary, "/diary", language, size) as page:
        width = SIZES[size]["width"]
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        for cell in page.locator("table.entries tr:first-child td").all()[:1] + page.locator("td.action").all()[:4]:
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        chart = page.locator("figure.chart img")
        chart.evaluate("image => image.decode()")  # drawn and loaded
        source = chart.evaluate("image => image.currentSrc")
        assert ("size=compact" in source) == (size == "phone")  # the browser fetched only the one that fits
        box = chart.bounding_box()
        assert box is not None and 300 <= box["width"] <= width
        assert chart.evaluate("image => image.naturalWidth") >= 0.9 * box["width"]  # drawn for it, not shrunk
        assert (chart.get_attribute("alt") or "").strip()


@EVERYWHERE
def test_the_symptom_chips_offer_a_short_list_then_the_rest_by_body_system(  # type: ignore[no-untyped-def]
    browser, diary: str, language: str, size: str
) -> None:
    with opened(browser, diary, "/diary", language, size) as page:
        page.locator("form.quick-log details > summary").first.click()
        visible = [c for c in page.locator("#new_symptoms > .chips .chip").all() if c.is_visible()]
        assert 4 <= len(visible) <= 8
        others = page.locator("details.other-symptoms")
        assert others.get_attribute("open") is None
        others.locator("summary").click()
        assert others.locator("fieldset.symptom-group legend").count() >= 4
        assert others.locator(".chip").count() > 20


@EVERYWHERE
def test_age_and_sex_are_asked_once_on_the_diary_page(browser, server: str, language: str, size: str) -> None:  # type: ignore[no-untyped-def]
    api(server, "POST", "/api/v1/diary/erase", {"confirm": "erase everything"})
    with opened(browser, server, "/diary", language, size) as page:
        profile = page.locator("details.profile")
        assert profile.get_attribute("open") is not None  # not told yet: the form is open
        page.locator("#profile-age").fill("61")
        page.locator("#profile-sex").select_option("male")
        profile.get_by_role("button", name=WORDS[language]["save"]).click()
        assert page.locator(".notice").is_visible()
        profile = page.locator("details.profile")
        told = "age 61, male" if language == "en" else "61 ans, homme"
        assert profile.get_attribute("open") is None and told in profile.locator("summary").inner_text()
        assert api(server, "GET", "/api/v1/diary/profile") == {"age": 61, "sex": "male"}


@EVERYWHERE
def test_the_browsers_back_and_forward_move_between_questions(browser, server: str, language: str, size: str) -> None:  # type: ignore[no-untyped-def]
    with opened(browser, server, "/", language, size) as page:
        page.locator("textarea").fill("eyelid twitching for a week" if language == "en" else "paupière qui tressaute")
        page.locator("form.start-form button[type=submit]").click()
        first_url = page.url
        assert first_url.endswith("/q/1")
        page.locator("button[name=answer][value=none]").click()
        assert page.url.endswith("/q/2")
        second = page.locator("h1").inner_text()
        page.go_back()
        assert page.url == first_url and page.locator("h1").inner_text() != second
        assert page.locator("form[action$='/revise']").is_visible()  # what was answered, and a way to change it
        shot(page, f"earlier-question-{language}-{size}")
        assert not axe_serious(page)
        page.go_forward()
        assert page.url.endswith("/q/2") and page.locator("h1").inner_text() == second
        assert not axe_serious(page)


WALK = {"en": "my eyelid keeps twitching", "fr": "ma paupière tressaute sans arrêt"}


@EVERYWHERE
def test_every_question_has_its_own_heading_title_and_reason_and_nothing_said_is_asked_again(  # type: ignore[no-untyped-def]
    browser, server: str, language: str, size: str
) -> None:
    with opened(browser, server, "/", language, size) as page:
        page.locator("textarea").fill(WALK[language])
        page.locator("form.start-form button[type=submit]").click()
        seen: list[tuple[str, str, str]] = []
        eyelid = "Eyelid" if language == "en" else "Paupière"
        for _ in range(8):
            if "/q/" not in page.url:
                break
            heading = page.locator("h1").inner_text()
            why = page.locator(".why").inner_text() if page.locator(".why").count() else ""
            seen.append((heading, page.title(), why))
            options = " ".join(page.locator(".option label").all_inner_texts())
            assert eyelid.lower() not in options.lower()  # the eyelid was said: no option asks it again
            assert page.evaluate("document.activeElement && document.activeElement.id") == "question-heading"
            page.locator("button[name=answer][value=unknown]").first.click()
        assert len(seen) >= 5
        assert len({h for h, _, _ in seen}) == len(seen) and len({t for _, t, _ in seen}) == len(seen)
        assert len({w for _, _, w in seen}) > 1  # "why we ask" says something of each question
        progress = page.locator(".progress-text").all_inner_texts() if "/q/" in page.url else []
        assert not [p for p in progress if "20" in p]  # never "of at most 20"


@EVERYWHERE
def test_an_emergency_gives_one_number_to_tap_and_the_nurse_line_for_the_rest(  # type: ignore[no-untyped-def]
    browser, server: str, language: str, size: str
) -> None:
    stroke = {
        "en": "I suddenly can't move my right arm and my speech is slurred",
        "fr": "Soudainement je ne peux plus bouger le bras droit et j'ai de la difficulté à parler",
    }
    with opened(browser, server, "/", language, size) as page:
        page.locator("textarea").fill(stroke[language])
        page.locator("form.start-form button[type=submit]").click()
        if "/result" not in page.url:
            page.locator("form[action$='/stop'] button").click()
        page.wait_for_url(re.compile(r"/result"))
        call = page.locator("a[href='tel:911']").first
        expect(call).to_be_visible()  # waits for the result page to render (a loaded CI machine is slow)
        assert "911" in call.inner_text()
        assert page.locator("a[href='tel:811']").count() >= 1
        assert "112" not in page.locator("main").inner_text() and "999" not in page.locator("main").inner_text()


@EVERYWHERE
def test_a_saved_result_opens_from_the_diary(browser, diary: str, language: str, size: str) -> None:  # type: ignore[no-untyped-def]
    with opened(browser, diary, "/", language, size) as page:
        page.locator("textarea").fill(WALK[language])
        page.locator("form.start-form button[type=submit]").click()
        page.locator("form[action$='/stop'] button").click()
        assert "/result" in page.url
        page.locator("form[action$='/save'] button").click()
        assert "/diary" in page.url and page.locator(".notice").is_visible()
        page.locator("a[href^='/diary/saved/']").first.click()
        assert page.locator("main .notice").first.is_visible()  # "a result saved on ..., as it was then"
        assert page.locator("h1").count() == 1
        if language == "fr":
            assert not english_words(page.locator("main").inner_text())


@EVERYWHERE
def test_a_new_diary_says_how_many_more_days_before_triggers_show(  # type: ignore[no-untyped-def]
    browser, server: str, language: str, size: str
) -> None:
    api(server, "POST", "/api/v1/diary/erase", {"confirm": "erase everything"})
    with opened(browser, server, "/diary", language, size) as page:
        page.locator("label[for='loc-twitch_eyelid']").click()
        page.locator("form.quick-log details > summary").first.click()
        page.locator("#caffeine_drinks").fill("4")
        page.locator("form.quick-log button[type=submit]").click()
        hint = page.locator("section[aria-labelledby=triggers-heading] .hint").inner_text()
        assert re.search(r"\b[1-9]\d*\b", hint) and ("more day" in hint or "jour" in hint)
        shot(page, f"diary-new-{language}-{size}")
