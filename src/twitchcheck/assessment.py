"""One assessment: evidence in, ranked causes, triage, warning signs and advice out.

This is the library's front door. It composes the engine (posterior, triage,
explanation) with the knowledge base's advice, tests and doctor's questions
into one `Assessment`, the model every interface prints or serves.

    >>> from twitchcheck import assess
    >>> result = assess(present=["twitch_eyelid", "poor_sleep"], absent=["fever"], age=30)
    >>> result.triage.level
    'self_care'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, cached_property

from pydantic import BaseModel, ConfigDict, Field

from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.explain import FindingWeight, likelihood_ratios, split_support
from twitchcheck.engine.network import Network
from twitchcheck.engine.posterior import Posterior, compute_posterior
from twitchcheck.engine.triage import TriageDecision, decide_triage
from twitchcheck.engine.uncertainty import probability_ranges, shaken_networks
from twitchcheck.knowledge import KnowledgeBase, load_knowledge

DISCLAIMER = (
    "twitchcheck gives information, not a diagnosis, and does not replace a doctor. "
    "It cannot examine you or run tests, and it can be wrong. If you think it may be an "
    "emergency, call {emergency_number} now. See a doctor whenever you are worried, whatever it says."
)
# Causes at least this likely (or among the top three) decide the advice and tests shown.
RELEVANT_PROBABILITY = 0.20
MIN_RELEVANT_PROBABILITY = 0.05
TOP_CAUSES_FOR_ADVICE = 3


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TriageReasonOut(_Out):
    rule: str = Field(description="Id of the triage rule that fired")
    level: str = Field(description="The level this rule calls for")
    text: str
    source: str


class TriageOut(_Out):
    level: str = Field(description="One of the five vocabulary triage levels")
    rank: int = Field(description="0 for the most urgent level (call an ambulance) to 4 (manage at home)")
    emergency: bool = Field(description="An ambulance or the emergency department, now")
    title: str
    advice: str = Field(description="What to do, and by when")
    reasons: list[TriageReasonOut]


class EmergencyConditionOut(_Out):
    """What an emergency result is for ("Possible stroke"): shown first, before any twitch cause."""

    id: str
    name: str
    source: str


class FindingWeightOut(_Out):
    finding: str
    label: str
    observed: str = Field(description="'present' or 'absent'")
    likelihood_ratio: float
    caution: str | None = Field(
        default=None,
        description="For a warning sign that supports a usually-harmless cause: what the sign means for it",
    )


class ProbabilityRangeOut(_Out):
    """Where a cause's probability falls if the knowledge base's own estimates are off by as much as it says."""

    low: float = Field(ge=0.0, le=1.0)
    high: float = Field(ge=0.0, le=1.0)
    draws: int = Field(description="Sensitivity draws behind it (causes.yaml display.uncertainty)")
    middle: float = Field(description="The share of the draws the range spans (0.9: the middle 90 %)")


class CauseOut(_Out):
    id: str
    name: str
    probability: float = Field(ge=0.0, le=1.0)
    probability_range: ProbabilityRangeOut | None = Field(
        default=None,
        description="The probability's range under the knowledge base's stated uncertainty (priors and links "
        "shaken, the middle share of the draws); None when the assessment was asked without ranges",
    )
    band: str = Field(description="The probability's band (causes.yaml display): very_likely, possible, ...")
    band_words: str = Field(description="The band in words ('very likely', 'possible', 'unlikely but checked')")
    serious: bool
    summary: str
    supporting: list[FindingWeightOut]
    opposing: list[FindingWeightOut]


class FirstCauseOut(_Out):
    """How far to trust the first cause: how often, in development cases, a first cause shown like it was right.

    A map fitted on development cases only (causes.yaml `display.first_cause`): "right"
    means the first cause was one the case's author accepted. It is about the ranking,
    not a probability of the cause: the cause's own probability is in `causes`.
    """

    cause: str = Field(description="Id of the first (leading) cause")
    right_share: float = Field(ge=0.0, le=1.0, description="Share of such development cases in which it was right")
    cases_like_it: int = Field(description="How many development cases the share rests on")
    development_cases: int = Field(description="How many development cases the whole map was fitted on")


class UnlistedOut(_Out):
    """The chance that a cause twitchcheck does not weigh plays a part: shown on its own, never ranked.

    It is the unlisted cause of the network (causes.yaml `unlisted`): everything the listed
    causes do not cover. It is not a diagnosis, so it has no band, no reasons for and against,
    no advice and no tests; interfaces show it after the ranked causes.
    """

    id: str
    name: str
    probability: float = Field(ge=0.0, le=1.0)
    summary: str


class UnansweredFlagOut(_Out):
    """An acute red flag nobody has said yes or no to: unknown, which is not the same as absent."""

    id: str
    label: str


class RedFlagOut(_Out):
    id: str
    label: str
    why: str
    acute: bool
    source: str


class AdviceOut(_Out):
    id: str
    text: str
    source: str


class TestOut(_Out):
    id: str
    name: str
    detail: str
    source: str


class DoctorQuestionOut(_Out):
    id: str
    text: str
    source: str


class EvidenceOut(_Out):
    present: list[str]
    absent: list[str]
    age: int | None
    sex: str | None


class Assessment(_Out):
    """The result of one assessment, as the CLI prints and the API serves it."""

    triage: TriageOut
    emergency_conditions: list[EmergencyConditionOut] = Field(
        default_factory=list,
        description=(
            'On an ambulance or emergency-department result, what it is for ("Possible stroke"), most urgent '
            "first: show these before anything else; the twitch causes are then only 'other things the answers "
            "suggest'"
        ),
    )
    causes: list[CauseOut]
    close_to_first: list[str] = Field(
        default_factory=list,
        description=(
            "Ids of the causes the answers do not tell apart from the first (their log-odds within the "
            "knowledge base's close_call gap): say so, rather than presenting the first as the answer"
        ),
    )
    first_cause: FirstCauseOut | None = Field(
        default=None,
        description="How often a first cause shown like this one was right in development cases (a fitted map)",
    )
    unlisted: UnlistedOut | None = Field(
        default=None,
        description=(
            "The chance that a cause twitchcheck does not weigh plays a part (for example a medicine's side "
            "effect): not a diagnosis and not one of `causes`; show it after them"
        ),
    )
    red_flags: list[RedFlagOut]
    unanswered_red_flags: list[UnansweredFlagOut] = Field(
        description="Acute red flags neither reported nor denied (unknown is not absent)"
    )
    unanswered_advice: str = Field(description="What to do if any unanswered red flag applies: call an ambulance")
    advice: list[AdviceOut]
    tests: list[TestOut]
    doctor_questions: list[DoctorQuestionOut]
    evidence: EvidenceOut
    disclaimer: str
    emergency_number: str = Field(
        default="911", description="The number to call in an emergency where the person is (the region setting)"
    )
    knowledge_version: str

    def shown_range(self, cause: CauseOut) -> ProbabilityRangeOut | None:
        """The range to show beside a cause's figure: none for the causes the answers do not tell apart.

        Issue #12: a range is shown only where the cause is stable enough to rank; for the first cause
        and those close to it the interfaces say that the answers do not tell them apart instead.
        """
        close = bool(self.close_to_first) and (cause.id in self.close_to_first or cause.id == self.causes[0].id)
        return None if close else cause.probability_range


class Assessor:
    """Holds a knowledge base and its network, built once, and assesses evidence."""

    def __init__(self, kb: KnowledgeBase | None = None, *, region: str | None = None) -> None:
        """`region` (CA, US, UK, EU; the knowledge base's default when None) decides the number to call."""
        self.kb = kb if kb is not None else load_knowledge()
        self.network = Network.from_knowledge(self.kb)
        self.region = self.kb.region(region)

    def evidence(
        self,
        *,
        present: Iterable[str] = (),
        absent: Iterable[str] = (),
        age: int | None = None,
        sex: str | None = None,
    ) -> Evidence:
        """Validated evidence; raises `EvidenceError` naming the problem and the fix."""
        return Evidence.build(self.kb, present=present, absent=absent, age=age, sex=sex)

    @cached_property
    def shaken(self) -> tuple[Network, ...]:
        """The network under the knowledge base's stated uncertainty, one copy per draw, built once."""
        stated = self.kb.display.uncertainty
        if stated is None:
            return ()
        return shaken_networks(
            self.network,
            draws=stated.draws,
            seed=stated.seed,
            prior_factor=stated.prior_factor,
            link_odds_factor=stated.link_odds_factor,
        )

    def assess(self, evidence: Evidence, *, network: Network | None = None, ranges: bool = True) -> Assessment:
        """The full assessment of validated evidence (optionally on a perturbed network).

        `ranges` adds each cause's range under the stated uncertainty: about twenty more posteriors, so
        the evaluation, and steps that need only the triage, leave it out. An assessment on a perturbed
        network never has ranges (it is itself one draw).
        """
        with_ranges = ranges and network is None and bool(self.shaken)
        network = network if network is not None else self.network
        prior = network.prior_for(age=evidence.age, sex=evidence.sex)
        posterior = compute_posterior(network, evidence, prior=prior)
        decision = decide_triage(self.kb, evidence, posterior)
        ratios = likelihood_ratios(network, evidence, prior)
        causes = self._ranked_causes(posterior, ratios, self._ranges(evidence, posterior) if with_ranges else None)
        relevant = self._relevant_causes(causes)
        emergency = self.kb.level(decision.level).emergency
        return Assessment(
            triage=self._triage(decision),
            emergency_conditions=self._emergency_conditions(decision),
            causes=causes,
            close_to_first=self._close_to_first(causes),
            first_cause=self._first_cause(causes),
            unlisted=self._unlisted(posterior),
            red_flags=self._red_flags(evidence),
            unanswered_red_flags=[
                UnansweredFlagOut(id=f.id, label=f.label)
                for f in self.kb.findings
                if f.acute and f.id not in evidence.present and f.id not in evidence.absent
            ],
            unanswered_advice=self.region.fill(self.kb.levels[0].advice),
            advice=self._advice(relevant, decision.level, evidence),
            tests=self._tests(relevant),
            doctor_questions=[]  # at an emergency, acting now is all that matters: no appointment questions
            if emergency
            else [DoctorQuestionOut(id=q.id, text=q.text, source=q.source) for q in self.kb.doctor_questions],
            evidence=EvidenceOut(
                present=sorted(evidence.present),
                absent=sorted(evidence.absent),
                age=evidence.age,
                sex=evidence.sex,
            ),
            disclaimer=self.region.fill(DISCLAIMER),
            emergency_number=self.region.emergency_number,
            knowledge_version=self.kb.version,
        )

    def _triage(self, decision: TriageDecision) -> TriageOut:
        level = self.kb.level(decision.level)
        return TriageOut(
            level=level.id,
            rank=level.rank,
            emergency=level.emergency,
            title=level.title,
            advice=self.region.fill(level.advice),
            reasons=[
                TriageReasonOut(rule=r.rule, level=r.level, text=r.text, source=r.source) for r in decision.reasons
            ],
        )

    def _emergency_conditions(self, decision: TriageDecision) -> list[EmergencyConditionOut]:
        """The conditions of the emergency rules that fired, most urgent first, each once."""
        named: dict[str, EmergencyConditionOut] = {}
        for reason in decision.reasons:
            if not self.kb.level(reason.level).emergency:
                continue
            condition_id = self.kb.rule(reason.rule).condition
            if condition_id is not None and condition_id not in named:
                condition = self.kb.condition(condition_id)
                named[condition_id] = EmergencyConditionOut(
                    id=condition.id, name=condition.name, source=condition.source
                )
        return list(named.values())

    def _weights(self, weights: list[FindingWeight], *, cause_id: str | None = None) -> list[FindingWeightOut]:
        return [
            FindingWeightOut(
                finding=w.finding_id,
                label=self.kb.finding(w.finding_id).label,
                observed=w.observed,
                likelihood_ratio=round(w.likelihood_ratio, 4),
                caution=self._caution(cause_id, w) if cause_id is not None else None,
            )
            for w in weights
        ]

    def _caution(self, cause_id: str, weight: FindingWeight) -> str | None:
        """What a present warning sign means for the cause it supports, when the knowledge base says."""
        link = self.kb.links.get(cause_id, {}).get(weight.finding_id)
        return link.caution if link is not None and weight.observed == "present" else None

    def _ranges(self, evidence: Evidence, posterior: Posterior) -> dict[str, ProbabilityRangeOut]:
        """Each cause's range over the shaken networks, by cause id."""
        stated = self.kb.display.uncertainty
        if stated is None:  # never: ranges are asked only when there are shaken networks
            return {}
        low, high = probability_ranges(self.shaken, evidence, middle=stated.middle, shown=posterior.probability)
        return {
            cause_id: ProbabilityRangeOut(
                low=round(float(lo), 6), high=round(float(hi), 6), draws=stated.draws, middle=stated.middle
            )
            for cause_id, lo, hi in zip(posterior.cause_ids, low, high, strict=True)
        }

    def _ranked_causes(
        self,
        posterior: Posterior,
        ratios: dict[str, list[FindingWeight]],
        ranges: dict[str, ProbabilityRangeOut] | None,
    ) -> list[CauseOut]:
        ranked = sorted(self.kb.causes, key=lambda c: -posterior.of(c.id))
        out = []
        for cause in ranked:
            supporting, opposing = split_support(ratios[cause.id])
            band = self.kb.display.band_for(posterior.of(cause.id))
            out.append(
                CauseOut(
                    id=cause.id,
                    name=cause.name,
                    probability=round(posterior.of(cause.id), 6),
                    probability_range=ranges.get(cause.id) if ranges is not None else None,
                    band=band.id,
                    band_words=band.words,
                    serious=cause.serious,
                    summary=cause.summary,
                    supporting=self._weights(supporting, cause_id=cause.id),
                    opposing=self._weights(opposing, cause_id=cause.id),
                )
            )
        return out

    def _close_to_first(self, causes: list[CauseOut]) -> list[str]:
        """The causes whose log-odds lie within the close-call gap of the first cause's."""
        close = self.kb.display.close_call
        if close is None or not causes:
            return []
        first = causes[0].probability
        return [c.id for c in causes[1:] if close.cannot_tell_apart(first, c.probability)]

    def _first_cause(self, causes: list[CauseOut]) -> FirstCauseOut | None:
        calibration = self.kb.display.first_cause
        if calibration is None or not causes:
            return None
        step = calibration.step_for(causes[0].probability)
        return FirstCauseOut(
            cause=causes[0].id,
            right_share=step.right,
            cases_like_it=step.cases,
            development_cases=calibration.cases,
        )

    def _unlisted(self, posterior: Posterior) -> UnlistedOut | None:
        unlisted = self.kb.unlisted
        if unlisted is None:
            return None
        return UnlistedOut(
            id=unlisted.id,
            name=unlisted.name,
            probability=round(posterior.of(unlisted.id), 6),
            summary=unlisted.summary,
        )

    @staticmethod
    def _relevant_causes(causes: list[CauseOut]) -> list[str]:
        return [
            c.id
            for rank, c in enumerate(causes)
            if c.probability >= MIN_RELEVANT_PROBABILITY
            and (rank < TOP_CAUSES_FOR_ADVICE or c.probability >= RELEVANT_PROBABILITY)
        ]

    def _red_flags(self, evidence: Evidence) -> list[RedFlagOut]:
        flags = []
        for finding in self.kb.findings:  # knowledge-base order: acute flags are listed last, shown first
            if finding.id in evidence.present and finding.warning is not None:
                flags.append(
                    RedFlagOut(
                        id=finding.id,
                        label=finding.label,
                        why=finding.warning.why,
                        acute=finding.acute,
                        source=finding.warning.source,
                    )
                )
        flags.sort(key=lambda flag: not flag.acute)
        return flags

    def _advice(self, relevant: list[str], level: str, evidence: Evidence) -> list[AdviceOut]:
        """Home care for the likely causes; none at emergency levels, where only acting now matters."""
        if self.kb.level(level).emergency:
            return []
        return [
            AdviceOut(id=item.id, text=item.text, source=item.source)
            for item in self.kb.advice
            if (item.always or any(cause in relevant for cause in item.causes))
            and (not item.requires_any or not evidence.present.isdisjoint(item.requires_any))
        ]

    def _tests(self, relevant: list[str]) -> list[TestOut]:
        return [
            TestOut(id=test.id, name=test.name, detail=test.detail, source=test.source)
            for test in self.kb.tests
            if test.always or any(cause in relevant for cause in test.causes)
        ]


@cache
def default_assessor(region: str | None = None) -> Assessor:
    """The assessor over the packaged knowledge base for a region, built once per process."""
    return Assessor(region=region)


def assess(
    *,
    present: Iterable[str] = (),
    absent: Iterable[str] = (),
    age: int | None = None,
    sex: str | None = None,
    ranges: bool = True,
) -> Assessment:
    """Assess one person from finding ids; raises `EvidenceError` on invalid input.

    `ranges=False` leaves out each cause's range under the stated uncertainty (see `Assessor.assess`).
    """
    assessor = default_assessor()
    return assessor.assess(assessor.evidence(present=present, absent=absent, age=age, sex=sex), ranges=ranges)
