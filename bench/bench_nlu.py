"""Benchmark the free-text intake: median and p99 parse time after warm-up.

    .venv/bin/python bench/bench_nlu.py [path/to/cases.jsonl]

Times every public narrative and a 1,000-character text; the target is well
under 20 ms per 1,000 characters once the pipeline is built (the first call
builds spaCy and compiles the lexicon, and is reported separately).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from twitchcheck.nlu import parse_text

DEFAULT_CASES = Path(__file__).resolve().parents[2] / "shared" / "vignettes" / "public.jsonl"
ROUNDS = 30
LONG_TEXT = (
    "I'm a 34 year old woman. For the last three weeks my left eyelid has been twitching on and off, "
    "and since last month my calves twitch when I'm resting in bed. No fever, no rash and no weakness, "
    "but I'm shattered: work has been mad, I'm only sleeping five hours a night and I live on coffee and "
    "energy drinks. My dad had ALS, so I'm terrified. Not sure if my hand is weaker. I had a seizure "
    "years ago as a teenager. Pins and needles in my fingers sometimes, and my muscles ache after the gym. "
)


def timed(text: str) -> float:
    start = time.perf_counter()
    parse_text(text)
    return (time.perf_counter() - start) * 1000.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CASES
    narratives = [json.loads(line)["narrative"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    long_text = (LONG_TEXT * 3)[:1000]
    first = timed("warm-up: my calf twitches")
    narrative_times = [timed(text) for _ in range(ROUNDS) for text in narratives]
    long_times = [timed(long_text) for _ in range(ROUNDS * 5)]
    print(f"first call (builds spaCy + compiles lexicon): {first:.0f} ms")
    mean_chars = statistics.mean(len(t) for t in narratives)
    print(
        f"public narratives ({len(narratives)} x {ROUNDS}, mean {mean_chars:.0f} chars):"
        f" median {statistics.median(narrative_times):.2f} ms, p99 {percentile(narrative_times, 0.99):.2f} ms"
    )
    print(
        f"1,000-character text ({len(long_text)} chars x {len(long_times)}):"
        f" median {statistics.median(long_times):.2f} ms, p99 {percentile(long_times, 0.99):.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
