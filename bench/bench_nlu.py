"""Benchmark the free-text intake: median and p99 parse time after warm-up.

    .venv/bin/python bench/bench_nlu.py [path/to/cases.jsonl]

Times every public narrative and a 1,000-character text in English and in French; the target is well
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
# The same story as people in Quebec write it, so that both languages are timed on like text.
LONG_TEXT_FR = (
    "J'ai 34 ans, je suis une femme. Depuis trois semaines ma paupière gauche saute de temps en temps, "
    "pis depuis le mois passé mes mollets sautent quand je suis couchée. Pas de fièvre, pas de rougeurs, "
    "pas de faiblesse, mais chu ben fatiguée : la job est folle, je dors juste cinq heures par nuit et je "
    "vis sur le café pis les boissons énergisantes. Mon père avait la SLA, ça fait que j'ai peur. Pas sûre "
    "si ma main est plus faible. J'ai fait une convulsion ado. Des picotements dans les doigts des fois. "
)


def timed(text: str, language: str = "en") -> float:
    start = time.perf_counter()
    parse_text(text, language=language)
    return (time.perf_counter() - start) * 1000.0


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CASES
    narratives = [json.loads(line)["narrative"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    long_texts = {"English": ((LONG_TEXT * 3)[:1000], "en"), "French": ((LONG_TEXT_FR * 3)[:1000], "fr")}
    first = timed("warm-up: my calf twitches")
    timed("réchauffement : mon mollet saute", "fr")
    narrative_times = [timed(text) for _ in range(ROUNDS) for text in narratives]
    long_times = {
        name: [timed(text, language) for _ in range(ROUNDS * 5)] for name, (text, language) in long_texts.items()
    }
    print(f"first call (builds spaCy + compiles lexicon): {first:.0f} ms")
    mean_chars = statistics.mean(len(t) for t in narratives)
    print(
        f"public narratives ({len(narratives)} x {ROUNDS}, mean {mean_chars:.0f} chars):"
        f" median {statistics.median(narrative_times):.2f} ms, p99 {percentile(narrative_times, 0.99):.2f} ms"
    )
    for name, times in long_times.items():
        print(
            f"1,000-character {name} text ({len(long_texts[name][0])} chars x {len(times)}):"
            f" median {statistics.median(times):.2f} ms, p99 {percentile(times, 0.99):.2f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
