"""Case files: one JSON object a line, in the format of ../shared/vignettes.

Only the fields a mode needs are required; the rest are kept for scoring. A
case file used as *input* (`twitchcheck assess --cases`) needs only age, sex,
present and absent.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from twitchcheck.errors import CaseFileError


class Expected(BaseModel):
    """What the judge expects for a case."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    triage: str
    triage_acceptable: list[str]
    causes: list[str]
    red_flags: list[str] = Field(default_factory=list)


class Case(BaseModel):
    """One person's case; unknown fields are ignored, as the vignette format may grow."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = ""
    age: int | None = None
    sex: str | None = None
    narrative: str = ""
    initial: list[str] = Field(default_factory=list)
    present: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    text_present: list[str] = Field(default_factory=list)
    text_absent: list[str] = Field(default_factory=list)
    expected: Expected | None = None
    rationale: str = ""


def load_cases(path: Path) -> list[Case]:
    """Read every case of a JSON-lines file; raise `CaseFileError` naming the bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CaseFileError(f"cannot read case file {path}: {error.strerror or error}") from error
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise CaseFileError(
                f"{path}:{number}: not valid JSON ({error.msg}); write one JSON object a line"
            ) from error
        if not isinstance(data, dict):
            raise CaseFileError(f"{path}:{number}: expected a JSON object with age, sex, present and absent")
        try:
            case = Case.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise CaseFileError(f"{path}:{number}: field '{where}': {first['msg']}") from error
        cases.append(case if case.id else case.model_copy(update={"id": f"line {number}"}))
    return cases
