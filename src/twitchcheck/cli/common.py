"""What every command shares: one way to fail on bad input, one way to read id lists, paths checked once.

`fail` is the one place that prints `Error: …` and exits 2. Commands call it
for the problems they can name precisely; `SentenceErrors`, the app's command
group, calls it for any `TwitchcheckError` or `OSError` a command let through,
so a person never sees a traceback for bad input or a path that cannot be used.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from typer.core import TyperGroup

from twitchcheck.errors import TwitchcheckError

USAGE_ERROR = 2  # bad input: the person can fix it and run the command again


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit with code 2 (bad input)."""
    Console(stderr=True).print(f"Error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code=USAGE_ERROR)


class SentenceErrors(TyperGroup):
    """The command group of `twitchcheck`: errors a command did not catch still reach people as one line.

    The last line of defence, not the first: a command that can say more (which
    option, which line) catches the error itself. A broken pipe (`| head`) is
    left to Typer, which exits quietly.
    """

    def invoke(self, ctx: Any) -> Any:  # Any: the Context type lives in Typer's private copy of Click
        try:
            return super().invoke(ctx)
        except TwitchcheckError as error:
            fail(str(error))
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise
            where = f"{error.filename}: " if error.filename is not None else ""
            fail(f"{where}{error.strerror or error}; check the path and try again")


def path_problem(path: object, error: OSError, *, writing: bool = False) -> str:
    """What went wrong with a path the person gave, and what to do: one sentence for `fail`."""
    verb = "write" if writing else "read"
    if isinstance(error, IsADirectoryError):
        return f"{path} is a folder; give the path of a file"
    if isinstance(error, NotADirectoryError):
        return f"cannot {verb} {path}: part of the path is a file, not a folder; check the path"
    if isinstance(error, PermissionError):
        return f"cannot {verb} {path}: permission denied; check its permissions or choose another path"
    if isinstance(error, FileNotFoundError) and not writing:  # the system's words are the clearest here
        return f"cannot read {path}: {error.strerror or 'No such file or directory'}"
    fix = "choose another path" if writing else "check the file"
    return f"cannot {verb} {path} ({error.strerror or error}); {fix}"


def read_input(path: Path) -> bytes:
    """The bytes of a file the person named; fails with one sentence when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        fail(path_problem(path, error))


def check_output_file(path: Path, *, option: str, example: str) -> None:
    """Fail before any work if a file cannot be written at `path` (a folder, a missing or read-only folder).

    `option` names what the person gives ("--out", "FILE") and `example` is a
    file name for the hint, e.g. "report.pdf". Writing can still fail later
    (a full disk); the caller catches the `OSError` with `path_problem`.
    """
    if path.is_dir():
        fail(f"{path} is a folder; give a file name for {option}, e.g. {path / example}")
    folder = path.parent
    if not folder.exists():
        fail(f"the folder {folder} does not exist; create it or choose another {option}")
    if not folder.is_dir():
        fail(f"{folder} is a file, not a folder; choose another {option}")
    if not os.access(folder, os.W_OK | os.X_OK):
        fail(f"cannot write in the folder {folder}: permission denied; choose another {option}")


def split_ids(values: list[str] | None) -> list[str]:
    """Accept `--present a,b --present c` and `--present "a, b"` alike."""
    ids: list[str] = []
    for value in values or []:
        ids.extend(part.strip() for part in value.split(",") if part.strip())
    return ids
