"""Storage: one SQLAlchemy layer for interviews now and the diary later.

The embedded default is a SQLite file (WAL, foreign keys on); DATABASE_URL
switches to PostgreSQL for a clinic's multi-user server. Nothing keeps state in
process memory that another worker would need.
"""

from twitchcheck.storage.db import Database, open_database
from twitchcheck.storage.tables import Base, InterviewRecord

__all__ = ["Base", "Database", "InterviewRecord", "open_database"]
