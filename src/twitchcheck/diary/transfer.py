"""Moving a diary between installations: one versioned JSON document, checked whole before anything is kept.

The document is what `twitchcheck diary export` writes and `import` reads:

    {"format": "twitchcheck-diary", "version": 2, "exported_at": "...", "entries": [{"id": "...", ...}, ...]}

Each entry has the fields of `DiaryEntry`, with `when` in ISO 8601 and its UTC
offset, so a file is readable by people and by other tools. Since version 2
each entry also has its stable `id`, so an import can tell "the same entry,
edited" from "a new entry" and never has to guess from the time and place.
Version 1 files (no ids) are still read. The version lets a later twitchcheck
change the format and still read this one.
Nothing here touches a database: `parse_document` validates every entry and
names the first one at fault ("entry 3: bouts: ..."), so a bad file is
refused before the store begins its transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from twitchcheck.diary.entry import DiaryEntry, explain_invalid_entry
from twitchcheck.errors import DiaryFileError
from twitchcheck.knowledge import KnowledgeBase

FORMAT = "twitchcheck-diary"
VERSION = 2
DOCUMENT_KEYS = ("format", "version", "exported_at", "entries")
ENTRY_ID_KEY = "id"
ENTRY_ID = re.compile(r"[A-Za-z0-9-]{1,36}")
WHAT_A_DIARY_FILE_IS = "a diary file is the JSON that `twitchcheck diary export` writes"

ContentKey = str


@dataclass(frozen=True)
class FileEntry:
    """An entry read from a diary file, with its stable id when the file gives one (version 2)."""

    uid: str | None
    entry: DiaryEntry


def export_document(
    entries: Iterable[DiaryEntry | tuple[str, DiaryEntry]], *, exported_at: datetime | None = None
) -> dict[str, Any]:
    """The diary as a versioned document, oldest first, ready for `json.dumps`.

    Stored entries come as (stable id, entry) pairs and keep their id; a bare
    entry (sample data, say) has none, and an import adds it as new.
    """
    moment = exported_at or datetime.now(UTC)
    pairs = [item if isinstance(item, tuple) else (None, item) for item in entries]
    ordered = sorted(pairs, key=lambda pair: pair[1].when)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": moment.isoformat(),
        "entries": [
            ({ENTRY_ID_KEY: uid} if uid is not None else {}) | entry.model_dump(mode="json") for uid, entry in ordered
        ],
    }


def dump_document(document: dict[str, Any]) -> str:
    """The document as indented UTF-8 JSON text, ending in a newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_document(text: str | bytes, *, kb: KnowledgeBase | None = None) -> list[FileEntry]:
    """Every entry of a diary file's text; raises `DiaryFileError` for the first problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")  # decoded here: json.loads would guess UTF-16 from the first bytes
        except UnicodeDecodeError:
            raise DiaryFileError(f"the file is not UTF-8 text; {WHAT_A_DIARY_FILE_IS}") from None
    if not text.strip():
        raise DiaryFileError(f"the file is empty; {WHAT_A_DIARY_FILE_IS}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DiaryFileError(
            f"the file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            + WHAT_A_DIARY_FILE_IS
        ) from None
    except RecursionError:
        raise DiaryFileError(f"the JSON is nested too deeply to be a diary file; {WHAT_A_DIARY_FILE_IS}") from None
    return parse_document(data, kb=kb)


def parse_document(document: Any, *, kb: KnowledgeBase | None = None) -> list[FileEntry]:
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
    entries: list[FileEntry] = []
    seen: dict[str, tuple[int, ContentKey]] = {}
    for number, raw in enumerate(raw_entries, start=1):
        if not isinstance(raw, dict):
            raise DiaryFileError(
                f"entry {number}: must be an object with the entry's fields, not {type(raw).__name__}",
                entry_number=number,
            )
        fields = dict(raw)
        uid = fields.pop(ENTRY_ID_KEY, None)
        if uid is not None and (not isinstance(uid, str) or not ENTRY_ID.fullmatch(uid)):
            raise DiaryFileError(
                f"entry {number}: id must be the entry's id as exported (letters, digits and '-', at most 36), "
                f"not {uid!r}; nothing was imported",
                field=ENTRY_ID_KEY,
                entry_number=number,
            )
        try:
            entry = DiaryEntry.model_validate(fields, context=context)
        except ValidationError as error:
            raise DiaryFileError(
                f"entry {number}: {explain_invalid_entry(error)}; nothing was imported",
                field=first_field(error),
                entry_number=number,
            ) from None
        if uid is not None:
            earlier = seen.get(uid)
            if earlier is not None and earlier[1] != content_key(entry):
                raise DiaryFileError(
                    f"entries {earlier[0]} and {number} have the same id '{uid}' but different contents; "
                    "keep one of them; nothing was imported",
                    field=ENTRY_ID_KEY,
                    entry_number=number,
                )
            seen[uid] = (number, content_key(entry))
        entries.append(FileEntry(uid=uid, entry=entry))
    return entries


def content_key(entry: DiaryEntry) -> ContentKey:
    """Everything an entry says, in one comparable string: two entries are the same record only if it is equal.

    The moment is compared in UTC (one instant, whatever offset it was written
    with) and places and symptoms as sets, so an export re-imported is found
    unchanged; but any other difference, an added symptom above all, is a
    difference, so an import never drops it as a duplicate.
    """
    fields = entry.model_dump(mode="json")
    fields["when"] = entry.when.astimezone(UTC).isoformat()
    fields["locations"] = sorted(entry.locations)
    fields["new_symptoms"] = sorted(entry.new_symptoms)
    return json.dumps(fields, sort_keys=True)


def first_field(error: ValidationError) -> str | None:
    """The entry field the first problem is about, or None when it is about the entry as a whole."""
    problems = error.errors()
    if not problems or not problems[0]["loc"]:
        return None
    return str(problems[0]["loc"][0])
