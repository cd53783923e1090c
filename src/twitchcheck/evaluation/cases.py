"""Case files: one JSON object a line, in the format of ../shared/vignettes.

Only the fields a mode needs are required; the rest are kept for scoring. A
case file used as *input* (`twitchcheck assess --cases`) needs only age, sex,
present and absent.

`load_cases` is the one reader of case files. It reads and checks the whole
file before returning anything, so a caller that prints a result per case
never prints half a file's results and then an error; every problem names its
line ("cases.jsonl:3: ..."), the way compilers do, so an editor can jump to it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from twitchcheck.errors import CaseFileError, TwitchcheckError

WHAT_A_LINE_IS = 'write one JSON object a line, e.g. {"age": 30, "sex": "female", "present": ["twitch_eyelid"]}'


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
    # The narrative's language ("en", "fr"); left out, it is recognised from the words.
    language: Literal["en", "fr"] | None = None
    initial: list[str] = Field(default_factory=list)
    present: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    text_present: list[str] = Field(default_factory=list)
    text_absent: list[str] = Field(default_factory=list)
    expected: Expected | None = None
    rationale: str = ""


def load_cases(path: Path, *, check: Callable[[Case], object] | None = None) -> list[Case]:
    """Read and check every case of a JSON-lines file; raise `CaseFileError` naming the first bad line.

    `check` runs on each case once it is parsed (the CLI passes one that builds
    the case's evidence), so a problem only the caller can see, such as an
    unknown finding id, is reported with its line too, before any case is used.

        load_cases(Path("cases.jsonl"), check=lambda case: assessor.evidence(present=case.present))
    """
    cases = []
    for number, raw in enumerate(_read_lines(path), start=1):
        where = f"{path}:{number}"
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")  # a BOM, as Notepad writes, is fine
        except UnicodeDecodeError as error:
            raise CaseFileError(
                f"{where}: not UTF-8 text (byte 0x{raw[error.start]:02x} at column {error.start + 1}); "
                "save the file as UTF-8"
            ) from None
        if not line.strip():
            continue
        case = _parse_line(line, where)
        if not case.id:
            case = case.model_copy(update={"id": f"line {number}"})
        if check is not None:
            try:
                check(case)
            except TwitchcheckError as error:
                raise CaseFileError(f"{where}: {error}") from error
        cases.append(case)
    if not cases:
        raise CaseFileError(f"{path} has no cases: it is empty or blank; {WHAT_A_LINE_IS}")
    return cases


def _read_lines(path: Path) -> list[bytes]:
    """The file's lines as bytes, split on \\n, \\r\\n or \\r only (so numbers match an editor's)."""
    try:
        return path.read_bytes().splitlines()
    except IsADirectoryError:
        raise CaseFileError(f"{path} is a folder; give a case file (JSON lines) inside it") from None
    except FileNotFoundError:
        raise CaseFileError(f"no case file at {path}; check the path (it is relative to this folder)") from None
    except PermissionError:
        raise CaseFileError(f"cannot read case file {path}: permission denied; check the file's permissions") from None
    except OSError as error:
        raise CaseFileError(f"cannot read case file {path}: {error.strerror or error}") from None


def _parse_line(line: str, where: str) -> Case:
    """One line as a `Case`; `where` ("cases.jsonl:3") starts every message."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise CaseFileError(
            f"{where}: not valid JSON ({error.msg} at column {error.colno}); {WHAT_A_LINE_IS}"
        ) from None
    except RecursionError:
        raise CaseFileError(f"{where}: the JSON is nested too deeply to read; {WHAT_A_LINE_IS}") from None
    if not isinstance(data, dict):
        raise CaseFileError(f"{where}: expected a JSON object, not {_json_kind(data)}; {WHAT_A_LINE_IS}")
    try:
        return Case.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise CaseFileError(f"{where}: field '{field}': {first['msg']}") from None


def _json_kind(value: object) -> str:
    """'an array', 'a string', ...: what a line held instead of an object, in JSON's words."""
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "null"
    return "a number"
