"""An install of the runtime dependencies alone (no dev group) runs assess, parse and serve.

A package imported at run time but declared only through a development tool
(scipy once came in with pgmpy) breaks a clinic's install; this test makes one
from the lock file, without the dev group, and uses it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .servers import served

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
    with served({"TWITCHCHECK_DATA_DIR": str(tmp_path)}, command=(str(runtime_env / "bin" / "twitchcheck"),)):
        pass  # `served` fails the test unless /healthz answers 200
