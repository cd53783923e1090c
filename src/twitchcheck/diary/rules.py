"""Load and validate diary.yaml: the thresholds of trend alerts and trigger comparisons.

The numbers that decide when a diary raises an alert are medical judgement,
so they live in `knowledge/data/diary.yaml` with a source each, not in code.
This module reads that file once, checks every record with pydantic (unknown
keys rejected), checks every `source:` like the rest of the knowledge base,
and cross-checks finding ids against the knowledge base. Anything wrong raises
`KnowledgeError` naming the file, the entry and the problem.

    >>> rules = load_diary_rules()
    >>> rules.worsening.window_days.value
    28
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge import KnowledgeBase, load_knowledge
from twitchcheck.knowledge.citations import citation_problems
from twitchcheck.knowledge.files import parse_yaml_mapping, validation_problems
from twitchcheck.suggest import did_you_mean

FILE_NAME = "diary.yaml"
# The knowledge-base group whose findings a diary entry may log as new symptoms.
SYMPTOM_GROUP = "symptoms"
# Entry fields a trigger may compare; they are the context fields of DiaryEntry.
TriggerField = Literal["caffeine_drinks", "sleep_hours", "stress", "exercise", "alcohol_units"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Count(_Record):
    """A whole number of days or bouts, with its source."""

    value: int = Field(ge=0)
    source: str


class Number(_Record):
    """A positive number (a ratio, a threshold), with its source."""

    value: float = Field(gt=0)
    source: str


class Level(_Record):
    """A significance level between 0 and 1, with its source."""

    value: float = Field(gt=0, lt=1)
    source: str


class WorseningRules(_Record):
    """When bouts or intensity count as rising: trend test plus week-on-week rate."""

    finding: str
    window_days: Count
    min_days: Count
    significance: Level
    week_days: Count
    rate_ratio_min: Number
    rate_min_count: Count
    rate_min_days_per_week: Count


class SpreadingRules(_Record):
    """When a body place counts as new: first logged after the baseline days."""

    finding: str
    baseline_days: Count


class DurationStage(_Record):
    """One duration finding and the day (since the start) from which it holds."""

    finding: str
    from_days: Count
    sentence: str


class DurationRules(_Record):
    stages: tuple[DurationStage, ...] = Field(min_length=2)


class Trigger(_Record):
    """A possible trigger: which entry field, and which days count as 'exposed'."""

    id: str
    field: TriggerField
    exposed_when: Literal["at_least", "below"]
    threshold: Number
    exposed_label: str
    other_label: str
    name: str

    def exposed(self, value: float) -> bool:
        """True when a day's value puts it in the exposed group."""
        if self.exposed_when == "at_least":
            return value >= self.threshold.value
        return value < self.threshold.value


class AssociationRules(_Record):
    min_days_per_group: Count
    notable_ratio: Number
    notable_intensity_difference: Number
    significance: Level
    triggers: tuple[Trigger, ...]


class AlertRules(_Record):
    """How long an alert that called for more urgent care keeps the diary's headline at that level."""

    stays_current_days: Count


class SymptomGroup(_Record):
    """A body system's symptoms, under one heading of the diary form."""

    title: str
    symptoms: tuple[str, ...] = Field(min_length=1)


class SymptomChips(_Record):
    """The diary form's symptom chips: a short common list first, then every other symptom by body system."""

    common: tuple[str, ...] = Field(min_length=1)
    groups: tuple[SymptomGroup, ...] = Field(min_length=1)


class DiaryRules(_Record):
    """Everything diary.yaml holds, validated."""

    worsening: WorseningRules
    spreading: SpreadingRules
    duration: DurationRules
    alerts: AlertRules
    associations: AssociationRules
    location_short_labels: dict[str, str]
    symptom_chips: SymptomChips

    def short_label(self, location_id: str, kb: KnowledgeBase) -> str:
        """A short name for a twitch location (the chart), else its knowledge-base label."""
        return self.location_short_labels.get(location_id) or kb.finding(location_id).label


def load_diary_rules(path: Path | None = None, *, kb: KnowledgeBase | None = None) -> DiaryRules:
    """Load and validate diary rules; the packaged diary.yaml when `path` is None (cached)."""
    if path is None and kb is None:
        return _packaged_rules()
    knowledge = kb if kb is not None else load_knowledge()
    return _load(path if path is not None else _packaged_path(), knowledge)


def _packaged_path() -> Traversable:
    return resources.files("twitchcheck.knowledge") / "data" / FILE_NAME


@cache
def _packaged_rules() -> DiaryRules:
    return _load(_packaged_path(), load_knowledge())


def _load(path: Traversable | Path, kb: KnowledgeBase) -> DiaryRules:
    if not path.is_file():
        raise KnowledgeError(f"{FILE_NAME}: file is missing at {path}")
    raw = parse_yaml_mapping(FILE_NAME, path.read_text(encoding="utf-8"))
    try:
        rules = DiaryRules.model_validate(raw)
    except ValidationError as error:
        said = validation_problems(error, raw=raw, model=DiaryRules)
        raise KnowledgeError(f"{FILE_NAME}: " + f"\n{FILE_NAME}: ".join(said)) from error
    problems = list(_cross_check(rules, kb))
    if problems:
        raise KnowledgeError(f"{FILE_NAME}: " + f"\n{FILE_NAME}: ".join(problems))
    return rules


def _sources(rules: DiaryRules) -> Iterable[tuple[str, str]]:
    """Every (entry, source) pair of the file."""
    for section_name in ("worsening", "spreading"):
        section = getattr(rules, section_name)
        for key, value in section:
            if isinstance(value, Count | Number | Level):
                yield f"{section_name}.{key}", value.source
    for stage in rules.duration.stages:
        yield f"duration.stages.{stage.finding}", stage.from_days.source
    associations = rules.associations
    for key, value in associations:
        if isinstance(value, Count | Number | Level):
            yield f"associations.{key}", value.source
    for trigger in associations.triggers:
        yield f"associations.triggers.{trigger.id}", trigger.threshold.source


def _chip_problems(chips: SymptomChips, kb: KnowledgeBase) -> Iterable[str]:
    """Every knowledge-base symptom is offered exactly once, and nothing else is."""
    symptoms = {f.id for f in kb.findings if f.group == SYMPTOM_GROUP}
    offered = [*chips.common, *(s for group in chips.groups for s in group.symptoms)]
    for finding in sorted({s for s in offered if offered.count(s) > 1}):
        yield f"entry 'symptom_chips': '{finding}' is offered more than once"
    for finding in sorted(set(offered) - symptoms):
        yield f"entry 'symptom_chips': '{finding}' is not a symptom of the knowledge base"
    for finding in sorted(symptoms - set(offered)):
        yield f"entry 'symptom_chips': the symptom '{finding}' is in no group, so the diary form could not log it"


def _cross_check(rules: DiaryRules, kb: KnowledgeBase) -> Iterable[str]:
    """Yield one sentence per problem that needs the knowledge base or several entries to see."""
    known = set(kb.finding_ids)
    yield from _chip_problems(rules.symptom_chips, kb)
    for entry, source in _sources(rules):
        for problem in citation_problems(source, known_keys=set(kb.sources)):
            yield f"entry '{entry}': source: {problem}"
    for entry, finding in (
        ("worsening.finding", rules.worsening.finding),
        ("spreading.finding", rules.spreading.finding),
        *((f"duration.stages.{s.finding}", s.finding) for s in rules.duration.stages),
        *((f"location_short_labels.{fid}", fid) for fid in rules.location_short_labels),
    ):
        if finding not in known:
            yield f"entry '{entry}': unknown finding id '{finding}'{did_you_mean(finding, known)}"
    worsening = rules.worsening
    if worsening.min_days.value < 3:
        yield "entry 'worsening.min_days': a trend test needs at least 3 days"
    if worsening.min_days.value > worsening.window_days.value:
        yield "entry 'worsening.min_days': must not exceed window_days, or no diary could ever show a trend"
    if 2 * worsening.week_days.value > worsening.window_days.value:
        yield "entry 'worsening.week_days': two weeks must fit in window_days"
    if worsening.rate_ratio_min.value <= 1:
        yield "entry 'worsening.rate_ratio_min': must be above 1 (a rise)"
    if worsening.rate_min_days_per_week.value > worsening.week_days.value:
        yield "entry 'worsening.rate_min_days_per_week': must not exceed week_days"
    starts = [stage.from_days.value for stage in rules.duration.stages]
    if starts[0] != 0 or starts != sorted(set(starts)):
        yield f"entry 'duration.stages': from_days must start at 0 and rise strictly; got {starts}"
    exclusive = {fid for group in kb.exclusive_groups().values() for fid in group}
    stage_ids = {stage.finding for stage in rules.duration.stages}
    if not stage_ids <= exclusive:
        yield "entry 'duration.stages': every stage must be a duration finding (an exclusive group of findings.yaml)"
    ids = [trigger.id for trigger in rules.associations.triggers]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        yield f"entry 'associations.triggers.{duplicate}': trigger id is defined twice"
    if rules.associations.notable_ratio.value <= 1:
        yield "entry 'associations.notable_ratio': must be above 1"
