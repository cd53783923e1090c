"""The interview in a terminal: one question a screen, typed answers, the `assess` result view at the end.

This is a front end (the CLI's `interview` command uses it); the rest of
`twitchcheck.interview` never imports it. It reads plain lines, so it works the
same when another program drives it over a pipe (no TTY): every answer is one
line, and end of input means "stop and show the result".

Answers:
  yes / no question   y, n, or ? (don't know)
  pick one            the option's number, or ?
  tick all that apply numbers of the options that apply (1,3); "?2" marks option 2 as don't know;
                      options not listed count as no; "none" if none applies; ? if you don't know any
  always              b = back (change the last answer), s = stop and show the result so far
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from twitchcheck.cli.render import RANK_STYLE, render_assessment
from twitchcheck.errors import InterviewError
from twitchcheck.interview.questions import Question
from twitchcheck.interview.session import Interview

YES = frozenset({"y", "yes"})
NO = frozenset({"n", "no"})
DONT_KNOW = frozenset({"?", "dk", "d", "u", "unknown", "don't know", "dont know", "not sure"})
BACK = frozenset({"b", "back"})
STOP = frozenset({"s", "stop", "q", "quit"})
NONE = frozenset({"none", "0", "n", "no"})
HELP = "b = back, s = stop and see the result"


@dataclass(frozen=True)
class _Command:
    """A line that is not an answer: go back, or stop."""

    name: str


def ask_age(console: Console) -> int | None:
    """Age in whole years, or None when the person skips."""
    while True:
        line = _read(console, "Your age in years (Enter to skip): ")
        if line is None or not line:
            return None
        if line.isdecimal():
            return int(line)
        console.print("Please type a whole number, like 34, or just press Enter.")


def ask_sex(console: Console) -> str | None:
    """'female', 'male', or None when the person skips."""
    choices = {"f": "female", "female": "female", "m": "male", "male": "male"}
    while True:
        line = _read(console, "Sex, female or male (f / m, Enter to skip): ")
        if line is None or not line:
            return None
        if line.lower() in choices:
            return choices[line.lower()]
        console.print("Please type f or m, or just press Enter.")


def run_interview(interview: Interview, console: Console) -> Interview:
    """Ask until the interview ends or the person stops; then show the result. Returns the interview."""
    console.print(
        Text(
            "One question at a time. Answer y (yes), n (no) or ? (don't know); "
            f"{HELP}. The most urgent questions come first.",
            style="grey50",
        )
    )
    while True:
        _ask_until_done(interview, console, interview.next_question)
        if not interview.urgent:
            break
        _urgent_now(interview, console)
        if _wants_handover(interview, console):
            _ask_until_done(interview, console, interview.handover_question)
        if interview.urgent or interview.stop_reason == "stopped_by_person":
            break
        # The person went back from a sign ticked by mistake: carry on with the questions.
    if interview.stop_explanation:
        console.print(Text(interview.stop_explanation, style="italic"))
    render_assessment(interview.assessment(), console)
    return interview


def _ask_until_done(interview: Interview, console: Console, next_question: Callable[[], Question | None]) -> None:
    while (question := next_question()) is not None:
        _show(question, interview, console)
        reply = _read_reply(question, console)
        if reply is None or (isinstance(reply, _Command) and reply.name == "stop"):
            interview.stop()
            return
        if isinstance(reply, _Command):  # back
            if interview.back() is None:
                console.print("This is the first question: there is nothing to go back to.")
            continue
        try:
            interview.answer(question.id, reply)
        except InterviewError as error:
            console.print(f"Sorry: {error}")


def _show(question: Question, interview: Interview, console: Console) -> None:
    number = interview.questions_asked + 1
    console.rule(f"Question {number} (at most {interview.max_questions})", style="grey50")
    part = f" (part {question.part} of {question.parts})" if question.parts else ""
    console.print(Text(question.text + part, style="bold"))
    if question.already:
        console.print(f"You already told us: {'; '.join(o.label for o in question.already)}. Tick any others.")
    console.print(Text(f"Why we ask: {question.why}", style="italic grey50"))
    if question.kind != "single":
        for n, option in enumerate(question.options, start=1):
            console.print(f"  {n:>2}. {option.label}", highlight=False)


def _read_reply(question: Question, console: Console) -> str | dict[str, str] | _Command | None:
    """One valid answer (or a command) for the question; None at end of input."""
    prompts = {
        "single": "y / n / ? > ",
        "exclusive": f"number 1-{len(question.options)} or ? > ",
        "multiple": "numbers that apply (e.g. 1,3), none, or ? > ",
    }
    while True:
        line = _read(console, prompts[question.kind])
        if line is None:
            return None
        word = line.strip().lower()
        if word in BACK:
            return _Command("back")
        if word in STOP:
            return _Command("stop")
        reply = _parse(question, word)
        if reply is not None:
            return reply
        console.print(f"Sorry, I did not understand “{line}”. {_hint(question)}")


def _parse(question: Question, word: str) -> str | dict[str, str] | None:
    """The answer a line means for this question, or None when it means nothing."""
    options = question.finding_ids
    if question.kind == "single":
        if word in YES:
            return "yes"
        if word in NO:
            return "no"
        return "unknown" if word in DONT_KNOW else None
    if word in DONT_KNOW:
        return "unknown"
    if question.kind == "exclusive":
        return options[int(word) - 1] if word.isdecimal() and 1 <= int(word) <= len(options) else None
    if word in NONE:
        return "no"
    replies = dict.fromkeys(options, "no")
    for token in re.split(r"[,\s]+", word):
        match = re.fullmatch(r"(\?)?(\d+)", token)
        if not match or not 1 <= int(match.group(2)) <= len(options):
            return None
        replies[options[int(match.group(2)) - 1]] = "unknown" if match.group(1) else "yes"
    return replies


def _hint(question: Question) -> str:
    if question.kind == "single":
        return f"Type y, n or ?; {HELP}."
    if question.kind == "exclusive":
        return f"Type a number from 1 to {len(question.options)}, or ?; {HELP}."
    return f"Type the numbers that apply, like 1,3 (?2 if unsure of 2), none, or ?; {HELP}."


def _urgent_now(interview: Interview, console: Console) -> None:
    """Say what to do now, before anything else."""
    triage = interview.assessment(ranges=False).triage
    banner = Text(f" {triage.title.upper()} ", style=RANK_STYLE[triage.rank])
    console.print(Panel(Text.assemble(banner, "\n", Text(triage.advice, style="bold")), title="Act now"))


def _wants_handover(interview: Interview, console: Console) -> bool:
    """Offer the optional checklist of other warning signs for the ambulance crew."""
    if interview.handover_question() is None:
        return False
    while True:
        line = _read(
            console,
            "While you wait for help, you can note other warning signs for the crew. "
            "Answer a short checklist? (y / Enter to skip / b = I ticked a sign by mistake) > ",
        )
        if line is None or line.strip().lower() in {"", *NO, *STOP}:
            return False
        if line.strip().lower() in YES:
            return True
        if line.strip().lower() in BACK:
            interview.back()
            return False
        console.print("Please type y, or press Enter to skip.")


def _read(console: Console, prompt: str) -> str | None:
    """One line from the person (the prompt on `console`), or None at end of input."""
    try:
        line = console.input(prompt)
    except EOFError:
        console.print()
        return None
    if not sys.stdin.isatty():  # a program is typing: echo, so the transcript reads as a conversation
        console.print(line, markup=False, highlight=False)
    return line.strip()
