"""`twitchcheck interview` driven by another program over a pipe, and `evaluate --mode interview`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from twitchcheck import Assessor
from twitchcheck.cli import app
from twitchcheck.evaluation import evaluate_structured, load_cases
from twitchcheck.evaluation.interview_mode import evaluate_interview

from .conftest import PUBLIC_VIGNETTES

TWITCHCHECK = Path(sys.executable).parent / "twitchcheck"  # the installed entry point of this venv
runner = CliRunner()


def converse(*args: str, answers: str) -> subprocess.CompletedProcess[str]:
    """Run `twitchcheck interview ARGS` in a real process, typing `answers` on a pipe (no TTY)."""
    return subprocess.run(
        [str(TWITCHCHECK), "interview", *args],
        input=answers,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.subprocess
def test_interview_over_a_pipe_asks_until_settled_and_ends_with_the_assess_view() -> None:
    result = converse(
        "--present",
        "twitch_eyelid,poor_sleep",
        "--age",
        "30",
        "--sex",
        "female",
        answers="none\n" * 7 + "1\n" + "n\n" * 30,  # 4 checklists, where, course, drug history; when; the rest
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Question 1 (at most 20)" in out
    assert "First, the urgent signs." in out
    assert "Why we ask:" in out
    assert "No further question is likely to change the advice or the leading cause" in out
    assert "MANAGE AT HOME" in out and "Most likely causes" in out and "does not replace a doctor" in out
    assert out.index("Question 1") < out.index("What to do")


@pytest.mark.subprocess
def test_interview_asks_age_and_sex_when_not_given_and_accepts_a_skip() -> None:
    result = converse("--present", "twitch_eyelid", answers="34\n\n")
    assert result.returncode == 0, result.stderr
    assert "Your age in years (Enter to skip): 34" in result.stdout
    assert "You stopped the interview; this is the result so far." in result.stdout


@pytest.mark.subprocess
def test_an_urgent_sign_typed_over_a_pipe_says_call_an_ambulance_at_once() -> None:
    result = converse("--present", "twitch_face", "--age", "40", "--sex", "male", answers="3\n\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Question 2" not in out
    assert "Act now" in out and "CALL AN AMBULANCE NOW" in out
    assert out.index("Act now") < out.index("While you wait for help")
    assert "stopped at once" in out


@pytest.mark.subprocess
def test_interview_json_converses_on_stderr_and_prints_only_the_assessment_on_stdout() -> None:
    result = converse("--present", "twitch_leg_calf", "--age", "41", "--sex", "male", "--json", answers="none\n" * 40)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["triage"]["level"] in {"self_care", "consultation"}
    assert "breathing_difficulty" in data["evidence"]["absent"]
    assert "Question 1" in result.stderr


@pytest.mark.subprocess
def test_a_wrong_answer_is_explained_and_asked_again() -> None:
    result = converse("--present", "twitch_eyelid", "--age", "30", "--sex", "female", answers="maybe\nnone\n")
    assert "Sorry, I did not understand “maybe”." in result.stdout
    assert result.stdout.count("numbers that apply (e.g. 1,3), none, or ? >") >= 2  # the same question, asked again
    assert "Question 2" in result.stdout  # ... and then answered


def test_interview_with_an_unknown_finding_exits_2_before_asking_anything() -> None:
    result = runner.invoke(app, ["interview", "--present", "twitch_eyelids"])
    assert result.exit_code == 2
    assert result.output.strip() == "Error: unknown finding 'twitch_eyelids'; did you mean 'twitch_eyelid'?"


@pytest.mark.slow  # the interview over every public case: the targets test runs it in the inner loop
def test_evaluate_interview_json_has_the_metrics_question_counts_and_baseline() -> None:
    result = runner.invoke(app, ["evaluate", str(PUBLIC_VIGNETTES), "--mode", "interview", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    metrics = {"top1", "top3", "triage_exact", "triage_safe", "over_triage", "red_flag_recall"}
    assert {"mode", "cases", "failures", "questions_median", "questions_max", "baseline"} | metrics <= set(data)
    assert data["mode"] == "interview"
    assert {"questions_median", "questions_max", "failures"} | metrics <= set(data["baseline"])
    assert data["baseline"]["questions_median"] > data["questions_median"]


@pytest.mark.slow
def test_evaluate_interview_prints_question_counts_for_people() -> None:
    result = runner.invoke(app, ["evaluate", str(PUBLIC_VIGNETTES), "--mode", "interview", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("interview mode, 36 cases: top1")
    assert "questions asked: median" in result.output and "fixed-order baseline: median" in result.output


def test_sensitivity_is_for_structured_mode_only() -> None:
    result = runner.invoke(app, ["evaluate", str(PUBLIC_VIGNETTES), "--mode", "interview", "--sensitivity"])
    assert result.exit_code == 2
    assert "--sensitivity works with --mode structured only" in result.output


@pytest.mark.slow  # the whole public set through the interview: make test, not the inner loop
def test_public_vignettes_meet_the_interview_targets(assessor: Assessor) -> None:
    """Within 5 points of structured mode on top-3 and triage exact; safe and red-flag recall 100 %; median <= 12."""
    cases = load_cases(PUBLIC_VIGNETTES)
    structured = evaluate_structured(assessor, cases)
    report = evaluate_interview(assessor, cases)
    assert report.top3 >= structured.top3 - 0.05, report.failures
    assert report.triage_exact >= structured.triage_exact - 0.05, report.failures
    assert report.triage_safe == 1.0, report.failures
    assert report.red_flag_recall == 1.0, report.failures
    assert report.extra["questions_median"] <= 12
    assert report.extra["baseline"]["questions_median"] > report.extra["questions_median"]
