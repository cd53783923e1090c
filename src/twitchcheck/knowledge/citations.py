"""Checking `source:` fields: every medical statement must say where it comes from.

A source field is one or more citations separated by ";". Each citation is
`article §N` (a section of the source article, 0-14), a key of sources.yaml
(optionally followed by a note), or `estimate: reasoning`, where the reasoning
says how the figure was reached (a bare "estimate" is refused).
"""

from __future__ import annotations

import re
from collections.abc import Set

ARTICLE_SECTIONS = range(0, 15)
# A bare "estimate" says nothing about how a figure was reached (issue #12): an estimate gives its reasoning.
ESTIMATE_MIN_WORDS = 3
_ARTICLE = re.compile(r"^article §(\d+)(?:[-–](\d+))?(?:\b.*)?$")
_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)(?:[:\s].*)?$")


def citation_problems(source: str, *, known_keys: Set[str]) -> list[str]:
    """Return what is wrong with a source field; empty when every citation is valid."""
    if not source.strip():
        return ["the source is empty"]
    problems: list[str] = []
    for raw in source.split(";"):
        citation = raw.strip()
        if citation.startswith("estimate"):
            reasoning = citation.removeprefix("estimate").lstrip(" :")
            if not citation.startswith("estimate:") or len(reasoning.split()) < ESTIMATE_MIN_WORDS:
                problems.append(
                    f"'{citation}' gives no reasoning: write 'estimate: how the figure was reached' "
                    f"(at least {ESTIMATE_MIN_WORDS} words)"
                )
            continue
        article = _ARTICLE.match(citation)
        if article:
            sections = [int(s) for s in article.groups() if s is not None]
            if any(s not in ARTICLE_SECTIONS for s in sections):
                problems.append(f"'{citation}' names a section outside article §0-§14")
            continue
        key = _KEY.match(citation)
        if key and key.group(1) in known_keys:
            continue
        name = key.group(1) if key else citation
        problems.append(f"'{name}' is not a known source: use 'article §N', 'estimate: why', or a key of sources.yaml")
    return problems
