"""Free text alone, finding by finding: present and negated precision, recall and F1, red-flag recall, triage safe.

Each narrative is parsed and its findings are scored against what the
narrative itself states (`text_present`) and denies (`text_absent`), as the
judge's text mode does. One line per file, so a held-out file is scored
without being read by the person fixing the parser.

    .venv/bin/python bench/text_metrics.py tests/data/independent/narratives_en_dev.jsonl ...
"""

from __future__ import annotations

import sys
from pathlib import Path

from twitchcheck.assessment import default_assessor
from twitchcheck.evaluation import load_cases
from twitchcheck.evaluation.text_mode import evaluate_text

SHOWN = ("present_f1", "negated_precision", "red_flag_recall", "triage_safe", "present_precision", "present_recall")


def main(paths: list[str]) -> None:
    assessor = default_assessor()
    print("| set | " + " | ".join(SHOWN) + " |")
    print("|---|" + "---|" * len(SHOWN))
    for path in paths:
        figures = evaluate_text(assessor, load_cases(Path(path))).as_dict()
        cells = [f"{figures[name]:.3f}" if isinstance(figures.get(name), float) else "—" for name in SHOWN]
        print(f"| {Path(path).stem} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
