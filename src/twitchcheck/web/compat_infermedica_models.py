"""The request and response bodies of the Infermedica API v3-compatible endpoints.

Field names and values are Infermedica's (developer.infermedica.com, Engine
API v3), so a front-end built for it reads them unchanged. Requests accept the
fields Infermedica's clients send and ignore those twitchcheck has no use for
(`extras`, `evaluated_at`, `include_tokens`, ...), as a client that sends more
than a server needs should not be refused. What twitchcheck adds lives in
`extras`, where Infermedica keeps its own additions.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from twitchcheck.knowledge.models import Sex, TriageLevelId
from twitchcheck.web.schemas import MAX_TEXT_CHARS, FindingId

Choice = Literal["present", "absent", "unknown"]
Source = Literal["initial", "suggest", "predefined", "red_flags"]
QuestionType = Literal["single", "group_single", "group_multiple"]
# Infermedica's five triage levels are the knowledge base's own ids (levels.yaml): one table of levels.
TriageLevel = TriageLevelId
ConceptType = Literal["symptom", "risk_factor"]
SuggestMethod = Literal["symptoms", "risk_factors", "red_flags", "demographic_risk_factors"]
RationaleType = Literal["r0", "r1", "r2"]
# 95 findings: an evidence list longer than this repeats itself; refused before any work.
MAX_EVIDENCE = 200
MONTHS_A_YEAR = 12


class _In(BaseModel):
    # Strict types (no "30" for 30, no false for 0): the schema a client reads is the one enforced.
    model_config = ConfigDict(extra="ignore", strict=True)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- requests --------------------------------------------------------------------------------------------


class Age(_In):
    """Infermedica's age object: `{"value": 34}` in years, or `{"value": 10, "unit": "month"}`."""

    value: int = Field(ge=0, le=1500)
    unit: Literal["year", "month"] = "year"

    @property
    def years(self) -> int:
        return self.value if self.unit == "year" else self.value // MONTHS_A_YEAR


class EvidenceItem(_In):
    """One observation: a finding id and `present`, `absent` or `unknown`."""

    id: FindingId = Field(max_length=100)
    choice_id: Choice
    source: Source | None = Field(
        default=None, description="Set for what was known before the interview (initial, suggest, ...)"
    )
    initial: bool | None = Field(default=None, description="Older v3 clients' way of saying source 'initial'")

    @property
    def before_interview(self) -> bool:
        return self.source is not None or bool(self.initial)


class DiagnosisRequest(_In):
    """The case so far: who, and every observation (the API is stateless: the evidence list is the state)."""

    model_config = ConfigDict(
        extra="ignore",
        strict=True,
        json_schema_extra={
            "examples": [
                {
                    "sex": "female",
                    "age": {"value": 34},
                    "evidence": [{"id": "twitch_eyelid", "choice_id": "present", "source": "initial"}],
                }
            ]
        },
    )

    sex: Sex | None = Field(default=None, description="'female' or 'male' (Infermedica requires it; we do not)")
    age: Age | int | None = Field(default=None, description="{'value': years} (a bare number is read as years)")
    evidence: list[EvidenceItem] = Field(default_factory=list, max_length=MAX_EVIDENCE)

    @property
    def age_years(self) -> int | None:
        return self.age.years if isinstance(self.age, Age) else self.age


class ExplainRequest(DiagnosisRequest):
    target: str = Field(max_length=100, description="The condition (cause) id to explain")


class SuggestRequest(DiagnosisRequest):
    suggest_method: SuggestMethod = "symptoms"


class ParseRequest(_In):
    text: str = Field(max_length=MAX_TEXT_CHARS)
    age: Age | int | None = None


# --- responses -------------------------------------------------------------------------------------------


class ConceptRef(_Out):
    id: str
    name: str
    common_name: str


class ConceptExtras(_Out):
    group: str = Field(description="twitchcheck's finding group")
    warning_sign: bool
    acute: bool = Field(description="An acute red flag: present means act now")
    modifier: bool = Field(description="Context that makes other findings more urgent")
    why_it_matters: str | None = None


class Concept(_Out):
    """A symptom or risk factor: one twitchcheck finding."""

    id: str
    name: str
    common_name: str
    question: str
    sex_filter: Literal["both"] = "both"
    category: str = Field(description="The title of the finding's group")
    seriousness: Literal["emergency", "serious", "normal"]
    children: list[str] = Field(default_factory=list)
    parent_id: str | None = None
    parent_relation: str | None = None
    image_url: str | None = None
    image_source: str | None = None
    extras: ConceptExtras


class ConditionExtras(_Out):
    serious: bool
    summary: str
    prior: float


class ConditionDetails(_Out):
    """A condition: one twitchcheck cause."""

    id: str
    name: str
    common_name: str
    sex_filter: Literal["both"] = "both"
    categories: list[str] = Field(default_factory=list)
    extras: ConditionExtras


class Info(_Out):
    api_version: str
    twitchcheck_version: str
    knowledge_version: str
    conditions_count: int
    symptoms_count: int
    risk_factors_count: int
    lab_tests_count: int


class ChoiceOut(_Out):
    id: Choice
    label: str


class Item(_Out):
    id: str
    name: str
    choices: list[ChoiceOut]


class QuestionExtras(_Out):
    question_id: str = Field(description="twitchcheck's question id (urgent:1, group:twitch_location, finding:...)")
    phase: str = Field(description="urgent, warning_signs, together, adaptive or closing")
    why: str = Field(description="Why it is asked, for the person")
    part: int | None = None
    parts: int | None = None
    already: list[str] = Field(default_factory=list, description="Ids of the group the person already reported")


class QuestionOut(_Out):
    type: QuestionType
    text: str
    items: list[Item]
    extras: QuestionExtras


class ConditionOut(_Out):
    id: str
    name: str
    common_name: str
    probability: float


class DiagnosisExtras(_Out):
    stop_reason: str | None
    stop_explanation: str | None
    triage_level: TriageLevel
    questions_asked: int
    max_questions: int
    knowledge_version: str


class DiagnosisResponse(_Out):
    question: QuestionOut | None
    conditions: list[ConditionOut]
    extras: DiagnosisExtras
    has_emergency_evidence: bool
    should_stop: bool


class EvidenceRef(ConceptRef):
    choice_id: Choice


class ExplainResponse(_Out):
    supporting_evidence: list[EvidenceRef]
    conflicting_evidence: list[EvidenceRef]
    unconfirmed_evidence: list[EvidenceRef]


class SeriousOut(_Out):
    id: str
    name: str
    common_name: str
    is_emergency: bool
    seriousness: Literal["emergency", "serious"]


class TriageReason(_Out):
    rule: str
    level: TriageLevel
    text: str
    source: str


class TriageExtras(_Out):
    title: str
    advice: str = Field(description="What to do, and by when: show it first")
    reasons: list[TriageReason]
    emergency_conditions: list[ConceptRef]
    emergency_number: str
    disclaimer: str


class TriageResponse(_Out):
    triage_level: TriageLevel
    serious: list[SeriousOut]
    root_cause: str = Field(description="The triage rule that decided the level")
    extras: TriageExtras


class RationaleExtras(_Out):
    question_id: str | None
    text: str = Field(description="Why the question is asked, in words for the person")


class RationaleResponse(_Out):
    type: RationaleType
    observation_params: list[ConceptRef]
    condition_params: list[ConceptRef]
    extras: RationaleExtras


class Mention(_Out):
    id: str
    name: str
    common_name: str
    orth: str = Field(description="The words of the text that gave it")
    choice_id: Literal["present", "absent"]
    type: ConceptType


class ParseExtras(_Out):
    language: str
    uncertain: list[str] = Field(description="Hedged mentions: unknown, still to be asked (not evidence)")
    historical: list[str] = Field(description="Past mentions that mean nothing now")
    not_understood: list[str]
    age: int | None
    sex: Sex | None
    subject: Literal["self", "other"]


class ParseResponse(_Out):
    mentions: list[Mention]
    obvious: bool = Field(description="Whether every part of the text was understood, with no hedged mention")
    extras: ParseExtras


class SearchResult(_Out):
    id: str
    label: str
    type: ConceptType


class CompatError(_Out):
    """The error body of the compatible API: Infermedica's `message`, with twitchcheck's `code` and `field`."""

    message: str
    code: str
    field: str | None = None
