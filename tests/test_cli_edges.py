"""The CLI at its edges (issue 15, item 6): every bad file or path is one `Error:` line on stderr and exit 2.

Each test gives a command something a person might really give it (a file in
another encoding, a folder for a file, a path in a folder that is not there)
and checks the whole of what they see: nothing on stdout, exactly one line on
stderr that names the problem, exit code 2, and no exception escaping the
command (the runner would hold it in `result.exception`; a person would see a
traceback).
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from twitchcheck.cli import app
from twitchcheck.errors import KnowledgeError

from .conftest import PUBLIC_VIGNETTES

runner = CliRunner()
GOOD_CASES = [line for line in PUBLIC_VIGNETTES.read_text(encoding="utf-8").splitlines() if line.strip()][:2]
DEEP_JSON = "[" * 100_000


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A diary of our own in a temporary folder, never the person's."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TWITCHCHECK_DATA_DIR", str(folder))
    monkeypatch.delenv("TWITCHCHECK_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def one_entry() -> None:
    """A diary with one entry, so that export and report have something to write."""
    result = runner.invoke(
        app, ["diary", "add", "--where", "eyelid", "--bouts", "3", "--seconds", "20", "--intensity", "2"]
    )
    assert result.exit_code == 0, result.output


def error_line(result: Result) -> str:
    """The one `Error:` line a failed command printed, after checking it printed nothing else."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception  # no exception escaped the command
    assert "Traceback" not in result.output
    assert result.stdout == "", "something was printed before the error"
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def case_file(path: Path, *lines: str | bytes) -> Path:
    """A JSON-lines file: two good public cases, then `lines` (so a bad one is line 3)."""
    body = [line.encode() if isinstance(line, str) else line for line in (*GOOD_CASES, *lines)]
    path.write_bytes(b"\n".join(body) + b"\n")
    return path


def unreadable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make reading `path` fail with "permission denied" (chmod is no use when the tests run as root)."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make `folder` look not writable to the CLI's check (root may write anywhere)."""
    real = os.access

    def access(path: object, mode: int, **options: object) -> bool:
        if Path(str(path)) == folder and mode & os.W_OK:
            return False
        return real(path, mode, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


# --- case files: assess --cases and evaluate --------------------------------------------------------


@pytest.mark.parametrize("as_json", [[], ["--json"]], ids=["table", "json"])
def test_assess_cases_with_a_bad_line_prints_nothing_but_the_error_naming_that_line(
    tmp_path: Path, as_json: list[str]
) -> None:
    cases = case_file(tmp_path / "cases.jsonl", '{"age": 30, "present": ["twitch_eyelids"]}')
    line = error_line(runner.invoke(app, ["assess", "--cases", str(cases), *as_json]))
    assert line == f"Error: {cases}:3: unknown finding 'twitch_eyelids'; did you mean 'twitch_eyelid'?"


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        (b'{"age": 30, "sex": "caf\xe9"}', ":3: not UTF-8 text (byte 0xe9 at column 24); save the file as UTF-8"),
        ('{"age": "thirty"}', ":3: field 'age': Input should be a valid integer"),
        ('{"age": -3}', ":3: age -3 is out of range"),
        ('{"age": 30, "sex": "robot"}', ":3: "),
        ("not json", ":3: not valid JSON (Expecting value at column 1); write one JSON object a line"),
        ('[{"age": 30}]', ":3: expected a JSON object, not an array; write one JSON object a line"),
        (DEEP_JSON, ":3: the JSON is nested too deeply to read"),
    ],
    ids=["not-utf8", "bad-field", "bad-age", "bad-sex", "not-json", "array", "deeply-nested"],
)
def test_every_kind_of_bad_case_line_is_named_by_its_line_number(
    tmp_path: Path, bad_line: str | bytes, expected: str
) -> None:
    cases = case_file(tmp_path / "cases.jsonl", bad_line)
    for command in (["assess", "--cases", str(cases), "--json"], ["evaluate", str(cases)]):
        line = error_line(runner.invoke(app, command))
        assert line.startswith(f"Error: {cases}{expected}"), (command, line)


def test_a_pretty_printed_json_file_is_refused_at_line_1_as_not_json_lines(tmp_path: Path) -> None:
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps({"age": 30, "present": ["twitch_eyelid"]}, indent=2), encoding="utf-8")
    line = error_line(runner.invoke(app, ["assess", "--cases", str(cases)]))
    assert line.startswith(f"Error: {cases}:1: not valid JSON (")
    assert "write one JSON object a line" in line


@pytest.mark.parametrize("content", ["", "\n  \n\n"], ids=["empty", "blank-lines"])
def test_a_case_file_without_cases_is_an_error_not_a_perfect_score(tmp_path: Path, content: str) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(content, encoding="utf-8")
    for command in (["assess", "--cases", str(cases)], ["evaluate", str(cases)]):
        line = error_line(runner.invoke(app, command))
        assert line.startswith(f"Error: {cases} has no cases: it is empty or blank; write one JSON object a line")


def test_evaluate_names_the_line_of_a_case_it_cannot_score(tmp_path: Path) -> None:
    cases = case_file(tmp_path / "cases.jsonl", '{"age": 30, "present": ["fever"]}')
    line = error_line(runner.invoke(app, ["evaluate", str(cases)]))
    assert line.startswith(f"Error: {cases}:3: this case has no 'expected' block, so it cannot be scored")


def test_a_folder_given_as_the_case_file_is_named_as_a_folder(tmp_path: Path) -> None:
    for command in (["assess", "--cases", str(tmp_path)], ["evaluate", str(tmp_path)]):
        line = error_line(runner.invoke(app, command))
        assert line == f"Error: {tmp_path} is a folder; give a case file (JSON lines) inside it"


def test_a_missing_case_file_says_to_check_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    line = error_line(runner.invoke(app, ["assess", "--cases", str(missing)]))
    assert line == f"Error: no case file at {missing}; check the path (it is relative to this folder)"


def test_an_unreadable_case_file_says_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = case_file(tmp_path / "cases.jsonl")
    unreadable(monkeypatch, cases)
    line = error_line(runner.invoke(app, ["evaluate", str(cases)]))
    assert line == f"Error: cannot read case file {cases}: permission denied; check the file's permissions"


def test_a_case_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    cases = case_file(tmp_path / "cases.jsonl")
    cases.write_bytes(b"\xef\xbb\xbf" + cases.read_bytes())
    result = runner.invoke(app, ["assess", "--cases", str(cases), "--json"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


# --- diary import -----------------------------------------------------------------------------------


def test_a_deeply_nested_diary_file_is_refused_in_one_line(tmp_path: Path) -> None:
    file = tmp_path / "deep.json"
    file.write_text(DEEP_JSON, encoding="utf-8")
    line = error_line(runner.invoke(app, ["diary", "import", str(file)]))
    assert line.startswith(f"Error: {file}: the JSON is nested too deeply to be a diary file; a diary file is")


def test_deeply_nested_json_on_standard_input_is_refused_in_one_line() -> None:
    line = error_line(runner.invoke(app, ["diary", "import", "-"], input=DEEP_JSON))
    assert line.startswith("Error: standard input: the JSON is nested too deeply to be a diary file")


@pytest.mark.parametrize("content", [b"", b" \n\n"], ids=["empty", "blank"])
def test_an_empty_diary_file_is_called_empty(tmp_path: Path, content: bytes) -> None:
    file = tmp_path / "diary.json"
    file.write_bytes(content)
    line = error_line(runner.invoke(app, ["diary", "import", str(file)]))
    assert line == f"Error: {file}: the file is empty; a diary file is the JSON that `twitchcheck diary export` writes"


def test_a_diary_file_that_is_not_utf8_or_not_json_is_one_line(tmp_path: Path) -> None:
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"format": "twitchcheck-diary", "notes": "caf\xe9"}')
    assert "not UTF-8 text" in error_line(runner.invoke(app, ["diary", "import", str(latin)]))
    lines = tmp_path / "cases.jsonl"
    lines.write_text('{"a": 1}\n{"b": 2}\n', encoding="utf-8")
    assert "not valid JSON" in error_line(runner.invoke(app, ["diary", "import", str(lines)]))


def test_importing_a_folder_a_missing_file_or_an_unreadable_file_names_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder_line = error_line(runner.invoke(app, ["diary", "import", str(tmp_path)]))
    assert folder_line == f"Error: {tmp_path} is a folder; give the path of a file"
    missing = tmp_path / "nowhere.json"
    assert error_line(runner.invoke(app, ["diary", "import", str(missing)])) == (
        f"Error: cannot read {missing}: No such file or directory"
    )
    locked = tmp_path / "locked.json"
    locked.write_text("{}", encoding="utf-8")
    unreadable(monkeypatch, locked)
    assert error_line(runner.invoke(app, ["diary", "import", str(locked)])) == (
        f"Error: cannot read {locked}: permission denied; check its permissions or choose another path"
    )


# --- diary export and report: where a file is written -----------------------------------------------


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
@pytest.mark.usefixtures("one_entry")
def test_exporting_to_a_folder_asks_for_a_file_name_even_with_force(tmp_path: Path, force: list[str]) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    line = error_line(runner.invoke(app, ["diary", "export", str(folder), *force]))
    assert line == f"Error: {folder} is a folder; give a file name for FILE, e.g. {folder / 'diary.json'}"
    assert list(folder.iterdir()) == []


@pytest.mark.usefixtures("one_entry")
def test_report_to_a_folder_asks_for_a_file_name(tmp_path: Path) -> None:
    line = error_line(runner.invoke(app, ["report", "--out", str(tmp_path)]))
    assert line == f"Error: {tmp_path} is a folder; give a file name for --out, e.g. {tmp_path / 'report.pdf'}"


@pytest.mark.parametrize(
    ("command", "option"),
    [(["diary", "export"], "FILE"), (["report", "--out"], "--out")],
    ids=["export", "report"],
)
@pytest.mark.usefixtures("one_entry")
def test_a_file_in_a_missing_folder_a_file_or_a_read_only_folder_is_refused_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], option: str
) -> None:
    missing = tmp_path / "nowhere" / "out.file"
    assert error_line(runner.invoke(app, [*command, str(missing)])) == (
        f"Error: the folder {missing.parent} does not exist; create it or choose another {option}"
    )
    plain = tmp_path / "plain"
    plain.write_text("", encoding="utf-8")
    assert error_line(runner.invoke(app, [*command, str(plain / "out.file")])) == (
        f"Error: {plain} is a file, not a folder; choose another {option}"
    )
    locked = tmp_path / "locked"
    locked.mkdir()
    read_only(monkeypatch, locked)
    assert error_line(runner.invoke(app, [*command, str(locked / "out.file")])) == (
        f"Error: cannot write in the folder {locked}: permission denied; choose another {option}"
    )
    assert list(locked.iterdir()) == []


@pytest.mark.usefixtures("one_entry")
def test_an_export_that_fails_while_writing_leaves_no_file_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(source: object, target: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    target = tmp_path / "diary.json"
    line = error_line(runner.invoke(app, ["diary", "export", str(target)]))
    assert line == f"Error: cannot write {target} (No space left on device); choose another path"
    assert list(tmp_path.glob("*diary.json*")) == []


@pytest.mark.usefixtures("one_entry")
def test_a_report_that_fails_while_writing_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def unwritable(*args: object, **options: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "report.pdf"))

    monkeypatch.setattr("twitchcheck.reports.write_report_pdf", unwritable)
    target = tmp_path / "report.pdf"
    line = error_line(runner.invoke(app, ["report", "--out", str(target)]))
    assert line == f"Error: cannot write {target}: permission denied; check its permissions or choose another path"


# --- the last line of defence -----------------------------------------------------------------------


def test_a_library_error_no_command_caught_is_still_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise KnowledgeError("causes.yaml: entry 'lack_of_sleep': prior must be between 0 and 1")

    monkeypatch.setattr(importlib.import_module("twitchcheck.cli.app"), "default_assessor", broken)
    line = error_line(runner.invoke(app, ["findings"]))
    assert line == "Error: causes.yaml: entry 'lack_of_sleep': prior must be between 0 and 1"


def test_an_os_error_no_command_caught_is_still_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/data/twitchcheck.db")

    monkeypatch.setattr(importlib.import_module("twitchcheck.cli.app"), "default_assessor", broken)
    line = error_line(runner.invoke(app, ["causes"]))
    assert line == "Error: /data/twitchcheck.db: Permission denied; check the path and try again"


@pytest.mark.subprocess
def test_the_installed_command_prints_no_traceback_for_deeply_nested_json(tmp_path: Path) -> None:
    """The real entry point, not the runner: what a person at a terminal sees."""
    file = tmp_path / "deep.json"
    file.write_text(DEEP_JSON, encoding="utf-8")
    command = [sys.executable, "-c", "from twitchcheck.cli import app; app()", "diary", "import", str(file)]
    env = {**os.environ, "TWITCHCHECK_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {file}: the JSON is nested too deeply") and result.stderr.count("\n") == 1
