"""The command line: a thin Typer layer over the library (commands, diary, terminal interview, rendering).

Interfaces sit on top: this package imports the features and the assessment,
and nothing below it imports Typer or Rich.
"""

from twitchcheck.cli.app import app

__all__ = ["app"]
