"""`twitchcheck diary …` and `twitchcheck report`, through Typer's runner, on a diary in a temporary data folder."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from twitchcheck.cli import app
from twitchcheck.diary import review_diary
from twitchcheck.diary.transfer import dump_document, export_document
from twitchcheck.reports.sample import sample_entries

runner = CliRunner()
EYELID = ["--where", "eyelid", "--bouts", "3", "--seconds", "20", "--intensity", "2"]


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("TWITCHCHECK_DATA_DIR", str(folder))
    monkeypatch.delenv("TWITCHCHECK_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock set to New York (-05:00 in winter, -04:00 in summer)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def diary(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, ["diary", *args], input=input)


def listed() -> list[dict[str, Any]]:
    result = diary("list", "--json", "--oldest-first")
    assert result.exit_code == 0, result.output
    entries: list[dict[str, Any]] = json.loads(result.stdout)
    return entries


def write_diary_file(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"format": "twitchcheck-diary", "version": 1, "entries": entries}), encoding="utf-8")
    return path


def test_an_entry_is_saved_in_the_data_folder_and_listed(data_dir: Path) -> None:
    result = diary("add", "--when", "2024-05-06T21:00+01:00", *EYELID)
    assert result.exit_code == 0, result.output
    assert result.output == "Saved entry 1 (2024-05-06 21:00 +01:00).\n"
    assert (data_dir / "twitchcheck.db").is_file()
    [entry] = listed()
    assert entry["id"] == 1 and entry["when"] == "2024-05-06T21:00:00+01:00"
    assert (entry["locations"], entry["bouts"], entry["bout_seconds"], entry["intensity"]) == (
        ["twitch_eyelid"],
        3,
        20.0,
        2,
    )


def test_every_field_has_an_option_and_places_have_friendly_names() -> None:
    result = diary(
        "add",
        "--when", "2024-05-06T21:00-04:00",
        "--where", "eyelid,calf", "--where", "Arm",
        "--bouts", "4", "--seconds", "12.5", "--intensity", "6",
        "--sleep", "5.5", "--caffeine", "4", "--stress", "7", "--exercise", "30", "--alcohol", "1.5",
        "--notes", "after a long shift", "--new-symptom", "muscle_cramps,fatigue",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = json.loads(diary("show", "1", "--json").stdout)
    assert {key: value for key, value in shown.items() if not key.endswith("_at")} == {
        "id": 1,
        "when": "2024-05-06T21:00:00-04:00",
        "locations": ["twitch_eyelid", "twitch_leg_calf", "twitch_arm_hand"],
        "bouts": 4,
        "bout_seconds": 12.5,
        "intensity": 6,
        "sleep_hours": 5.5,
        "caffeine_drinks": 4,
        "stress": 7,
        "exercise": 30,
        "alcohol_units": 1.5,
        "notes": "after a long shift",
        "new_symptoms": ["muscle_cramps", "fatigue"],
    }


def test_a_day_without_twitching_needs_only_bouts_zero() -> None:
    assert diary("add", "--bouts", "0", "--exercise", "no").exit_code == 0
    [entry] = listed()
    assert (entry["bouts"], entry["intensity"], entry["locations"], entry["exercise"]) == (0, 0, [], False)


def test_without_when_the_entry_is_now_with_this_computers_offset(new_york: None) -> None:
    before = datetime.now().astimezone()
    assert diary("add", *EYELID).exit_code == 0
    when = datetime.fromisoformat(listed()[0]["when"])
    assert when.utcoffset() == before.utcoffset() in (timedelta(hours=-5), timedelta(hours=-4))
    assert abs(when - before) < timedelta(seconds=5)


def test_a_when_without_offset_takes_this_computers_offset_on_that_date(new_york: None) -> None:
    assert diary("add", "--when", "2024-01-15T21:00", *EYELID).exit_code == 0
    assert diary("add", "--when", "2024-07-15T21:00", *EYELID).exit_code == 0
    assert [entry["when"] for entry in listed()] == ["2024-01-15T21:00:00-05:00", "2024-07-15T21:00:00-04:00"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--where", "eyelids", "--bouts", "3", "--seconds", "20", "--intensity", "2"],
            "Error: --where: unknown place 'eyelids'; did you mean 'eyelid'? (use eyelid, face, tongue, arm, hand, "
            "leg, calf, trunk, widespread, or a location id such as twitch_eyelid)",
        ),
        (
            ["--where", "eyelid", "--bouts", "3", "--intensity", "2"],
            "Error: bouts is 3 but bout_seconds is missing; give how long a bout lasted (bout_seconds is --seconds); "
            "nothing was saved",
        ),
        (
            ["--where", "eyelid", "--bouts", "3", "--seconds", "0", "--intensity", "11"],
            "Error: --seconds: Input should be greater than 0; --intensity: Input should be less than or equal to 10; "
            "nothing was saved",
        ),
        (
            ["--where", "eyelid", "--bouts", "three", "--seconds", "20", "--intensity", "2"],
            "Error: --bouts: Input should be a valid integer, unable to parse string as an integer; nothing was saved",
        ),
        (["--where", "eyelid"], "Error: give --bouts: how many bouts of twitching (0 for a day without twitching)"),
        (
            ["--where", "eyelid", "--bouts", "2", "--seconds", "5"],
            "Error: give --intensity: how strong it felt, from 0 (none) to 10 (worst)",
        ),
        (
            ["--bouts", "0", "--new-symptom", "muscle_weaknes"],
            "Error: --new-symptom: unknown finding 'muscle_weaknes'; did you mean 'muscle_weakness'?; "
            "nothing was saved",
        ),
        (
            ["--when", "yesterday", *EYELID],
            "Error: --when: 'yesterday' is not a date and time; use ISO 8601, e.g. 2024-05-06T21:00 or "
            "2024-05-06T21:00+01:00",
        ),
        (
            ["--exercise", "lots", *EYELID],
            "Error: --exercise: give yes, no, or minutes as a whole number (e.g. 30), not 'lots'",
        ),
    ],
)
def test_bad_input_is_one_error_line_exit_2_and_nothing_is_saved(args: list[str], message: str) -> None:
    assert diary("add", "--when", "2024-05-01T08:00Z", *EYELID).exit_code == 0
    result = diary("add", *args)
    assert result.exit_code == 2
    assert result.output == message + "\n"
    assert len(listed()) == 1


def test_list_is_a_table_newest_first_and_says_when_there_is_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # a wide terminal: no cell is cut short
    assert diary("list").output == "No diary entries yet. Add one with `twitchcheck diary add`.\n"
    for day in (1, 3, 2):
        diary("add", "--when", f"2024-05-0{day}T08:00+02:00", *EYELID, "--sleep", "6")
    table = diary("list").output
    assert table.index("2024-05-03 08:00") < table.index("2024-05-02 08:00") < table.index("2024-05-01 08:00")
    assert "eyelid" in table and "sleep 6 h" in table


def test_list_keeps_to_the_days_asked_for() -> None:
    for day in (1, 2, 3, 4):
        diary("add", "--when", f"2024-05-0{day}T23:30-05:00", *EYELID)
    result = diary("list", "--from", "2024-05-02", "--to", "2024-05-03", "--json")
    assert [entry["when"][:10] for entry in json.loads(result.stdout)] == ["2024-05-03", "2024-05-02"]
    assert (
        diary("list", "--from", "May 2").output
        == "Error: --from: 'May 2' is not a day; use YYYY-MM-DD, e.g. 2024-05-06\n"
    )
    reversed_range = diary("list", "--from", "2024-05-03", "--to", "2024-05-01")
    assert reversed_range.output == "Error: --from 2024-05-03 is after --to 2024-05-01; give the earlier day first\n"


def test_show_prints_every_field_of_one_entry() -> None:
    diary("add", "--when", "2024-05-06T21:00+01:00", *EYELID, "--notes", "tired")
    output = diary("show", "1").output
    for words in ("Diary entry 1", "2024-05-06T21:00:00+01:00", "twitch_eyelid", "tired", "sleep"):
        assert words in output


def test_an_unknown_id_is_one_error_line() -> None:
    for command in (["show", "7"], ["edit", "7", "--bouts", "2"], ["delete", "7"]):
        result = diary(*command)
        assert (result.exit_code, result.output) == (
            2,
            "Error: no diary entry has the id 7; list the entries to see their ids\n",
        )


def test_edit_changes_only_the_options_given_and_none_forgets_a_value() -> None:
    diary("add", "--when", "2024-05-06T21:00+01:00", *EYELID, "--sleep", "6", "--notes", "kept")
    result = diary("edit", "1", "--bouts", "5", "--sleep", "none", "--where", "face")
    assert (result.exit_code, result.output) == (0, "Changed entry 1.\n")
    [entry] = listed()
    assert (entry["bouts"], entry["sleep_hours"], entry["locations"], entry["notes"]) == (
        5,
        None,
        ["twitch_face"],
        "kept",
    )
    assert entry["when"] == "2024-05-06T21:00:00+01:00"


def test_an_invalid_edit_changes_nothing() -> None:
    diary("add", *EYELID)
    before = listed()
    result = diary("edit", "1", "--seconds", "-1")
    assert result.exit_code == 2
    assert result.output == (
        "Error: entry 1 not changed: bout_seconds: Input should be greater than 0 (bout_seconds is --seconds)\n"
    )
    assert diary("edit", "1").output.startswith("Error: give at least one field to change, e.g. --bouts 4")
    assert listed() == before


def test_delete_removes_one_entry() -> None:
    diary("add", "--when", "2024-05-01T08:00Z", *EYELID)
    diary("add", "--when", "2024-05-02T08:00Z", *EYELID)
    assert diary("delete", "1").output == "Deleted entry 1.\n"
    assert [entry["id"] for entry in listed()] == [2]


def test_an_export_imports_into_a_fresh_diary_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    diary("add", "--when", "2024-05-01T08:00-04:00", *EYELID, "--exercise", "yes")
    diary("add", "--when", "2024-05-02T08:00+05:30", "--bouts", "0")
    original = [{k: v for k, v in e.items() if k not in {"id", "created_at", "updated_at"}} for e in listed()]
    backup = tmp_path / "backup.json"
    assert diary("export", str(backup)).output == f"Exported 2 entries to {backup}.\n"
    monkeypatch.setenv("TWITCHCHECK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert diary("import", str(backup)).output == "Imported 2 new entries.\n"
    assert [{k: v for k, v in e.items() if k not in {"id", "created_at", "updated_at"}} for e in listed()] == original
    assert (
        diary("import", str(backup)).output
        == "Imported 0 new entries; 2 entries already in the diary as in the file.\n"
    )


def test_export_to_standard_output_and_import_from_standard_input() -> None:
    diary("add", "--when", "2024-05-01T08:00Z", *EYELID)
    exported = diary("export", "-")
    document = json.loads(exported.stdout)
    assert document["format"] == "twitchcheck-diary" and len(document["entries"]) == 1
    document["entries"].append({**document["entries"][0], "id": "another-entry", "when": "2024-05-02T08:00:00Z"})
    result = diary("import", "-", input=json.dumps(document))
    assert result.output == "Imported 1 new entry; 1 entry already in the diary as in the file.\n"


def test_export_never_overwrites_a_file_unless_told(tmp_path: Path) -> None:
    existing = tmp_path / "keep.json"
    existing.write_text("precious", encoding="utf-8")
    result = diary("export", str(existing))
    assert (
        result.output == f"Error: {existing} already exists; choose another file name, or add --force to replace it\n"
    )
    assert existing.read_text(encoding="utf-8") == "precious"
    assert diary("export", str(existing), "--force").exit_code == 0
    assert json.loads(existing.read_text(encoding="utf-8"))["entries"] == []


def test_a_bad_import_names_the_entry_and_field_and_changes_nothing(tmp_path: Path) -> None:
    diary("add", "--when", "2024-05-01T08:00Z", *EYELID)
    good = {
        "when": "2024-05-02T08:00:00Z",
        "locations": ["twitch_eyelid"],
        "bouts": 1,
        "bout_seconds": 5,
        "intensity": 1,
    }
    bad_file = write_diary_file(tmp_path / "bad.json", [good, {**good, "when": "2024-05-03T08:00:00", "bouts": 2}])
    result = diary("import", str(bad_file))
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {bad_file}: entry 2: when: time 2024-05-03T08:00:00 has no time zone; give one, e.g. "
        "'2024-05-03T08:00:00+01:00' or 'Z' for UTC; nothing was imported\n"
    )
    assert len(listed()) == 1


def test_importing_a_missing_or_foreign_file_is_one_error_line(tmp_path: Path) -> None:
    missing = diary("import", str(tmp_path / "nope.json"))
    assert missing.output == f"Error: cannot read {tmp_path / 'nope.json'}: No such file or directory\n"
    other = tmp_path / "other.json"
    other.write_text('{"patients": []}', encoding="utf-8")
    assert diary("import", str(other)).output.startswith(f"Error: {other}: this is not a twitchcheck diary")


def test_erase_refuses_without_a_terminal_or_yes() -> None:
    diary("add", *EYELID)
    result = diary("erase")
    assert result.exit_code == 2
    assert result.output == (
        "Error: erase deletes 1 diary entry and 0 saved assessments and cannot be undone; "
        "run it in a terminal to confirm, or add --yes\n"
    )
    assert len(listed()) == 1


def test_erase_with_yes_deletes_everything() -> None:
    diary("add", *EYELID)
    diary("add", "--bouts", "0")
    assert diary("erase", "--yes").output == "Erased 2 diary entries and 0 saved assessments.\n"
    assert listed() == []
    assert diary("add", *EYELID).exit_code == 0  # the local account comes back on its own


def test_erase_in_a_terminal_asks_for_the_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("twitchcheck.cli.diary.stdin_is_interactive", lambda: True)
    diary("add", *EYELID)
    kept = diary("erase", input="yes\n")
    assert kept.exit_code == 1 and "Nothing was erased." in kept.output
    assert len(listed()) == 1
    erased = diary("erase", input="erase\n")
    assert erased.exit_code == 0 and "Type 'erase' to confirm" in erased.output
    assert listed() == []


def test_review_prints_the_advice_every_alert_and_the_trend_notes(tmp_path: Path) -> None:
    entries = sample_entries()
    backup = tmp_path / "sample.json"
    backup.write_text(dump_document(export_document(entries)), encoding="utf-8")
    diary("import", str(backup))
    expected = review_diary(entries, age=34, sex="female")
    output = diary("review", "--age", "34", "--sex", "female").output
    assert f"Advice now: {expected.assessment.triage.title}" in output
    assert expected.alerts and all(alert.explanation in output for alert in expected.alerts)
    assert all(note in output for note in expected.trend_notes)
    assert "does not replace a doctor" in output
    as_json = json.loads(diary("review", "--age", "34", "--sex", "female", "--json").stdout)
    assert as_json["assessment"]["triage"]["level"] == expected.assessment.triage.level


def test_review_of_an_empty_diary_says_there_is_nothing_to_review() -> None:
    result = diary("review")
    assert (result.exit_code, result.output) == (
        0,
        "Nothing logged yet, so there is nothing to review. Add entries with `twitchcheck diary add`.\n",
    )


def test_a_data_folder_that_cannot_be_created_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TWITCHCHECK_DATA_DIR", str(blocker / "data"))
    result = diary("list")
    assert result.exit_code == 2
    assert result.output.startswith("Error: cannot create the data folder: ")
    assert result.output.endswith("; set TWITCHCHECK_DATA_DIR to a folder you can write to\n")


def test_report_writes_the_doctors_pdf_from_the_diary(tmp_path: Path) -> None:
    backup = tmp_path / "sample.json"
    backup.write_text(dump_document(export_document(sample_entries())), encoding="utf-8")
    diary("import", str(backup))
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", "--out", str(out), "--age", "34", "--sex", "female"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote the doctor's report on ")
    assert out.read_bytes().startswith(b"%PDF")


def test_report_on_an_empty_diary_or_without_out_says_what_to_do(tmp_path: Path) -> None:
    empty = runner.invoke(app, ["report", "--out", str(tmp_path / "r.pdf")])
    assert (empty.exit_code, empty.output) == (
        2,
        "Error: the diary is empty, so there is nothing to report; add entries with `twitchcheck diary add` "
        "or `twitchcheck diary import FILE` first\n",
    )
    assert not (tmp_path / "r.pdf").exists()
    assert runner.invoke(app, ["report"]).output == "Error: give --out FILE.pdf: where to write the report\n"
    bad_age = runner.invoke(app, ["report", "--out", str(tmp_path / "r.pdf"), "--age", "-3"])
    assert bad_age.exit_code == 2 and bad_age.output.startswith("Error: ")
