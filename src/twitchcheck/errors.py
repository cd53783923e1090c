"""Every exception twitchcheck raises.

The tree::

    TwitchcheckError            anything twitchcheck raises on purpose
    ├── KnowledgeError          the knowledge base is broken (file, entry, what is wrong)
    ├── EvidenceError           the evidence given for one person is not usable
    ├── InterviewError          an interview answer or saved state is not usable
    └── CaseFileError           a case file (JSON lines) cannot be read

The core raises these; the edges (CLI, web) turn them into a sentence for a
person. A message always says what was wrong and what is allowed.
"""

from __future__ import annotations


class TwitchcheckError(Exception):
    """Base class of every error twitchcheck raises on purpose."""


class KnowledgeError(TwitchcheckError):
    """The knowledge base failed validation; the message names file and entry."""


class EvidenceError(TwitchcheckError):
    """Findings, age or sex given for a person are invalid (unknown id, contradiction).

    `field` names the input at fault ("present", "absent", "age", "sex") so an
    API can point at it.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class CaseFileError(TwitchcheckError):
    """A case file could not be read; the message names the line."""


class InterviewError(TwitchcheckError):
    """An interview answer does not fit its question, or a saved interview cannot be resumed."""
