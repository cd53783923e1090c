"""The twitch diary: validated entries, trend alerts with re-triage, trigger comparisons, history answers.

Pure domain logic on in-memory lists of `DiaryEntry`; storage, the CLI and the
web persist and show them. The thresholds live in knowledge/data/diary.yaml.
"""

from twitchcheck.diary.associations import TriggerComparison, compare_triggers
from twitchcheck.diary.entry import DiaryDay, DiaryEntry, diary_days, explain_invalid_entry
from twitchcheck.diary.history import HistoryAnswer, history_answers
from twitchcheck.diary.review import Alert, DiaryReview, diary_evidence, review_diary
from twitchcheck.diary.rules import DiaryRules, load_diary_rules
from twitchcheck.diary.statistics import MannKendall, RateComparison, compare_rates, mann_kendall

__all__ = [
    "Alert",
    "DiaryDay",
    "DiaryEntry",
    "DiaryReview",
    "DiaryRules",
    "HistoryAnswer",
    "MannKendall",
    "RateComparison",
    "TriggerComparison",
    "compare_rates",
    "compare_triggers",
    "diary_days",
    "diary_evidence",
    "explain_invalid_entry",
    "history_answers",
    "load_diary_rules",
    "mann_kendall",
    "review_diary",
]
