"""Every exception twitchcheck raises.

The tree::

    TwitchcheckError            anything twitchcheck raises on purpose
    ├── KnowledgeError          the knowledge base is broken (file, entry, what is wrong)
    ├── EvidenceError           the evidence given for one person is not usable
    ├── InterviewError          an interview answer or saved state is not usable
    │   ├── InterviewNotFoundError  no interview with that id (it never existed, or it expired)
    │   └── InterviewChangedError   the interview moved on since the answer's version (another tab or request)
    ├── CaseFileError           a case file (JSON lines) cannot be read
    ├── SettingsError           a setting (flag or TWITCHCHECK_* variable) has a value that cannot be used
    ├── StorageError            the database cannot be opened or used (SQLAlchemy's errors, mapped in one table)
    ├── DiaryError              a diary entry, diary file or stored record cannot be used as asked
    │   ├── EntryNotFoundError  no such entry (or saved assessment) for this person
    │   ├── DiaryFileError      a diary export file is unreadable, or entry N of it is invalid
    │   └── ImportConflictError entries in the file differ from stored entries with the same id
    ├── AccountError            an account cannot be created or used
    │   ├── UsernameTakenError
    │   ├── WeakPasswordError
    │   ├── UnknownUserError
    │   ├── AuthenticationError   wrong username or password; unknown, revoked or expired token
    │   ├── SignInThrottledError  too many failed sign-ins; try again after `retry_after` seconds
    │   └── SignInRequiredError   a page needs a signed-in person (the pages send them to sign in)
    ├── ReportError             the doctor's report cannot be made (it would need a resource from outside itself)
    ├── RequestRefusedError     a request from another site, or for a host this server does not serve
    └── CdsHooksError           a CDS Hooks call that cannot be answered (wrong hook, bad hookInstance, unknown code)
        └── PrefetchMissingError    the call brought no prefetched data, and twitchcheck fetches none itself

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


class SettingsError(TwitchcheckError):
    """A setting has a value that cannot be used."""


class StorageError(TwitchcheckError):
    """The database cannot be opened or used; the message says what to check. Nothing was changed."""


class InterviewError(TwitchcheckError):
    """An interview answer does not fit its question, or a saved interview cannot be resumed."""


class InterviewNotFoundError(InterviewError):
    """No stored interview has that id: it never existed, or it expired."""


class InterviewChangedError(InterviewError):
    """The stored interview is no longer at the version an answer was given against.

    Two answers raced (two tabs, a double click, a retry): the later one is
    refused rather than silently overwriting the first, and the person reloads.
    """


class DiaryError(TwitchcheckError):
    """A diary entry, diary file or stored record cannot be used as asked.

    `field` names the entry field at fault ("bouts", "when", ...) when there is
    one, so the CLI can name its option and an API can point at the input.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class EntryNotFoundError(DiaryError):
    """No entry (or saved assessment) with that id belongs to this person.

    Someone else's entry is "not found" too: saying "not yours" would confirm it exists.
    """


class DiaryFileError(DiaryError):
    """A diary export file cannot be imported; `entry_number` (1-based) names the entry at fault, if any."""

    def __init__(self, message: str, *, field: str | None = None, entry_number: int | None = None) -> None:
        super().__init__(message, field=field)
        self.entry_number = entry_number


class ImportConflictError(DiaryError):
    """Entries in a diary file differ from stored entries with the same id, and the import was told to refuse.

    `entry_numbers` (1-based) names the entries of the file that differ. Nothing was imported.
    """

    def __init__(self, message: str, *, entry_numbers: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.entry_numbers = entry_numbers


class AccountError(TwitchcheckError):
    """An account cannot be created or used; the message says what is allowed.

    `field` names the input at fault ("username", "password") when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class UsernameTakenError(AccountError):
    """The username is already in use (or reserved)."""


class WeakPasswordError(AccountError):
    """The password is too short or too long; the message gives the limits."""


class UnknownUserError(AccountError):
    """No account has that username or id."""


class AuthenticationError(AccountError):
    """Wrong username or password, or an unknown or revoked API token.

    One error for all of these, so that a caller cannot tell which usernames exist.
    """


class SignInThrottledError(AccountError):
    """Too many failed sign-ins for this account or from this address; `retry_after` is in whole seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SignInRequiredError(AccountError):
    """A page needs a signed-in person; the pages redirect to the sign-in form."""


class ReportError(TwitchcheckError):
    """The doctor's report cannot be rendered; nothing is fetched from outside the report to make it."""


class RequestRefusedError(TwitchcheckError):
    """A request this server will not act on: a form posted from another site, or a host it does not serve."""


class CdsHooksError(TwitchcheckError):
    """A CDS Hooks service call twitchcheck cannot answer as sent; `field` names the part at fault.

    Answered 400: the EHR sent something the CDS Hooks 2.0 specification or the
    service's discovery entry does not allow.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PrefetchMissingError(CdsHooksError):
    """The call carries no prefetch, so there is nothing to assess.

    Its own class because CDS Hooks 2.0 names the status for it: 412 Precondition
    Failed ("unable to retrieve the necessary FHIR data").
    """
