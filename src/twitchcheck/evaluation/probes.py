"""Guidance statements as probes: does the triage give each statement's level, and does it move for the right reason?

`knowledge/data/guidance_probes.yaml` holds one entry per "call 999 / go to A&E /
urgent / see a GP / self-care" statement of the guidance the knowledge base
cites (docs/guidance-digest.md, docs/guidance-statements-v2.md), written from
those documents alone: the minimal evidence the statement describes, the
levels it allows and the finding that decides it. A statement whose decisive
fact has no vocabulary id is kept with `no_probe`, so the coverage says what
cannot be checked and why.

A probe passes when the level is one the statement allows. Where two
statements give the same evidence different levels, the less urgent one names
the other in `superseded_by` (guidance that allows two levels is read as the
more urgent) and passes at the more urgent level. Each probe's near miss, the
same evidence without the decisive findings, must get a less urgent level,
which shows that the level moved for the reason the guidance gives.

    python -m twitchcheck.evaluation.probes          # the coverage table
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from twitchcheck.assessment import Assessor
from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge.files import parse_yaml_mapping
from twitchcheck.knowledge.models import TriageLevelId


class Probe(BaseModel):
    """One guidance statement, with the evidence it describes or the reason it cannot be probed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    statement: str
    source: str
    where: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    age: int | None = Field(default=None, ge=0, le=120)
    sex: str | None = None
    levels: tuple[TriageLevelId, ...] = ()
    decisive: tuple[str, ...] = ()
    superseded_by: str | None = None
    no_probe: str | None = None


@dataclass(frozen=True)
class ProbeResult:
    """What the triage said for a probe and for its near miss."""

    probe: Probe
    level: str
    near_miss_level: str | None
    passes: bool
    near_miss_passes: bool

    @property
    def problem(self) -> str | None:
        if not self.passes:
            return f"got {self.level}, the statement allows {', '.join(self.probe.levels)}"
        if not self.near_miss_passes:
            return f"without {', '.join(self.probe.decisive)} the level stays {self.near_miss_level}"
        return None


def load_probes() -> list[Probe]:
    """Every probe of the packaged file, validated; raise `KnowledgeError` naming the bad entry."""
    text = (resources.files("twitchcheck.knowledge") / "data" / "guidance_probes.yaml").read_text(encoding="utf-8")
    entries = parse_yaml_mapping("guidance_probes.yaml", text).get("probes", [])
    probes = []
    for entry in entries:
        try:
            probes.append(Probe.model_validate(entry))
        except ValueError as error:
            raise KnowledgeError(f"guidance_probes.yaml: entry '{entry.get('id', '?')}': {error}") from error
    ids = [p.id for p in probes]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise KnowledgeError(f"guidance_probes.yaml: duplicate probe ids {duplicates}")
    for probe in probes:
        if probe.superseded_by is not None and probe.superseded_by not in ids:
            raise KnowledgeError(f"guidance_probes.yaml: entry '{probe.id}': superseded_by names no probe")
    return probes


def run_probes(assessor: Assessor, probes: list[Probe]) -> list[ProbeResult]:
    """The triage level of every probe that has evidence, and of its near miss."""
    rank = {level.id: level.rank for level in assessor.kb.levels}
    by_id = {p.id: p for p in probes}
    results = []
    for probe in probes:
        if probe.no_probe is not None:
            continue
        evidence = assessor.evidence(present=probe.present, absent=probe.absent, age=probe.age, sex=probe.sex)
        level = assessor.assess(evidence, ranges=False).triage.level
        allowed = set(probe.levels)
        if probe.superseded_by is not None:
            allowed |= set(by_id[probe.superseded_by].levels)
        near_level = None
        near_ok = True
        if probe.decisive:
            near_present = [f for f in probe.present if f not in probe.decisive]
            near = assessor.evidence(present=near_present, absent=probe.absent, age=probe.age, sex=probe.sex)
            near_level = assessor.assess(near, ranges=False).triage.level
            near_ok = rank[near_level] > rank[level]
        results.append(ProbeResult(probe, level, near_level, level in allowed, near_ok))
    return results


def coverage(probes: list[Probe], results: list[ProbeResult]) -> dict[str, int]:
    """Statements, statements with a probe, and probes (and near misses) that pass."""
    return {
        "statements": len(probes),
        "with_probe": len(results),
        "no_id": sum(p.no_probe is not None for p in probes),
        "passing": sum(r.passes for r in results),
        "near_miss_passing": sum(r.near_miss_passes for r in results if r.probe.decisive),
        "with_near_miss": sum(bool(r.probe.decisive) for r in results),
    }


def main() -> None:
    probes = load_probes()
    results = run_probes(Assessor(), probes)
    figures = coverage(probes, results)
    print("| statements | with a probe | no vocabulary id | probe passes | near miss moves the level |")
    print("|---|---|---|---|---|")
    print(
        f"| {figures['statements']} | {figures['with_probe']} | {figures['no_id']} | "
        f"{figures['passing']} / {figures['with_probe']} | "
        f"{figures['near_miss_passing']} / {figures['with_near_miss']} |"
    )
    for result in results:
        if result.problem:
            print(f"  {result.probe.id}: {result.problem}", file=sys.stderr)


if __name__ == "__main__":
    main()
