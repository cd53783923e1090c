"""Babel extraction from diary.yaml: the texts a person reads there are translated by their English text.

`make i18n-extract` runs this (babel.cfg), so a text changed in diary.yaml is
extracted again and shows as untranslated, instead of being retyped by hand in
a list of N_() calls that can drift from the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

# The keys of diary.yaml whose values a person reads (the rest are ids, numbers and sources).
PERSON_FACING_KEYS = frozenset({"sentence", "exposed_label", "other_label", "name", "title"})
# Sections whose every value a person reads (the chart's and the form's short names of places).
PERSON_FACING_SECTIONS = frozenset({"location_short_labels"})


def diary_texts(data: Any, *, section: str | None = None) -> Iterator[str]:
    """Every person-facing text of parsed diary.yaml, in file order."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and (key in PERSON_FACING_KEYS or section in PERSON_FACING_SECTIONS):
                yield value
            else:
                yield from diary_texts(value, section=key if section is None else section)
    elif isinstance(data, list):
        for item in data:
            yield from diary_texts(item, section=section)


def extract_diary_yaml(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extraction interface: (line number, function name, message, comments) per text."""
    for text in dict.fromkeys(diary_texts(yaml.safe_load(fileobj))):
        yield 0, None, text, []
