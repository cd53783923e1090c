"""Measure the free-text intake against cases with known findings (`text_present` / `text_absent`).

Micro-averaged precision, recall and F1 for present findings and for negated
(absent) findings, plus every miss per case, so a lexicon change can be judged
by what it fixes and what it breaks. The judge computes the same on a held-out
set worded differently: use these figures to find gaps in the lexicon, not to
copy case wording into it.

    python -m twitchcheck.nlu.evaluate ../shared/vignettes/public.jsonl
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from twitchcheck.knowledge.loader import load_knowledge
from twitchcheck.nlu.language import detect_language
from twitchcheck.nlu.models import ParsedText
from twitchcheck.nlu.pipeline import parse_text


def case_language(case: Mapping[str, Any]) -> str:
    """The case's own `language` when it names one, else the language its narrative is written in."""
    narrative = str(case["narrative"])
    return str(case.get("language") or detect_language(narrative, default="en"))


def score_text_cases(cases: Sequence[Mapping[str, Any]], *, only: frozenset[str] | None = None) -> dict[str, Any]:
    """Score `parse_text` on cases with `narrative`, `text_present` and `text_absent`.

    Returns present_precision/recall/f1, negated_precision/recall/f1 (micro
    averaged), the raw counts, and `misses`: one entry per case with a false
    positive or negative, e.g. ``{"id": "P001", "present_fp": [...], ...}``.
    `only` scores just those finding ids (a sentence set aimed at the acute signs).
    The knowledge base's ids beyond the shared vocabulary are never scored: a case
    written with the vocabulary cannot state or deny them.
    """
    counts = {"present": [0, 0, 0], "negated": [0, 0, 0]}  # true positive, false positive, false negative
    misses: list[dict[str, Any]] = []
    for case in cases:
        parsed = parse_text(str(case["narrative"]), language=case_language(case))
        present, absent = scored_findings(parsed)
        found = {"present": present, "negated": absent}
        expected = {"present": set(case.get("text_present", ())), "negated": set(case.get("text_absent", ()))}
        if only is not None:
            found = {kind: ids & only for kind, ids in found.items()}
            expected = {kind: ids & only for kind, ids in expected.items()}
        miss: dict[str, Any] = {"id": case.get("id", "?")}
        for kind in ("present", "negated"):
            false_positives = found[kind] - expected[kind]
            false_negatives = expected[kind] - found[kind]
            counts[kind][0] += len(found[kind] & expected[kind])
            counts[kind][1] += len(false_positives)
            counts[kind][2] += len(false_negatives)
            if false_positives:
                miss[f"{kind}_fp"] = sorted(false_positives)
            if false_negatives:
                miss[f"{kind}_fn"] = sorted(false_negatives)
        if len(miss) > 1:
            misses.append(miss)
    result: dict[str, Any] = {"cases": len(cases)}
    for kind, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[f"{kind}_precision"] = round(precision, 4)
        result[f"{kind}_recall"] = round(recall, 4)
        result[f"{kind}_f1"] = round(f1, 4)
        result[f"{kind}_counts"] = {"tp": tp, "fp": fp, "fn": fn}
    result["misses"] = misses
    return result


def scored_findings(parsed: ParsedText) -> tuple[set[str], set[str]]:
    """The present and absent ids of a reading that a case can be scored on (none beyond the vocabulary)."""
    unscored = load_knowledge().beyond_vocabulary_ids
    return set(parsed.present_ids) - unscored, set(parsed.absent_ids) - unscored


def read_cases(path: Path) -> list[dict[str, Any]]:
    """Read a JSON-lines case file (one case a line, blank lines ignored)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _report(result: Mapping[str, Any]) -> Iterable[str]:
    for kind in ("present", "negated"):
        yield (
            f"{kind:8} precision {result[f'{kind}_precision']:.3f}  recall {result[f'{kind}_recall']:.3f}"
            f"  F1 {result[f'{kind}_f1']:.3f}  {result[f'{kind}_counts']}"
        )
    for miss in result["misses"]:
        yield json.dumps(miss)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scores of a case file (for developers; the CLI has `twitchcheck evaluate`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m twitchcheck.nlu.evaluate CASES.jsonl", file=sys.stderr)
        return 2
    for line in _report(score_text_cases(read_cases(Path(args[0])))):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
