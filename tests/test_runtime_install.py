"""An install of the runtime dependencies alone (no dev group) runs assess, parse and serve.

A package imported at run time but declared only through a development tool
(scipy once came in with pgmpy) breaks a clinic's install; this test makes one
from the lock file, without the dev group, and uses it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UV = ROOT / ".tools" / "bin" / "uv"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.subprocess,
    pytest.mark.skipif(not UV.is_file(), reason="uv is installed by `make install` in .tools/"),
]


@pytest.fixture(scope="module")
def runtime_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    environment = tmp_path_factory.mktemp("runtime") / "venv"
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(environment)}
    subprocess.run([str(UV), "sync", "--frozen", "--no-dev", "--quiet"], cwd=ROOT, env=env, check=True, timeout=900)
    assert not (environment / "bin" / "pytest").exists()  # really without the dev group
    return environment


def test_assess_runs_without_the_dev_dependencies(runtime_env: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(runtime_env / "bin" / "twitchcheck"), "assess", "--present", "twitch_eyelid", "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "TWITCHCHECK_DATA_DIR": str(tmp_path)},
    )
    assert '"level": "self_care"' in result.stdout


def test_parse_and_the_diary_run_without_the_dev_dependencies(runtime_env: Path, tmp_path: Path) -> None:
    env = {**os.environ, "TWITCHCHECK_DATA_DIR": str(tmp_path)}
    parsed = subprocess.run(
        [str(runtime_env / "bin" / "twitchcheck"), "parse", "my eyelid twitches, no fever", "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    assert "twitch_eyelid" in parsed.stdout
    review = subprocess.run(
        [str(runtime_env / "bin" / "twitchcheck"), "diary", "review"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )
    assert review.returncode in (0, 2), review.stderr  # an empty diary is reviewed or explained, never a crash
    assert "Traceback" not in review.stderr


def test_serve_answers_without_the_dev_dependencies(runtime_env: Path, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(runtime_env / "bin" / "twitchcheck"), "serve", "--port", str(port)],
        env={**os.environ, "TWITCHCHECK_DATA_DIR": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 180  # a hang guard for a loaded machine, not a speed limit
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(server.stderr.read().decode() if server.stderr else "no output") from None
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()
