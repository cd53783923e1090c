"""Every CLI command is documented in the README, and the README's commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from twitchcheck.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def registered_commands() -> set[str]:
    commands = {command.name or command.callback.__name__ for command in app.registered_commands if command.callback}
    return commands | {group.name for group in app.registered_groups if group.name}


def test_every_cli_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [name for name in registered_commands() if f"twitchcheck {name}" not in text]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_the_readme_names_exists() -> None:
    named = set(re.findall(r"`twitchcheck (\w+)", README.read_text(encoding="utf-8")))
    assert named <= registered_commands()


def test_readme_shows_the_two_setup_commands_and_what_not_to_use_it_for() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make run" in text and "make test" in text
    assert "must not be used for" in text


def test_every_setting_is_documented_in_the_readme() -> None:
    from dataclasses import fields

    from twitchcheck.settings import SETTINGS_HELP, Settings

    text = README.read_text(encoding="utf-8")
    for item in fields(Settings):
        assert f"TWITCHCHECK_{item.name.upper()}" in text, item.name
        assert item.name in SETTINGS_HELP


def test_every_api_route_is_documented_in_the_readme(tmp_path: Path) -> None:
    from twitchcheck.settings import Settings
    from twitchcheck.web import create_app

    text = README.read_text(encoding="utf-8")
    app = create_app(Settings(data_dir=tmp_path))
    for route in app.routes:
        path = getattr(route, "path", "")
        if path.startswith("/api/v1/") and not path.endswith(("openapi.json", "docs", "docs/oauth2-redirect")):
            short = path.removeprefix("/api/v1")
            assert short.split("/{")[0] in text or path in text, path
