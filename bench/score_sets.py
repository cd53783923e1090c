"""Score case sets side by side: the safety figures of issue #9, per set and mode.

    python bench/score_sets.py tests/data/independent/*_dev.jsonl ../shared/vignettes/public.jsonl
    python bench/score_sets.py --modes structured,interview --strip-unknown FILES   # an older knowledge base
    python bench/score_sets.py --modes text FILES                                    # from the narratives
    python bench/score_sets.py --modes conversation FILES                            # narrative, then interview

For each file and mode it prints the cases, top-3, triage safe, the number of
under-triaged cases, emergency safe (of the cases whose every acceptable level
is an emergency, the share that got one), over-triage, and the median number
of questions in interview and conversation mode; in conversation mode also the
acute red flags a narrative states that were neither read nor asked ("lost"), and
the median questions the interview alone needed on the same cases. `--strip-unknown` drops ids the knowledge base
does not know, so that a version from before vocabulary 2 can be scored on the
same files ("before" figures). It uses only the evaluation API that every
version has, so it runs against an old checkout with PYTHONPATH=that/src.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path
from typing import Any

from twitchcheck.assessment import Assessor
from twitchcheck.evaluation import evaluate_structured, load_cases
from twitchcheck.evaluation.conversation_mode import evaluate_conversation
from twitchcheck.evaluation.interview_mode import evaluate_interview
from twitchcheck.evaluation.text_mode import evaluate_text

EMERGENCY_LEVELS = {"emergency_ambulance", "emergency"}


def _stripped(path: Path, known: set[str]) -> Path:
    """A copy of the case file with every finding id the knowledge base does not know removed."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        for key in ("initial", "present", "absent", "text_present", "text_absent"):
            case[key] = [fid for fid in case.get(key, []) if fid in known]
        case["expected"]["red_flags"] = [fid for fid in case["expected"].get("red_flags", []) if fid in known]
        lines.append(json.dumps(case))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return Path(handle.name)


def score(path: Path, mode: str, assessor: Assessor, *, strip_unknown: bool) -> dict[str, Any]:
    """One row of the table."""
    source = _stripped(path, set(assessor.kb.finding_ids)) if strip_unknown else path
    cases = load_cases(source)
    if mode == "structured":
        report = evaluate_structured(assessor, cases)
    elif mode == "interview":
        report = evaluate_interview(assessor, cases)
    elif mode == "conversation":
        report = evaluate_conversation(assessor, cases)
    else:
        report = evaluate_text(assessor, cases)
    result = report.as_dict()
    failures = {f["id"]: f for f in result["failures"]}
    under = sorted(cid for cid, f in failures.items() if "UNDER-TRIAGE" in f["problems"])
    emergencies = [c for c in cases if c.expected and set(c.expected.triage_acceptable) <= EMERGENCY_LEVELS]
    emergency_ok = [c for c in emergencies if c.id not in failures or failures[c.id]["got_triage"] in EMERGENCY_LEVELS]
    row = {
        "set": path.name,
        "mode": mode,
        "cases": len(cases),
        "top3": result["top3"],
        "no_cause": result["cases_without_an_expected_cause"],
        "triage_safe": result["triage_safe"],
        "under_triaged": len(under),
        "under_triaged_ids": under,
        "emergency_safe": f"{len(emergency_ok)}/{len(emergencies)}",
        "over_triage": result["over_triage"],
    }
    if mode == "text":
        row["present_f1"] = result["present_f1"]
        row["negated_precision"] = result["negated_precision"]
    if mode in ("interview", "conversation"):
        row["questions_median"] = statistics.median(q["questions"] for q in result["questions_by_case"])
    if mode == "conversation":
        row["acute_lost"] = result["stated_acute_lost"]
        row["interview_questions_median"] = result["interview_questions_median"]
    return row


def pooled(rows: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    """All the files of one mode as one set: each figure from the rows' counts, not an average of shares."""
    mine = [r for r in rows if r["mode"] == mode]
    cases = sum(r["cases"] for r in mine)
    ranked = sum(r["cases"] - r["no_cause"] for r in mine)
    emergency = [tuple(int(n) for n in r["emergency_safe"].split("/")) for r in mine]
    return {
        "set": f"all {len(mine)} files",
        "mode": mode,
        "cases": cases,
        "top3": sum(r["top3"] * (r["cases"] - r["no_cause"]) for r in mine) / max(1, ranked),
        "no_cause": cases - ranked,
        "triage_safe": sum(r["triage_safe"] * r["cases"] for r in mine) / max(1, cases),
        "under_triaged": sum(r["under_triaged"] for r in mine),
        "under_triaged_ids": [],
        "emergency_safe": f"{sum(ok for ok, _ in emergency)}/{sum(n for _, n in emergency)}",
        "over_triage": sum(r["over_triage"] * r["cases"] for r in mine) / max(1, cases),
        **({"acute_lost": sum(r["acute_lost"] for r in mine)} if mode == "conversation" else {}),
    }


def _questions(row: dict[str, Any]) -> str:
    """The median questions, and in conversation mode the interview's own median and the acute flags lost."""
    if row["mode"] != "conversation":
        return str(row.get("questions_median", ""))
    if "questions_median" not in row:
        return f"lost acute {row['acute_lost']}"
    return f"{row['questions_median']} (interview {row['interview_questions_median']}); lost acute {row['acute_lost']}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--modes", default="structured,interview")
    parser.add_argument("--strip-unknown", action="store_true")
    parser.add_argument("--show-ids", action="store_true", help="list the under-triaged case ids (dev sets only)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    assessor = Assessor()
    rows = [
        score(path, mode, assessor, strip_unknown=args.strip_unknown)
        for path in args.files
        for mode in args.modes.split(",")
    ]
    rows += [pooled(rows, mode) for mode in args.modes.split(",")] if len(args.files) > 1 else []
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    columns = ["set", "mode", "cases", "top-3", "no cause", "triage safe", "under-triaged", "emergency safe"]
    print("| " + " | ".join([*columns, "over-triage", "questions (median)"]) + " |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['set']} | {r['mode']} | {r['cases']} | {r['top3']:.1%} | {r['no_cause']} | {r['triage_safe']:.1%} | "
            f"{r['under_triaged']} | {r['emergency_safe']} | {r['over_triage']:.1%} | {_questions(r)} |"
        )
        if args.show_ids and r["under_triaged_ids"] and "holdout" not in r["set"]:
            print(f"|   under-triaged: {', '.join(r['under_triaged_ids'])} |")


if __name__ == "__main__":
    main()
