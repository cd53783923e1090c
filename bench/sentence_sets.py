"""Score the parser on short blind sentence sets: each line a text, its language and the findings it states and denies.

    .venv/bin/python bench/sentence_sets.py FILE [FILE ...] [--only-ids ID,ID] [--show]

A sentence set (tests/data/sentences/*.jsonl) is a targeted test of one part of the reader, written
blind like the case sets: the urgent signs in everyday words, or denials and their scope. Each line is
read as a case whose narrative is the text (`nlu.evaluate.score_text_cases`, the scoring of every
other text figure), and scored over every id or only over `--only-ids`; `--show` prints each error
with the words behind it (`text_errors.py`), never for held-out files.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from text_errors import print_errors, refuse_held_out

from twitchcheck.nlu.evaluate import score_text_cases


def as_cases(path: Path) -> list[dict[str, Any]]:
    """The sentences of a set as text cases: the text is the narrative, its findings the text's own."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        {
            "id": s["id"],
            "narrative": s["text"],
            "language": s.get("language", "en"),
            "text_present": s.get("present", []),
            "text_absent": s.get("absent", []),
        }
        for s in lines
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--only-ids", default="", help="comma-separated ids to score (default: every id)")
    parser.add_argument("--show", action="store_true", help="print each error (development files only)")
    args = parser.parse_args()
    only = frozenset(args.only_ids.split(",")) if args.only_ids else None
    if args.show and refuse_held_out(args.files):
        return
    print("| file | present precision | present recall | negated precision | negated recall |\n|---|---|---|---|---|")
    for path in args.files:
        cases = as_cases(path)
        if args.show:
            print_errors(cases, only=only)
        r = score_text_cases(cases, only=only)
        print(
            f"| {path.name} | {r['present_precision']:.3f} | {r['present_recall']:.3f} | "
            f"{r['negated_precision']:.3f} | {r['negated_recall']:.3f} |"
        )


if __name__ == "__main__":
    main()
