"""Count the cases where a warning sign is listed "for" benign twitching (issue 12, item 3).

Over the public vignettes and the independent sets, structured mode (every
finding given). Run against any tree to compare, e.g. before and after:

    PYTHONPATH=/tmp/base/src .venv/bin/python bench/count_false_reassurance.py
    .venv/bin/python bench/count_false_reassurance.py
"""

from __future__ import annotations

from case_sets import all_cases

from twitchcheck.assessment import default_assessor
from twitchcheck.evaluation.structured import assess_case


def main() -> None:
    assessor = default_assessor()
    kb = assessor.kb
    alarming = kb.warning_sign_ids | kb.acute_red_flag_ids
    cases = all_cases()
    listed = 0
    for case in cases:
        benign = next(c for c in assess_case(assessor, case).causes if c.id == "benign_fasciculation")
        listed += bool({w.finding for w in benign.supporting} & alarming)
    print(f"{len(cases)} cases: a warning sign listed for benign twitching in {listed}")


if __name__ == "__main__":
    main()
