"""A real twitchcheck server in a child process, for the tests that must talk to one over a socket.

One helper for the browser tests, the live Infermedica-client test, the
two-worker test and the runtime-install test: start `serve` on a free loopback
port, wait for /healthz, hand over the address, and stop it however the test
ends. The deadline is a hang guard for a loaded machine, never a speed limit.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence

START_DEADLINE_SECONDS = 240


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def served(
    env: Mapping[str, str], *, arguments: Sequence[str] = (), command: Sequence[str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`twitchcheck serve` with `arguments` and `env` added to the environment; yields (base URL, process).

    `command` replaces `python -m twitchcheck` (an installed entry point, say).
    Raises `AssertionError` with the server's stderr when it does not come up.
    """
    port = free_port()
    process = subprocess.Popen(
        [*(command or (sys.executable, "-m", "twitchcheck")), "serve", "--port", str(port), *arguments],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_DEADLINE_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    raise AssertionError(
                        f"the server did not start: {process.stderr.read().decode() if process.stderr else ''}"
                    ) from None
                time.sleep(0.3)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=60)
        if process.stderr is not None:
            process.stderr.close()
