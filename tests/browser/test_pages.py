"""What a person sees: full interviews in real Chromium, the emergency path, French, keyboard only, axe."""

from __future__ import annotations

import pytest

from .conftest import DOCS_SCREENSHOTS, SCREENSHOTS

pytestmark = pytest.mark.browser


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def answer_until_result(page, *, choose=lambda question: "No") -> int:  # type: ignore[no-untyped-def]
    """Click through the interview; return the number of question screens seen."""
    screens = 0
    while "/result" not in page.url:
        screens += 1
        assert screens < 40, "the interview did not end"
        if page.locator("input[type=radio]").count():
            page.locator("input[type=radio]").first.check()
            button = page.get_by_role("button", name="Next")
        elif page.locator("input[type=checkbox]").count():
            button = page.get_by_role("button", name="None of these")
        else:
            button = page.get_by_role("button").get_by_text(choose(page), exact=True)
        with page.expect_navigation():
            button.click()
    return screens


def test_a_full_interview_from_free_text_to_result(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    screenshot(page, "start")
    page.get_by_label("In your own words").fill(
        "My left eyelid has been flickering for four days. Work is mad and I sleep about five hours. No fever."
    )
    page.get_by_label("Age (years, optional)").fill("34")
    page.get_by_label("Sex (optional)").select_option("female")
    page.get_by_role("button", name="Start").click()
    assert "/i/" in page.url
    assert page.get_by_role("heading", name="What we understood").is_visible()
    assert page.get_by_text("Twitching of an eyelid").first.is_visible()
    screenshot(page, "question")
    screens = answer_until_result(page)
    assert 3 <= screens <= 20
    assert page.get_by_role("heading", level=1).inner_text() == "Manage at home"
    assert page.get_by_role("heading", name="Most likely causes").is_visible()
    assert page.get_by_text("Lack of sleep").first.is_visible()
    assert page.get_by_text("does not replace a doctor").first.is_visible()
    screenshot(page, "result")


def test_an_urgent_sign_shows_what_to_do_now_before_anything_else(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.get_by_label("In your own words").fill("My hand keeps twitching.")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Trouble breathing").check()
    page.get_by_role("button", name="Next").click()
    assert page.url.endswith("/result")
    first = page.locator("main > *").first
    assert first.get_attribute("role") == "alert"
    assert "Call an ambulance now" in first.inner_text()
    assert "911" in first.inner_text()
    screenshot(page, "emergency")


def test_the_page_speaks_french(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="fr-CA", extra_http_headers={"Accept-Language": "fr-CA,fr;q=0.9"})
    page = context.new_page()
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("button", name="Commencer").is_visible()
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()


def test_keyboard_alone_completes_an_interview(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.get_by_label("In your own words").focus()
    page.keyboard.type("Calf twitching after a long run yesterday, no weakness.")
    page.keyboard.press("Tab")
    page.keyboard.type("40")
    for _ in range(2):
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/i/" in page.url
    screens = 0
    while "/result" not in page.url:
        screens += 1
        assert screens < 40
        if page.locator("input[type=radio]").count():
            page.locator("input[type=radio]").first.focus()
            page.keyboard.press("Space")
            page.get_by_role("button", name="Next").focus()
        elif page.locator("input[type=checkbox]").count():
            page.get_by_role("button", name="None of these").focus()
        else:
            page.get_by_role("button", name="No", exact=True).focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).is_visible()


def test_logging_a_twitch_on_a_phone_takes_a_few_taps(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/diary")
    page.get_by_label("Eyelid", exact=True).check()
    page.get_by_label("Bouts today").fill("5")
    page.get_by_role("button", name="Log it").click()
    assert page.get_by_role("status").inner_text() == "Logged."
    chart = page.locator("figure.chart img")
    chart.evaluate("image => image.decode()")  # the chart is an image the browser fetches after the page
    assert chart.is_visible()
    assert page.get_by_role("link", name="Download the report for your doctor (PDF)").is_visible()
    screenshot(page, "diary")


@pytest.mark.parametrize("path", ["/", "question", "result", "emergency", "diary"])
def test_no_serious_or_critical_accessibility_violations(server: str, page, path: str) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + ("/diary" if path == "diary" else "/"))
    if path not in ("/", "diary"):
        page.get_by_label("In your own words").fill("eyelid twitching for a week")
        page.get_by_role("button", name="Start").click()
        if path == "emergency":
            page.get_by_label("Trouble breathing").check()
            page.get_by_role("button", name="Next").click()
        elif path == "result":
            answer_until_result(page)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in serious]


def test_screenshots_are_kept_for_the_readme() -> None:
    for name in ("start", "question", "result", "emergency", "diary"):
        assert (DOCS_SCREENSHOTS / f"{name}.png").is_file(), f"run `make screenshots` to make {name}.png"


def test_result_page_prints_without_the_navigation(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.get_by_label("In your own words").fill("eyelid twitching for a week, stressed at work")
    page.get_by_role("button", name="Start").click()
    answer_until_result(page)
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.get_by_role("heading", name="Most likely causes").is_visible()
    assert page.pdf()[:4] == b"%PDF"
