"""Score the parser on short blind sentence sets: each line a text, its language and the findings it states and denies.

    .venv/bin/python bench/sentence_sets.py FILE [FILE ...] [--only-ids ID,ID] [--show]

A sentence set (tests/data/sentences/*.jsonl) is a targeted test of one part of the reader, written
blind like the case sets: the urgent signs in everyday words, or denials and their scope. For each
file it prints present precision and recall, negated precision and recall (over the ids listed, or
only over `--only-ids`), and with `--show` every miss and spurious reading (never for *_holdout files).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from twitchcheck.nlu import parse_text


def score(path: Path, only: set[str] | None, show: bool) -> dict[str, float]:
    counts = {"tp": 0, "fp": 0, "fn": 0, "ntp": 0, "nfp": 0, "nfn": 0}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        parsed = parse_text(case["text"], language=case.get("language", "en"))
        got_present = {m.finding_id for m in parsed.present}
        got_absent = {m.finding_id for m in parsed.absent}
        want_present, want_absent = set(case.get("present", [])), set(case.get("absent", []))
        if only is not None:
            got_present, got_absent = got_present & only, got_absent & only
            want_present, want_absent = want_present & only, want_absent & only
        counts["tp"] += len(got_present & want_present)
        counts["fp"] += len(got_present - want_present)
        counts["fn"] += len(want_present - got_present)
        counts["ntp"] += len(got_absent & want_absent)
        counts["nfp"] += len(got_absent - want_absent)
        counts["nfn"] += len(want_absent - got_absent)
        wrong = (want_present - got_present) | (got_present - want_present) | (got_absent - want_absent)
        if show and wrong and "holdout" not in path.name:
            print(f"  {case['id']} [{case.get('language', 'en')}] {case['text']}")
            print(
                f"      missed {sorted(want_present - got_present)} spurious {sorted(got_present - want_present)} "
                f"denied wrongly {sorted(got_absent - want_absent)} denial missed {sorted(want_absent - got_absent)}"
            )

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    return {
        "present_precision": ratio(counts["tp"], counts["tp"] + counts["fp"]),
        "present_recall": ratio(counts["tp"], counts["tp"] + counts["fn"]),
        "negated_precision": ratio(counts["ntp"], counts["ntp"] + counts["nfp"]),
        "negated_recall": ratio(counts["ntp"], counts["ntp"] + counts["nfn"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--only-ids", default="", help="comma-separated ids to score (default: every id)")
    parser.add_argument("--show", action="store_true", help="print each error (development files only)")
    args = parser.parse_args()
    only = set(args.only_ids.split(",")) if args.only_ids else None
    print("| file | present precision | present recall | negated precision | negated recall |\n|---|---|---|---|---|")
    for path in args.files:
        r = score(path, only, args.show)
        print(
            f"| {path.name} | {r['present_precision']:.3f} | {r['present_recall']:.3f} | "
            f"{r['negated_precision']:.3f} | {r['negated_recall']:.3f} |"
        )


if __name__ == "__main__":
    main()
