"""Split a newly written blind set into a development part and a held-out part, before anyone reads it.

Why a script: the split must be made before the cases are read and must be the same every time it is made.
Each expected triage level is shuffled with a fixed seed and its first 40 % (rounded) goes to the development
part, so both parts keep the set's mix of urgencies. The case text is never printed.

    python bench/split_set.py tests/data/independent/unscored/set_x.jsonl tests/data/independent/set_x
        -> set_x_dev.jsonl and set_x_holdout.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261203
DEV_SHARE = 0.4


def split(lines: list[str], seed: int = SEED) -> tuple[list[str], list[str]]:
    """Development and held-out lines, stratified by expected triage, each part in the file's order."""
    by_level: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        by_level[json.loads(line)["expected"]["triage"]].append(index)
    rng = random.Random(seed)
    development: set[int] = set()
    for level in sorted(by_level):
        indexes = by_level[level]
        rng.shuffle(indexes)
        development.update(indexes[: round(len(indexes) * DEV_SHARE)])
    dev = [line for index, line in enumerate(lines) if index in development]
    held_out = [line for index, line in enumerate(lines) if index not in development]
    return dev, held_out


def main(source: str, prefix: str) -> None:
    lines = [line for line in Path(source).read_text(encoding="utf-8").splitlines() if line.strip()]
    dev, held_out = split(lines)
    for suffix, part in (("_dev.jsonl", dev), ("_holdout.jsonl", held_out)):
        Path(prefix + suffix).write_text("\n".join(part) + "\n", encoding="utf-8")
    print(f"{len(dev)} development, {len(held_out)} held out")


if __name__ == "__main__":
    main(*sys.argv[1:3])
