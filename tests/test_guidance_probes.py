"""Every guidance statement the knowledge base cites is a probe that passes, and each moves for its reason.

The probes (`knowledge/data/guidance_probes.yaml`) were written from the
guidance documents alone, without reading the rules; see
`twitchcheck.evaluation.probes` for what passing means.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from twitchcheck import Assessor, KnowledgeBase
from twitchcheck.evaluation.probes import coverage, load_probes, run_probes

PROBES = load_probes()
TESTABLE = [p for p in PROBES if p.no_probe is None]


def test_the_probes_use_only_known_ids_and_name_a_decisive_finding_they_contain(kb: KnowledgeBase) -> None:
    known = set(kb.finding_ids)
    for probe in TESTABLE:
        assert set(probe.present) | set(probe.absent) <= known, probe.id
        assert set(probe.decisive) <= set(probe.present), probe.id
        assert probe.levels, probe.id


def test_every_statement_without_a_probe_says_why() -> None:
    assert all(p.no_probe.strip() for p in PROBES if p.no_probe is not None)


@pytest.mark.parametrize("probe_id", [p.id for p in TESTABLE])
def test_the_guidance_level_is_given_and_moves_for_its_reason(assessor: Assessor, probe_id: str) -> None:
    probe = next(p for p in TESTABLE if p.id == probe_id)
    (result,) = run_probes(assessor, [probe, *(p for p in PROBES if p.id == probe.superseded_by)])[:1]
    assert result.problem is None, f"{probe.statement} ({probe.source}): {result.problem}"


def test_coverage_counts_every_statement(assessor: Assessor) -> None:
    figures = coverage(PROBES, run_probes(assessor, PROBES))
    assert figures["statements"] == figures["with_probe"] + figures["no_id"]
    assert figures["passing"] == figures["with_probe"]


def test_the_hazard_log_names_only_probes_and_rules_that_exist(kb: KnowledgeBase) -> None:
    """The hazard log's table of hazard classes is a control only if each probe and rule it names is real."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "hazard-log.md").read_text(encoding="utf-8")
    section = text.split("by the hazard classes of issue #9", 1)[1].split("- **Residual risk.**", 1)[0]
    rows = [line.split("|") for line in section.splitlines() if line.strip().startswith("|") and "`" in line]
    table = [cols for cols in rows if len(cols) == 5]  # | hazard class | rules | probes |
    assert len(table) >= 10, "the hazard log should name the rules and probes of each hazard class"
    rules = {rule.id for rule in kb.rules}
    probes = {p.id for p in PROBES}
    named_rules = {name for cols in table for name in re.findall(r"`([a-z0-9_]+)`", cols[2])}
    named_probes = {name for cols in table for name in re.findall(r"`([a-z0-9-]+)`", cols[3])}
    assert named_rules <= rules, f"unknown rules: {sorted(named_rules - rules)}"
    assert named_probes <= probes, f"unknown probes: {sorted(named_probes - probes)}"
