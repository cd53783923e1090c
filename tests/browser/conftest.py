"""Browser tests: the real app under uvicorn, driven by Playwright in the system Chromium.

`playwright install` cannot download browsers here, so Playwright is pointed
at /usr/bin/chromium (installed by `make install` when missing).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..servers import served

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# `make screenshots` sets this to refresh the pictures in docs/; a plain test run leaves docs/ alone.
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SCREENSHOTS = (
    DOCS_SCREENSHOTS
    if os.environ.get("TWITCHCHECK_SCREENSHOTS") == "docs"
    else Path(tempfile.gettempdir()) / "twitchcheck-screenshots"
)

# The two screens every page is looked at on: a phone and a desktop.
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def locale_of(language: str) -> str:
    """The browser locale of a page language (the clinic is in Canada)."""
    return "fr-CA" if language == "fr" else "en-CA"


pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web app served by uvicorn in its own process, on a free loopback port."""
    with served({"TWITCHCHECK_DATA_DIR": str(tmp_path_factory.mktemp("data"))}) as (url, _process):
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (make install installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 414, "height": 896}, locale="en-CA")  # type: ignore[attr-defined]
    opened = context.new_page()
    yield opened
    context.close()


def start_from_text(page: Any, server: str, language: str, text: str) -> None:
    """Open the start page in `language`, describe the twitching in `text`, and go on to the first page after it."""
    page.goto(f"{server}/?lang={language}")
    page.locator("textarea").fill(text)
    with page.expect_navigation():
        page.locator("form.start-form button[type=submit]").click()
