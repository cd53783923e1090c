"""`serve --workers 2` comes up and answers under load (issue 15, item 7).

uvicorn gave each worker 5 s to answer its health check, and a worker that
builds the knowledge base and each language's parser took 7-9 s on a loaded
machine, so `serve --workers 4` never became healthy. The deadline below is a
hang guard for a busy machine, not a speed limit.
"""

from __future__ import annotations

import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .servers import served

pytestmark = [pytest.mark.subprocess, pytest.mark.slow]


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=60) as response:
        status: int = response.status
        return status


def test_two_workers_start_and_both_keep_answering_while_busy(tmp_path: Path, database_url: str) -> None:
    env = {"TWITCHCHECK_DATA_DIR": str(tmp_path), "TWITCHCHECK_DATABASE_URL": database_url}
    with served(env, arguments=("--workers", "2")) as (base, server):
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(get, [base + "/?lang=fr"] * 12 + [base + "/healthz"] * 12))
        assert statuses == [200] * 24
        time.sleep(6)  # past uvicorn's default health-check interval: no worker was killed as "hung"
        assert server.poll() is None
        assert get(base + "/healthz") == 200
