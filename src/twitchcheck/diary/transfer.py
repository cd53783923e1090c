"""Moving a diary between installations: one versioned JSON document, checked whole before anything is kept.

The document is what `twitchcheck diary export` writes and `import` reads:

    {"format": "twitchcheck-diary", "version": 1, "exported_at": "...", "entries": [{...}, ...]}

Each entry has exactly the fields of `DiaryEntry`, with `when` in ISO 8601
and its UTC offset, so a file is readable by people and by other tools. The
version lets a later twitchcheck change the format and still read this one.
Nothing here touches a database: `parse_document` validates every entry and
names the first one at fault ("entry 3: bouts: ..."), so a bad file is
refused before the store begins its transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from twitchcheck.diary.entry import DiaryEntry, explain_invalid_entry
from twitchcheck.errors import DiaryFileError
from twitchcheck.knowledge import KnowledgeBase

FORMAT = "twitchcheck-diary"
VERSION = 1
DOCUMENT_KEYS = ("format", "version", "exported_at", "entries")
WHAT_A_DIARY_FILE_IS = "a diary file is the JSON that `twitchcheck diary export` writes"

DuplicateKey = tuple[datetime, tuple[str, ...], int]


def export_document(entries: Iterable[DiaryEntry], *, exported_at: datetime | None = None) -> dict[str, Any]:
    """The diary as a versioned document, entries oldest first, ready for `json.dumps`."""
    moment = exported_at or datetime.now(UTC)
    ordered = sorted(entries, key=lambda entry: entry.when)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": moment.isoformat(),
        "entries": [entry.model_dump(mode="json") for entry in ordered],
    }


def dump_document(document: dict[str, Any]) -> str:
    """The document as indented UTF-8 JSON text, ending in a newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_document(text: str | bytes, *, kb: KnowledgeBase | None = None) -> list[DiaryEntry]:
    """Every entry of a diary file's text; raises `DiaryFileError` for the first problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DiaryFileError(
            f"the file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            + WHAT_A_DIARY_FILE_IS
        ) from None
    except UnicodeDecodeError:
        raise DiaryFileError(f"the file is not UTF-8 text; {WHAT_A_DIARY_FILE_IS}") from None
    return parse_document(data, kb=kb)


def parse_document(document: Any, *, kb: KnowledgeBase | None = None) -> list[DiaryEntry]:
    """Every entry of a parsed diary document, validated; raises `DiaryFileError` naming entry and field."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DiaryFileError(f'this is not a twitchcheck diary: it needs "format": "{FORMAT}"; {WHAT_A_DIARY_FILE_IS}')
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DiaryFileError(
            f'the diary file has no usable "version" (got {version!r}); this twitchcheck reads version {VERSION}'
        )
    if version > VERSION:
        raise DiaryFileError(
            f"the diary file is version {version}, newer than this twitchcheck reads ({VERSION}); update twitchcheck"
        )
    unknown = sorted(str(key) for key in document if key not in DOCUMENT_KEYS)
    if unknown:
        raise DiaryFileError(f"unknown key '{unknown[0]}' in the diary file (allowed: {', '.join(DOCUMENT_KEYS)})")
    raw_entries = document.get("entries")
    if not isinstance(raw_entries, list):
        raise DiaryFileError('the diary file needs "entries": a list of entries (it may be empty)')
    context = {"knowledge": kb} if kb is not None else None
    entries = []
    for number, raw in enumerate(raw_entries, start=1):
        if not isinstance(raw, dict):
            raise DiaryFileError(
                f"entry {number}: must be an object with the entry's fields, not {type(raw).__name__}",
                entry_number=number,
            )
        try:
            entries.append(DiaryEntry.model_validate(raw, context=context))
        except ValidationError as error:
            raise DiaryFileError(
                f"entry {number}: {explain_invalid_entry(error)}; nothing was imported",
                field=first_field(error),
                entry_number=number,
            ) from None
    return entries


def duplicate_key(entry: DiaryEntry) -> DuplicateKey:
    """What makes two entries the same record: the same moment, the same places, the same number of bouts.

    The moment is compared in UTC (one instant, whatever offset it was written
    with) and the places as a set, so re-importing an export never doubles it.
    """
    return entry.when.astimezone(UTC), tuple(sorted(entry.locations)), entry.bouts


def first_field(error: ValidationError) -> str | None:
    """The entry field the first problem is about, or None when it is about the entry as a whole."""
    problems = error.errors()
    if not problems or not problems[0]["loc"]:
        return None
    return str(problems[0]["loc"][0])
