"""twitchcheck: likely causes and triage for involuntary muscle twitching.

The public API is what this module exports; everything else is internal.
"""

from twitchcheck.assessment import Assessment, Assessor, assess
from twitchcheck.engine.evidence import Evidence
from twitchcheck.errors import CaseFileError, EvidenceError, InterviewError, KnowledgeError, TwitchcheckError
from twitchcheck.interview import Interview, InterviewState, Question
from twitchcheck.knowledge import KnowledgeBase, load_knowledge

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "Assessor",
    "CaseFileError",
    "Evidence",
    "EvidenceError",
    "Interview",
    "InterviewError",
    "InterviewState",
    "KnowledgeBase",
    "KnowledgeError",
    "Question",
    "TwitchcheckError",
    "__version__",
    "assess",
    "load_knowledge",
]
