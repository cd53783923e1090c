"""The `twitchcheck` command: a thin Typer layer over the library.

Errors from the library become one line on stderr ("Error: ...") and exit
code 2; nothing here holds medical logic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from twitchcheck.assessment import Assessment, Assessor, default_assessor
from twitchcheck.cli.common import SentenceErrors, fail, split_ids
from twitchcheck.cli.diary import diary_app, report_command
from twitchcheck.cli.render import render_assessment
from twitchcheck.errors import CaseFileError, TwitchcheckError
from twitchcheck.evaluation.cases import Case, load_cases
from twitchcheck.evaluation.structured import assess_case
from twitchcheck.formatting import percent
from twitchcheck.interview import Interview
from twitchcheck.interview.state import DEFAULT_MAX_QUESTIONS
from twitchcheck.threads import use_one_blas_thread

app = typer.Typer(
    name="twitchcheck",
    help=(
        "Likely causes, triage and advice for involuntary muscle twitching. "
        "Information only: it does not replace a doctor."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=SentenceErrors,
)
MODES = ("structured", "interview", "text", "conversation")


@app.callback()
def main() -> None:
    """Start every command with one BLAS thread (see `twitchcheck.threads`)."""
    use_one_blas_thread()


@app.command()
def assess(
    present: Annotated[list[str] | None, typer.Option(help="Finding ids that are present, comma-separated.")] = None,
    absent: Annotated[list[str] | None, typer.Option(help="Finding ids that are known to be absent.")] = None,
    age: Annotated[int | None, typer.Option(help="Age in whole years.")] = None,
    sex: Annotated[str | None, typer.Option(help="'female' or 'male'.")] = None,
    cases: Annotated[
        Path | None, typer.Option(help="A JSON-lines case file: assess every line (uses age, sex, present, absent).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the Assessment as JSON.")] = False,
    as_fhir: Annotated[
        bool, typer.Option("--fhir", help="Print a FHIR R4 Bundle (GuidanceResponse, RiskAssessment, Observations).")
    ] = False,
) -> None:
    """Assess one person (or every case in a file): triage, likely causes, warning signs, advice."""
    if as_json and as_fhir:
        fail("give --json or --fhir, not both")
    try:
        assessor = default_assessor()
        if cases is not None:
            if present or absent or age is not None or sex is not None:
                fail("--cases reads everything from the file; leave out --present, --absent, --age and --sex")
            # The whole file is read, checked and assessed before the first line is printed.
            loaded = load_cases(cases, check=lambda case: case_evidence(assessor, case))
            results = [(case, assess_case(assessor, case)) for case in loaded]
            for case, result in results:
                if as_fhir:
                    sys.stdout.write(json.dumps(_fhir(result, assessor)) + "\n")
                elif as_json:
                    sys.stdout.write(result.model_dump_json() + "\n")
                else:
                    Console().rule(f"case {case.id}")
                    render_assessment(result, Console())
            return
        if not present and not absent:
            fail("give at least one finding with --present or --absent; `twitchcheck findings` lists the ids")
        evidence = assessor.evidence(present=split_ids(present), absent=split_ids(absent), age=age, sex=sex)
        result = assessor.assess(evidence)
    except TwitchcheckError as error:
        fail(str(error))
    if as_fhir:
        sys.stdout.write(json.dumps(_fhir(result, assessor), indent=2) + "\n")
    elif as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    else:
        render_assessment(result, Console())


def _fhir(result: Assessment, assessor: Assessor) -> dict[str, object]:
    from twitchcheck.interop.fhir import assessment_bundle  # fhir.resources is large: loaded only for --fhir

    return assessment_bundle(result, assessor.kb)


@app.command()
def evaluate(
    file: Annotated[Path, typer.Argument(help="A JSON-lines case file in the vignette format.")],
    mode: Annotated[
        str, typer.Option(help="How the system is given each case: " + ", ".join(MODES) + ".")
    ] = "structured",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object with every metric.")] = False,
    sensitivity: Annotated[
        bool,
        typer.Option(help="Also re-run with priors ×½–2 and link odds ×0.7–1.3 (fixed seed); report worst and median."),
    ] = False,
    draws: Annotated[int, typer.Option(help="Number of random draws for --sensitivity.", min=1)] = 20,
    quiet: Annotated[bool, typer.Option(help="Print only the summary line.")] = False,
) -> None:
    """Score the system on a case file: top-1, top-3, triage and red-flag recall, with every failure."""
    if mode not in MODES:
        fail(f"unknown mode '{mode}'; use one of: {', '.join(MODES)}")
    if sensitivity and mode != "structured":
        fail("--sensitivity works with --mode structured only")
    # Imported here, not at the top: the text mode loads spaCy, which no other command needs at start-up.
    from twitchcheck.evaluation import evaluate_structured, run_sensitivity
    from twitchcheck.evaluation.conversation_mode import evaluate_conversation
    from twitchcheck.evaluation.interview_mode import evaluate_interview
    from twitchcheck.evaluation.text_mode import evaluate_text

    try:
        assessor = default_assessor()
        cases = load_cases(file, check=lambda case: scorable_case(assessor, case))
        if mode == "interview":
            report = evaluate_interview(assessor, cases).as_dict()
        elif mode == "text":
            report = evaluate_text(assessor, cases).as_dict()
        elif mode == "conversation":
            report = evaluate_conversation(assessor, cases).as_dict()
        else:
            report = evaluate_structured(assessor, cases).as_dict()
        if sensitivity:
            report.update(run_sensitivity(assessor, cases, draws=draws).as_dict())
    except TwitchcheckError as error:
        fail(str(error))
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    print_report(report, quiet=quiet)


def case_evidence(assessor: Assessor, case: Case) -> None:
    """Raise `EvidenceError` if a case's age, sex, present or absent cannot be assessed (for `load_cases`)."""
    assessor.evidence(present=case.present, absent=case.absent, age=case.age, sex=case.sex)


def scorable_case(assessor: Assessor, case: Case) -> None:
    """Raise if a case cannot be scored: its evidence is unusable, or it has no 'expected' block."""
    case_evidence(assessor, case)
    if case.expected is None:
        raise CaseFileError(
            "this case has no 'expected' block, so it cannot be scored; add "
            '"expected": {"triage": ..., "triage_acceptable": [...], "causes": [...]}, '
            "or use `twitchcheck assess --cases` to assess it without scoring"
        )


def print_report(report: dict[str, object], *, quiet: bool) -> None:
    """The evaluation summary and failures, for people."""
    from twitchcheck.evaluation.text_mode import TEXT_METRICS

    console = Console()
    names = ("top1", "top3", "triage_exact", "triage_safe", "over_triage", "red_flag_recall")
    summary = "  ".join(f"{name} {float(report[name]):.1%}" for name in names)  # type: ignore[arg-type]
    console.print(f"{report['mode']} mode, {report['cases']} cases: {summary}", highlight=False)
    if unranked := report.get("cases_without_an_expected_cause"):
        console.print(
            f"top1 and top3 leave out the {unranked} case(s) that accept none of the causes "
            "(written for a condition outside the 17)",
            highlight=False,
        )
    if "brier_top1" in report:
        console.print(
            f"top-1 probability: Brier {float(report['brier_top1']):.3f}  ECE {float(report['ece_top1']):.3f}  "  # type: ignore[arg-type]
            f"shown at 95 %+ {float(report['shown_at_95']):.1%}",  # type: ignore[arg-type]
            highlight=False,
        )
    if "ece_first_cause" in report:
        console.print(
            f"first-cause figure (fitted on development cases): Brier {float(report['brier_first_cause']):.3f}  "  # type: ignore[arg-type]
            f"ECE {float(report['ece_first_cause']):.3f}",  # type: ignore[arg-type]
            highlight=False,
        )
    shaken = report.get("sensitivity")
    if isinstance(shaken, dict):
        console.print(
            f"under {shaken['draws']} sensitivity draws: leading cause stable in {float(shaken['top1_stable']):.1%} "
            f"of cases ({float(shaken['top1_stable_or_close']):.1%} stable or said to be close to the next); "
            f"shown at 95 %+ but below 95 % in some draw: {shaken['confident_but_unstable']}",
            highlight=False,
        )
    if "present_f1" in report:
        console.print(
            "findings from text: "
            + "  ".join(
                f"{name} {float(report[name]):.3f}"  # type: ignore[arg-type]
                for name in TEXT_METRICS
            ),
            highlight=False,
        )
    baseline = report.get("baseline")
    if "questions_median" in report and isinstance(baseline, dict):
        console.print(
            f"questions asked: median {report['questions_median']:g}, max {report['questions_max']:g}; "
            f"fixed-order baseline: median {baseline['questions_median']:g}, max {baseline['questions_max']:g}, "
            + "  ".join(f"{name} {float(baseline[name]):.1%}" for name in names),
            highlight=False,
        )
    if "stated_acute_lost" in report:
        under = report["under_triaged"]
        assert isinstance(under, list)
        console.print(
            f"questions asked: median {report['questions_median']:g}, max {report['questions_max']:g} "
            f"(interview mode from 'initial': median {report['interview_questions_median']:g}); "
            f"acute red flags stated in the text and lost: {report['stated_acute_lost']}; "
            f"under-triaged: {', '.join(under) if under else 'none'}",
            highlight=False,
        )
    if quiet:
        return
    failures = report["failures"]
    assert isinstance(failures, list)
    if failures:
        table = Table(title="Failing cases", title_justify="left")
        for column in ("case", "problems", "expected causes", "got (top 3)", "expected triage", "got triage"):
            table.add_column(column)
        for failure in failures:
            table.add_row(
                failure["id"],
                ", ".join(failure["problems"]),
                ", ".join(failure["expected_causes"]),
                ", ".join(failure["got_causes"]),
                "/".join(failure["acceptable_triage"]),
                failure["got_triage"],
            )
        console.print(table)
    else:
        console.print("No failing cases.")
    sensitivity = report.get("sensitivity")
    if isinstance(sensitivity, dict):
        table = Table(
            title=f"Sensitivity: {sensitivity['draws']} draws, seed {sensitivity['seed']}", title_justify="left"
        )
        table.add_column("metric")
        table.add_column("worst draw")
        table.add_column("median draw")
        for name in names:
            table.add_row(name, f"{sensitivity['worst'][name]:.1%}", f"{sensitivity['median'][name]:.1%}")
        console.print(table)


@app.command()
def interview(
    present: Annotated[list[str] | None, typer.Option(help="Finding ids already known to be present.")] = None,
    absent: Annotated[list[str] | None, typer.Option(help="Finding ids already known to be absent.")] = None,
    age: Annotated[int | None, typer.Option(help="Age in whole years (asked when left out).")] = None,
    sex: Annotated[str | None, typer.Option(help="'female' or 'male' (asked when left out).")] = None,
    max_questions: Annotated[int, typer.Option(help="Ask at most this many questions.", min=1)] = DEFAULT_MAX_QUESTIONS,
    as_json: Annotated[bool, typer.Option("--json", help="Converse on stderr; print the Assessment JSON.")] = False,
) -> None:
    """Answer questions one at a time (urgent signs first, then the most useful), then see the result.

    Reads one answer a line, so another program can drive it over a pipe; end of input stops
    the interview and shows the result so far.
    """
    from twitchcheck.cli.terminal import ask_age, ask_sex, run_interview

    console = Console(stderr=as_json)
    try:
        assessor = default_assessor()
        known = {"present": split_ids(present), "absent": split_ids(absent)}
        assessor.evidence(**known, age=age, sex=sex)  # report a bad id before asking anything
        if age is None:
            age = ask_age(console)
        if sex is None:
            sex = ask_sex(console)
        session = Interview.start(age=age, sex=sex, evidence=known, max_questions=max_questions, assessor=assessor)
        run_interview(session, console)
        result = session.assessment()
    except TwitchcheckError as error:
        fail(str(error))
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")


@app.command()
def parse(
    text: Annotated[str, typer.Argument(help="What the person wrote, in quotes.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the parsed result as JSON.")] = False,
    language: Annotated[
        str, typer.Option(help="The text's language: en, fr, or auto (recognised from the words).")
    ] = "auto",
) -> None:
    """Read free text as findings: present and absent, each with the words that gave it."""
    from twitchcheck.nlu import parse_text
    from twitchcheck.nlu.language import detect_language, language_cues

    if language != "auto" and language not in language_cues():
        fail(f"unknown language '{language}'; use auto or one of: {', '.join(language_cues())}")

    if not text.strip():
        fail('give the text to read, e.g. twitchcheck parse "my eyelid has been twitching for a week"')
    parsed = parse_text(text, language=detect_language(text, default="en") if language == "auto" else language)
    if as_json:
        sys.stdout.write(parsed.model_dump_json(indent=2) + "\n")
        return
    kb = default_assessor().kb
    console = Console()
    table = Table("finding", "read as", "from the words", title="What twitchcheck understood", title_justify="left")
    readings = (
        [(m, m.status) for m in [*parsed.present, *parsed.absent]]
        + [(m, "unsure (not counted)") for m in parsed.uncertain]
        + [(m, "in the past (not counted)") for m in parsed.historical]
    )
    for mention, reading in readings:
        table.add_row(kb.finding(mention.finding_id).label, reading, f"“{mention.text}”")
    console.print(table)
    who = "someone else (a carer writing)" if parsed.subject == "other" else "the writer"
    console.print(
        f"About: {who}; age: {parsed.age if parsed.age is not None else 'not stated'}; "
        f"sex: {parsed.sex or 'not stated'}",
        highlight=False,
    )
    if parsed.not_understood:
        console.print("Not understood: " + " | ".join(f"“{part}”" for part in parsed.not_understood), highlight=False)


WORKER_START_SECONDS = 60


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default 8000).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes (use the number of cores in production).", min=1)] = 1,
) -> None:
    """Start the web app and JSON API (SQLite in the data folder unless DATABASE_URL is set)."""
    import os

    import uvicorn

    from twitchcheck.settings import Settings
    from twitchcheck.storage import open_database

    try:
        settings = Settings.from_env().with_overrides(host=host, port=port)
        settings.check_network_exposure()
        open_database(settings.effective_database_url).close()  # migrate once, before any worker starts
    except TwitchcheckError as error:
        fail(str(error))
    # Workers are separate processes that read settings from the environment.
    os.environ["TWITCHCHECK_HOST"], os.environ["TWITCHCHECK_PORT"] = settings.host, str(settings.port)
    Console(stderr=True).print(f"twitchcheck at http://{settings.host}:{settings.port}/ (Ctrl+C to stop)")
    uvicorn.run(
        "twitchcheck.web.asgi:app",
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level="warning",
        # A worker builds the knowledge base and each language's parser before it answers (4-9 s on a busy
        # 2-core machine); uvicorn's default 5 s health check killed workers that were only starting.
        timeout_worker_healthcheck=WORKER_START_SECONDS,
    )


@app.command()
def findings(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """List every finding id with its group and whether it is a warning sign."""
    kb = default_assessor().kb
    rows = [
        {"id": f.id, "group": f.group, "label": f.label, "warning_sign": f.warning is not None, "acute": f.acute}
        for f in kb.findings
    ]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table("id", "group", "label", "warning sign")
    for row in rows:
        flag = "acute" if row["acute"] else ("yes" if row["warning_sign"] else "")
        table.add_row(str(row["id"]), str(row["group"]), str(row["label"]), flag)
    Console().print(table)


@app.command()
def causes(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """List every cause with its base-rate prior and summary."""
    kb = default_assessor().kb
    rows = [
        {"id": c.id, "name": c.name, "prior": c.prior.value, "serious": c.serious, "summary": c.summary}
        for c in kb.causes
    ]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table("id", "name", "base prior", "summary")
    for row in rows:
        table.add_row(str(row["id"]), str(row["name"]), percent(float(row["prior"])), str(row["summary"]))  # type: ignore[arg-type]
    Console().print(table)


app.add_typer(diary_app, name="diary")
app.command(name="report")(report_command)

__all__ = ["Assessor", "app"]
