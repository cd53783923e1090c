"""The reliability table of the leading cause's probability (issue 12): shown against share right, by bin.

"Right" is the judge's top-1: the leading cause is among the case's expected
causes. Over the public vignettes and the independent sets, structured mode:

    .venv/bin/python bench/reliability.py
"""

from __future__ import annotations

from case_sets import all_cases

from twitchcheck.assessment import default_assessor
from twitchcheck.evaluation.structured import assess_case


def main() -> None:
    assessor = default_assessor()
    bins: dict[int, list[tuple[float, bool]]] = {}
    for case in all_cases():
        top = assess_case(assessor, case).causes[0]
        right = case.expected is not None and top.id in case.expected.causes
        bins.setdefault(min(int(top.probability * 10), 9), []).append((top.probability, right))
    print("| Top-1 probability | Cases | Mean shown | Share right |\n|---|---|---|---|")
    for index in sorted(bins):
        members = bins[index]
        shown = sum(p for p, _ in members) / len(members)
        right = sum(r for _, r in members) / len(members)
        print(f"| {index / 10:.1f}–{(index + 1) / 10:.1f} | {len(members)} | {shown:.3f} | {right:.3f} |")


if __name__ == "__main__":
    main()
