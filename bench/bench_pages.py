"""Benchmark: how long the pages a person waits for take on the server (issue 13's speed targets).

In-process, through Starlette's TestClient (no network, one request at a
time), on a throwaway SQLite database, after one warm-up request each:

* the diary page with 90 entries, in English and in French (target: median under 60 ms), the same
  page the first time after an entry changes, and then the chart image a phone fetches (drawn again,
  not taken from the cache);
* the doctor's PDF report with 30 and 90 entries (target: under 1 s);
* one interview step on the pages, answer and next question (POST then the GET it redirects to;
  target: under 30 ms), and the result page.

Prints one JSON object of medians and 90th percentiles in milliseconds, with the targets, and which
were met. The machine is shared and noisy: compare figures from one run, never across runs.

    .venv/bin/python bench/bench_pages.py
"""

from __future__ import annotations

import json
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from twitchcheck.settings import Settings
from twitchcheck.web import create_app

REPEATS = 25
REPORT_REPEATS = 5
TARGETS_MS = {"diary_90_en": 60.0, "diary_90_fr": 60.0, "report_30": 1000.0, "report_90": 1000.0, "step": 30.0}
PLACES = ("twitch_eyelid", "twitch_leg_calf", "twitch_arm_hand")


def timed(action: Callable[[], Any], repeats: int) -> dict[str, float]:
    """Median and 90th percentile of `repeats` calls, in milliseconds, after one warm-up call."""
    action()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"median": round(statistics.median(times), 1), "p90": round(times[int(0.9 * (len(times) - 1))], 1)}


def diary_entries(days: int) -> list[dict[str, Any]]:
    """One entry a day for `days` days ending yesterday, with the context a careful person logs."""
    start = datetime.now(UTC) - timedelta(days=days)
    return [
        {
            "when": (start + timedelta(days=n, hours=20)).isoformat(),
            "locations": [PLACES[n % 3]] if n % 5 else list(PLACES[:2]),
            "bouts": 2 + n % 7,
            "bout_seconds": 10 + n % 4 * 10,
            "intensity": 2 + n % 5,
            "sleep_hours": 5 + n % 4,
            "caffeine_drinks": n % 6,
            "stress": n % 10,
            "exercise": bool(n % 2),
            "alcohol_units": float(n % 4),
        }
        for n in range(days)
    ]


def form_token(client: TestClient, path: str = "/") -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', client.get(path).text)
    assert match, "no form token on the page"
    return match.group(1)


def main() -> None:
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(data_dir=Path(folder), accounts="off"))
        with TestClient(app, base_url="http://localhost") as client:
            document = {"format": "twitchcheck-diary", "version": 2, "entries": diary_entries(30)}
            assert client.post("/api/v1/diary/import", json=document).status_code == 200
            results["report_30"] = timed(lambda: client.get("/api/v1/diary/report.pdf"), REPORT_REPEATS)
            assert client.post("/api/v1/diary/erase", json={"confirm": "erase everything"}).status_code == 200
            document["entries"] = diary_entries(90)
            assert client.post("/api/v1/diary/import", json=document).status_code == 200
            results["diary_90_en"] = timed(lambda: client.get("/diary?lang=en"), REPEATS)
            results["diary_90_fr"] = timed(lambda: client.get("/diary?lang=fr"), REPEATS)
            results["report_90"] = timed(lambda: client.get("/api/v1/diary/report.pdf"), REPORT_REPEATS)

            def changed() -> None:
                entry = diary_entries(1)[0] | {"notes": f"bench {time.perf_counter()}"}
                client.post("/api/v1/diary/entries", json=entry)

            def timed_after_a_change(request: Callable[[], Any]) -> dict[str, float]:
                """A request's time the first time after an entry changes (its chart is drawn, not cached)."""
                times = []
                for _ in range(5):
                    changed()
                    start = time.perf_counter()
                    request()
                    times.append((time.perf_counter() - start) * 1000)
                times.sort()
                return {"median": round(statistics.median(times), 1), "p90": round(times[-1], 1)}

            results["diary_90_after_a_change"] = timed_after_a_change(lambda: client.get("/diary?lang=en"))
            results["chart_after_a_change_phone"] = timed_after_a_change(
                lambda: client.get("/diary/chart.svg?size=compact&lang=en")
            )

            token = form_token(client)
            start = client.post(
                "/start",
                data={"text": "my eyelid twitches", "form_token": token},
                follow_redirects=False,
            )
            interview = start.headers["location"]

            def step() -> None:
                page = client.get(interview).text
                version = re.search(r'name="version" value="(\d+)"', page)
                question = re.search(r'name="question_id" value="([^"]+)"', page)
                if version is None or question is None:
                    return
                client.post(
                    f"{interview}/answer",
                    data={
                        "form_token": token,
                        "version": version.group(1),
                        "question_id": question.group(1),
                        "answer": "unknown",
                    },
                    follow_redirects=False,
                )

            results["step"] = timed(step, 12)
            results["result_page"] = timed(lambda: client.get(f"{interview}/result"), REPEATS)
    summary = {
        "figures_ms": results,
        "targets_ms": TARGETS_MS,
        "met": {name: results[name]["median"] < target for name, target in TARGETS_MS.items()},
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
