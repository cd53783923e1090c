"""Which question next: the one whose answer is expected to tell us the most.

For each candidate question and each answer it could get, exact inference
gives both how likely that answer is and what we would then believe. Every
"no" is computed at once (`batch`: all hypotheses share the present findings),
and every "yes" follows by subtraction:

    P(cause, finding present | e) = P(cause | e) - P(cause, finding absent | e)

A question is worth

    cause_gain + TRIAGE_WEIGHT * triage_entropy

* `cause_gain`: expected fall in the sum of the causes' binary entropies
  (causes are not mutually exclusive, so each is its own yes/no variable);
* `triage_entropy`: the entropy of the triage level after the answer, found by
  running the real triage rules on each hypothetical answer. A question that
  could change what the person should do is worth more than one that only
  reorders two benign causes.

A checklist screen is worth the sum of its options (each option is answered),
an approximation that ignores their overlap; a one-of-several question
(duration) is computed exactly, one posterior per option.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from twitchcheck.assessment import RELEVANT_PROBABILITY, TOP_CAUSES_FOR_ADVICE
from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.network import FloatArray, Network
from twitchcheck.engine.posterior import Posterior, compute_posterior
from twitchcheck.engine.triage import decide_triage
from twitchcheck.engine.what_if import AbsentHypotheses, absent_hypotheses
from twitchcheck.interview.questions import Draft
from twitchcheck.knowledge import KnowledgeBase

# One bit about the triage level is worth this many bits about the causes.
TRIAGE_WEIGHT = 2.0
# Below this chance of an answer, subtracting probabilities loses digits: compute its posterior directly.
DIRECT_BELOW = 1e-6
# A new leading cause counts as a change only if it leads by at least this much (near-ties flicker).
LEADER_MARGIN = 0.02


def entropy_bits(probability: FloatArray) -> float:
    """Sum of the binary entropies of independent yes/no variables, in bits."""
    p = np.clip(probability, 1e-12, 1.0 - 1e-12)
    return float(-(p * np.log2(p) + (1.0 - p) * np.log2(1.0 - p)).sum())


@dataclass(frozen=True, eq=False)
class Situation:
    """What is believed now: evidence, exact posterior, triage level and leading cause."""

    kb: KnowledgeBase
    network: Network
    prior: FloatArray
    evidence: Evidence
    posterior: Posterior
    level: str
    leader: int
    entropy: float
    # One batched inference per set of hypotheses: the choice of the next question and the closing
    # screen ask for the same one at the same step.
    _batches: dict[tuple[tuple[str, ...], ...], AbsentHypotheses] = field(default_factory=dict, repr=False)

    def batch(self, hypotheses: Sequence[tuple[str, ...]]) -> AbsentHypotheses:
        """Every hypothesis "these findings absent" at once, computed once per situation."""
        key = tuple(hypotheses)
        if key not in self._batches:
            self._batches[key] = absent_hypotheses(self.network, self.evidence, self.prior, list(key))
        return self._batches[key]

    @classmethod
    def of(cls, kb: KnowledgeBase, network: Network, evidence: Evidence) -> Situation:
        prior = network.prior_for(age=evidence.age, sex=evidence.sex)
        posterior = compute_posterior(network, evidence, prior=prior)
        return cls(
            kb=kb,
            network=network,
            prior=prior,
            evidence=evidence,
            posterior=posterior,
            level=decide_triage(kb, evidence, posterior).level,
            leader=int(np.argmax(posterior.probability)),
            entropy=entropy_bits(posterior.probability),
        )

    def extended(self, *, present: Sequence[str] = (), absent: Sequence[str] = ()) -> Evidence:
        """The evidence with a hypothetical answer added (exclusive groups imply their other members absent)."""
        evidence = self.evidence
        return Evidence.build(
            self.kb,
            present=evidence.present | set(present),
            absent=(evidence.absent - evidence.implied_absent) | set(absent),
            age=evidence.age,
            sex=evidence.sex,
        )

    def level_for(self, evidence: Evidence, causes: FloatArray) -> str:
        posterior = Posterior(self.posterior.cause_ids, causes, self.posterior.log_evidence, self.prior)
        return decide_triage(self.kb, evidence, posterior).level


@dataclass(frozen=True, eq=False)
class Branch:
    """One possible answer: how likely it is, and what we would believe after it."""

    probability: float
    causes: FloatArray
    level: str


@dataclass(frozen=True, eq=False)
class Outlook:
    """What asking one question is expected to do."""

    draft: Draft
    cause_gain: float
    triage_entropy: float
    level_change: float  # P(the answer changes the triage level)
    leader_change: float  # P(the answer puts a different cause clearly in the lead)
    shift: FloatArray = field(repr=False)  # expected |change| of each cause's probability
    other_levels: frozenset[str]

    @property
    def value(self) -> float:
        return self.cause_gain + TRIAGE_WEIGHT * self.triage_entropy


def outlook(situation: Situation, draft: Draft, branches: Sequence[Branch]) -> Outlook:
    """Summarise the branches of one question (their probabilities sum to 1)."""
    current = situation.posterior.probability
    by_level: dict[str, float] = {}
    expected_entropy = 0.0
    level_change = leader_change = 0.0
    shift = np.zeros_like(current)
    for branch in branches:
        by_level[branch.level] = by_level.get(branch.level, 0.0) + branch.probability
        expected_entropy += branch.probability * entropy_bits(branch.causes)
        shift += branch.probability * np.abs(branch.causes - current)
        if branch.level != situation.level:
            level_change += branch.probability
        if changes_leader(situation, branch.causes):
            leader_change += branch.probability
    triage_entropy = -sum(p * math.log2(p) for p in by_level.values() if p > 0.0)
    return Outlook(
        draft=draft,
        cause_gain=max(0.0, situation.entropy - expected_entropy),
        triage_entropy=triage_entropy,
        level_change=level_change,
        leader_change=leader_change,
        shift=shift,
        other_levels=frozenset(level for level, p in by_level.items() if p > 0.0) - {situation.level},
    )


def changes_leader(situation: Situation, causes: FloatArray) -> bool:
    """After this answer, is a different cause clearly in the lead, in a way the person would read?

    The new first cause must lead by more than `LEADER_MARGIN` (near-ties flicker). And a swap between
    two causes that are both in the top band (causes.yaml `display.bands`, "very likely") now and after
    the answer is no change: the person reads both as very likely before and after, and causes are not
    exclusive. Without that, two such causes near 0.9 and 0.8 kept every question "open" and a
    conversation ran far past the interview (docs/benchmarks.md, eighth session). A swap between two
    merely "possible" causes still counts: stopping on those lost the cause the case was about in
    interview mode, as measured there.
    """
    current = situation.posterior.probability
    old_leader = situation.leader
    new_leader = int(np.argmax(causes))
    if causes[new_leader] - causes[old_leader] <= LEADER_MARGIN:
        return False
    top = situation.kb.display.bands[0].at_least
    both_top = (current[old_leader], current[new_leader], causes[old_leader], causes[new_leader])
    return not all(probability >= top for probability in both_top)


def combined(draft: Draft, parts: Sequence[Outlook]) -> Outlook:
    """A checklist: each option is answered, so its worth is the sum of the options' worth."""
    return Outlook(
        draft=draft,
        cause_gain=sum(p.cause_gain for p in parts),
        triage_entropy=sum(p.triage_entropy for p in parts),
        level_change=1.0 - math.prod(1.0 - p.level_change for p in parts),
        leader_change=1.0 - math.prod(1.0 - p.leader_change for p in parts),
        shift=np.sum([p.shift for p in parts], axis=0),
        other_levels=frozenset().union(*(p.other_levels for p in parts)),
    )


def _hypotheses(drafts: Sequence[Draft]) -> tuple[list[str], list[tuple[str, ...]]]:
    """The single findings of the drafts, and every "absent" hypothesis their answers need (nothing first)."""
    singles = sorted({fid for d in drafts if d.kind != "exclusive" for fid in d.finding_ids})
    hypotheses: list[tuple[str, ...]] = [(), *((fid,) for fid in singles)]
    for draft in drafts:
        if draft.kind == "exclusive":
            options = draft.finding_ids
            hypotheses += [tuple(f for f in options if f != chosen) for chosen in options] + [options]
    return singles, hypotheses


def score(situation: Situation, drafts: Sequence[Draft]) -> list[Outlook]:
    """The outlook of every candidate question, in the order given (one batched exact inference)."""
    singles, hypotheses = _hypotheses(drafts)
    index = {hypothesis: n for n, hypothesis in enumerate(hypotheses)}
    batch = situation.batch(hypotheses)
    per_finding = {
        fid: outlook(situation, Draft("", "single", "", (fid,)), _yes_no(situation, batch, fid, index[(fid,)]))
        for fid in singles
    }
    result = []
    for draft in drafts:
        if draft.kind == "exclusive":
            result.append(outlook(situation, draft, _one_of(situation, batch, draft.finding_ids, index)))
        else:
            result.append(combined(draft, [per_finding[fid] for fid in draft.finding_ids]))
    return result


def shortlist_entries(
    situation: Situation, drafts: Sequence[Draft], *, shown: int = TOP_CAUSES_FOR_ADVICE
) -> list[str]:
    """The open findings whose "yes" would bring a cause not among the first `shown` into them, at 20 % or more.

    The first three, and 20 %, are what decides the advice and tests a result shows
    (`assessment.TOP_CAUSES_FOR_ADVICE`, `RELEVANT_PROBABILITY`; "possible" on the page). Such a finding
    changes neither the advice nor the leading cause, so the stop rule lets the interview end
    without it; but the person reads the first causes as the ones to discuss with a doctor, and a
    deficiency the answers never touched (little sun, long-term acid tablets) is then never named.
    One-of-several questions (the durations) are left out: they are the adaptive phase's.
    """
    listed = situation.network.listed
    singles, hypotheses = _hypotheses(drafts)
    if not singles:
        return []
    batch = situation.batch(hypotheses)  # the one `score` used at this step
    current = situation.posterior.probability[:listed]
    first = set(np.argsort(-current, kind="stable")[:shown].tolist())
    entries: list[tuple[float, str]] = []
    for row, fid in enumerate(singles, start=1):
        after = _causes_if_yes(situation, batch, fid, row)[:listed]
        entering = set(np.argsort(-after, kind="stable")[:shown].tolist()) - first
        best = max((float(after[i]) for i in entering), default=0.0)
        if best >= RELEVANT_PROBABILITY:
            entries.append((best, fid))
    return [fid for _, fid in sorted(entries, key=lambda entry: -entry[0])]


def _causes_if_yes(situation: Situation, batch: AbsentHypotheses, finding_id: str, row: int) -> FloatArray:
    """Each cause's probability after a "yes" about one finding (no triage: `_yes_no` adds it)."""
    p_yes = 1.0 - min(1.0, float(batch.probability[row]))
    if p_yes < DIRECT_BELOW:  # subtraction would lose the digits: compute directly
        if_yes = situation.extended(present=[finding_id])
        return compute_posterior(situation.network, if_yes, prior=situation.prior).probability
    causes: FloatArray = np.clip((batch.joint[0] - batch.joint[row]) / p_yes, 0.0, 1.0)
    return causes


def _yes_no(situation: Situation, batch: AbsentHypotheses, finding_id: str, row: int) -> tuple[Branch, Branch]:
    """The "yes" and "no" answers about one finding."""
    p_no = min(1.0, float(batch.probability[row]))
    p_yes = 1.0 - p_no
    if_yes = situation.extended(present=[finding_id])
    if_no = situation.extended(absent=[finding_id])
    causes_no = batch.posterior(row)
    causes_yes = _causes_if_yes(situation, batch, finding_id, row)
    return (
        Branch(p_yes, causes_yes, situation.level_for(if_yes, causes_yes)),
        Branch(p_no, causes_no, situation.level_for(if_no, causes_no)),
    )


def _one_of(
    situation: Situation, batch: AbsentHypotheses, options: Sequence[str], index: dict[tuple[str, ...], int]
) -> list[Branch]:
    """Each option of a one-of-several question: "this one present, the others absent", normalised.

    The network does not know that the options exclude each other, so the
    chance of "none or several" is dropped and the rest renormalised.
    """
    everything_absent = index[tuple(options)]
    branches = []
    for chosen in options:
        rest = index[tuple(f for f in options if f != chosen)]
        probability = max(0.0, float(batch.probability[rest] - batch.probability[everything_absent]))
        joint = batch.joint[rest] - batch.joint[everything_absent]
        evidence = situation.extended(present=[chosen], absent=[f for f in options if f != chosen])
        if probability < DIRECT_BELOW:
            causes = compute_posterior(situation.network, evidence, prior=situation.prior).probability
        else:
            causes = np.clip(joint / probability, 0.0, 1.0)
        branches.append((probability, evidence, causes))
    total = sum(probability for probability, _, _ in branches) or 1.0
    return [
        Branch(probability / total, causes, situation.level_for(evidence, causes))
        for probability, evidence, causes in branches
    ]
