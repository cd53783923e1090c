"""Diary page and doctor's report: time flat in the span of days, linear in the number of entries (issue 15).

Before the fix the chart drew one shaded band and one tick per calendar day, so
two entries ten years apart took `/diary` 51 s and the PDF 96 s. This measures,
in one run and in-process (FastAPI's TestClient, embedded SQLite):

- two entries whose span is a week, a year, 10 years and 120 years;
- entries one a day, for 30, 300 and 3,000 days.

Each figure is the median of `--repeat` requests after one warm-up. Run:

    .venv/bin/python bench/bench_diary_span.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from twitchcheck.settings import Settings
from twitchcheck.web import create_app

PAGES = ("/diary", "/diary/report.pdf")


def entry(when: datetime) -> dict[str, object]:
    return {"when": when.isoformat(), "locations": ["twitch_eyelid"], "bouts": 3, "bout_seconds": 5, "intensity": 2}


def timed(moments: list[datetime], repeat: int) -> dict[str, float]:
    """Median seconds per page for a fresh diary holding one entry at each moment."""
    with TestClient(
        create_app(Settings(data_dir=Path(tempfile.mkdtemp(prefix="bench-span-")))), base_url="http://localhost"
    ) as client:
        document = {"format": "twitchcheck-diary", "version": 1, "entries": [entry(m) for m in moments]}
        response = client.post("/api/v1/diary/import", json=document)
        assert response.status_code == 200, response.text
        results = {}
        for page in PAGES:
            assert client.get(page).status_code == 200  # warm-up: templates, fonts, matplotlib
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                assert client.get(page).status_code == 200
                times.append(time.perf_counter() - start)
            results[page] = statistics.median(times)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    now = datetime.now(UTC).replace(microsecond=0)
    print(f"{'diary':<34} {'/diary s':>9} {'report s':>9}")
    rows = [
        (f"2 entries, span {label}", [now - timedelta(days=days), now])
        for label, days in (("7 days", 7), ("1 year", 365), ("10 years", 3652), ("120 years", 43_800))
    ]
    rows += [
        (f"{count} entries, one a day", [now - timedelta(days=n) for n in range(count)]) for count in (30, 300, 3000)
    ]
    for label, moments in rows:
        result = timed(moments, args.repeat)
        print(f"{label:<34} {result['/diary']:>9.2f} {result['/diary/report.pdf']:>9.2f}", flush=True)


if __name__ == "__main__":
    main()
