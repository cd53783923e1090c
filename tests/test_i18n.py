"""French (Canada) beside English: complete catalogues, and pages and results in French."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from twitchcheck import KnowledgeBase, assess
from twitchcheck.i18n import localizer, negotiate_language
from twitchcheck.i18n.catalog import OVERLAY_FIELDS
from twitchcheck.i18n.localize import localize_assessment, localize_question
from twitchcheck.interview import Interview

I18N = Path(__file__).resolve().parents[1] / "src" / "twitchcheck" / "i18n"


def test_every_interface_message_is_translated_into_french(tmp_path: Path) -> None:
    """Extract afresh (as `make i18n-extract` does), so a new untranslated string fails here."""
    root = I18N.parents[2]
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "gettext",
            "-k",
            "ngettext:1,2",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        template = read_po(handle)
    with (I18N / "locales" / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        french = read_po(handle)
    wanted = {m.id for m in template if m.id}
    translated = {m.id for m in french if m.id and m.string}
    assert wanted <= translated, sorted(map(str, wanted - translated))


def test_every_patient_facing_knowledge_text_has_a_french_version(kb: KnowledgeBase) -> None:
    overlay = localizer("fr").overlay
    expected = {
        "findings": {f.id: {"label", "question"} | ({"why"} if f.warning else set()) for f in kb.findings},
        "causes": {cause_id: {"name", "summary"} for cause_id in kb.network_cause_ids},
        "levels": {level.id: {"title", "advice"} for level in kb.levels},
        "rules": {r.id: {"reason"} for r in kb.rules},
        "advice": {a.id: {"text"} for a in kb.advice},
        "tests": {t.id: {"name", "detail"} for t in kb.tests},
        "doctor_questions": {q.id: {"text"} for q in kb.doctor_questions},
        "groups": {g: {"title"} for g in kb.finding_groups},
        "conditions": {c.id: {"name"} for c in kb.conditions},
        "bands": {band.id: {"words"} for band in kb.display.bands},
        "links": {
            f"{cause}.{finding}": {"caution"}
            for cause, links in kb.links.items()
            for finding, link in links.items()
            if link.caution
        },
    }
    missing = [
        f"{section}.{item}.{field}"
        for section, items in expected.items()
        for item, fields in items.items()
        for field in fields
        if not overlay.get(section, {}).get(item, {}).get(field)
    ]
    assert not missing, missing
    assert set(overlay) <= set(OVERLAY_FIELDS)


def test_an_assessment_reads_in_french_and_keeps_its_clinical_content(kb: KnowledgeBase) -> None:
    result = assess(present=["first_seizure", "seizure"], age=40)
    french = localize_assessment(result, localizer("fr"), kb)
    assert french.triage.level == result.triage.level
    assert french.triage.title != result.triage.title
    assert "911" in french.triage.advice
    assert [c.id for c in french.causes] == [c.id for c in result.causes]
    assert [c.probability for c in french.causes] == [c.probability for c in result.causes]


def test_interview_questions_and_reasons_read_in_french(kb: KnowledgeBase) -> None:
    interview = Interview.start(age=30, evidence={"present": ["twitch_eyelid"]})
    question = interview.next_question()
    assert question is not None
    french = localize_question(question, localizer("fr"), kb)
    assert french.text != question.text and french.why != question.why
    assert [o.id for o in french.options] == [o.id for o in question.options]


def test_the_browser_language_is_honoured() -> None:
    assert negotiate_language("fr-CA,fr;q=0.9,en;q=0.8") == "fr"
    assert negotiate_language("en-GB,en;q=0.9") == "en"
    assert negotiate_language("de-DE") == "en"
    assert negotiate_language(None) == "en"


def test_french_percentages_have_a_space_before_the_sign() -> None:
    assert localizer("fr").percent(0.37) == "37\u00a0%"
    assert localizer("en").percent(0.37) == "37%"
    assert localizer("en").percent(0.999) == "95%"
