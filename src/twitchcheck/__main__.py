"""`python -m twitchcheck`: the same as the `twitchcheck` command."""

from twitchcheck.cli import app

app(prog_name="twitchcheck")
