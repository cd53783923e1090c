"""Three journeys read correctly in English and French, on a phone and a desktop (issue 12).

- Stroke-type: the emergency is named ("Possible stroke") before the call to
  act, and the twitch causes are folded away under "other things".
- Tongue twitch: the warning sign is shown as one, and benign twitching never
  lists it "for" itself.
- ALS-type (weakness, wasting, months): the warning signs come before the causes.
Screenshots go to the screenshot folder (docs/screenshots/journeys with `make screenshots`).
"""

from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS, SIZES, locale_of, start_from_text

pytestmark = pytest.mark.browser

JOURNEYS = {
    "stroke": {
        "en": "I suddenly can't move my right arm and my speech is slurred",
        "fr": "Soudainement je ne peux plus bouger le bras droit et j'ai de la difficulté à parler",
    },
    "tongue": {
        "en": "My tongue has been twitching for 3 weeks, no weakness that I know of",
        "fr": "Ma langue tressaute depuis 3 semaines, je ne remarque pas de faiblesse",
    },
    "als": {
        "en": (
            "For 4 months my arm muscles twitch all over, my right hand is getting weaker and thinner and I drop things"
        ),
        "fr": (
            "Depuis 4 mois les muscles de mes bras tressautent partout, ma main droite s'affaiblit et maigrit "
            "et j'échappe des objets"
        ),
    },
}
WORDS = {
    "en": {
        "stroke": "Possible stroke",
        "other": "Other things the answers suggest",
        "stop": "Stop and see my result",
        "benign": "Benign twitching",
        "for": "For:",
        "tongue": "tongue",
    },
    "fr": {
        "stroke": "Possible AVC",
        "other": "Ce que les réponses suggèrent aussi",
        "stop": "Arrêter et voir mon résultat",
        "benign": "Tressaillements bénins",
        "for": "Pour :",
        "tongue": "langue",
    },
}


def result_of(browser, server: str, journey: str, language: str, size: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=SIZES[size], locale=locale_of(language))
    page = context.new_page()
    page.goto(f"{server}/?lang={language}")
    page.locator("textarea").fill(JOURNEYS[journey][language])
    page.locator("form.start-form button[type=submit]").click()
    if "/result" not in page.url:
        stop = page.locator("form[action$='/stop'] button")
        with page.expect_navigation():
            stop.click()
    SCREENSHOTS.joinpath("journeys").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "journeys" / f"{journey}-{language}-{size}.png"), full_page=True)
    return context, page


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_stroke_journey_names_the_stroke_before_anything_else(  # type: ignore[no-untyped-def]
    browser, server: str, language: str, size: str
) -> None:
    context, page = result_of(browser, server, "stroke", language, size)
    main = page.locator("main").inner_text()
    alert = page.locator("main > *").first
    assert alert.get_attribute("role") == "alert"
    assert alert.inner_text().startswith(WORDS[language]["stroke"])
    assert main.index(WORDS[language]["stroke"]) < main.index(WORDS[language]["other"])
    assert not page.locator("details.other-causes").get_attribute("open")  # folded away
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("journey", ["tongue", "als"])
def test_warning_signs_come_first_and_never_count_for_benign_twitching(  # type: ignore[no-untyped-def]
    browser, server: str, journey: str, language: str, size: str
) -> None:
    context, page = result_of(browser, server, journey, language, size)
    main = page.locator("main").inner_text()
    assert page.locator("section.red-flags").count() == 1
    causes = page.locator("ol.causes > li")
    names = [causes.nth(index).locator(".cause-name").inner_text() for index in range(causes.count())]
    for index, name in enumerate(names):
        if WORDS[language]["benign"] in name:
            supporting = " ".join(causes.nth(index).locator("li.for").all_inner_texts()).lower()
            assert WORDS[language]["tongue"] not in supporting
    flags = main.index(page.locator("#flags-heading").inner_text())
    assert flags < main.index(page.locator("#causes-heading").inner_text())
    context.close()


def test_after_each_answer_focus_is_on_the_new_questions_heading(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=SIZES["phone"], locale="en-CA")
    page = context.new_page()
    start_from_text(page, server, "en", "My eyelid keeps twitching")
    for _ in range(3):
        page.wait_for_load_state("load")
        assert page.evaluate("document.activeElement.id") == "question-heading"
        with page.expect_navigation():
            page.get_by_role("button", name="None of these").click()
    context.close()


def test_the_printed_result_says_what_was_answered_and_keeps_its_bars(browser, server: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=SIZES["desktop"], locale="en-CA")
    page = context.new_page()
    start_from_text(page, server, "en", "My left eyelid has been twitching for 4 days, no fever")
    with page.expect_navigation():
        page.locator("form[action$='/stop'] button").click()
    page.emulate_media(media="print")
    answered = page.locator("section.answered")
    assert answered.is_visible() and "Twitching of an eyelid" in answered.inner_text()
    assert "Fever" in answered.inner_text()
    adjust = page.locator(".bar span").first.evaluate("e => getComputedStyle(e).printColorAdjust")
    assert adjust == "exact"
    evidence = page.locator("ul.evidence").first
    assert evidence.is_visible()  # the for-and-against list prints, not only its heading
    page.pdf(path=str(tmp_path / "result.pdf"))
    context.close()
