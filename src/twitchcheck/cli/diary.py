"""`twitchcheck diary …` and `twitchcheck report`: the diary from the command line, on the local account.

A thin layer: options become a `DiaryEntry` (which validates them), the
`DiaryStore` of the built-in local account keeps it, so no login is needed.
Every problem is one line on stderr, "Error: …" with the fix, and exit code 2,
and a command that fails leaves the stored diary as it was.

    $ twitchcheck diary add --where eyelid --bouts 3 --seconds 20 --intensity 2 --sleep 5.5 --caffeine 4
    $ twitchcheck diary list
    $ twitchcheck report --out report.pdf --age 34
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from twitchcheck.cli.common import check_output_file, fail, path_problem, read_input, split_ids
from twitchcheck.diary.entry import LOCATION_GROUP, DiaryEntry
from twitchcheck.diary.transfer import dump_document, read_document
from twitchcheck.errors import DiaryError, TwitchcheckError
from twitchcheck.knowledge import KnowledgeBase, load_knowledge
from twitchcheck.settings import Settings
from twitchcheck.suggest import did_you_mean

if TYPE_CHECKING:  # storage (SQLAlchemy) is imported when a command opens the diary, not at start-up
    from twitchcheck.storage import DiaryStore, StoredEntry

diary_app = typer.Typer(
    name="diary",
    help="Keep a twitch diary (stored on this computer), review it, and move it between computers.",
    no_args_is_help=True,
)

ERASE_WORD = "erase"
YES_WORDS = ("yes", "y", "true")
NO_WORDS = ("no", "n", "false")
CLEAR_WORD = "none"  # `edit ID --sleep none` forgets a value
# The option that sets each DiaryEntry field, to name it in error messages.
OPTION_OF_FIELD = {
    "when": "--when",
    "locations": "--where",
    "bouts": "--bouts",
    "bout_seconds": "--seconds",
    "intensity": "--intensity",
    "sleep_hours": "--sleep",
    "caffeine_drinks": "--caffeine",
    "stress": "--stress",
    "exercise": "--exercise",
    "alcohol_units": "--alcohol",
    "notes": "--notes",
    "new_symptoms": "--new-symptom",
}

When = Annotated[
    str | None,
    typer.Option(
        metavar="TIME",
        help="When it happened, ISO 8601: 2024-05-06T21:00 (your time zone) or 2024-05-06T21:00+01:00. Default: now.",
    ),
]
Where = Annotated[
    list[str] | None,
    typer.Option(
        "--where",
        metavar="PLACES",
        help="Where it twitched, comma-separated: a place such as eyelid or calf, or a location id such as "
        "twitch_eyelid (an unknown name lists them all).",
    ),
]
Bouts = Annotated[str | None, typer.Option(metavar="N", help="How many bouts (0 for a day without twitching).")]
Seconds = Annotated[str | None, typer.Option("--seconds", metavar="S", help="How long a typical bout lasted, seconds.")]
Intensity = Annotated[str | None, typer.Option(metavar="0-10", help="How strong it felt: 0 (none) to 10 (worst).")]
Sleep = Annotated[str | None, typer.Option("--sleep", metavar="HOURS", help="Hours slept the night before.")]
Caffeine = Annotated[str | None, typer.Option("--caffeine", metavar="N", help="Coffees, teas or colas that day.")]
Stress = Annotated[str | None, typer.Option(metavar="0-10", help="Stress that day: 0 (none) to 10 (worst).")]
Exercise = Annotated[str | None, typer.Option(metavar="yes|no|MINUTES", help="Exercised that day: yes, no or minutes.")]
Alcohol = Annotated[str | None, typer.Option("--alcohol", metavar="UNITS", help="Units of alcohol that day.")]
Notes = Annotated[str | None, typer.Option(metavar="TEXT", help="Free text: what helped, what changed.")]
NewSymptoms = Annotated[
    list[str] | None,
    typer.Option(
        "--new-symptom",
        metavar="IDS",
        help="Finding ids of other symptoms noticed, comma-separated (`twitchcheck findings`).",
    ),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
EntryId = Annotated[int, typer.Argument(help="The entry's id (see `twitchcheck diary list`).")]


def say(message: str) -> None:
    """One line for a person on stdout, unwrapped (a file path must stay whole)."""
    Console(soft_wrap=True).print(message, markup=False, highlight=False)


def stdin_is_interactive() -> bool:
    """Whether a person can answer a prompt (a function, so tests can pretend)."""
    return sys.stdin.isatty()


@contextmanager
def local_store() -> Iterator[DiaryStore]:
    """The local account's store on the configured database; every library error becomes one `Error:` line."""
    from twitchcheck.storage import DiaryStore, open_database

    try:
        database = open_database(Settings.from_env().effective_database_url)
    except TwitchcheckError as error:
        fail(str(error))
    try:
        yield DiaryStore.for_local_account(database)
    except TwitchcheckError as error:
        fail(with_option_names(str(error)))
    finally:
        database.close()


@diary_app.command()
def add(
    when: When = None,
    where: Where = None,
    bouts: Bouts = None,
    seconds: Seconds = None,
    intensity: Intensity = None,
    sleep: Sleep = None,
    caffeine: Caffeine = None,
    stress: Stress = None,
    exercise: Exercise = None,
    alcohol: Alcohol = None,
    notes: Notes = None,
    new_symptom: NewSymptoms = None,
) -> None:
    """Log twitching: when, where, how many bouts, how long and how strong, and the day's context."""
    if bouts is None:
        fail("give --bouts: how many bouts of twitching (0 for a day without twitching)")
    kb = load_knowledge()
    fields = _fields_from_options(
        kb,
        where=where,
        bouts=bouts,
        seconds=seconds,
        intensity=intensity if intensity is not None else ("0" if bouts.strip() == "0" else None),
        sleep=sleep,
        caffeine=caffeine,
        stress=stress,
        exercise=exercise,
        alcohol=alcohol,
        notes=notes,
        new_symptom=new_symptom,
    )
    fields["when"] = parse_when(when) if when is not None else datetime.now().astimezone().replace(microsecond=0)
    if "intensity" not in fields:
        fail("give --intensity: how strong it felt, from 0 (none) to 10 (worst)")
    try:
        entry = DiaryEntry.model_validate(fields, context={"knowledge": kb})
    except ValidationError as error:
        fail(explain_options(error) + "; nothing was saved")
    with local_store() as store:
        stored = store.add(entry)
    say(f"Saved entry {stored.id} ({_when_words(stored.entry.when)}).")


@diary_app.command(name="list")
def list_entries(
    since: Annotated[str | None, typer.Option("--from", metavar="DATE", help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--to", metavar="DATE", help="Last day, YYYY-MM-DD.")] = None,
    oldest_first: Annotated[bool, typer.Option(help="Oldest entry first (default: newest first).")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Show at most this many entries.")] = None,
    as_json: AsJson = False,
) -> None:
    """List diary entries, newest first: a table, or JSON with --json."""
    first, last = parse_day(since, "--from"), parse_day(until, "--to")
    if first is not None and last is not None and first > last:
        fail(f"--from {first} is after --to {last}; give the earlier day first")
    with local_store() as store:
        stored = store.list(since=first, until=last, newest_first=not oldest_first, limit=limit)
    if as_json:
        sys.stdout.write(json.dumps([_entry_json(item) for item in stored], indent=2, ensure_ascii=False) + "\n")
        return
    if not stored:
        say("No diary entries yet. Add one with `twitchcheck diary add`.")
        return
    table = Table("id", "when", "where", "bouts", "secs", "intensity", "context", "notes")
    table.columns[1].no_wrap = True
    for item in stored:
        entry = item.entry
        table.add_row(
            str(item.id),
            f"{entry.when:%Y-%m-%d %H:%M}",
            ", ".join(_place_words(loc) for loc in entry.locations) or "-",
            str(entry.bouts),
            _number(entry.bout_seconds),
            str(entry.intensity),
            _context_words(entry),
            entry.notes[:40] + ("…" if len(entry.notes) > 40 else ""),
        )
    Console().print(table)


@diary_app.command()
def show(entry_id: EntryId, as_json: AsJson = False) -> None:
    """Show every field of one entry."""
    with local_store() as store:
        item = store.get(entry_id)
    if as_json:
        sys.stdout.write(json.dumps(_entry_json(item), indent=2, ensure_ascii=False) + "\n")
        return
    table = Table("field", "value", title=f"Diary entry {item.id}", title_justify="left", show_header=False)
    for name, value in item.entry.model_dump(mode="json").items():
        shown = ", ".join(value) if isinstance(value, list) else ("-" if value in (None, "") else str(value))
        table.add_row(OPTION_OF_FIELD[name].removeprefix("--"), shown)
    table.add_row("saved", _when_words(item.created_at.astimezone()))
    if item.updated_at != item.created_at:
        table.add_row("changed", _when_words(item.updated_at.astimezone()))
    Console().print(table)


@diary_app.command()
def edit(
    entry_id: EntryId,
    when: When = None,
    where: Where = None,
    bouts: Bouts = None,
    seconds: Seconds = None,
    intensity: Intensity = None,
    sleep: Sleep = None,
    caffeine: Caffeine = None,
    stress: Stress = None,
    exercise: Exercise = None,
    alcohol: Alcohol = None,
    notes: Notes = None,
    new_symptom: NewSymptoms = None,
) -> None:
    """Change some fields of an entry (`none` forgets a value: --sleep none); the rest stay as they were."""
    kb = load_knowledge()
    changes = _fields_from_options(
        kb,
        where=where,
        bouts=bouts,
        seconds=seconds,
        intensity=intensity,
        sleep=sleep,
        caffeine=caffeine,
        stress=stress,
        exercise=exercise,
        alcohol=alcohol,
        notes=notes,
        new_symptom=new_symptom,
    )
    if when is not None:
        changes["when"] = parse_when(when)
    if not changes:
        fail("give at least one field to change, e.g. --bouts 4; `twitchcheck diary edit --help` lists them")
    with local_store() as store:
        stored = store.edit(entry_id, changes)
    say(f"Changed entry {stored.id}.")


@diary_app.command()
def delete(entry_id: EntryId) -> None:
    """Delete one entry."""
    with local_store() as store:
        store.delete(entry_id)
    say(f"Deleted entry {entry_id}.")


@diary_app.command(name="export")
def export_diary(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Where to write the JSON file; - for standard output.")],
    force: Annotated[bool, typer.Option(help="Replace FILE if it exists.")] = False,
    as_fhir: Annotated[
        bool,
        typer.Option(
            "--fhir",
            help="Write a FHIR R4 Bundle for a clinic's record instead: an Observation a day, the assessment "
            "and the doctor's report (PDF) as a DocumentReference. It cannot be imported back.",
        ),
    ] = False,
    age: Annotated[int | None, typer.Option(help="With --fhir: age in whole years.")] = None,
    sex: Annotated[str | None, typer.Option(help="With --fhir: 'female' or 'male'.")] = None,
) -> None:
    """Write the whole diary to a JSON file, to keep a copy or move it; --fhir writes it for a clinic's record."""
    if not as_fhir and (age is not None or sex is not None):
        fail("--age and --sex go with --fhir (the diary file itself holds only the entries)")
    path = None if file == "-" else Path(file)
    if path is not None:  # the path is checked before the diary is read: a mistake costs nothing
        check_output_file(path, option="FILE", example="diary-bundle.json" if as_fhir else "diary.json")
        if path.exists() and not force:
            fail(f"{path} already exists; choose another file name, or add --force to replace it")
    with local_store() as store:
        if as_fhir:
            from twitchcheck.interop.fhir import diary_bundle  # fhir.resources and WeasyPrint: loaded only here

            entries = store.entries()
            text = json.dumps(diary_bundle(entries, age=age, sex=sex), indent=2, ensure_ascii=False) + "\n"
            count = len(entries)
        else:
            document = store.export_document()
            text = dump_document(document)
            count = len(document["entries"])
    if path is None:
        sys.stdout.write(text)
        return
    _write_atomically(path, text)
    what = "as a FHIR Bundle " if as_fhir else ""
    say(f"Exported {count} {_plural(count, 'entry', 'entries')} {what}to {path}.")


@diary_app.command(name="import")
def import_diary(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A file written by `export`; - for standard input.")],
    update: Annotated[
        bool,
        typer.Option("--update", help="Entries already in the diary but changed in the file take the file's version."),
    ] = False,
) -> None:
    """Add the entries of an exported file, all or nothing; never drops an entry that differs from the diary's.

    Entries already in the diary as they are in the file are left alone. An entry the
    file changed (same id, other contents) stops the import unless --update is given.
    """
    source = "standard input" if file == "-" else file
    raw = sys.stdin.buffer.read() if file == "-" else read_input(Path(file))
    kb = load_knowledge()
    try:
        entries = read_document(raw, kb=kb)
    except DiaryError as error:
        fail(f"{source}: {error}")
    with local_store() as store:
        result = store.import_entries(entries, on_conflict="update" if update else "refuse")
    parts = [f"Imported {result.added} new {_plural(result.added, 'entry', 'entries')}"]
    if result.updated:
        parts.append(f"updated {result.updated} from the file")
    if result.unchanged:
        parts.append(
            f"{result.unchanged} {_plural(result.unchanged, 'entry', 'entries')} already in the diary as in the file"
        )
    say("; ".join(parts) + ".")


@diary_app.command()
def erase(yes: Annotated[bool, typer.Option("--yes", help="Do not ask; erase at once.")] = False) -> None:
    """Delete the whole diary and every saved assessment, for good (export first to keep a copy)."""
    with local_store() as store:
        count = store.count()
        saved = len(store.saved_assessments())
        if not yes:
            what = (
                f"{count} diary {_plural(count, 'entry', 'entries')} and "
                f"{saved} saved {_plural(saved, 'assessment', 'assessments')}"
            )
            if not stdin_is_interactive():
                fail(f"erase deletes {what} and cannot be undone; run it in a terminal to confirm, or add --yes")
            answer = typer.prompt(
                f"This deletes {what} for good (`twitchcheck diary export FILE` keeps a copy). "
                f"Type '{ERASE_WORD}' to confirm",
                default="",
                show_default=False,
            )
            if answer.strip().lower() != ERASE_WORD:
                Console(stderr=True).print("Nothing was erased.")
                raise typer.Exit(code=1)
        erasure = store.erase(delete_account=True)
    say(
        f"Erased {erasure.entries} diary {_plural(erasure.entries, 'entry', 'entries')} and "
        f"{erasure.saved_assessments} saved {_plural(erasure.saved_assessments, 'assessment', 'assessments')}."
    )


@diary_app.command()
def review(
    age: Annotated[int | None, typer.Option(help="Age in whole years.")] = None,
    sex: Annotated[str | None, typer.Option(help="'female' or 'male'.")] = None,
    as_json: AsJson = False,
) -> None:
    """What the diary shows now: changes that need attention, the trend tests, and the advice."""
    from twitchcheck.diary.review import review_diary

    with local_store() as store:
        entries = store.entries()
        result = review_diary(entries, age=age, sex=sex)
    if not entries and not as_json:
        say("Nothing logged yet, so there is nothing to review. Add entries with `twitchcheck diary add`.")
        return
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return
    console = Console(soft_wrap=True)  # sentences: the terminal wraps them, so they can be copied whole
    if result.first_day is not None and result.last_day is not None:
        console.print(
            f"Diary: {result.days_logged} {_plural(result.days_logged, 'day', 'days')} logged, "
            f"{result.first_day:%d %b %Y} to {result.last_day:%d %b %Y}.",
            highlight=False,
        )
    triage = result.assessment.triage
    console.print(f"[bold]Advice now: {triage.title}[/bold] — {triage.advice}", highlight=False)
    if result.alerts:
        console.print("\n[bold]What changed[/bold]")
        for alert in result.alerts:
            console.print(f"• {alert.explanation}", highlight=False, markup=False)
            for detail in alert.details:
                console.print(f"  {detail}", highlight=False, markup=False)
    else:
        console.print("\nNo change in the diary needs attention.")
    console.print("\n[bold]Trend tests[/bold]")
    for note in result.trend_notes:
        console.print(f"• {note}", highlight=False, markup=False)
    console.print(f"\n{result.assessment.disclaimer}", highlight=False, markup=False)


def report_command(
    out: Annotated[Path | None, typer.Option(help="Where to write the PDF, e.g. report.pdf.")] = None,
    age: Annotated[int | None, typer.Option(help="Age in whole years (default: the diary's, if given).")] = None,
    sex: Annotated[str | None, typer.Option(help="'female' or 'male' (default: the diary's, if given).")] = None,
    lang: Annotated[str, typer.Option(help="The report's language: en or fr.")] = "en",
) -> None:
    """Write the report for the doctor (A4 PDF) from the diary: trends, alerts, triage, history answers."""
    from twitchcheck.i18n import LANGUAGES
    from twitchcheck.reports import write_report_pdf

    if out is None:
        fail("give --out FILE.pdf: where to write the report")
    if lang not in LANGUAGES:
        fail(f"unknown language '{lang}' for --lang; use one of: {', '.join(LANGUAGES)}")
    check_output_file(out, option="--out", example="report.pdf")
    with local_store() as store:
        entries = store.entries()
        if not entries:
            fail(
                "the diary is empty, so there is nothing to report; add entries with `twitchcheck diary add` "
                "or `twitchcheck diary import FILE` first"
            )
        profile = store.profile()  # the age and sex kept for the diary (the web page's), unless given here
        age = age if age is not None else profile.age
        sex = sex if sex is not None else profile.sex
        try:
            write_report_pdf(entries, out, age=age, sex=sex, language=lang)
        except OSError as error:
            fail(path_problem(out, error, writing=True))
    say(f"Wrote the doctor's report on {len(entries)} {_plural(len(entries), 'entry', 'entries')} to {out}.")


# --- options into entry fields ---------------------------------------------------------------------


def location_aliases(kb: KnowledgeBase) -> dict[str, str]:
    """Friendly names for the twitch locations, read off their ids: twitch_leg_calf is also leg_calf, leg, calf."""
    aliases: dict[str, str] = {}
    for finding in kb.findings:
        if finding.group != LOCATION_GROUP:
            continue
        short = finding.id.removeprefix("twitch_")
        aliases[finding.id] = aliases[short] = finding.id
        for part in short.split("_"):
            aliases.setdefault(part, finding.id)
    return aliases


def parse_locations(values: list[str], kb: KnowledgeBase) -> list[str]:
    """Location ids for `--where` values (names or ids, comma-separated); fails naming what is allowed."""
    aliases = location_aliases(kb)
    ids = []
    for raw in split_ids(values):
        name = re.sub(r"[\s-]+", "_", raw.strip().lower())
        if name not in aliases:
            friendly = [alias for alias in aliases if not alias.startswith("twitch_") and "_" not in alias]
            fail(
                f"--where: unknown place '{raw}'{did_you_mean(name, aliases)} "
                f"(use {', '.join(friendly)}, or a location id such as twitch_eyelid)"
            )
        ids.append(aliases[name])
    return ids


def parse_when(raw: str) -> datetime:
    """An ISO 8601 moment; without an offset it is in this computer's time zone on that date."""
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        fail(f"--when: '{raw}' is not a date and time; use ISO 8601, e.g. 2024-05-06T21:00 or 2024-05-06T21:00+01:00")
    return moment if moment.tzinfo is not None else moment.astimezone()


def parse_day(raw: str | None, option: str) -> date | None:
    """A YYYY-MM-DD day for `option`, or None."""
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        fail(f"{option}: '{raw}' is not a day; use YYYY-MM-DD, e.g. 2024-05-06")


def parse_exercise(raw: str) -> bool | int | None:
    """yes/no, or minutes as a whole number; `none` forgets it."""
    word = raw.strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    if word == CLEAR_WORD:
        return None
    if word.isdecimal():
        return int(word)
    fail(f"--exercise: give yes, no, or minutes as a whole number (e.g. 30), not '{raw}'")


def explain_options(error: ValidationError) -> str:
    """Each problem of an entry made from options, named by its option: '--seconds: Input should be ...'."""
    lines = []
    for problem in error.errors():
        message = str(problem["msg"]).removeprefix("Value error, ")
        if problem["loc"]:
            field = str(problem["loc"][0])
            lines.append(f"{OPTION_OF_FIELD.get(field, field)}: {message}")
        else:
            lines.append(with_option_names(message))
    return "; ".join(lines)


def with_option_names(message: str) -> str:
    """A library message, with the options that set the fields it names: '(bout_seconds is --seconds)'."""
    named = [
        f"{name} is {option}"
        for name, option in OPTION_OF_FIELD.items()
        if option != f"--{name}" and re.search(rf"\b{name}\b", message)
    ]
    return f"{message} ({', '.join(named)})" if named else message


def _fields_from_options(kb: KnowledgeBase, **options: Any) -> dict[str, Any]:
    """DiaryEntry fields for the options given (None: not given); numbers stay text for the entry to check."""
    fields: dict[str, Any] = {}
    if options["where"] is not None:
        fields["locations"] = parse_locations(options["where"], kb)
    if options["new_symptom"] is not None:
        fields["new_symptoms"] = split_ids(options["new_symptom"])
    if options["exercise"] is not None:
        fields["exercise"] = parse_exercise(options["exercise"])
    if options["notes"] is not None:
        fields["notes"] = options["notes"]
    for option, field in (
        ("bouts", "bouts"),
        ("seconds", "bout_seconds"),
        ("intensity", "intensity"),
        ("sleep", "sleep_hours"),
        ("caffeine", "caffeine_drinks"),
        ("stress", "stress"),
        ("alcohol", "alcohol_units"),
    ):
        raw = options[option]
        if raw is not None:
            fields[field] = None if raw.strip().lower() == CLEAR_WORD else raw.strip()
    return fields


def _entry_json(item: StoredEntry) -> dict[str, Any]:
    return {
        "id": item.id,
        **item.entry.model_dump(mode="json"),
        "created_at": item.created_at.isoformat(),
        "updated_at": item.updated_at.isoformat(),
    }


def _write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, so a failure never leaves half a file."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        fail(path_problem(path, error, writing=True))
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        fail(path_problem(path, error, writing=True))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _when_words(moment: datetime) -> str:
    """'2024-05-06 21:00 +01:00': the person's own clock, and its offset."""
    offset = moment.utcoffset()
    minutes = round(offset.total_seconds() / 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    return f"{moment:%Y-%m-%d %H:%M} {sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _context_words(entry: DiaryEntry) -> str:
    """'sleep 5.5 h, caffeine 4, stress 3, exercise 30 min, alcohol 2': only what was logged."""
    words = []
    if entry.sleep_hours is not None:
        words.append(f"sleep {entry.sleep_hours:g} h")
    if entry.caffeine_drinks is not None:
        words.append(f"caffeine {entry.caffeine_drinks}")
    if entry.stress is not None:
        words.append(f"stress {entry.stress}")
    if isinstance(entry.exercise, bool):
        words.append("exercise" if entry.exercise else "no exercise")
    elif entry.exercise is not None:
        words.append(f"exercise {entry.exercise} min")
    if entry.alcohol_units is not None:
        words.append(f"alcohol {entry.alcohol_units:g}")
    return ", ".join(words) or "-"


def _place_words(location: str) -> str:
    return location.removeprefix("twitch_").replace("_", "/")


def _number(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many
