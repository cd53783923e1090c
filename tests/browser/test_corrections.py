"""Correcting "What we understood" in real Chromium, in English and French, on a phone and a desktop (#11).

The person's words are read by a parser that can be wrong ("I used to drink lots of
coffee but I stopped" once became "No: twitching of an eyelid"); before the interview
goes on, each finding can be turned from yes to no, or removed, with a plain form, and
what could not be used is shown. Without JavaScript: the pages have none, and one run
switches it off to prove the form needs none. Screenshots go to the screenshot folder
(docs/screenshots/corrections with `make screenshots`).
"""

from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS, SIZES, locale_of, start_from_text

pytestmark = pytest.mark.browser

TEXTS = {
    "en": "I used to drink lots of coffee but I stopped last month, eyelid twitching. The weather is lovely today.",
    "fr": "Ma paupière saute depuis 3 jours, pas de fièvre. Je bois 5 cafés par jour. Le chat dort sur le divan.",
}
WORDS = {
    "en": {
        "heading": "What we understood",
        "save": "Save corrections",
        "unused": "We could not use:",
        "yes": "Yes",
        "no": "No",
        "remove": "Remove",
        "leftover": "The weather is lovely today",
    },
    "fr": {
        "heading": "Ce que nous avons compris",
        "save": "Enregistrer les corrections",
        "unused": "Nous n’avons pas pu utiliser",
        "yes": "Oui",
        "no": "Non",
        "remove": "Retirer",
        "leftover": "Le chat dort sur le divan",
    },
}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_person_flips_and_removes_what_was_understood_before_the_first_question(  # type: ignore[no-untyped-def]
    browser, server: str, language: str, size: str
) -> None:
    words = WORDS[language]
    context = browser.new_context(
        viewport=SIZES[size],
        locale=locale_of(language),
        java_script_enabled=size == "desktop",  # the phone runs without JavaScript: the form alone does it
    )
    page = context.new_page()
    start_from_text(page, server, language, TEXTS[language])
    section = page.locator("section.understood")
    assert section.get_by_role("heading", name=words["heading"]).is_visible()
    assert words["unused"] in section.inner_text()
    assert words["leftover"] in section.inner_text()
    items = section.locator("fieldset.correction")
    assert items.count() >= 2
    # Every row fits the screen: nothing wider than the page on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"]
    SCREENSHOTS.joinpath("corrections").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "corrections" / f"understood-{language}-{size}.png"), full_page=True)

    first, second = items.nth(0), items.nth(1)
    first_id = first.locator("input[value=yes]").get_attribute("name")
    second_id = second.locator("input[value=yes]").get_attribute("name")
    first_was_yes = first.locator("input[value=yes]").is_checked()
    first.get_by_label(words["no"] if first_was_yes else words["yes"], exact=True).check()
    second.get_by_label(words["remove"], exact=True).check()
    with page.expect_navigation():
        section.get_by_role("button", name=words["save"]).click()

    assert "/q/1" in page.url
    after = page.locator("section.understood")
    flipped = after.locator(f"input[name='{first_id}'][value={'no' if first_was_yes else 'yes'}]")
    assert flipped.is_checked()
    assert after.locator(f"input[name='{second_id}']").count() == 0  # removed: unknown, asked if it matters
    assert page.locator("form.question").is_visible()  # the interview goes on from the corrected list
    context.close()


def test_a_correction_that_makes_an_urgent_sign_yes_goes_to_the_emergency_first(  # type: ignore[no-untyped-def]
    browser, server: str
) -> None:
    context = browser.new_context(viewport=SIZES["phone"], locale="en-CA")
    page = context.new_page()
    start_from_text(page, server, "en", "My eyelid twitches, no fever.")
    fever = page.locator("fieldset.correction", has_text="Fever")
    fever.get_by_label("Yes", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save corrections").click()
    # A fever is a warning sign, not an emergency: the interview carries on, the fever now a yes.
    assert "/q/1" in page.url
    assert page.locator("input[name='c-fever'][value=yes]").is_checked()
    context.close()


LEFTOVERS = {"en": "The cat is asleep on the sofa", "fr": "Le chat dort sur le divan"}
PRONOUN_TEXTS = {
    "en": (
        "My shins feel tight after the hike, they keep twitching. The cat is asleep on the sofa.",
        "they keep twitching",
    ),
    "fr": ("Mes mollets sont durs depuis la course, ils sautent souvent. Le chat dort sur le divan.", "ils sautent"),
}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("language", ["en", "fr"])
def test_words_that_gave_a_place_through_a_pronoun_are_not_listed_as_unused(  # type: ignore[no-untyped-def]
    browser, server: str, language: str, size: str
) -> None:
    """ "They keep twitching" said where the twitch is (the shins): showing it under "could not use" was wrong."""
    text, pronoun_words = PRONOUN_TEXTS[language]
    context = browser.new_context(viewport=SIZES[size], locale=locale_of(language))
    page = context.new_page()
    start_from_text(page, server, language, text)
    section = page.locator("section.understood")
    shown = section.inner_text()
    assert LEFTOVERS[language] in shown  # the chatter is still shown as unused
    unused = shown.split(WORDS[language]["unused"], 1)[1]
    assert pronoun_words not in unused
    page.screenshot(path=str(SCREENSHOTS / "corrections" / f"pronoun-{language}-{size}.png"), full_page=True)
    context.close()
