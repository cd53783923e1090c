"""Rich rendering of an `Assessment` for the terminal: what a person reads.

Kept apart from cli.py so that the interview and other commands can end with
the same result view.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from twitchcheck.assessment import Assessment
from twitchcheck.formatting import ENGLISH, percent, say_close_call, say_first_cause, say_range
from twitchcheck.knowledge.models import EMERGENCY_LEVEL_IDS

# Banner colours by rank, most urgent first (the levels themselves are the knowledge base's).
RANK_STYLE = (
    "bold white on red",
    "bold white on red",
    "bold black on dark_orange",
    "bold black on yellow",
    "bold black on green",
)
SHOWN_CAUSES = 5
SHOWN_EMERGENCY_CAUSES = 3
BAR_WIDTH = 20


def probability_bar(probability: float) -> Text:
    """A bar of BAR_WIDTH cells and the percentage, e.g. '██████░░░░  31%'."""
    filled = round(probability * BAR_WIDTH)
    bar = Text("█" * filled, style="cyan") + Text("░" * (BAR_WIDTH - filled), style="grey50")
    return bar + Text(f" {percent(probability):>5}")


def render_assessment(assessment: Assessment, console: Console) -> None:
    """Print the assessment: triage first, then urgent signs not asked about, warning signs, causes, advice, tests."""
    triage = assessment.triage
    banner = Text(f" {triage.title.upper()} ", style=RANK_STYLE[triage.rank])
    # At an emergency only the reasons for acting now are shown; the rest would read as small print.
    shown = [r for r in triage.reasons if not triage.emergency or r.level in EMERGENCY_LEVEL_IDS]
    reasons = Text("\n").join(Text(f"• {reason.text}") for reason in shown)
    named = [Text(condition.name, style="bold red") for condition in assessment.emergency_conditions]
    console.print(
        Panel(Group(*named, banner, Text(triage.advice, style="bold"), reasons), title="What to do", expand=True)
    )

    if assessment.unanswered_red_flags and triage.rank > 0:
        unknown = "\n".join(f"• {flag.label}" for flag in assessment.unanswered_red_flags)
        console.print(
            Panel(
                Group(Text(unknown), Text(f"If any of these applies: {assessment.unanswered_advice}", style="bold")),
                title="You did not tell us about these urgent signs",
                border_style="red",
            )
        )

    if assessment.red_flags:
        flags = Table.grid(padding=(0, 1))
        for flag in assessment.red_flags:
            flags.add_row(Text("⚠", style="bold red"), Text(flag.label, style="bold"), Text(flag.why))
        console.print(Panel(flags, title="Warning signs you reported", border_style="red"))

    # At an emergency the emergency is the answer: the twitch causes are only what else the answers suggest.
    title = "Other things the answers suggest" if triage.emergency else "Most likely causes"
    causes = Table(title=title, title_justify="left", expand=True)
    causes.add_column("Cause", ratio=2)
    causes.add_column("Probability", no_wrap=True)
    causes.add_column("Why", ratio=3)
    for cause in assessment.causes[: SHOWN_EMERGENCY_CAUSES if triage.emergency else SHOWN_CAUSES]:
        why = [
            f"+ {w.label}" + ("" if w.observed == "present" else " (no)") + (f": {w.caution}" if w.caution else "")
            for w in cause.supporting[:3]
        ]
        why += [f"− {w.label}" + ("" if w.observed == "present" else " (no)") for w in cause.opposing[:2]]
        bar_and_band = probability_bar(cause.probability) + Text(f"\n{cause.band_words}", style="italic")
        if (spread := assessment.shown_range(cause)) is not None:
            bar_and_band += Text(f"\n{say_range(spread.low, spread.high, ENGLISH)}", style="grey50")
        causes.add_row(cause.name, bar_and_band, "\n".join(why))
    console.print(causes)
    if assessment.close_to_first:
        others = [c.name for c in assessment.causes if c.id in assessment.close_to_first]
        console.print(Text(say_close_call(assessment.causes[0].name, others, ENGLISH), style="bold"))
    if assessment.first_cause is not None:
        first = assessment.first_cause
        console.print(Text(say_first_cause(first.right_share, first.development_cases, ENGLISH), style="italic"))
    if assessment.unlisted is not None:
        # Not a diagnosis: one line after the ranked causes, never a row among them.
        unlisted = assessment.unlisted
        console.print(
            Text(f"{unlisted.name}: {percent(unlisted.probability)}. ", style="bold") + Text(unlisted.summary)
        )
    console.print(
        Text(
            "Each probability is the chance that this cause plays a part; several can at once, "
            "so they do not add up to 100%. A range is where it falls if the estimates behind it are off "
            "by as much as their sources allow.",
            style="italic grey50",
        )
    )

    if assessment.advice:
        console.print(Panel("\n".join(f"• {item.text}" for item in assessment.advice), title="What you can do at home"))
    if assessment.tests and not triage.emergency:
        console.print(
            Panel(
                "\n".join(f"• {test.name}: {test.detail}" for test in assessment.tests),
                title="Tests a doctor may consider",
            )
        )
    if assessment.doctor_questions:
        console.print(
            Panel(
                "\n".join(f"• {q.text}" for q in assessment.doctor_questions),
                title="What the doctor is likely to ask (note your answers)",
            )
        )
    console.print(Text(assessment.disclaimer, style="italic"))
