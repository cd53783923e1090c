"""Every free-text error of the French parser on development cases, with the words that caused it.

Why: the aggregate figures of `bench/text_metrics.py` say how far off the
parser is, not why. This lists, per case, the findings read present that the
text does not state (false positives), the stated ones missed (false
negatives) and the denials that are wrong (a denial of something the text did
not deny, or read the wrong way round), each with the span and cue that gave
it, so errors can be grouped into classes and fixed as classes.

Held-out files (`*_holdout.jsonl`) are refused: they are scored once, in
aggregate, with `bench/text_metrics.py`, and never read while fixing.

    .venv/bin/python bench/text_errors_fr.py tests/data/independent/narratives_fr_dev.jsonl [--id NF012] [--kind fp]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from twitchcheck.nlu import parse_text
from twitchcheck.nlu.language import detect_language
from twitchcheck.nlu.models import FindingMention, ParsedText

KINDS = ("fp", "fn", "neg_fp", "neg_fn")


def _refuse_holdout(paths: Iterable[str]) -> None:
    for path in paths:
        if Path(path).name.endswith("_holdout.jsonl"):
            sys.exit(f"refused: {path} is held out; score it only with bench/text_metrics.py, once")


def _spans(mentions: Sequence[FindingMention], finding_id: str) -> str:
    found = [f"«{m.text}»" + (f" cue «{m.cue}»" if m.cue else "") for m in mentions if m.finding_id == finding_id]
    return "; ".join(found)


def _where_else(parsed: ParsedText, finding_id: str) -> str:
    """Where a missed finding went instead (uncertain, historical, unsure, absent), if anywhere."""
    places = []
    for name in ("uncertain", "historical", "absent", "present"):
        spans = _spans(getattr(parsed, name), finding_id)
        if spans:
            places.append(f"{name}: {spans}")
    unsure = [f"«{u.text}» ({u.reason})" for u in parsed.unsure if finding_id in (u.finding_id, u.mentioned)]
    if unsure:
        places.append("unsure: " + "; ".join(unsure))
    return " | ".join(places)


def case_errors(case: dict[str, Any]) -> list[dict[str, str]]:
    """The errors of one case: kind, finding id and the words behind it."""
    narrative = str(case["narrative"])
    language = case.get("language") or detect_language(narrative, default="en")
    parsed = parse_text(narrative, language=language)
    present, absent = set(parsed.present_ids), set(parsed.absent_ids)
    stated, denied = set(case.get("text_present", ())), set(case.get("text_absent", ()))
    errors = []
    for fid in sorted(present - stated):
        errors.append({"kind": "fp", "id": fid, "span": _spans(parsed.present, fid)})
    for fid in sorted(stated - present):
        errors.append({"kind": "fn", "id": fid, "span": _where_else(parsed, fid)})
    for fid in sorted(absent - denied):
        kind = "neg_fp_reversed" if fid in stated else "neg_fp"
        errors.append({"kind": kind, "id": fid, "span": _spans(parsed.absent, fid)})
    for fid in sorted(denied - absent):
        errors.append({"kind": "neg_fn", "id": fid, "span": _where_else(parsed, fid)})
    if language != "fr":
        errors.append({"kind": "language", "id": language, "span": "detected language is not French"})
    return errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--id", action="append", default=[], help="only these case ids")
    parser.add_argument("--kind", action="append", default=[], help="only these kinds: " + ", ".join(KINDS))
    parser.add_argument("--json", action="store_true", help="one JSON object per error")
    args = parser.parse_args(argv)
    _refuse_holdout(args.files)
    tally: Counter[str] = Counter()
    for path in args.files:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            if args.id and case["id"] not in args.id:
                continue
            errors = [e for e in case_errors(case) if not args.kind or e["kind"].startswith(tuple(args.kind))]
            if not errors:
                continue
            tally.update(e["kind"] for e in errors)
            if args.json:
                for error in errors:
                    print(json.dumps({"case": case["id"], **error}, ensure_ascii=False))
                continue
            print(f"## {case['id']}: {case['narrative']}")
            for error in errors:
                print(f"   {error['kind']:16} {error['id']:28} {error['span']}")
    print("totals: " + ", ".join(f"{kind} {count}" for kind, count in sorted(tally.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
