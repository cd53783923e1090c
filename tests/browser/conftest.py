"""Browser tests: the real app under uvicorn, driven by Playwright in the system Chromium.

`playwright install` cannot download browsers here, so Playwright is pointed
at /usr/bin/chromium (installed by `make install` when missing).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

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

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web app served by uvicorn in its own process, on a free loopback port."""
    port = free_port()
    env = {**os.environ, "TWITCHCHECK_DATA_DIR": str(tmp_path_factory.mktemp("data"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "twitchcheck", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a hang guard for a loaded machine; the server usually answers in seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(
                    f"the server did not start: {process.stderr.read().decode() if process.stderr else ''}"
                ) from None
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)
    if process.stderr is not None:
        process.stderr.close()


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
