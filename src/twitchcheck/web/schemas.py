"""Request bodies of the JSON API (the Assessment is the response model of /assess)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from twitchcheck.interview.state import Reply
from twitchcheck.knowledge import load_knowledge
from twitchcheck.knowledge.models import Sex

MAX_FINDINGS = 100
# At most this many findings present in one request: twice the most any case here reports (13 of 95),
# so that one request cannot make the engine enumerate its worst case (about 13 ms at 30, 32 ms at 93).
MAX_PRESENT_FINDINGS = 30
Language = Literal["en", "fr"]
# The API's hard limit on free text; the max_text_chars setting may only lower it.
MAX_TEXT_CHARS = 5000

# A finding id: any string is accepted here and checked by the engine, which answers an unknown id
# with the nearest valid ones; the schema lists the valid ids for clients and generators.
FindingId = Annotated[
    str,
    WithJsonSchema({"type": "string", "enum": list(load_knowledge().finding_ids), "description": "A finding id"}),
]


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str = Field(description="What was wrong and how to fix it")
    field: str | None = Field(default=None, description="The input at fault, when there is one")


class ErrorBody(BaseModel):
    """The one shape of every 4xx and 5xx response."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorBody, "description": "The body could not be read"},
    401: {"model": ErrorBody, "description": "Sign in first (server mode)"},
    403: {"model": ErrorBody, "description": "Refused: sent by a page of another website, or from another machine"},
    404: {"model": ErrorBody, "description": "No such resource (or the interview expired)"},
    413: {"model": ErrorBody, "description": "The body is too large"},
    422: {"model": ErrorBody, "description": "Invalid input: the message names the field and the fix"},
    429: {"model": ErrorBody, "description": "Too many failed sign-ins; wait the Retry-After seconds"},
    500: {"model": ErrorBody, "description": "Unexpected error (logged)"},
    503: {"model": ErrorBody, "description": "The database is unavailable, or the request took too long"},
}


class AssessRequest(BaseModel):
    """The fields of a vignette case: who the person is and which findings are present or absent."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "examples": [{"age": 30, "sex": "female", "present": ["twitch_eyelid", "poor_sleep"], "absent": ["fever"]}]
        },
    )

    age: int | None = Field(default=None, ge=0, le=120, description="Age in whole years")
    sex: Sex | None = None
    present: list[FindingId] = Field(
        default_factory=list, max_length=MAX_PRESENT_FINDINGS, description="Findings present (at most 30)"
    )
    absent: list[FindingId] = Field(default_factory=list, max_length=MAX_FINDINGS, description="Findings known absent")


class CauseInfo(BaseModel):
    id: str
    name: str
    summary: str
    serious: bool
    prior: float
    source: str


class FindingInfo(BaseModel):
    id: str
    label: str
    group: str
    question: str
    warning_sign: bool
    acute: bool
    why_it_matters: str | None
    source: str | None


class Health(BaseModel):
    status: Literal["ok"]
    knowledge_version: str
    database: Literal["ok"]


class ParseRequest(BaseModel):
    """Free text to read as findings."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"text": "My left eyelid has been jumping for a week, no fever. I'm 34."}]},
    )

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="What the person wrote")
    language: Language | None = Field(
        default=None, description="The text's language; left out, it is recognised from the words (else English)"
    )


class StartInterviewRequest(BaseModel):
    """Start an interview from findings already known and/or free text."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"text": "eyelid twitching for 4 days, sleeping badly", "age": 34}]},
    )

    age: int | None = Field(default=None, ge=0, le=120)
    sex: Sex | None = None
    present: list[FindingId] = Field(default_factory=list, max_length=MAX_PRESENT_FINDINGS)
    absent: list[FindingId] = Field(default_factory=list, max_length=MAX_FINDINGS)
    text: str | None = Field(
        default=None, max_length=MAX_TEXT_CHARS, description="Free text; its findings seed the interview"
    )
    language: Language | None = Field(
        default=None, description="The text's language; left out, it is recognised from the words (else English)"
    )
    max_questions: int = Field(default=20, ge=1, le=60)


class AnswerRequest(BaseModel):
    """An answer: "yes"/"no"/"unknown", an option id (one-of questions), or {option id: reply} (checklists)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"question_id": "urgent:1", "answer": "no"}]},
    )

    question_id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_:.\-]+$")
    answer: str | dict[str, Reply]
    version: int | None = Field(
        default=None,
        ge=0,
        le=1_000_000,
        description="The interview's version this answer was given to; an older one is refused with 409.",
    )


class InterviewChangeRequest(BaseModel):
    """An optional body for "back" and "stop": the version the change was made from."""

    model_config = ConfigDict(extra="forbid", strict=True)

    version: int | None = Field(
        default=None, ge=0, le=1_000_000, description="The interview's version; an older one is refused with 409."
    )


class CorrectionRequest(BaseModel):
    """Corrections to what the free text was understood to say, made before the first answer."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"remove": ["high_caffeine"], "flip": ["twitch_eyelid"], "version": 0}]},
    )

    remove: list[FindingId] = Field(
        default_factory=list, max_length=MAX_FINDINGS, description="Findings to forget: they become unknown"
    )
    flip: list[FindingId] = Field(
        default_factory=list, max_length=MAX_FINDINGS, description="Findings to turn from yes to no, or no to yes"
    )
    version: int | None = Field(
        default=None, ge=0, le=1_000_000, description="The interview's version; an older one is refused with 409."
    )
