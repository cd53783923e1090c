"""Load and validate the knowledge base once.

The YAML files under `knowledge/data/` are read with importlib.resources,
parsed into the models of `twitchcheck.knowledge.models`, and cross-checked as
a whole. Anything wrong raises `KnowledgeError` with the file, the entry and
the problem, so a clinician editing a file sees at once what to fix.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge.citations import citation_problems
from twitchcheck.knowledge.files import parse_yaml_mapping, validation_problems
from twitchcheck.knowledge.models import (
    EMERGENCY_LEVEL_IDS,
    EMERGENCY_NUMBER,
    LEVEL_IDS,
    AdviceItem,
    Cause,
    DoctorQuestion,
    DoctorTest,
    EmergencyCondition,
    Finding,
    FindingGroup,
    Link,
    ProbabilityDisplay,
    ProbabilityEscalation,
    Region,
    Source,
    SourcedValue,
    TriageDefault,
    TriageRule,
    UnlistedCause,
)
from twitchcheck.suggest import did_you_mean

KNOWLEDGE_FILES = (
    "sources.yaml",
    "levels.yaml",
    "causes.yaml",
    "findings.yaml",
    "links.yaml",
    "triage.yaml",
    "advice.yaml",
    "regions.yaml",
)
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class TriageLevel:
    """One of the five triage levels; `rank` 0 is the most urgent."""

    id: str
    rank: int
    title: str
    advice: str
    source: str

    @property
    def emergency(self) -> bool:
        """An ambulance or the emergency department now."""
        return self.id in EMERGENCY_LEVEL_IDS


@dataclass(frozen=True)
class KnowledgeBase:
    """The whole validated knowledge base; read-only."""

    version: str
    sources: Mapping[str, Source]
    levels: tuple[TriageLevel, ...]
    causes: tuple[Cause, ...]
    finding_groups: Mapping[str, FindingGroup]
    findings: tuple[Finding, ...]
    links: Mapping[str, Mapping[str, Link]]
    rules: tuple[TriageRule, ...]
    conditions: tuple[EmergencyCondition, ...]
    regions: tuple[Region, ...]
    default_region: str
    default: TriageDefault
    probability_escalation: ProbabilityEscalation
    advice: tuple[AdviceItem, ...]
    tests: tuple[DoctorTest, ...]
    doctor_questions: tuple[DoctorQuestion, ...]
    display: ProbabilityDisplay
    # Everything the listed causes do not cover (causes.yaml `unlisted`): in the network, never ranked or scored.
    unlisted: UnlistedCause | None = None
    # No link is stronger than this (links.yaml `cap`), so no single answer rules a cause out.
    link_cap: SourcedValue | None = None
    _finding_index: dict[str, Finding] = field(default_factory=dict, repr=False)
    _cause_index: dict[str, Cause] = field(default_factory=dict, repr=False)
    _level_index: dict[str, TriageLevel] = field(default_factory=dict, repr=False)
    _rule_index: dict[str, TriageRule] = field(default_factory=dict, repr=False)
    _condition_index: dict[str, EmergencyCondition] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._finding_index.update({f.id: f for f in self.findings})
        self._cause_index.update({c.id: c for c in self.causes})
        self._level_index.update({lv.id: lv for lv in self.levels})
        self._rule_index.update({r.id: r for r in self.rules})
        self._condition_index.update({c.id: c for c in self.conditions})

    def rule(self, rule_id: str) -> TriageRule:
        """The triage rule with this id (KeyError if none)."""
        return self._rule_index[rule_id]

    def region(self, region_id: str | None = None) -> Region:
        """The region with this id (the default region when None); raises `KnowledgeError` naming the choices."""
        wanted = (region_id or self.default_region).upper()
        for region in self.regions:
            if region.id == wanted:
                return region
        raise KnowledgeError(
            f"unknown region '{region_id}'; use one of {', '.join(r.id for r in self.regions)} (TWITCHCHECK_REGION)"
        )

    def condition(self, condition_id: str) -> EmergencyCondition:
        """The emergency condition with this id (KeyError if none)."""
        return self._condition_index[condition_id]

    @cached_property
    def finding_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.findings)

    def waiting_follow_ups(self, present: Iterable[str]) -> frozenset[str]:
        """The follow-up findings not yet to be asked: none of their `asked_after` leads is present."""
        have = set(present)
        return frozenset(f.id for f in self.findings if f.asked_after and not have.intersection(f.asked_after))

    @cached_property
    def beyond_vocabulary_ids(self) -> frozenset[str]:
        """twitchcheck's own finding ids that the shared vocabulary does not have (no case can state them)."""
        return frozenset(f.id for f in self.findings if f.beyond_vocabulary)

    @cached_property
    def cause_ids(self) -> tuple[str, ...]:
        """The listed causes (the vocabulary's): the ones ranked, advised on and scored."""
        return tuple(c.id for c in self.causes)

    @cached_property
    def network_cause_ids(self) -> tuple[str, ...]:
        """Every cause node of the network: the listed causes, then the unlisted one when there is one."""
        return self.cause_ids + ((self.unlisted.id,) if self.unlisted is not None else ())

    @cached_property
    def warning_sign_ids(self) -> frozenset[str]:
        """Findings that are warning signs whenever present (acute red flags included)."""
        return frozenset(f.id for f in self.findings if f.warning is not None)

    @cached_property
    def modifier_ids(self) -> frozenset[str]:
        """Findings that change how urgent other findings are (pregnancy, a weak immune system...)."""
        return frozenset(f.id for f in self.findings if f.modifier)

    @cached_property
    def acute_red_flag_ids(self) -> frozenset[str]:
        return frozenset(f.id for f in self.findings if f.acute)

    def finding(self, finding_id: str) -> Finding:
        return self._finding_index[finding_id]

    def cause(self, cause_id: str) -> Cause:
        return self._cause_index[cause_id]

    def level(self, level_id: str) -> TriageLevel:
        return self._level_index[level_id]

    def exclusive_groups(self) -> Mapping[str, tuple[str, ...]]:
        """Groups of findings of which at most one can be present (the durations)."""
        return self._exclusive_groups

    # The knowledge base never changes once loaded, so what is derived from it is derived once:
    # the interview asks for these tens of thousands of times a question.
    @cached_property
    def _exclusive_groups(self) -> Mapping[str, tuple[str, ...]]:
        return MappingProxyType(
            {
                name: tuple(f.id for f in self.findings if f.group == name)
                for name, group in self.finding_groups.items()
                if group.kind == "exclusive"
            }
        )


def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Load and validate a knowledge base; the packaged one when `directory` is None.

    The packaged base is cached: it is read once per process.
    """
    if directory is None:
        return _packaged_knowledge()
    return _load(directory)


@cache
def _packaged_knowledge() -> KnowledgeBase:
    return _load(resources.files("twitchcheck.knowledge") / "data")


def _load(root: Traversable | Path) -> KnowledgeBase:
    texts: dict[str, str] = {}
    for name in KNOWLEDGE_FILES:
        path = root / name
        if not path.is_file():
            raise KnowledgeError(f"{name}: file is missing from the knowledge base at {root}")
        texts[name] = path.read_text(encoding="utf-8")
    raw = {name: parse_yaml_mapping(name, text) for name, text in texts.items()}
    version = "kb-" + hashlib.sha256("".join(texts[n] for n in KNOWLEDGE_FILES).encode()).hexdigest()[:12]

    sources = {
        key: _model(Source, value, "sources.yaml", key)
        for key, value in _section(raw, "sources.yaml", "sources", dict).items()
    }
    levels = tuple(
        TriageLevel(
            id=_str(entry, "levels.yaml", "id"),
            rank=rank,
            title=_str(entry, "levels.yaml", "title"),
            advice=_str(entry, "levels.yaml", "advice"),
            source=_str(entry, "levels.yaml", "source"),
        )
        for rank, entry in enumerate(_section(raw, "levels.yaml", "levels", list))
    )
    causes = _models(Cause, _section(raw, "causes.yaml", "causes", list), "causes.yaml")
    display = _model(ProbabilityDisplay, _section(raw, "causes.yaml", "display", dict), "causes.yaml", "display")
    unlisted_raw = raw["causes.yaml"].get("unlisted")
    unlisted = None if unlisted_raw is None else _model(UnlistedCause, unlisted_raw, "causes.yaml", "unlisted")
    groups = {
        key: _model(FindingGroup, value, "findings.yaml", f"groups.{key}")
        for key, value in _section(raw, "findings.yaml", "groups", dict).items()
    }
    findings = _models(Finding, _section(raw, "findings.yaml", "findings", list), "findings.yaml")
    links: dict[str, dict[str, Link]] = {}
    for cause_id, by_finding in _section(raw, "links.yaml", "links", dict).items():
        if not isinstance(by_finding, dict):
            raise KnowledgeError(f"links.yaml: entry '{cause_id}': expected a mapping of finding id to {{p, source}}")
        links[cause_id] = {
            fid: _model(Link, value, "links.yaml", f"{cause_id} -> {fid}") for fid, value in by_finding.items()
        }
    cap_raw = raw["links.yaml"].get("cap")
    link_cap = None if cap_raw is None else _model(SourcedValue, cap_raw, "links.yaml", "cap")
    triage_raw = raw["triage.yaml"]
    rules = _models(TriageRule, _section(raw, "triage.yaml", "rules", list), "triage.yaml")
    conditions = _models(EmergencyCondition, _section(raw, "triage.yaml", "conditions", list), "triage.yaml")
    regions = _models(Region, _section(raw, "regions.yaml", "regions", list), "regions.yaml")
    default_region = _section(raw, "regions.yaml", "default", str)
    default = _model(TriageDefault, triage_raw.get("default"), "triage.yaml", "default")
    escalation = _model(
        ProbabilityEscalation, triage_raw.get("probability_escalation"), "triage.yaml", "probability_escalation"
    )
    advice = _models(AdviceItem, _section(raw, "advice.yaml", "advice", list), "advice.yaml")
    tests = _models(DoctorTest, _section(raw, "advice.yaml", "tests", list), "advice.yaml")
    questions = _models(DoctorQuestion, _section(raw, "advice.yaml", "doctor_questions", list), "advice.yaml")

    kb = KnowledgeBase(
        version=version,
        sources=sources,
        levels=levels,
        causes=causes,
        finding_groups=groups,
        findings=findings,
        links=links,
        rules=rules,
        conditions=conditions,
        regions=regions,
        default_region=default_region,
        default=default,
        probability_escalation=escalation,
        advice=advice,
        tests=tests,
        doctor_questions=questions,
        display=display,
        unlisted=unlisted,
        link_cap=link_cap,
    )
    problems = list(_cross_check(kb))
    if problems:
        raise KnowledgeError("the knowledge base is invalid:\n  " + "\n  ".join(problems))
    return kb


def _section(raw: Mapping[str, dict[str, Any]], name: str, key: str, kind: type) -> Any:
    value = raw[name].get(key)
    if not isinstance(value, kind):
        raise KnowledgeError(f"{name}: section '{key}' is missing or not a {kind.__name__}")
    return value


def _str(entry: Any, name: str, key: str) -> str:
    if not isinstance(entry, dict) or not isinstance(entry.get(key), str):
        raise KnowledgeError(f"{name}: entry {entry!r}: '{key}' must be a string")
    return str(entry[key])


def _model(model: type[ModelT], value: Any, name: str, entry: str) -> ModelT:
    """One entry of a file as its model; a `KnowledgeError` naming the file, the entry and each problem."""
    try:
        return model.model_validate(value)
    except ValidationError as error:
        raise KnowledgeError(
            f"{name}: " + "; ".join(validation_problems(error, raw=value, model=model, within=entry))
        ) from error


def _models(model: type[ModelT], entries: Sequence[Any], name: str) -> tuple[ModelT, ...]:
    records = []
    for position, value in enumerate(entries):
        label = value.get("id", f"#{position + 1}") if isinstance(value, dict) else f"#{position + 1}"
        records.append(_model(model, value, name, str(label)))
    return tuple(records)


def _duplicates(ids: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    repeated: set[str] = set()
    for item in ids:
        (repeated if item in seen else seen).add(item)
    return repeated


def _emergency_conditions(kb: KnowledgeBase, cite: Callable[[str, str, str], Iterable[str]]) -> Iterable[str]:
    """Every emergency rule names a known condition, so that an emergency result says what it is for."""
    known = {condition.id for condition in kb.conditions}
    for dup in sorted(_duplicates([condition.id for condition in kb.conditions])):
        yield f"triage.yaml: condition id '{dup}' is defined twice"
    for condition in kb.conditions:
        yield from cite("triage.yaml", condition.id, condition.source)
    used: set[str] = set()
    for rule in kb.rules:
        if rule.condition is None:
            if kb.level(rule.level).emergency:
                yield (
                    f"triage.yaml: rule '{rule.id}': a rule at level '{rule.level}' must name the condition it "
                    f"exists for (condition: one of {', '.join(sorted(known))})"
                )
        elif rule.condition not in known:
            hint = did_you_mean(rule.condition, known)
            yield f"triage.yaml: rule '{rule.id}': unknown condition '{rule.condition}'{hint}"
        else:
            used.add(rule.condition)
    for unused in sorted(known - used):
        yield f"triage.yaml: condition '{unused}' is named by no rule; remove it or name it in a rule"


def _warning_sign_links(kb: KnowledgeBase) -> Iterable[str]:
    """No warning sign reassures: none counts for a reassuring cause, none for a harmless one without a caution."""
    alarming = kb.warning_sign_ids | kb.acute_red_flag_ids
    causes = {cause.id: cause for cause in kb.causes}
    for cause_id, by_finding in kb.links.items():
        cause = causes.get(cause_id)
        if cause is None:
            continue
        for fid, link in by_finding.items():
            if fid not in alarming:
                continue
            if cause.reassuring:
                yield (
                    f"links.yaml: entry '{cause_id} -> {fid}': '{fid}' is a warning sign, and '{cause_id}' is "
                    "defined by having none, so no warning sign may count for it; remove the link"
                )
            elif not cause.serious and not (link.caution or "").strip():
                yield (
                    f"links.yaml: entry '{cause_id} -> {fid}': the warning sign '{fid}' supports the usually "
                    f"harmless cause '{cause_id}'; give a caution saying what the sign means for it"
                )


def _cross_check(kb: KnowledgeBase) -> Iterable[str]:
    """Yield one sentence per problem that needs the whole base to see."""
    finding_ids = set(kb.finding_ids)
    cause_ids = set(kb.cause_ids)
    node_ids = set(kb.network_cause_ids)
    level_ids = [lv.id for lv in kb.levels]
    keys = set(kb.sources)

    for kind, ids in (("cause", kb.network_cause_ids), ("finding", kb.finding_ids), ("rule", [r.id for r in kb.rules])):
        for dup in sorted(_duplicates(ids)):
            yield f"{kind} id '{dup}' is defined twice"
    if tuple(level_ids) != LEVEL_IDS:
        yield f"levels.yaml: expected the five vocabulary levels, most urgent first; got {level_ids}"

    def cite(name: str, entry: str, source: str) -> Iterable[str]:
        for problem in citation_problems(source, known_keys=keys):
            yield f"{name}: entry '{entry}': source: {problem}"

    for level in kb.levels:
        yield from cite("levels.yaml", level.id, level.source)
    yield from cite("causes.yaml", "display.shown_at_most", kb.display.shown_at_most.source)
    for band in kb.display.bands:
        yield from cite("causes.yaml", f"display.bands.{band.id}", band.source)
    if kb.display.first_cause is not None:
        yield from cite("causes.yaml", "display.first_cause", kb.display.first_cause.source)
    if kb.display.close_call is not None:
        yield from cite("causes.yaml", "display.close_call", kb.display.close_call.source)
    for cause in kb.causes:
        yield from cite("causes.yaml", cause.id, cause.prior.source)
        yield from cite("causes.yaml", cause.id, cause.summary_source)
        for adjustment in cause.adjustments:
            yield from cite("causes.yaml", cause.id, adjustment.source)
        if cause.codes is None:
            yield f"causes.yaml: entry '{cause.id}': give its codes (icd10, icd10_cm, source) for the clinic record"
        else:
            yield from cite("causes.yaml", cause.id, cause.codes.source)
        if cause.id not in kb.links or not kb.links[cause.id]:
            yield f"links.yaml: cause '{cause.id}' has no links to any finding"
    if kb.link_cap is not None:
        yield from cite("links.yaml", "cap", kb.link_cap.source)
    if kb.unlisted is not None:
        yield from cite("causes.yaml", "unlisted", kb.unlisted.prior.source)
        yield from cite("causes.yaml", "unlisted", kb.unlisted.summary_source)
        if not kb.links.get(kb.unlisted.id):
            yield f"links.yaml: the unlisted cause '{kb.unlisted.id}' has no links to any finding"
    for finding in kb.findings:
        if finding.group not in kb.finding_groups:
            groups = ", ".join(sorted(kb.finding_groups))
            yield f"findings.yaml: entry '{finding.id}': unknown group '{finding.group}' (one of {groups})"
        if finding.leak.value >= 1.0:
            yield f"findings.yaml: entry '{finding.id}': leak must be below 1"
        yield from cite("findings.yaml", finding.id, finding.leak.source)
        if finding.warning is not None:
            yield from cite("findings.yaml", finding.id, finding.warning.source)
        if finding.codes is not None:
            yield from cite("findings.yaml", finding.id, finding.codes.source)
        if finding.asked_after and finding.warning is not None:
            # every warning sign is asked (H12: not asked is not absent), never held back for another answer
            yield f"findings.yaml: entry '{finding.id}': a warning sign cannot wait for another answer (asked_after)"
        for other in finding.asked_after:
            if other not in finding_ids or other == finding.id:
                hint = did_you_mean(other, finding_ids)
                said = f"asked_after names '{other}', which is not another finding{hint}"
                yield f"findings.yaml: entry '{finding.id}': {said}"
    for cause_id, by_finding in kb.links.items():
        if cause_id not in node_ids:
            yield f"links.yaml: entry '{cause_id}': unknown cause id{did_you_mean(cause_id, node_ids)}"
        for fid, link in by_finding.items():
            if fid not in finding_ids:
                yield f"links.yaml: entry '{cause_id} -> {fid}': unknown finding id{did_you_mean(fid, finding_ids)}"
            yield from cite("links.yaml", f"{cause_id} -> {fid}", link.source)
            if kb.link_cap is not None and link.p > kb.link_cap.value:
                yield (
                    f"links.yaml: entry '{cause_id} -> {fid}': p {link.p} is above the cap of {kb.link_cap.value} "
                    "(links.yaml `cap`: no single answer may rule a cause out)"
                )
            if link.caution is not None:
                if link.caution_source is None:
                    yield f"links.yaml: entry '{cause_id} -> {fid}': a caution needs its caution_source"
                else:
                    yield from cite("links.yaml", f"{cause_id} -> {fid}", link.caution_source)
    yield from _warning_sign_links(kb)
    warning_signs = kb.warning_sign_ids
    for rule in kb.rules:
        for fid in sorted(rule.when.finding_ids() - finding_ids):
            yield f"triage.yaml: rule '{rule.id}': unknown finding id '{fid}'{did_you_mean(fid, finding_ids)}"
        for fid in sorted(set(rule.when.unless_present) & warning_signs):
            yield (
                f"triage.yaml: rule '{rule.id}': unless_present names the warning sign '{fid}'; "
                "adding a warning sign must never lower urgency"
            )
        for fid in sorted(set(rule.when.unless_present) & kb.modifier_ids):
            yield (
                f"triage.yaml: rule '{rule.id}': unless_present names the modifier '{fid}'; "
                "a modifier (pregnancy, a weak immune system, a known condition) must never lower urgency"
            )
        yield from cite("triage.yaml", rule.id, rule.source)
    yield from _emergency_conditions(kb, cite)
    for region in kb.regions:
        yield from cite("regions.yaml", region.id, region.source)
    if kb.default_region not in {region.id for region in kb.regions}:
        yield f"regions.yaml: the default region '{kb.default_region}' is not one of the regions"
    if kb.levels and EMERGENCY_NUMBER not in kb.levels[0].advice:
        yield f"levels.yaml: entry '{kb.levels[0].id}': the advice must give the number to call as {EMERGENCY_NUMBER}"
    yield from cite("triage.yaml", "default", kb.default.source)
    escalation = kb.probability_escalation
    yield from cite("triage.yaml", "probability_escalation", escalation.source)
    if level_ids.index(escalation.level) < level_ids.index("consultation"):
        yield "triage.yaml: probability_escalation may raise the level to 'consultation' at most"
    for name, items in (("advice", kb.advice), ("tests", kb.tests)):
        for item in items:
            for cid in item.causes:
                if cid not in cause_ids:
                    yield f"advice.yaml: {name} '{item.id}': unknown cause id '{cid}'{did_you_mean(cid, cause_ids)}"
            for fid in getattr(item, "requires_any", ()):
                if fid not in finding_ids:
                    yield f"advice.yaml: {name} '{item.id}': unknown finding id '{fid}'{did_you_mean(fid, finding_ids)}"
            yield from cite("advice.yaml", item.id, item.source)
    for question in kb.doctor_questions:
        yield from cite("advice.yaml", question.id, question.source)
