"""'Did you mean ...?' for mistyped ids: one helper for every error message."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

SIMILARITY_CUTOFF = 0.75


def did_you_mean(wrong: str, valid: Iterable[str], *, fallback: str = "") -> str:
    """'; did you mean 'x', 'y'?' with the nearest valid ids, or `fallback` when none is close."""
    close = get_close_matches(wrong, sorted(valid), n=3, cutoff=SIMILARITY_CUTOFF)
    if not close:
        return fallback
    return f"; did you mean {', '.join(repr(c) for c in close)}?"
