"""Request bodies of the JSON API (the Assessment is the response model of /assess)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_FINDINGS = 100


class AssessRequest(BaseModel):
    """The fields of a vignette case: who the person is and which findings are present or absent."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"age": 30, "sex": "female", "present": ["twitch_eyelid", "poor_sleep"], "absent": ["fever"]}]
        },
    )

    age: int | None = Field(default=None, ge=0, le=120, description="Age in whole years")
    sex: Literal["female", "male"] | None = None
    present: list[str] = Field(default_factory=list, max_length=MAX_FINDINGS, description="Finding ids present")
    absent: list[str] = Field(default_factory=list, max_length=MAX_FINDINGS, description="Finding ids known absent")


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
