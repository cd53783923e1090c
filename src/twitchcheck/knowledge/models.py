"""Pydantic models of the knowledge base: one model per kind of record.

Every model rejects unknown keys, so a typo in a YAML file is an error that
names the key, not a silently ignored setting. Cross-references (a link to an
unknown finding, a rule that names an unknown id) are checked by
`twitchcheck.knowledge.loader`, which sees the whole base.
"""

from __future__ import annotations

import math
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

Sex = Literal["female", "male"]
SEXES: tuple[Sex, ...] = get_args(Sex)


def sex_or_none(value: object) -> Sex | None:
    """A form's or a database's value as a sex id, or None (not given) for anything else."""
    return next((sex for sex in SEXES if value == sex), None)


# The one table of triage levels (../shared/vocabulary.yaml), most urgent first; levels.yaml words them.
TriageLevelId = Literal["emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"]
LEVEL_IDS: tuple[TriageLevelId, ...] = get_args(TriageLevelId)
# The levels that send a person to emergency care now: no home care, no waiting.
EMERGENCY_LEVEL_IDS: frozenset[TriageLevelId] = frozenset(LEVEL_IDS[:2])


class Record(BaseModel):
    """Base of all knowledge records: frozen, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    """A publication the knowledge base cites."""

    title: str
    where: str


class SourcedValue(Record):
    """A probability together with where it comes from."""

    value: float = Field(ge=0.0, le=1.0)
    source: str


class Warning(Record):
    """Why a finding is a warning sign, in words for the person."""

    why: str
    source: str


class FindingGroup(Record):
    """A group of findings; `exclusive` means at most one can be present."""

    title: str
    kind: Literal["multiple", "exclusive"]


class FindingCodes(Record):
    """A finding's ICD-10 code from chapter XVIII (symptoms and signs: the R-codes), where the chapter has one.

    A record codes what a person reports as symptoms, so a finding is sent with the
    R-code a coder would pick, next to twitchcheck's own code; findings without one
    (risk factors, patterns of twitching) simply have none. WHO ICD-10 and ICD-10-CM
    differ in their leaves (WHO R56.8, CM R56.9 for a seizure), so both are given;
    the tests check them against both code sets. SNOMED CT is licensed: its column
    stays empty until a clinic fills it.
    """

    icd10: str = Field(pattern=r"^R[0-9]{2}(\.[0-9]{1,2})?$")
    icd10_cm: str = Field(pattern=r"^R[0-9]{2}(\.[0-9A-Z]{1,4})?$")
    snomed_ct: str | None = None
    source: str


class Finding(Record):
    """Something a person can report: a symptom, a pattern, a risk factor."""

    id: str
    label: str
    group: str
    question: str
    leak: SourcedValue
    warning: Warning | None = None
    acute: bool = False
    added: bool = False
    # twitchcheck's own id that the shared vocabulary does not have: no case can state it, so the text
    # scores leave it out; every interface carries it like any other finding
    beyond_vocabulary: bool = False
    # a follow-up: the interview asks it only once one of these is present (how long a cramp lasted is
    # asked of someone with cramps; asked of everyone, it cost a question in every interview)
    asked_after: tuple[str, ...] = ()
    modifier: bool = False
    codes: FindingCodes | None = None

    @model_validator(mode="after")
    def _acute_is_a_warning(self) -> Finding:
        if self.acute and self.warning is None:
            raise ValueError("an acute red flag must have a `warning` (why it matters)")
        if self.beyond_vocabulary and not self.added:
            raise ValueError("a finding beyond the shared vocabulary is twitchcheck's own: mark it `added: true`")
        return self


class Condition(Record):
    """When a demographic prior adjustment applies (age_max is exclusive)."""

    age_min: int | None = Field(default=None, ge=0)
    age_max: int | None = Field(default=None, ge=0)
    sex: Sex | None = None

    def holds(self, *, age: int | None, sex: Sex | None) -> bool:
        """True when the person meets every condition; unknown age or sex meets none."""
        if self.sex is not None and sex != self.sex:
            return False
        if self.age_min is not None and (age is None or age < self.age_min):
            return False
        return not (self.age_max is not None and (age is None or age >= self.age_max))


class PriorAdjustment(Record):
    """Multiply a cause's prior for people who meet a condition."""

    when: Condition
    multiplier: float = Field(gt=0.0, le=20.0)
    source: str


class CauseCodes(Record):
    """A cause's codes in the classifications clinics record: ICD-10 (WHO) and ICD-10-CM; SNOMED CT when licensed.

    The codes are checked against the WHO and CMS code sets in the tests; SNOMED CT is
    licensed and not available here, so its column stays empty until a clinic fills it.
    """

    icd10: str = Field(pattern=r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")
    icd10_cm: str = Field(pattern=r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")
    snomed_ct: str | None = None
    source: str


class Cause(Record):
    """A cause of twitching with its base-rate prior."""

    id: str
    name: str
    summary: str
    summary_source: str
    serious: bool
    prior: SourcedValue
    adjustments: tuple[PriorAdjustment, ...] = ()
    codes: CauseCodes | None = None
    # True for a cause that is defined by having no warning sign (benign twitching): no warning sign
    # or acute red flag may be linked to it, so none can count for it or raise it (checked at load).
    reassuring: bool = False


class UnlistedCause(Record):
    """Everything the listed causes do not cover: a cause in the network, never a diagnosis.

    It lets the network say "none of these" instead of making the listed causes absorb
    what belongs to none of them. It is not a vocabulary cause: it is never ranked with
    the listed causes nor scored, no advice, test or triage rule hangs on it, and it is
    shown on its own ("Something not listed here: 12 %").
    """

    id: str
    name: str
    summary: str
    summary_source: str
    prior: SourcedValue


class ProbabilityBand(Record):
    """Plain words for a range of probability ("very likely"): from `at_least` up to the next band."""

    id: str
    words: str
    at_least: float = Field(ge=0.0, lt=1.0)
    source: str


class CalibrationStep(Record):
    """Leading causes shown from `at_least` up to the next step: how many there were, and the share right."""

    at_least: float = Field(ge=0.0, lt=1.0)
    right: float = Field(ge=0.0, le=1.0)
    cases: int = Field(ge=1)


class FirstCauseCalibration(Record):
    """How often the leading cause was right, by the probability shown for it (issue #12).

    A post-hoc map, fitted on development cases only (never on held-out ones) by
    `twitchcheck.evaluation.calibration.fit_first_cause_steps`: isotonic, with at
    least a minimum number of cases a step. "Right" is the judge's top-1: the
    leading cause was among the causes the case's author accepted. It says how far
    to trust the first cause, not how likely each cause is: the probabilities stay
    the model's.
    """

    cases: int = Field(ge=1)
    source: str
    steps: tuple[CalibrationStep, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _steps_cover_and_rise(self) -> FirstCauseCalibration:
        floors = [step.at_least for step in self.steps]
        if floors[0] != 0.0 or floors != sorted(floors) or len(set(floors)) != len(floors):
            raise ValueError("steps must start at 0 (at_least: 0.0) and rise, each with a higher `at_least`")
        rights = [step.right for step in self.steps]
        if rights != sorted(rights):
            raise ValueError("the share right must not fall as the probability rises (the map is isotonic)")
        if sum(step.cases for step in self.steps) != self.cases:
            raise ValueError("the steps' cases must add up to `cases`")
        return self

    def step_for(self, probability: float) -> CalibrationStep:
        """The step a leading cause's probability falls in."""
        return [step for step in self.steps if probability >= step.at_least][-1]


class CloseCall(Record):
    """When the answers do not tell the first cause from the next: their log-odds are closer than this."""

    log_odds_gap: float = Field(gt=0.0, le=5.0)
    source: str

    def cannot_tell_apart(self, first: float, other: float) -> bool:
        """True when two causes' probabilities lie within the gap on the log-odds scale.

        The result page's "the answers do not tell these apart", kept beside the gap it reads.
        """
        return abs(_log_odds(first) - _log_odds(other)) < self.log_odds_gap


def _log_odds(probability: float) -> float:
    """log(p / (1 - p)), with p kept off 0 and 1 so that a certain figure still has a finite gap."""
    p = min(max(probability, 1e-9), 1.0 - 1e-9)
    return math.log(p / (1.0 - p))


class StatedUncertainty(Record):
    """How far the knowledge base's own numbers could be off, as the sensitivity draws shake them (issue #12).

    Each draw multiplies every cause's prior by a factor drawn log-uniformly in `prior_factor` and every
    link's odds by one drawn uniformly in `link_odds_factor`. The evaluation's sensitivity analysis and the
    range shown beside each cause use the same figures, so the range people read is the uncertainty the
    knowledge base states, not a second guess at it.
    """

    prior_factor: tuple[float, float]
    link_odds_factor: tuple[float, float]
    draws: int = Field(ge=5, le=200, description="Draws behind each cause's range on a result")
    seed: int = Field(ge=0, description="Fixed, so that the same answers always give the same range")
    middle: float = Field(gt=0.5, lt=1.0, description="The share of draws the range spans (0.9: the middle 90 %)")
    source: str

    @model_validator(mode="after")
    def _factors_are_ranges_around_one(self) -> StatedUncertainty:
        for name, (low, high) in (("prior_factor", self.prior_factor), ("link_odds_factor", self.link_odds_factor)):
            if not 0.0 < low <= 1.0 <= high:
                raise ValueError(f"{name} must be [low, high] with 0 < low <= 1 <= high, got [{low}, {high}]")
        return self


class ProbabilityDisplay(Record):
    """How probabilities are put to people: the bands, most likely first, and the highest figure shown."""

    shown_at_most: SourcedValue
    bands: tuple[ProbabilityBand, ...] = Field(min_length=1)
    first_cause: FirstCauseCalibration | None = None
    close_call: CloseCall | None = None
    uncertainty: StatedUncertainty | None = None

    @model_validator(mode="after")
    def _bands_cover_zero_to_one(self) -> ProbabilityDisplay:
        floors = [band.at_least for band in self.bands]
        if floors != sorted(floors, reverse=True) or len(set(floors)) != len(floors):
            raise ValueError("bands must be listed most likely first, each with a lower `at_least` than the one before")
        if floors[-1] != 0.0:
            raise ValueError("the last band must start at 0 (at_least: 0.0), so that every probability has a band")
        return self

    def band_for(self, probability: float) -> ProbabilityBand:
        """The band a probability falls in."""
        return next(band for band in self.bands if probability >= band.at_least)


class Link(Record):
    """P(finding | cause): the chance the cause on its own produces the finding.

    `caution` says what a warning sign means for a usually-harmless cause it rightly
    supports ("with a racing heart, dehydration needs a doctor today"), so that the
    sign is never shown as a plain reason to relax. Required for such links.
    """

    p: float = Field(ge=0.0, le=1.0)
    source: str
    caution: str | None = None
    caution_source: str | None = None  # where the caution's advice comes from (required with a caution)


class MinPresent(Record):
    """At least `count` of the listed findings are present."""

    count: int = Field(ge=1)
    of: tuple[str, ...]


class RuleCondition(Record):
    """The conditions of a triage rule; all that are given must hold."""

    all_present: tuple[str, ...] = ()
    any_present: tuple[str, ...] = ()
    min_present: MinPresent | None = None
    any_warning_sign: bool = False
    unless_present: tuple[str, ...] = ()
    unless_absent: tuple[str, ...] = ()
    age_below: int | None = Field(default=None, ge=1)
    age_at_least: int | None = Field(default=None, ge=1)

    def finding_ids(self) -> set[str]:
        """Every finding id the condition names."""
        ids = {*self.all_present, *self.any_present, *self.unless_present, *self.unless_absent}
        if self.min_present is not None:
            ids.update(self.min_present.of)
        return ids

    @model_validator(mode="after")
    def _needs_a_positive_condition(self) -> RuleCondition:
        if not (self.all_present or self.any_present or self.min_present or self.any_warning_sign):
            raise ValueError("a rule needs at least one of all_present, any_present, min_present, any_warning_sign")
        return self


EMERGENCY_NUMBER = "{emergency_number}"  # in a text: replaced with the region's emergency number


class Region(Record):
    """Where the person is: the one emergency number every message gives, and a nurse line if there is one."""

    id: str
    name: str
    emergency_number: str = Field(pattern=r"^[0-9]{3}$")
    health_line: str | None = Field(default=None, pattern=r"^[0-9]{3,6}$")
    source: str

    def fill(self, text: str) -> str:
        """The text with its emergency-number placeholder replaced by this region's number."""
        return text.replace(EMERGENCY_NUMBER, self.emergency_number)


class EmergencyCondition(Record):
    """What an emergency rule exists for ("Possible stroke"): named first on an emergency result."""

    id: str
    name: str
    source: str


class TriageRule(Record):
    """A deterministic triage rule: when it fires, urgency is at least `level`.

    A rule at an emergency level names the `condition` it exists for (checked at load).
    """

    id: str
    level: TriageLevelId
    condition: str | None = None
    when: RuleCondition
    reason: str
    source: str


class TriageDefault(Record):
    """The level when no rule fires.

    `reason` may say "no warning sign" only because it is used when every
    warning sign was answered; `reason_when_unasked` is used otherwise, since
    a sign nobody asked about is unknown, not absent.
    """

    level: TriageLevelId
    reason: str
    reason_when_unasked: str
    source: str


class ProbabilityEscalation(Record):
    """A serious cause this likely raises the level, to `level` at most."""

    level: TriageLevelId
    threshold: float = Field(gt=0.0, lt=1.0)
    reason: str
    source: str


class AdviceItem(Record):
    """A piece of home-care advice and the causes it fits.

    `requires_any` narrows it to people who reported one of those findings
    (advice about stimulant drugs only for someone who takes them).
    """

    id: str
    text: str
    causes: tuple[str, ...] = ()
    always: bool = False
    requires_any: tuple[str, ...] = ()
    source: str


class DoctorTest(Record):
    """A test a doctor may order, and the causes it looks for."""

    id: str
    name: str
    detail: str
    causes: tuple[str, ...] = ()
    always: bool = False
    source: str


class DoctorQuestion(Record):
    """A question the doctor is likely to ask."""

    id: str
    text: str
    source: str
