"""The cases the one-off measurements read: the public vignettes and every independent set, in one list."""

from __future__ import annotations

from pathlib import Path

from twitchcheck.evaluation import Case, load_cases

ROOT = Path(__file__).resolve().parents[1]
FILES = [
    ROOT.parent / "shared" / "vignettes" / "public.jsonl",
    *sorted((ROOT / "tests/data/independent").glob("*.jsonl")),
]


def all_cases() -> list[Case]:
    """Every case of the public and independent sets (development and held-out parts)."""
    return [case for path in FILES for case in load_cases(path)]
