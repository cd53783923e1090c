"""Per development case, what the free-text parser got wrong, with the words that gave it.

Why: the aggregate figures of `bench/text_metrics.py` say how far off the parser is, not why. For
each case this lists spurious present findings (with the span and any cue), stated findings missed
(with what the parser did with them instead: hedged, past, someone else's, unsure, denied), wrong
denials (marked "reversed" when the case states the finding) and missed denials, so errors can be
grouped into classes and fixed as classes, in either language (a case's `language` field, else the
language its narrative is written in).

It refuses held-out files (`*_holdout*`): those are scored only in aggregate, once, by
`bench/text_metrics.py`, and their cases are never read here.

    .venv/bin/python bench/text_errors.py tests/data/independent/narratives_en_dev.jsonl
    .venv/bin/python bench/text_errors.py --summary tests/data/independent/*_dev.jsonl
    .venv/bin/python bench/text_errors.py tests/data/independent/narratives_fr_dev.jsonl --id NF012 --kind present_fp
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
from twitchcheck.nlu.evaluate import case_language, scored_findings
from twitchcheck.nlu.models import FindingMention, ParsedText

KINDS = ("present_fp", "present_fn", "negated_fp", "negated_fn")


def _spans(mentions: Sequence[FindingMention], finding_id: str) -> list[str]:
    return [f"{m.text!r}" + (f" [{m.cue}]" if m.cue else "") for m in mentions if m.finding_id == finding_id]


def _elsewhere(parsed: ParsedText, finding_id: str) -> str:
    """Where a missed finding went instead, if the parser saw it at all."""
    places = []
    for name in ("present", "absent", "uncertain", "historical"):
        spans = _spans(getattr(parsed, name), finding_id)
        if spans:
            places.append(f"{name}: {', '.join(spans)}")
    unsure = [f"{m.text!r} ({m.reason})" for m in parsed.unsure if finding_id in (m.finding_id, m.mentioned)]
    if unsure:
        places.append(f"unsure: {', '.join(unsure)}")
    return "; ".join(places) or "not seen"


def case_errors(case: dict[str, Any], *, only: frozenset[str] | None = None) -> dict[str, list[str]]:
    """The errors of one case, by kind, each with its evidence (`only`: just these finding ids)."""
    parsed = parse_text(str(case["narrative"]), language=case_language(case))
    present, absent = scored_findings(parsed)
    stated, denied = set(case.get("text_present", ())), set(case.get("text_absent", ()))
    if only is not None:
        present, absent, stated, denied = present & only, absent & only, stated & only, denied & only
    errors: dict[str, list[str]] = {}
    for fid in sorted(present - stated):
        where = " (denied in the case)" if fid in denied else ""
        errors.setdefault("present_fp", []).append(f"{fid}{where}: {', '.join(_spans(parsed.present, fid))}")
    for fid in sorted(stated - present):
        errors.setdefault("present_fn", []).append(f"{fid}: {_elsewhere(parsed, fid)}")
    for fid in sorted(absent - denied):
        reversed_ = " (reversed: the case states it)" if fid in stated else ""
        errors.setdefault("negated_fp", []).append(f"{fid}{reversed_}: {', '.join(_spans(parsed.absent, fid))}")
    for fid in sorted(denied - absent):
        errors.setdefault("negated_fn", []).append(f"{fid}: {_elsewhere(parsed, fid)}")
    return errors


def refuse_held_out(paths: Sequence[Path]) -> bool:
    """True (and says why) when a held-out file is among `paths`: its cases are never printed."""
    if any("holdout" in path.name for path in paths):
        print("refused: held-out files are scored only in aggregate (bench/text_metrics.py)", file=sys.stderr)
        return True
    return False


def print_errors(
    cases: Sequence[dict[str, Any]],
    *,
    only: frozenset[str] | None = None,
    ids: Sequence[str] = (),
    kinds: Sequence[str] = (),
    summary: bool = False,
) -> Counter[str]:
    """Print each case's errors (filtered by case id and kind) and return the counts by kind."""
    totals: Counter[str] = Counter()
    for case in cases:
        if ids and case.get("id") not in ids:
            continue
        errors = {k: v for k, v in case_errors(case, only=only).items() if not kinds or k in kinds}
        totals.update({kind: len(items) for kind, items in errors.items()})
        if errors and not summary:
            print(f"## {case.get('id')}: {case['narrative']}")
            for kind, items in errors.items():
                for item in items:
                    print(f"  {kind:10} {item}")
    return totals


def main(argv: Sequence[str] | None = None) -> int:
    """Print each case's errors (or only the counts with --summary)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--summary", action="store_true", help="counts per set only")
    parser.add_argument("--id", action="append", default=[], help="only these case ids")
    parser.add_argument("--kind", action="append", default=[], choices=KINDS, help="only these kinds of error")
    args = parser.parse_args(argv)
    if refuse_held_out(args.files):
        return 2
    for path in args.files:
        cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        totals = print_errors(cases, ids=args.id, kinds=args.kind, summary=args.summary)
        print(f"# {path.stem}: " + ", ".join(f"{k} {totals[k]}" for k in sorted(totals)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
