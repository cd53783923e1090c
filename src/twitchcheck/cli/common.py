"""What every command shares: one way to fail on bad input, one way to read id lists."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit with code 2 (bad input)."""
    Console(stderr=True).print(f"Error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


def split_ids(values: list[str] | None) -> list[str]:
    """Accept `--present a,b --present c` and `--present "a, b"` alike."""
    ids: list[str] = []
    for value in values or []:
        ids.extend(part.strip() for part in value.split(",") if part.strip())
    return ids
