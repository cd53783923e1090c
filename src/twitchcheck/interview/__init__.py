"""The adaptive interview: the fewest, most useful questions, urgent warning signs first.

Question choice only: it calls the engine and never a user interface
(`twitchcheck.cli.terminal` is the terminal front end).
"""

from twitchcheck.interview.questions import Option, Question
from twitchcheck.interview.session import Interview
from twitchcheck.interview.state import AnsweredQuestion, InterviewState, KnownFindings, Reply
from twitchcheck.interview.stopping import STOP_EXPLANATIONS, StopReason

__all__ = [
    "STOP_EXPLANATIONS",
    "AnsweredQuestion",
    "Interview",
    "InterviewState",
    "KnownFindings",
    "Option",
    "Question",
    "Reply",
    "StopReason",
]
