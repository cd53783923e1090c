"""The `twitchcheck` command, through Typer's runner: exit codes and output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from twitchcheck.cli import app

from .conftest import PUBLIC_VIGNETTES

runner = CliRunner()


def test_assess_prints_the_triage_banner_causes_and_disclaimer() -> None:
    result = runner.invoke(
        app, ["assess", "--present", "twitch_eyelid,poor_sleep", "--absent", "fever", "--age", "30", "--sex", "female"]
    )
    assert result.exit_code == 0, result.output
    assert "MANAGE AT HOME" in result.output
    assert "Lack of sleep" in result.output
    assert "does not replace a doctor" in result.output


def test_assess_shows_warning_signs_first_in_an_emergency() -> None:
    result = runner.invoke(app, ["assess", "--present", "first_seizure,seizure", "--age", "40"])
    assert result.exit_code == 0, result.output
    assert "CALL AN AMBULANCE NOW" in result.output
    assert result.output.index("CALL AN AMBULANCE") < result.output.index("Warning signs you reported")


def test_assess_json_is_the_assessment() -> None:
    result = runner.invoke(
        app, ["assess", "--present", "twitch_eyelid", "--present", "poor_sleep", "--age", "30", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["triage"]["level"] == "self_care"
    assert data["evidence"]["present"] == ["poor_sleep", "twitch_eyelid"]


def test_assess_cases_prints_one_json_line_per_case_in_order() -> None:
    result = runner.invoke(app, ["assess", "--cases", str(PUBLIC_VIGNETTES), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    cases = [json.loads(line) for line in PUBLIC_VIGNETTES.read_text().splitlines() if line.strip()]
    assert len(lines) == len(cases)
    for line, case in zip(lines, cases, strict=True):
        assert json.loads(line)["evidence"]["present"] == sorted(case["present"])


def test_unknown_finding_is_one_line_error_with_nearest_ids_and_exit_2() -> None:
    result = runner.invoke(app, ["assess", "--present", "twitch_eyelids"])
    assert result.exit_code == 2
    assert result.output.strip() == "Error: unknown finding 'twitch_eyelids'; did you mean 'twitch_eyelid'?"


def test_finding_both_present_and_absent_exits_2() -> None:
    result = runner.invoke(app, ["assess", "--present", "fever", "--absent", "fever"])
    assert result.exit_code == 2
    assert "both present and absent" in result.output


def test_bad_age_exits_2() -> None:
    result = runner.invoke(app, ["assess", "--present", "fever", "--age", "-3"])
    assert result.exit_code == 2
    assert "age -3 is out of range" in result.output


def test_no_findings_exits_2_with_a_hint() -> None:
    result = runner.invoke(app, ["assess", "--age", "30"])
    assert result.exit_code == 2
    assert "twitchcheck findings" in result.output


def test_a_broken_case_file_names_the_line(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"age": 30, "present": ["fever"]}\n{not json\n', encoding="utf-8")
    result = runner.invoke(app, ["assess", "--cases", str(cases), "--json"])
    assert result.exit_code == 2
    assert f"{cases}:2: not valid JSON" in result.output


def test_evaluate_json_has_the_documented_keys() -> None:
    result = runner.invoke(app, ["evaluate", str(PUBLIC_VIGNETTES), "--mode", "structured", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {
        "mode",
        "cases",
        "top1",
        "top3",
        "triage_exact",
        "triage_safe",
        "over_triage",
        "red_flag_recall",
        "failures",
    } <= set(data)
    assert data["mode"] == "structured"
    assert all(
        0.0 <= data[k] <= 1.0 for k in ("top1", "top3", "triage_exact", "triage_safe", "over_triage", "red_flag_recall")
    )


def test_evaluate_lists_failing_cases_with_expected_and_got(tmp_path: Path) -> None:
    case = {
        "id": "X1",
        "age": 30,
        "sex": "female",
        "present": ["twitch_eyelid", "poor_sleep"],
        "absent": [],
        "expected": {"triage": "emergency", "triage_acceptable": ["emergency"], "causes": ["als"], "red_flags": []},
    }
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(case) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path), "--json"])
    failure = json.loads(result.output)["failures"][0]
    assert failure["id"] == "X1"
    assert "UNDER-TRIAGE" in failure["problems"]
    assert failure["expected_triage"] == "emergency"
    assert failure["got_triage"] == "self_care"


def test_evaluate_unknown_mode_exits_2() -> None:
    result = runner.invoke(app, ["evaluate", str(PUBLIC_VIGNETTES), "--mode", "telepathy"])
    assert result.exit_code == 2
    assert "unknown mode 'telepathy'" in result.output


def test_findings_lists_every_id() -> None:
    result = runner.invoke(app, ["findings", "--json"])
    assert result.exit_code == 0
    assert "twitch_eyelid" in {row["id"] for row in json.loads(result.output)}


def test_parse_shows_each_finding_with_the_words_that_gave_it() -> None:
    result = runner.invoke(app, ["parse", "My eyelid keeps jumping for a week, no fever."])
    assert result.exit_code == 0, result.output
    assert "Twitching of an eyelid" in result.output
    assert "absent" in result.output and "Fever" in result.output


def test_parse_json_gives_spans_into_the_original_text() -> None:
    text = "My eyelid keeps jumping for a week, no fever."
    result = runner.invoke(app, ["parse", text, "--json"])
    data = json.loads(result.output)
    for mention in data["present"] + data["absent"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    assert "fever" in {m["finding_id"] for m in data["absent"]}


def test_parse_of_empty_text_exits_2() -> None:
    result = runner.invoke(app, ["parse", "   "])
    assert result.exit_code == 2


def test_evaluate_text_mode_reports_finding_and_assessment_metrics() -> None:
    result = runner.invoke(app, ["evaluate", str(PUBLIC_VIGNETTES), "--mode", "text", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in (
        "present_precision",
        "present_recall",
        "present_f1",
        "negated_precision",
        "negated_recall",
        "negated_f1",
    ):
        assert 0.0 <= data[key] <= 1.0
    assert data["mode"] == "text"
    assert data["triage_safe"] == 1.0
    assert data["present_f1"] >= 0.85 and data["negated_precision"] >= 0.95


def test_serve_refuses_a_public_address_without_accounts(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TWITCHCHECK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "without sign-in" in result.output and "TWITCHCHECK_ACCOUNTS=on" in result.output


@pytest.mark.subprocess
def test_starting_the_cli_loads_no_parser_database_or_statistics_library() -> None:
    """`twitchcheck assess` starts fast: spaCy, SQLAlchemy and scipy load only with the commands that use them."""
    heavy = ("spacy", "sqlalchemy", "scipy")
    code = f"import sys, twitchcheck.cli; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
