"""Storage: one SQLAlchemy layer for interviews, accounts, diaries and saved assessments.

The embedded default is a SQLite file (WAL, foreign keys on); DATABASE_URL
switches to PostgreSQL for a clinic's multi-user server. Nothing keeps state in
process memory that another worker would need. Every diary query is scoped to
one person (`DiaryStore(database, user_id)`).
"""

from twitchcheck.storage.accounts import Account, Accounts, local_account
from twitchcheck.storage.db import Database, open_database
from twitchcheck.storage.diary_store import (
    DiaryProfile,
    DiaryStore,
    Erasure,
    ImportResult,
    SavedAssessment,
    StoredEntry,
)
from twitchcheck.storage.tables import (
    ApiTokenRecord,
    Base,
    DiaryEntryRecord,
    InterviewRecord,
    SavedAssessmentRecord,
    UserRecord,
)

__all__ = [
    "Account",
    "Accounts",
    "ApiTokenRecord",
    "Base",
    "Database",
    "DiaryEntryRecord",
    "DiaryProfile",
    "DiaryStore",
    "Erasure",
    "ImportResult",
    "InterviewRecord",
    "SavedAssessment",
    "SavedAssessmentRecord",
    "StoredEntry",
    "UserRecord",
    "local_account",
    "open_database",
]
