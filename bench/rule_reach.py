"""Can the interview reach every emergency rule from a bare twitch? (a safety probe, not a speed benchmark)

The probe lives in `twitchcheck.evaluation.rule_reach`, where the slow test
`tests/test_rule_reach.py` runs it too; this prints every set and those not reached.

    .venv/bin/python bench/rule_reach.py
"""

from __future__ import annotations

from twitchcheck.evaluation.rule_reach import main

if __name__ == "__main__":
    main()
