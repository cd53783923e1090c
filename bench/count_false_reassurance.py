"""Count the cases where a warning sign is listed "for" benign twitching (issue 12, item 3).

Over the public vignettes and the independent sets, structured mode (every
finding given). Run against any tree to compare, e.g. before and after:

    PYTHONPATH=/tmp/base/src .venv/bin/python bench/count_false_reassurance.py
    .venv/bin/python bench/count_false_reassurance.py
"""

from __future__ import annotations

import json
from pathlib import Path

from twitchcheck import assess, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
FILES = [
    ROOT.parent / "shared" / "vignettes" / "public.jsonl",
    *sorted((ROOT / "tests/data/independent").glob("*.jsonl")),
]


def main() -> None:
    kb = load_knowledge()
    alarming = set(kb.warning_sign_ids) | set(kb.acute_red_flag_ids)
    cases = listed = 0
    for path in FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            cases += 1
            result = assess(
                present=[f for f in case.get("present", []) if f in kb.finding_ids],
                age=case.get("age"),
                sex=case.get("sex"),
            )
            benign = next(c for c in result.causes if c.id == "benign_fasciculation")
            listed += bool({w.finding for w in benign.supporting} & alarming)
    print(f"{cases} cases: a warning sign listed for benign twitching in {listed}")


if __name__ == "__main__":
    main()
