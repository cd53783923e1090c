"""Reproduce the hardening issue's defects against live twitchcheck servers built from a given source tree.

What it measures (one line per check, ``id | what | result``):

1. date-span denial of service: seconds for ``GET /diary`` and ``GET /diary/report.pdf`` with two entries
   1 day apart and 10 years apart (and their ratio), the server's peak memory, and whether an entry dated
   ``0001-01-01T05:00+01:00`` is accepted (if it is, how long the report takes, within 120 s);
2. cross-site writes: a form post from ``Origin: http://evil.example`` to ``/diary/entries`` and
   ``/diary/erase`` (entries counted before and after), the export answered to ``Host: attacker.example``,
   and a sign-in form post from another origin (does it set a session cookie?);
3. lost interview answers: 40 trials on SQLite and 40 on PostgreSQL of two answers to ``urgent:1`` sent at
   the same instant (a ``threading.Barrier``), counting both-200, 409, lost updates, and acknowledged-urgent
   answers that the stored interview no longer shows;
4. import loss: an entry that differs only by a new symptom, an edited note re-imported, a 300-entry import;
5. account enumeration timing (median sign-in time for a known vs an unknown username), sign-in rate
   limiting (429 count, first Retry-After), and weak passwords at registration;
6. PostgreSQL-only server errors (ids beyond int4/int8, NUL bytes);
7. edge-case server errors on SQLite and PostgreSQL (year-1 date at +14:00, 5,001-character start text,
   age "²");
8. security headers, reflected ``?message=``, serving on 0.0.0.0 without accounts, ``serve --workers 2``,
   and the parser on a zero-width space.

How some figures are counted. Page timings are taken after a warm-up request on the same server (one entry),
as the median of 3 when a request takes under 5 s, else once. In the answer race, "lost" means both requests
got 200 without distinct interview versions (a `version` field or ETag), so one acknowledged answer is not
what the store kept; "urgent acknowledged then not urgent" means a 200 said ``urgent: true`` but a GET of the
interview afterwards says it is not urgent. A server whose memory passes 6 GiB is killed and that is recorded.

Every figure printed is measured in this run; a refusal (4xx) is a result, not a failure, and each request
has its own time limit (``timed out after N s`` when it is hit). The PostgreSQL checks share one pgserver
started here (a fresh database per server). Servers, the pgserver and temporary folders are removed on exit,
also after an error or Ctrl+C.

Run (from /work/main, with its virtualenv, which has uvicorn, httpx and pgserver)::

    .venv/bin/python bench/hardening_repro.py --tree /tmp/base --json bench/results/hardening-before.json
    .venv/bin/python bench/hardening_repro.py --tree /work/main --json bench/results/hardening-after.json

``--only 1,3`` runs only some groups; ``--python`` names the interpreter the servers run with.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

REQUEST_TIMEOUT_S = 120.0
CONNECT_TIMEOUT_S = 10.0
START_TIMEOUT_S = 90.0
SERVE_WORKERS_LIMIT_S = 60.0
MEMORY_CAP_MIB = 6144.0  # a server whose resident memory passes this is killed, so the machine stays usable
RACE_TRIALS = 40
RACE_DEADLINE_S = 180.0
TIMING_ROUNDS = 15
RAPID_SIGNINS = 30
PASSWORD = "correct horse battery staple"
EVIL_ORIGIN = "http://evil.example"
FORM_COOKIE = "twitchcheck_form"  # the newer code's double-submit cookie; absent before
FORM_FIELD = "form_token"
API = "/api/v1"


# --- results -------------------------------------------------------------------------------------------


@dataclass
class CheckResult:
    """One line of the table: an id, what was tried, the measured outcome, and the raw facts behind it."""

    id: str
    what: str
    result: str
    data: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        return f"{self.id} | {self.what} | {self.result}"


class NotMeasured(Exception):
    """A check that could not be run (say, the server did not start); the message says why."""


class Report:
    """Collects check results, printing each line as soon as it is known."""

    def __init__(self) -> None:
        self.results: list[CheckResult] = []

    def add(self, result: CheckResult) -> None:
        self.results.append(result)
        print(result.line(), flush=True)

    def run(self, check_id: str, what: str, body: Callable[[], tuple[str, dict[str, Any]]]) -> CheckResult:
        """Run one check; a timeout, a dead server or an unexpected error becomes its recorded result."""
        started = time.perf_counter()
        data: dict[str, Any] = {}
        try:
            text, data = body()
        except httpx.ConnectTimeout:
            text = f"timed out connecting after {CONNECT_TIMEOUT_S:.0f} s"
        except httpx.TimeoutException as error:
            text = f"timed out after {REQUEST_TIMEOUT_S:.0f} s ({type(error).__name__})"
        except NotMeasured as error:
            text = f"not measured: {error}"
        except ServerError as error:
            text = f"not measured: {error}"
        except httpx.TransportError as error:
            text = f"request failed: {type(error).__name__}: {error}"
        except Exception as error:
            text = f"check error: {type(error).__name__}: {error}"
        result = CheckResult(check_id, what, text, data, round(time.perf_counter() - started, 2))
        self.add(result)
        return result

    def skip(self, check_ids: list[tuple[str, str]], reason: str) -> None:
        for check_id, what in check_ids:
            self.add(CheckResult(check_id, what, f"not measured: {reason}"))


# --- processes and temporary folders -------------------------------------------------------------------


class ServerError(Exception):
    """The server under test did not start, or exited."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def outward_address() -> str | None:
    """This machine's own non-loopback IPv4 address, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 1))
            address = str(sock.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") else address


def clean_env(tree: Path, data_dir: Path, extra: dict[str, str]) -> dict[str, str]:
    """The environment for a server: ours without any twitchcheck setting, plus the tree and the given ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWITCHCHECK_") and k != "DATABASE_URL"}
    env["PYTHONPATH"] = str(tree / "src")
    env["TWITCHCHECK_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


class Process:
    """A child process in its own process group (so its workers go with it), logging to a file."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        self._log_file = log.open("wb")
        self.popen = subprocess.Popen(
            argv, env=env, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._stopped = False
        LIVE.add(self)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def exited(self) -> int | None:
        return self.popen.poll()

    def log_tail(self, lines: int = 4) -> str:
        try:
            text = self.log.read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return " / ".join(line.strip() for line in text[-lines:])

    def stop(self) -> None:
        """SIGTERM to the group this process leads, then SIGKILL after 10 s; only processes started here."""
        if self._stopped:
            return
        self._stopped = True
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)  # workers left behind by the group leader
        self._log_file.close()
        LIVE.discard(self)


LIVE: set[Process] = set()


def rss_mib(pid: int) -> float | None:
    """Resident memory of a process in MiB, from /proc (None when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


@dataclass
class ServerConfig:
    name: str
    accounts: str = "off"
    database_url: str | None = None
    host: str = "127.0.0.1"


class Server:
    """One `uvicorn twitchcheck.web.asgi:app` from the tree under test, with its own data folder."""

    def __init__(self, run: Run, config: ServerConfig) -> None:
        self.run = run
        self.config = config
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.data_dir = run.temp_dir(f"data-{config.name}-")
        extra = {"TWITCHCHECK_ACCOUNTS": config.accounts}
        if config.database_url:
            extra["TWITCHCHECK_DATABASE_URL"] = config.database_url
        argv = [
            run.python,
            "-m",
            "uvicorn",
            "twitchcheck.web.asgi:app",
            "--host",
            config.host,
            "--port",
            str(self.port),
        ]
        self.process = Process(argv, clean_env(run.tree, self.data_dir, extra), self.data_dir / "server.log")
        try:
            self.startup_seconds = wait_healthy(self.process, self.base_url, START_TIMEOUT_S)
        except BaseException:
            self.process.stop()
            raise

    @property
    def pid(self) -> int:
        return self.process.pid

    def client(self, *, headers: dict[str, str] | None = None, keep_alive: bool = False) -> httpx.Client:
        """A client for this server; without `keep_alive` each request has its own connection, so a server
        that drops a connection after a 500 cannot make the next request fail."""
        sent = {**({} if keep_alive else {"Connection": "close"}), **(headers or {})}
        return httpx.Client(base_url=self.base_url, timeout=timeout(), follow_redirects=False, headers=sent)

    def stop(self) -> None:
        self.process.stop()


def timeout(seconds: float = REQUEST_TIMEOUT_S) -> httpx.Timeout:
    return httpx.Timeout(seconds, connect=min(seconds, CONNECT_TIMEOUT_S))


def wait_healthy(process: Process, base_url: str, limit: float) -> float:
    """Seconds until GET /healthz answers 200; raises `ServerError` if the process exits or time runs out."""
    started = time.perf_counter()
    with httpx.Client(timeout=timeout(5.0)) as client:
        while time.perf_counter() - started < limit:
            code = process.exited()
            if code is not None:
                raise ServerError(f"the server exited with code {code} before answering: {process.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if client.get(f"{base_url}/healthz").status_code == 200:
                    return round(time.perf_counter() - started, 2)
            time.sleep(0.3)
    raise ServerError(f"/healthz did not answer 200 within {limit:.0f} s: {process.log_tail()}")


class Postgres:
    """One pgserver for the whole run; each server under test gets a database of its own."""

    def __init__(self, run: Run) -> None:
        self.folder = run.temp_dir("pgserver-")
        with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is not set
            warnings.simplefilter("ignore")
            import pgserver  # imported here: only the PostgreSQL checks need it

            self.server = pgserver.get_server(str(self.folder), cleanup_mode="delete")  # type: ignore[attr-defined]
        self.uri = str(self.server.get_uri())
        self.count = 0

    def new_database(self, prefix: str) -> str:
        """A fresh, empty database; its SQLAlchemy URL (postgresql+psycopg://...)."""
        import psycopg

        self.count += 1
        name = f"{prefix}_{self.count}"
        with psycopg.connect(self.uri, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')  # our own fixed name, not input
        parts = urlsplit(self.uri)
        return urlunsplit(("postgresql+psycopg", parts.netloc, f"/{name}", parts.query, ""))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.server.cleanup()


class Run:
    """The tree under test, the interpreter, and everything to clean up."""

    def __init__(self, tree: Path, python: str) -> None:
        self.tree = tree
        self.python = python
        self.root = Path(tempfile.mkdtemp(prefix="hardening-repro-"))
        self._postgres: Postgres | None = None
        self._postgres_error: str | None = None

    def close(self) -> None:
        """Stop every server still running, then the pgserver, then remove the temporary folders."""
        for process in list(LIVE):
            process.stop()
        if self._postgres is not None:
            self._postgres.close()
        shutil.rmtree(self.root, ignore_errors=True)

    def temp_dir(self, prefix: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.root))

    @contextlib.contextmanager
    def server(self, config: ServerConfig) -> Iterator[Server]:
        server = Server(self, config)
        try:
            yield server
        finally:
            server.stop()

    def postgres(self) -> Postgres:
        """The run's pgserver, started on first use; raises `NotMeasured` if it cannot start."""
        if self._postgres is None and self._postgres_error is None:
            try:
                self._postgres = Postgres(self)
            except Exception as error:
                self._postgres_error = f"pgserver did not start: {type(error).__name__}: {error}"
        if self._postgres is None:
            raise NotMeasured(self._postgres_error or "pgserver did not start")
        return self._postgres


# --- small helpers for requests -----------------------------------------------------------------------


def now_local() -> datetime:
    return datetime.now(UTC).astimezone().replace(second=0, microsecond=0)


def entry(when: datetime | str, **extra: Any) -> dict[str, Any]:
    """A valid diary entry as the API takes it (bouts > 0 needs locations and bout_seconds)."""
    moment = when if isinstance(when, str) else when.isoformat()
    return {"when": moment, "locations": ["twitch_eyelid"], "bouts": 3, "bout_seconds": 10, "intensity": 3, **extra}


def error_code(response: httpx.Response) -> str:
    """The error code of the standard error shape, when there is one."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("code", ""))
    return ""


def status_text(response: httpx.Response) -> str:
    code = error_code(response)
    return f"{response.status_code}" + (f" ({code})" if code and response.status_code >= 400 else "")


def error_message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("message", ""))[:300]
    return ""


def count_entries(client: httpx.Client, headers: dict[str, str] | None = None) -> int | None:
    """How many diary entries the API lists (None, with the status, when it will not say)."""
    response = client.get(f"{API}/diary/entries", headers=headers or {})
    if response.status_code != 200:
        return None
    body = response.json()
    return len(body) if isinstance(body, list) else None


def list_entries(client: httpx.Client, headers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    response = client.get(f"{API}/diary/entries", headers=headers or {})
    response.raise_for_status()
    body = response.json()
    return body if isinstance(body, list) else []


def add_entry(client: httpx.Client, body: dict[str, Any], headers: dict[str, str] | None = None) -> httpx.Response:
    return client.post(f"{API}/diary/entries", json=body, headers=headers or {})


def require(response: httpx.Response, *codes: int) -> httpx.Response:
    """The response, or `NotMeasured` when a setup step (not the thing measured) did not succeed."""
    if response.status_code not in codes:
        raise NotMeasured(
            f"setup request {response.request.method} {response.request.url.path} answered "
            f"{response.status_code}: {error_message(response)}"
        )
    return response


def form_token(client: httpx.Client, page: str) -> dict[str, str]:
    """GET a page; the form-token field to send with its form, if the tree has one (newer code)."""
    client.get(page)
    token = client.cookies.get(FORM_COOKIE)
    return {FORM_FIELD: token} if token else {}


def session_cookie_set(response: httpx.Response) -> list[str]:
    """Names of session-like cookies the response sets with a value (not deletions)."""
    names = []
    for header in response.headers.get_list("set-cookie"):
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0].strip().strip('"')
        lowered = header.lower()
        deleted = "max-age=0" in lowered or "expires=thu, 01 jan 1970" in lowered
        if "session" in name.lower() and value and not deleted:
            names.append(name.strip())
    return names


def create_account(client: httpx.Client, username: str) -> str:
    """A new account's API token (setup: `NotMeasured` if the server will not create it)."""
    response = require(client.post(f"{API}/accounts", json={"username": username, "password": PASSWORD}), 201)
    return str(response.json()["token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class MemoryWatch:
    """Samples a server's resident memory while a request runs; kills the server past `MEMORY_CAP_MIB`."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.peak_mib = rss_mib(server.pid) or 0.0
        self.killed_at_mib: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(0.25):
            value = rss_mib(self.server.pid)
            if value is None:
                return
            self.peak_mib = max(self.peak_mib, value)
            if value > MEMORY_CAP_MIB:
                self.killed_at_mib = value
                self.server.stop()
                return

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


@dataclass
class Timed:
    """One timed request: seconds (None when it did not finish), status, body size, the server's peak RSS."""

    seconds: float | None
    status: int | None
    size_bytes: int | None
    peak_rss_mib: float
    note: str = ""


def timed_get(server: Server, path: str, limit: float = REQUEST_TIMEOUT_S) -> Timed:
    """One GET, timed from the client, with the server's peak memory; a timeout is a result."""
    with MemoryWatch(server) as watch, httpx.Client(base_url=server.base_url, timeout=timeout(limit)) as client:
        started = time.perf_counter()
        try:
            response = client.get(path)
        except httpx.TimeoutException:
            return Timed(None, None, None, round(watch.peak_mib, 1), f"timed out after {limit:.0f} s")
        except httpx.TransportError as error:
            killed = watch.killed_at_mib
            note = (
                f"server killed by this script at {killed:.0f} MiB RSS after {time.perf_counter() - started:.1f} s"
                if killed
                else f"request failed: {type(error).__name__}"
            )
            return Timed(None, None, None, round(watch.peak_mib, 1), note)
        seconds = time.perf_counter() - started
    return Timed(round(seconds, 3), response.status_code, len(response.content), round(watch.peak_mib, 1))


def median_of(server: Server, path: str, repeats: int) -> tuple[Timed, list[float]]:
    """The median of `repeats` timed GETs when the first is quick (under 5 s), else the first alone."""
    first = timed_get(server, path)
    times = [first.seconds] if first.seconds is not None else []
    if first.seconds is None or first.seconds > 5:
        return first, times
    runs = [first]
    for _ in range(repeats - 1):
        again = timed_get(server, path)
        if again.seconds is None:
            return again, times
        runs.append(again)
        times.append(again.seconds)
    middle = sorted(runs, key=lambda item: item.seconds or 0.0)[len(runs) // 2]
    peak = max(item.peak_rss_mib for item in runs)
    return Timed(middle.seconds, middle.status, middle.size_bytes, peak), times


# --- 1. date-span denial of service --------------------------------------------------------------------


def span_timings(run: Run, name: str, older: datetime) -> dict[str, Any]:
    """A fresh server with one entry now (warm-up of both pages), then one at `older`; both pages timed."""
    with run.server(ServerConfig(name)) as server, server.client() as client:
        latest = now_local()
        require(add_entry(client, entry(latest)), 201)
        for page in ("/diary", "/diary/report.pdf"):  # warm-up: templates, fonts, lazy imports
            client.get(page)
        added = add_entry(client, entry(older))
        # a refusal of the older entry is recorded; the pages are then timed with the one entry there is
        stored = count_entries(client)
        diary, diary_runs = median_of(server, "/diary", 3)
        report, report_runs = median_of(server, "/diary/report.pdf", 3)
        return {
            "older_entry_status": added.status_code,
            "older_entry_error": error_message(added) if added.status_code >= 400 else None,
            "entries_stored": stored,
            "entries": [latest.isoformat(), older.isoformat()],
            "span_days": (latest - older).days,
            "diary": asdict(diary),
            "diary_runs_s": diary_runs,
            "report": asdict(report),
            "report_runs_s": report_runs,
            "server_startup_s": server.startup_seconds,
        }


def ratio(slow: Timed | dict[str, Any], fast: Timed | dict[str, Any]) -> str:
    a = slow["seconds"] if isinstance(slow, dict) else slow.seconds
    b = fast["seconds"] if isinstance(fast, dict) else fast.seconds
    if a is None or b is None or b <= 0:
        return "ratio n/a"
    return f"ratio {a / b:.0f}x"


def describe_timed(item: dict[str, Any]) -> str:
    if item["seconds"] is None:
        return f"{item['note']}, server peak RSS {item['peak_rss_mib']:.0f} MiB"
    size = item["size_bytes"] or 0
    mib = f", {size / 2**20:.2f} MiB body" if size > 100_000 else ""
    return f"{item['status']} in {item['seconds']:.2f} s{mib}, server peak RSS {item['peak_rss_mib']:.0f} MiB"


def _refusal(span: dict[str, Any]) -> str:
    """A prefix saying the older entry was refused (and the pages timed with one entry), when it was."""
    if span["older_entry_status"] in (200, 201):
        return ""
    return (
        f"older entry refused ({span['older_entry_status']} '{str(span['older_entry_error'])[:100]}'), "
        f"pages timed with {span['entries_stored']} entry: "
    )


def check_date_span(run: Run, report: Report) -> None:
    spans: dict[str, dict[str, Any]] = {}

    def measure(key: str, name: str, older: datetime) -> Callable[[], tuple[str, dict[str, Any]]]:
        def body() -> tuple[str, dict[str, Any]]:
            spans[key] = span_timings(run, name, older)
            return _refusal(spans[key]) + describe_timed(spans[key]["diary"]), spans[key]

        return body

    now = now_local()
    report.run(
        "1.1",
        "GET /diary, 2 entries 1 day apart (median of 3 if quick)",
        measure("day", "span-1d", now - timedelta(days=1)),
    )
    report.run("1.2", "GET /diary, 2 entries 10 years apart", measure("decade", "span-10y", now - timedelta(days=3652)))

    def report_row(key: str, compare: bool) -> Callable[[], tuple[str, dict[str, Any]]]:
        def body() -> tuple[str, dict[str, Any]]:
            if key not in spans:
                raise NotMeasured("the server for this span did not run")
            text = _refusal(spans[key]) + describe_timed(spans[key]["report"])
            if compare and "day" in spans:
                text += "; " + ratio(spans[key]["report"], spans["day"]["report"]) + " vs 1-day span"
            return text, {"report": spans[key]["report"]}

        return body

    if "decade" in spans and "day" in spans:
        # the 1.2 line is already printed; the comparison gets its own line so that it is measured in this run
        report.add(
            CheckResult(
                "1.2r",
                "GET /diary: 10-year span / 1-day span",
                ratio(spans["decade"]["diary"], spans["day"]["diary"]),
                {"ten_year_s": spans["decade"]["diary"]["seconds"], "one_day_s": spans["day"]["diary"]["seconds"]},
            )
        )
    report.run("1.3", "GET /diary/report.pdf, 1-day span", report_row("day", False))
    report.run("1.4", "GET /diary/report.pdf, 10-year span", report_row("decade", True))

    def year_one() -> tuple[str, dict[str, Any]]:
        with run.server(ServerConfig("year-one")) as server, server.client() as client:
            require(add_entry(client, entry(now_local())), 201)
            client.get("/diary/report.pdf")  # warm-up
            response = add_entry(client, entry("0001-01-01T05:00+01:00"))
            data: dict[str, Any] = {"add_status": response.status_code, "add_error": error_message(response)}
            if response.status_code not in (200, 201):
                return f"entry refused: {status_text(response)}", data
            timed = timed_get(server, "/diary/report.pdf", REQUEST_TIMEOUT_S)
            data["report"] = asdict(timed)
            return f"entry accepted ({response.status_code}); report: {describe_timed(data['report'])}", data

    report.run("1.5", "entry dated 0001-01-01T05:00+01:00, then GET /diary/report.pdf (120 s limit)", year_one)


# --- 2 (accounts off), 4, 7 and 8 on one SQLite server --------------------------------------------------


def check_cross_site_off(server: Server, report: Report) -> None:
    def form_entry() -> tuple[str, dict[str, Any]]:
        with server.client() as api, server.client() as attacker:
            before = count_entries(api)
            when = (now_local() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
            fields = {
                "when": when,
                "locations": ["twitch_eyelid"],
                "bouts": "3",
                "bout_seconds": "10",
                "intensity": "2",
            }
            response = attacker.post("/diary/entries", data=fields, headers={"Origin": EVIL_ORIGIN})
            after = count_entries(api)
            # control: the same form from this site's own page (with its form token when the tree has one)
            with server.client() as browser:
                token = form_token(browser, "/diary")
                control = browser.post("/diary/entries", data={**fields, **token}, headers={"Origin": server.base_url})
            after_control = count_entries(api)
        data = {
            "status": response.status_code,
            "location": response.headers.get("location"),
            "entries_before": before,
            "entries_after": after,
            "control_same_origin_status": control.status_code,
            "entries_after_control": after_control,
        }
        added = None if before is None or after is None else after - before
        return (
            f"{status_text(response)}; entries {before} -> {after} (added {added}); "
            f"same-origin control {control.status_code}, entries -> {after_control}"
        ), data

    report.run("2.1", "form POST /diary/entries from Origin evil.example, no form token", form_entry)

    def form_erase() -> tuple[str, dict[str, Any]]:
        with server.client() as api, server.client() as attacker:
            require(add_entry(api, entry(now_local() - timedelta(hours=2))), 201)
            before = count_entries(api)
            response = attacker.post("/diary/erase", data={"confirm": "yes"}, headers={"Origin": EVIL_ORIGIN})
            after = count_entries(api)
        data = {
            "status": response.status_code,
            "location": response.headers.get("location"),
            "entries_before": before,
            "entries_after": after,
        }
        return f"{status_text(response)}; entries {before} -> {after}", data

    report.run("2.2", "form POST /diary/erase confirm=yes from Origin evil.example", form_erase)

    def rebinding() -> tuple[str, dict[str, Any]]:
        with server.client() as api:
            require(add_entry(api, entry(now_local() - timedelta(hours=3))), 201)
            stored = count_entries(api)
            response = api.get(f"{API}/diary/export", headers={"Host": "attacker.example"})
        returned = None
        with contextlib.suppress(ValueError):
            body = response.json()
            if isinstance(body, dict) and isinstance(body.get("entries"), list):
                returned = len(body["entries"])
        data = {"status": response.status_code, "entries_returned": returned, "entries_stored": stored}
        return f"{status_text(response)}; entries returned: {returned} (of {stored} stored)", data

    report.run("2.3", "GET /api/v1/diary/export with Host: attacker.example", rebinding)


def check_imports(server: Server, report: Report) -> None:
    def new_symptom() -> tuple[str, dict[str, Any]]:
        with server.client() as api:
            findings = api.get(f"{API}/knowledge/findings")
            ids = {item.get("id") for item in findings.json()} if findings.status_code == 200 else set()
            if "muscle_weakness" not in ids:
                raise NotMeasured("the finding id muscle_weakness is not in /api/v1/knowledge/findings")
            moment = now_local() - timedelta(days=2)
            require(add_entry(api, entry(moment)), 201)
            exported = require(api.get(f"{API}/diary/export"), 200).json()
            original = next(e for e in exported["entries"] if _same_instant(e["when"], moment))
            weakness = {**copy.deepcopy(original), "new_symptoms": ["muscle_weakness"]}
            document = {**exported, "entries": [*exported["entries"], weakness]}
            before = count_entries(api)
            response = api.post(f"{API}/diary/import", json=document)
            after = count_entries(api)
            kept = [
                item
                for item in list_entries(api)
                if _same_instant(item["entry"]["when"], moment) and "muscle_weakness" in item["entry"]["new_symptoms"]
            ]
        body = _json_or_text(response)
        data = {
            "status": response.status_code,
            "response": body,
            "entries_before": before,
            "entries_after": after,
            "weakness_entries_stored": len(kept),
        }
        return (
            f"{status_text(response)} {_outcome(body)}; entries {before} -> {after}; "
            f"weakness entry kept: {'yes' if kept else 'no'}"
        ), data

    report.run("4.1", "import: export + a same-time/place/bouts entry with new_symptoms [muscle_weakness]", new_symptom)

    def edited_note() -> tuple[str, dict[str, Any]]:
        with server.client() as api:
            moment = now_local() - timedelta(days=3)
            created = require(add_entry(api, entry(moment, notes="original note")), 201).json()
            exported = require(api.get(f"{API}/diary/export"), 200).json()
            document = copy.deepcopy(exported)
            target = next(e for e in document["entries"] if _same_instant(e["when"], moment))
            target["notes"] = "edited in the exported file"
            before = count_entries(api)
            response = api.post(f"{API}/diary/import", json=document)
            after = count_entries(api)
            stored = api.get(f"{API}/diary/entries/{created['id']}")
            stored_note = stored.json()["entry"]["notes"] if stored.status_code == 200 else None
            edited_copies = sum(
                1 for item in list_entries(api) if item["entry"]["notes"] == "edited in the exported file"
            )
        body = _json_or_text(response)
        if response.status_code >= 400:
            what = "refused"
        elif stored_note == "edited in the exported file":
            what = "updated"
        elif after is not None and before is not None and after > before and edited_copies:
            what = "added as a new entry"
        else:
            what = "nothing changed"
        data = {
            "status": response.status_code,
            "response": body,
            "entries_before": before,
            "entries_after": after,
            "original_entry_notes_after": stored_note,
            "entries_with_edited_note": edited_copies,
            "outcome": what,
        }
        return f"{status_text(response)} {_outcome(body)}; entries {before} -> {after}; {what}", data

    report.run("4.2", "import: export, edit one entry's notes in the file, re-import", edited_note)


def export_shaped_entry(when: datetime, number: int) -> dict[str, Any]:
    """An entry with every field, as `diary export` writes it (a daily diary with its context filled in)."""
    return {
        "when": when.isoformat(),
        "locations": ["twitch_eyelid"] if number % 3 else ["twitch_eyelid", "twitch_leg_calf"],
        "bouts": 1 + number % 9,
        "bout_seconds": 10.0 + number % 20,
        "intensity": 1 + number % 5,
        "sleep_hours": 6.0 + (number % 4) / 2,
        "caffeine_drinks": number % 4,
        "stress": number % 7,
        "exercise": number % 2 == 0,
        "alcohol_units": float(number % 3),
        "notes": f"day {number}",
        "new_symptoms": [],
    }


def check_import_300(run: Run, report: Report) -> None:
    def body() -> tuple[str, dict[str, Any]]:
        start = now_local() - timedelta(days=300)
        document = {
            "format": "twitchcheck-diary",
            "version": 1,
            "exported_at": datetime.now(UTC).isoformat(),
            "entries": [export_shaped_entry(start + timedelta(days=i), i) for i in range(300)],
        }
        # the file exactly as `twitchcheck diary export` writes it (indented UTF-8 JSON), sent as the body
        content = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
        with run.server(ServerConfig("import-300")) as server, server.client() as api:
            started = time.perf_counter()
            response = api.post(f"{API}/diary/import", content=content, headers={"Content-Type": "application/json"})
            seconds = time.perf_counter() - started
            stored = count_entries(api)
        result = _json_or_text(response)
        data = {
            "status": response.status_code,
            "response": result,
            "body_bytes": len(content),
            "compact_json_bytes": len(json.dumps(document, separators=(",", ":")).encode()),
            "entries_stored": stored,
            "seconds": round(seconds, 2),
        }
        return (
            f"{status_text(response)} {_outcome(result)}; body {len(content) / 1024:.0f} KiB "
            f"(export-file format, one entry a day); stored {stored}"
        ), data

    report.run("4.3", "import a 300-entry export into a fresh server", body)


def _same_instant(text: str, moment: datetime) -> bool:
    with contextlib.suppress(ValueError):
        return datetime.fromisoformat(text) == moment
    return False


def _json_or_text(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text[:300]


def _outcome(body: Any) -> str:
    if isinstance(body, dict) and "error" in body and isinstance(body["error"], dict):
        return f"'{str(body['error'].get('message', ''))[:120]}'"
    if isinstance(body, dict):
        keys = {k: v for k, v in body.items() if isinstance(v, int | str) and not isinstance(v, bool)}
        return json.dumps(keys)
    return ""


def check_edges(server: Server, report: Report, ids: tuple[str, str, str], label: str, headers: dict[str, str]) -> None:
    """The edge inputs of defect 7 on one server (`headers`: a bearer token when accounts are on)."""

    def year_one_east() -> tuple[str, dict[str, Any]]:
        with server.client() as api:
            response = add_entry(api, entry("0001-01-01T00:00+14:00"), headers)
        return status_text(response), {"status": response.status_code, "message": error_message(response)}

    report.run(ids[0], f"[{label}] entry dated 0001-01-01T00:00+14:00", year_one_east)

    def start_form(text: str, age: str) -> Callable[[], tuple[str, dict[str, Any]]]:
        def body() -> tuple[str, dict[str, Any]]:
            with server.client() as browser:
                token = form_token(browser, "/")
                response = browser.post(
                    "/start", data={"text": text, "age": age, **token}, headers={"Origin": server.base_url}
                )
                control = browser.post(
                    "/start", data={"text": "hand twitching", "age": "30", **token}, headers={"Origin": server.base_url}
                )
            data = {
                "status": response.status_code,
                "form_token_sent": bool(token),
                "chars": len(text),
                "age": age,
                "control_status": control.status_code,
            }
            return f"{response.status_code} (valid-input control: {control.status_code})", data

        return body

    long_text = ("my hand keeps twitching all day " * 200)[:5001]
    report.run(ids[1], f"[{label}] form POST /start with 5,001 characters of text", start_form(long_text, ""))
    report.run(ids[2], f"[{label}] form POST /start with age '²'", start_form("hand twitching", "²"))


def check_page_basics(server: Server, report: Report) -> None:
    def headers() -> tuple[str, dict[str, Any]]:
        with server.client() as browser:
            response = browser.get("/diary")
        names = ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cache-Control"]
        found = {name: response.headers.get(name) for name in names}
        text = "; ".join(f"{name}: {value if value is not None else 'absent'}" for name, value in found.items())
        return f"{response.status_code}; {text}", {"status": response.status_code, "headers": found}

    report.run("8.1", "security headers on GET /diary", headers)

    def message() -> tuple[str, dict[str, Any]]:
        with server.client() as browser:
            response = browser.get("/diary", params={"message": "ANY TEXT"})
        shown = "ANY TEXT" in response.text
        return f"{response.status_code}; 'ANY TEXT' in the page: {'yes' if shown else 'no'}", {
            "status": response.status_code,
            "reflected": shown,
        }

    report.run("8.2", "GET /diary?message=ANY%20TEXT", message)

    def parser() -> tuple[str, dict[str, Any]]:
        with server.client() as api:
            results: dict[str, dict[str, Any]] = {}
            for name, text in (
                ("zero_width", "I had a seizure\u200b today"),
                ("plain_control", "I had a seizure today"),
            ):
                response = api.post(f"{API}/parse", json={"text": text})
                present = (
                    [item.get("finding_id") for item in response.json().get("present", [])]
                    if response.status_code == 200
                    else None
                )
                results[name] = {"status": response.status_code, "present": present}
        found = "seizure" in (results["zero_width"]["present"] or [])
        control = "seizure" in (results["plain_control"]["present"] or [])
        return (
            f"{results['zero_width']['status']}; seizure found: {'yes' if found else 'no'} "
            f"(present {results['zero_width']['present']}); without U+200B: {'yes' if control else 'no'}"
        ), results

    report.run("8.5", 'POST /api/v1/parse {"text": "I had a seizure\\u200b today"}', parser)


# --- 3. racing answers -------------------------------------------------------------------------------


ANSWER_URGENT: dict[str, Any] = {"question_id": "urgent:1", "answer": {"first_seizure": "yes"}}
ANSWER_NO: dict[str, Any] = {"question_id": "urgent:1", "answer": "no"}


def _version(response: httpx.Response) -> Any:
    """The interview version a response gives (a `version` field or an ETag), if any."""
    with contextlib.suppress(ValueError):
        body = response.json()
        if isinstance(body, dict) and "version" in body:
            return body["version"]
    return response.headers.get("etag")


def race_trials(server: Server, headers: dict[str, str]) -> tuple[str, dict[str, Any]]:
    statuses: Counter[str] = Counter()
    winners: Counter[str] = Counter()
    both_200 = one_409 = lost = serialised = urgent_dropped = 0
    versions_seen: list[list[Any]] = []
    trials = 0
    started = time.perf_counter()
    # kept-alive connections, opened before each trial, so that both answers leave at the barrier together
    clients = [server.client(headers=headers, keep_alive=True), server.client(headers=headers, keep_alive=True)]
    try:
        while trials < RACE_TRIALS and time.perf_counter() - started < RACE_DEADLINE_S:
            for client in clients:
                with contextlib.suppress(httpx.TransportError):  # a connection the server dropped is replaced
                    client.get("/healthz")
            with server.client(headers=headers) as setup:
                created = require(setup.post(f"{API}/interviews", json={"text": "hand twitching"}), 201)
            view = created.json()
            if (view.get("next_question") or {}).get("id") != "urgent:1":
                raise NotMeasured(
                    f"the first question is {(view.get('next_question') or {}).get('id')!r}, not urgent:1"
                )
            interview_id = view["id"]
            barrier = threading.Barrier(2, timeout=30)
            responses: list[httpx.Response | Exception | None] = [None, None]

            def send(
                slot: int,
                body: dict[str, Any],
                iid: str = interview_id,
                gate: threading.Barrier = barrier,
                out: list[Any] = responses,
            ) -> None:
                try:
                    gate.wait()
                    out[slot] = clients[slot].post(f"{API}/interviews/{iid}/answers", json=body)
                except Exception as error:
                    out[slot] = error

            threads = [
                threading.Thread(target=send, args=(0, ANSWER_URGENT)),
                threading.Thread(target=send, args=(1, ANSWER_NO)),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(REQUEST_TIMEOUT_S + 35)
            trials += 1
            codes = [r.status_code if isinstance(r, httpx.Response) else type(r).__name__ for r in responses]
            statuses[f"urgent-yes {codes[0]} / no {codes[1]}"] += 1
            with server.client(headers=headers) as reader:
                final = reader.get(f"{API}/interviews/{interview_id}")
            stored_urgent = final.json().get("urgent") if final.status_code == 200 else None
            winners[
                "urgent-yes stored" if stored_urgent else "no stored" if stored_urgent is False else "unreadable"
            ] += 1
            ok = [r for r in responses if isinstance(r, httpx.Response) and r.status_code == 200]
            if len(ok) == 2:
                both_200 += 1
                pair = [_version(r) for r in ok]
                versions_seen.append(pair)
                if pair[0] is not None and pair[1] is not None and pair[0] != pair[1]:
                    serialised += 1  # distinct versions: one answer was applied after the other
                else:
                    lost += 1  # both acknowledged from the same state; the store keeps only one
            if sum(1 for r in responses if isinstance(r, httpx.Response) and r.status_code == 409) == 1:
                one_409 += 1
            acknowledged_urgent = any(r.json().get("urgent") is True for r in ok)
            if acknowledged_urgent and stored_urgent is False:
                urgent_dropped += 1
    finally:
        for client in clients:
            client.close()
    data = {
        "trials": trials,
        "both_200": both_200,
        "one_409": one_409,
        "lost_updates": lost,
        "both_200_distinct_versions": serialised,
        "urgent_acknowledged_then_not_urgent": urgent_dropped,
        "status_pairs": dict(statuses),
        "stored_outcome": dict(winners),
        "versions_seen_first_5": versions_seen[:5],
        "seconds": round(time.perf_counter() - started, 1),
    }
    text = (
        f"{trials} trials: both 200 {both_200}, one 409 {one_409}, lost {lost}, "
        f"urgent acknowledged then not urgent {urgent_dropped}"
        + (f", both 200 with distinct versions {serialised}" if serialised else "")
        + f"; statuses {dict(statuses)}"
    )
    return text, data


# --- 2.4, 5, 6, 7 and 3 on PostgreSQL with accounts on ---------------------------------------------------


def check_postgres_main(run: Run, report: Report) -> None:
    rows = [
        ("2.4", "[PostgreSQL, accounts on] sign-in form POST /signin from Origin evil.example"),
        ("5.3", "register with password '          ' (ten spaces)"),
        ("5.4", "register with password 'password1234'"),
        ("6.1", "[PostgreSQL] GET /api/v1/diary/entries/2147483648 with a valid token"),
        ("6.2", "[PostgreSQL] GET /api/v1/diary/entries/9223372036854775807 with a valid token"),
        ("6.3", "[PostgreSQL] entry with notes 'a\\u0000b'"),
        ("6.4", "[PostgreSQL] sign-in (POST /api/v1/sessions) with username 'a\\u0000b'"),
        ("6.5", "[PostgreSQL] GET /api/v1/interviews/abc%00def"),
        ("7.4", "[PostgreSQL] entry dated 0001-01-01T00:00+14:00"),
        ("7.5", "[PostgreSQL] form POST /start with 5,001 characters of text"),
        ("7.6", "[PostgreSQL] form POST /start with age '²'"),
        ("3.2", f"[PostgreSQL] {RACE_TRIALS} trials: two answers to urgent:1 at the same instant"),
    ]
    try:
        url = run.postgres().new_database("tc_main")
        context = run.server(ServerConfig("pg-main", accounts="on", database_url=url))
        server = context.__enter__()
    except (NotMeasured, ServerError) as error:
        report.skip(rows, str(error))
        return
    try:
        _postgres_checks(server, report)
    finally:
        context.__exit__(None, None, None)


def _postgres_checks(server: Server, report: Report) -> None:
    def login_csrf() -> tuple[str, dict[str, Any]]:
        with server.client() as api:
            create_account(api, "csrf-victim")
        with server.client() as attacker:
            response = attacker.post(
                "/signin", data={"username": "csrf-victim", "password": PASSWORD}, headers={"Origin": EVIL_ORIGIN}
            )
        with server.client() as browser:
            token = form_token(browser, "/signin")
            control = browser.post(
                "/signin",
                data={"username": "csrf-victim", "password": PASSWORD, **token},
                headers={"Origin": server.base_url},
            )
        cookies = session_cookie_set(response)
        data = {
            "status": response.status_code,
            "session_cookies_set": cookies,
            "control_status": control.status_code,
            "control_session_cookies_set": session_cookie_set(control),
        }
        control_cookie = "yes" if data["control_session_cookies_set"] else "no"
        return (
            f"{status_text(response)}; session cookie set: {'yes ' + str(cookies) if cookies else 'no'} "
            f"(same-origin control: {control.status_code}, cookie {control_cookie})"
        ), data

    report.run("2.4", "[PostgreSQL, accounts on] sign-in form POST /signin from Origin evil.example", login_csrf)

    def register(username: str, password: str) -> Callable[[], tuple[str, dict[str, Any]]]:
        def body() -> tuple[str, dict[str, Any]]:
            with server.client() as api:
                response = api.post(f"{API}/accounts", json={"username": username, "password": password})
            return status_text(response) + (
                f" '{error_message(response)[:100]}'" if response.status_code >= 400 else ""
            ), {"status": response.status_code, "message": error_message(response)}

        return body

    report.run("5.3", "register with password '          ' (ten spaces)", register("spaces-user", " " * 10))
    report.run("5.4", "register with password 'password1234'", register("common-user", "password1234"))

    token: list[str] = []

    def auth() -> dict[str, str]:
        if not token:
            with server.client() as api:
                token.append(create_account(api, "pg-errors"))
        return bearer(token[0])

    def get_status(path: str) -> Callable[[], tuple[str, dict[str, Any]]]:
        def body() -> tuple[str, dict[str, Any]]:
            with server.client() as api:
                response = api.get(path, headers=auth())
            return status_text(response), {"status": response.status_code, "message": error_message(response)}

        return body

    report.run(
        "6.1",
        "[PostgreSQL] GET /api/v1/diary/entries/2147483648 with a valid token",
        get_status(f"{API}/diary/entries/2147483648"),
    )
    report.run(
        "6.2",
        "[PostgreSQL] GET /api/v1/diary/entries/9223372036854775807 with a valid token",
        get_status(f"{API}/diary/entries/9223372036854775807"),
    )

    def nul_notes() -> tuple[str, dict[str, Any]]:
        with server.client() as api:
            response = add_entry(api, entry(now_local(), notes="a\u0000b"), auth())
        return status_text(response), {"status": response.status_code, "message": error_message(response)}

    report.run("6.3", "[PostgreSQL] entry with notes 'a\\u0000b'", nul_notes)

    def nul_username() -> tuple[str, dict[str, Any]]:
        with server.client() as api:
            response = api.post(f"{API}/sessions", json={"username": "a\u0000b", "password": PASSWORD})
        return status_text(response), {"status": response.status_code, "message": error_message(response)}

    report.run("6.4", "[PostgreSQL] sign-in (POST /api/v1/sessions) with username 'a\\u0000b'", nul_username)
    report.run("6.5", "[PostgreSQL] GET /api/v1/interviews/abc%00def", get_status(f"{API}/interviews/abc%00def"))

    try:
        headers = auth()
    except NotMeasured as error:
        report.skip([("7.4", "[PostgreSQL] edge inputs"), ("3.2", "[PostgreSQL] racing answers")], str(error))
        return
    check_edges(server, report, ("7.4", "7.5", "7.6"), "PostgreSQL", headers)
    report.run(
        "3.2",
        f"[PostgreSQL] {RACE_TRIALS} trials: two answers to urgent:1 at the same instant",
        lambda: race_trials(server, headers),
    )


def check_signin_timing(run: Run, report: Report) -> None:
    def body() -> tuple[str, dict[str, Any]]:
        url = run.postgres().new_database("tc_timing")
        with run.server(ServerConfig("pg-timing", accounts="on", database_url=url)) as server, server.client() as api:
            create_account(api, "known-user")
            wrong = "wrong password for this test"

            def attempt(username: str) -> tuple[float, int]:
                started = time.perf_counter()
                response = api.post(f"{API}/sessions", json={"username": username, "password": wrong})
                return time.perf_counter() - started, response.status_code

            attempt("known-user")  # warm-up, not counted
            attempt("nobody-here")
            known: list[tuple[float, int]] = []
            unknown: list[tuple[float, int]] = []
            for _ in range(TIMING_ROUNDS):  # interleaved, so drift affects both alike
                known.append(attempt("known-user"))
                unknown.append(attempt("nobody-here"))
        known_ms = statistics.median(t for t, _ in known) * 1000
        unknown_ms = statistics.median(t for t, _ in unknown) * 1000
        data = {
            "known_median_ms": round(known_ms, 1),
            "unknown_median_ms": round(unknown_ms, 1),
            "ratio_known_over_unknown": round(known_ms / unknown_ms, 2) if unknown_ms else None,
            "known_ms": [round(t * 1000, 1) for t, _ in known],
            "unknown_ms": [round(t * 1000, 1) for t, _ in unknown],
            "known_statuses": dict(Counter(s for _, s in known)),
            "unknown_statuses": dict(Counter(s for _, s in unknown)),
        }
        return (
            f"median known {known_ms:.1f} ms, unknown {unknown_ms:.1f} ms, ratio {data['ratio_known_over_unknown']}; "
            f"statuses known {data['known_statuses']} unknown {data['unknown_statuses']}"
        ), data

    report.run("5.1", f"[PostgreSQL] {TIMING_ROUNDS} wrong-password sign-ins, known vs unknown username", body)

    def rapid() -> tuple[str, dict[str, Any]]:
        url = run.postgres().new_database("tc_rapid")
        with run.server(ServerConfig("pg-rapid", accounts="on", database_url=url)) as server, server.client() as api:
            create_account(api, "rapid-user")
            statuses: list[int] = []
            retry_after: str | None = None
            started = time.perf_counter()
            for _ in range(RAPID_SIGNINS):
                response = api.post(f"{API}/sessions", json={"username": "rapid-user", "password": "not the password"})
                statuses.append(response.status_code)
                if response.status_code == 429 and retry_after is None:
                    retry_after = response.headers.get("retry-after")
            seconds = time.perf_counter() - started
            right = api.post(f"{API}/sessions", json={"username": "rapid-user", "password": PASSWORD})
        refused = statuses.count(429)
        first = statuses.index(429) + 1 if refused else None
        data = {
            "statuses": dict(Counter(statuses)),
            "refused_429": refused,
            "first_429_at_attempt": first,
            "first_retry_after": retry_after,
            "seconds": round(seconds, 2),
            "right_password_afterwards_status": right.status_code,
        }
        return (
            f"429: {refused} of {RAPID_SIGNINS} (first at attempt {first}, Retry-After {retry_after}); "
            f"statuses {dict(Counter(statuses))}; right password afterwards: {right.status_code}"
        ), data

    report.run("5.2", f"[PostgreSQL] {RAPID_SIGNINS} rapid wrong sign-ins for one account", rapid)


# --- 8.3 and 8.4: how the server is started ------------------------------------------------------------


def check_any_address(run: Run, report: Report) -> None:
    def body() -> tuple[str, dict[str, Any]]:
        data: dict[str, Any] = {}
        # does the ASGI app refuse to build when the settings say 0.0.0.0 without accounts?
        build_dir = run.temp_dir("build-")
        env = clean_env(run.tree, build_dir, {"TWITCHCHECK_ACCOUNTS": "off", "TWITCHCHECK_HOST": "0.0.0.0"})
        try:
            built = subprocess.run(
                [run.python, "-c", "import twitchcheck.web.asgi"],
                env=env,
                capture_output=True,
                text=True,
                timeout=REQUEST_TIMEOUT_S,
            )
            lines = (built.stderr or built.stdout).strip().splitlines()
            data["build_with_TWITCHCHECK_HOST_0.0.0.0"] = {
                "exit_code": built.returncode,
                "last_line": lines[-1] if lines else "",
            }
        except subprocess.TimeoutExpired:
            data["build_with_TWITCHCHECK_HOST_0.0.0.0"] = {"exit_code": None, "last_line": "timed out"}
        try:
            with run.server(ServerConfig("any-address", host="0.0.0.0")) as server, server.client() as client:
                data["started"] = True
                data["startup_s"] = server.startup_seconds
                data["healthz_127"] = client.get("/healthz").status_code
                data["diary_127"] = client.get("/diary").status_code
                address = outward_address()
                if address:
                    with httpx.Client(timeout=timeout(10)) as outside:
                        try:
                            data[f"diary_via_{address}"] = outside.get(
                                f"http://{address}:{server.port}/diary"
                            ).status_code
                        except httpx.HTTPError as error:
                            data[f"diary_via_{address}"] = type(error).__name__
        except ServerError as error:
            data["started"] = False
            data["error"] = str(error)
        build = data["build_with_TWITCHCHECK_HOST_0.0.0.0"]
        build_text = f"app build with TWITCHCHECK_HOST=0.0.0.0: exit {build['exit_code']}"
        if build["exit_code"]:
            build_text += f" ('{build['last_line'][:120]}')"
        if not data["started"]:
            return f"uvicorn --host 0.0.0.0 did not serve: {data['error'][:200]}; {build_text}", data
        outside_text = "; ".join(
            f"{k.removeprefix('diary_via_')} /diary {v}" for k, v in data.items() if k.startswith("diary_via_")
        )
        return (
            f"started in {data['startup_s']} s; 127.0.0.1 /healthz {data['healthz_127']}, /diary {data['diary_127']}"
            + (f"; via {outside_text}" if outside_text else "")
            + f"; {build_text}"
        ), data

    report.run("8.3", "uvicorn twitchcheck.web.asgi:app --host 0.0.0.0, accounts off", body)


def check_serve_workers(run: Run, report: Report) -> None:
    def body() -> tuple[str, dict[str, Any]]:
        data_dir = run.temp_dir("serve-")
        port = free_port()
        argv = [run.python, "-m", "twitchcheck", "serve", "--workers", "2", "--port", str(port)]
        process = Process(argv, clean_env(run.tree, data_dir, {}), data_dir / "serve.log")
        try:
            try:
                seconds = wait_healthy(process, f"http://127.0.0.1:{port}", SERVE_WORKERS_LIMIT_S)
            except ServerError as error:
                return f"no 200 from /healthz: {error}"[:300], {"healthy": False, "error": str(error)}
            return f"/healthz 200 after {seconds:.1f} s", {"healthy": True, "seconds": seconds}
        finally:
            process.stop()

    report.run("8.4", "twitchcheck serve --workers 2: /healthz 200 within 60 s?", body)


# --- main ----------------------------------------------------------------------------------------------


GROUPS = ("1", "2", "3", "4", "5", "6", "7", "8")


def run_all(run: Run, report: Report, groups: set[str]) -> None:
    if "1" in groups:
        check_date_span(run, report)
    if groups & {"2", "3", "4", "7", "8"}:
        try:
            with run.server(ServerConfig("sqlite-main")) as server:
                if "8" in groups:
                    check_page_basics(server, report)
                if "2" in groups:
                    check_cross_site_off(server, report)
                if "4" in groups:
                    check_imports(server, report)
                if "7" in groups:
                    check_edges(server, report, ("7.1", "7.2", "7.3"), "SQLite", {})
                if "3" in groups:
                    report.run(
                        "3.1",
                        f"[SQLite] {RACE_TRIALS} trials: two answers to urgent:1 at the same instant",
                        lambda: race_trials(server, {}),
                    )
        except ServerError as error:
            report.skip([("2-4,7,8", "checks on the SQLite server")], str(error))
    if "4" in groups:
        check_import_300(run, report)
    if groups & {"2", "3", "5", "6", "7"}:
        check_postgres_main(run, report)
    if "5" in groups:
        check_signin_timing(run, report)
    if "8" in groups:
        check_any_address(run, report)
        check_serve_workers(run, report)


def tree_commit(tree: Path) -> str | None:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        done = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(
            ["git", "-C", str(tree), "status", "--porcelain", "--", "src"], capture_output=True, text=True, timeout=10
        )
        if done.returncode == 0:
            return done.stdout.strip() + (" (+ uncommitted changes in src)" if dirty.stdout.strip() else "")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, required=True, help="source tree whose src/ is served")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the servers (default: this one)")
    parser.add_argument("--only", default=",".join(GROUPS), help="comma-separated defect groups to run (1-8)")
    args = parser.parse_args(argv)
    tree = args.tree.resolve()
    if not (tree / "src" / "twitchcheck").is_dir():
        parser.error(f"{tree} has no src/twitchcheck")
    groups = {g.strip() for g in args.only.split(",") if g.strip()}

    def terminate(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)

    report = Report()
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    print(f"# tree {tree} (commit {tree_commit(tree)}), started {started_at.isoformat(timespec='seconds')}", flush=True)
    print("id | what | result", flush=True)
    run = Run(tree, args.python)
    try:
        run_all(run, report, groups)
    except BaseException as error:
        report.add(CheckResult("-", "the run", f"interrupted: {type(error).__name__} {error}".strip()))
        raise
    finally:
        for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(number, signal.SIG_IGN)  # let the clean-up finish
        run.close()
        total = round(time.perf_counter() - started, 1)
        print(f"# total {total} s", flush=True)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            document = {
                "tree": str(tree),
                "commit": tree_commit(tree),
                "started_at": started_at.isoformat(timespec="seconds"),
                "total_seconds": total,
                "python": args.python,
                "checks": [asdict(result) for result in report.results],
            }
            args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
