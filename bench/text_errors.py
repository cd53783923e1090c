"""Per development case, what the free-text parser got wrong, with the words that gave it.

For each case: spurious present findings (with the span and any cue), stated
findings missed (with what the parser did with them instead: hedged, past,
someone else's, denied), wrong denials and missed denials. The summary counts
each kind per set, so a lexicon change can be judged by what it fixes and
what it breaks across every development set at once.

It refuses held-out files (`*_holdout*`): those are scored only in aggregate,
once, by `bench/text_metrics.py`, and their cases are never read here.

    .venv/bin/python bench/text_errors.py tests/data/independent/narratives_en_dev.jsonl
    .venv/bin/python bench/text_errors.py --summary tests/data/independent/*_dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from twitchcheck.nlu import parse_text
from twitchcheck.nlu.language import detect_language
from twitchcheck.nlu.models import FindingMention, ParsedText


def _spans(mentions: Sequence[FindingMention], finding_id: str) -> list[str]:
    return [f"{m.text!r}" + (f" [{m.cue}]" if m.cue else "") for m in mentions if m.finding_id == finding_id]


def _elsewhere(parsed: ParsedText, finding_id: str) -> str:
    """Where a missed present finding went instead, if the parser saw it at all."""
    places = []
    for name in ("absent", "uncertain", "historical"):
        spans = _spans(getattr(parsed, name), finding_id)
        if spans:
            places.append(f"{name}: {', '.join(spans)}")
    unsure = [f"{m.text!r} ({m.reason})" for m in parsed.unsure if m.mentioned == finding_id]
    if unsure:
        places.append(f"unsure: {', '.join(unsure)}")
    return "; ".join(places) or "not seen"


def case_errors(case: dict[str, Any]) -> dict[str, list[str]]:
    """The errors of one case, by kind, each with its evidence."""
    narrative = str(case["narrative"])
    parsed = parse_text(narrative, language=detect_language(narrative, default="en"))
    present, absent = set(parsed.present_ids), set(parsed.absent_ids)
    stated, denied = set(case.get("text_present", ())), set(case.get("text_absent", ()))
    errors: dict[str, list[str]] = {}
    for fid in sorted(present - stated):
        where = " (denied in the case)" if fid in denied else ""
        errors.setdefault("present_fp", []).append(f"{fid}{where}: {', '.join(_spans(parsed.present, fid))}")
    for fid in sorted(stated - present):
        errors.setdefault("present_fn", []).append(f"{fid}: {_elsewhere(parsed, fid)}")
    for fid in sorted(absent - denied):
        errors.setdefault("negated_fp", []).append(f"{fid}: {', '.join(_spans(parsed.absent, fid))}")
    for fid in sorted(denied - absent):
        errors.setdefault("negated_fn", []).append(f"{fid}: {_elsewhere(parsed, fid)}")
    return errors


def main(argv: Sequence[str] | None = None) -> int:
    """Print each case's errors (or only the counts with --summary)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--summary", action="store_true", help="counts per set only")
    args = parser.parse_args(argv)
    if any("holdout" in path.name for path in args.files):
        print("refused: held-out files are scored only in aggregate (bench/text_metrics.py)", file=sys.stderr)
        return 2
    for path in args.files:
        totals: Counter[str] = Counter()
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            errors = case_errors(case)
            totals.update({kind: len(items) for kind, items in errors.items()})
            if errors and not args.summary:
                print(f"## {case.get('id')}: {case['narrative']}")
                for kind, items in errors.items():
                    for item in items:
                        print(f"  {kind:10} {item}")
        print(f"# {path.stem}: " + ", ".join(f"{k} {totals[k]}" for k in sorted(totals)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
