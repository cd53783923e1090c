"""Every setting, declared once: name, default, help.

Precedence: an explicit argument (a CLI flag), then the `TWITCHCHECK_*`
environment variable (`DATABASE_URL` is also read, as hosting platforms set
it), then the default. Settings are passed in explicitly; there is no
module-level mutable state.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from twitchcheck.errors import SettingsError

__all__ = ["SETTINGS_HELP", "Settings", "SettingsError"]


def _default_data_dir() -> Path:
    return Path(user_data_dir("twitchcheck", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """twitchcheck's settings; see SETTINGS_HELP for what each one means."""

    data_dir: Path = field(default_factory=_default_data_dir)
    database_url: str = ""  # empty: a SQLite file in data_dir
    host: str = "127.0.0.1"
    port: int = 8000
    interview_ttl_hours: int = 24
    max_body_bytes: int = 64 * 1024
    max_import_bytes: int = 16 * 1024 * 1024
    max_text_chars: int = 5000
    request_timeout_seconds: int = 60
    allowed_hosts: str = ""  # empty: localhost names and the listening address
    session_hours: int = 12
    session_idle_hours: int = 2
    region: str = ""  # empty: the knowledge base's default (Canada); decides the emergency number
    accounts: str = "auto"  # "on", "off", or "auto": on for a shared database server, off for embedded SQLite
    compat_cors_origins: str = ""  # comma-separated origins whose pages may call /compat/ from a browser

    def __post_init__(self) -> None:
        if self.accounts not in {"on", "off", "auto"}:
            raise SettingsError(f"accounts={self.accounts!r} is not one of 'on', 'off', 'auto'")

    @property
    def effective_database_url(self) -> str:
        """The database to use: DATABASE_URL when set, else the embedded SQLite file."""
        return self.database_url or f"sqlite:///{self.data_dir / 'twitchcheck.db'}"

    def check_network_exposure(self) -> None:
        """Raise `SettingsError` when a diary without sign-in would listen on the network."""
        if not self.accounts_required and not is_loopback(self.host):
            raise SettingsError(
                f"host {self.host} would show this machine's diary to the network without sign-in; "
                "listen on 127.0.0.1, or turn accounts on (TWITCHCHECK_ACCOUNTS=on) for a shared server"
            )

    @property
    def host_names(self) -> tuple[str, ...]:
        """The Host header values this server answers to: the configured ones, else local names and the address."""
        configured = tuple(name.strip().lower() for name in self.allowed_hosts.split(",") if name.strip())
        if configured:
            return configured
        local = ("localhost", "127.0.0.1", "::1", "[::1]")
        listening = self.host.strip().lower()
        return local if listening in local or listening in {"0.0.0.0", "::", ""} else (*local, listening)

    @property
    def accounts_required(self) -> bool:
        """Whether people must sign in: always with a shared database server, never for the embedded file."""
        if self.accounts == "auto":
            return not self.effective_database_url.startswith("sqlite")
        return self.accounts == "on"

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given (non-None) values replaced: for CLI flags."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from the environment (TWITCHCHECK_<NAME>), falling back to defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for item in fields(cls):
            raw = env.get(f"TWITCHCHECK_{item.name.upper()}")
            if raw is None and item.name == "database_url":
                raw = env.get("DATABASE_URL")
            if raw is None or raw == "":
                continue
            values[item.name] = _convert(item.name, raw)
        return cls(**values)


def is_loopback(host: str) -> bool:
    """Whether an address (or "localhost") is this machine."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


SETTINGS_HELP: dict[str, str] = {
    "data_dir": "Folder for the embedded SQLite database (diary, interviews). Default: the user data folder.",
    "database_url": "SQLAlchemy URL of the database, e.g. postgresql+psycopg://user@host/db for a clinic server.",
    "host": "Address the web app listens on.",
    "port": "Port the web app listens on.",
    "interview_ttl_hours": "Hours after its last answer that a stored interview expires.",
    "max_body_bytes": "Largest request body the API accepts.",
    "max_import_bytes": "Largest diary file the import accepts (a year of several entries a day is about 1 MB).",
    "max_text_chars": "Longest free text accepted for parsing.",
    "request_timeout_seconds": "Seconds a request may take before the server answers 503 (the work is bounded anyway).",
    "allowed_hosts": (
        "Comma-separated host names the server answers to (the Host header), e.g. 'twitch.clinic.example'. "
        "Empty: localhost, 127.0.0.1, ::1 and the listening address. Stops DNS-rebinding attacks."
    ),
    "session_hours": "Hours a sign-in (API token or page session) lasts at most; then sign in again.",
    "session_idle_hours": "Hours without use after which a sign-in ends.",
    "region": "Where the people are: CA (911, 811; the default), US (911), UK (999, 111) or EU (112).",
    "accounts": (
        "Sign-in for the diary: 'on' (a multi-user server: each person sees only their own diary), 'off' "
        "(one person on their own machine), or 'auto' (on with a database server, off with embedded SQLite)."
    ),
    "compat_cors_origins": (
        "Comma-separated origins (scheme://host[:port], e.g. 'https://app.clinic.example') whose web pages may call "
        "the compatible APIs under /compat/ from a browser (CORS). Empty: none; programs need no entry."
    ),
}


INTEGER_SETTINGS = frozenset(
    {
        "port",
        "interview_ttl_hours",
        "max_body_bytes",
        "max_import_bytes",
        "max_text_chars",
        "request_timeout_seconds",
        "session_hours",
        "session_idle_hours",
    }
)


def _convert(name: str, raw: str) -> Any:
    if name == "data_dir":
        return Path(raw).expanduser()
    if name in INTEGER_SETTINGS:
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"TWITCHCHECK_{name.upper()}={raw!r} is not a whole number") from None
        if value <= 0:
            raise SettingsError(f"TWITCHCHECK_{name.upper()} must be positive, not {value}")
        return value
    if name == "accounts" and raw not in {"on", "off", "auto"}:
        raise SettingsError(f"TWITCHCHECK_ACCOUNTS={raw!r} is not one of 'on', 'off', 'auto'")
    return raw
