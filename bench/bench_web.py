"""Benchmark: the web API under concurrent load, served as in production.

Starts `twitchcheck serve --workers <cores>` (uvicorn) on a loopback port with
a throwaway SQLite database, then drives it from a separate process with wrk
(C, from Debian's packages) for a bounded time:

* POST /api/v1/assess with a vignette-sized body;
* one interview step: POST /api/v1/interviews/{id}/answers on interviews made
  beforehand (each request loads the stored state, answers, saves it and
  chooses the next question).

Prints requests per second and latency percentiles as JSON. Traffic goes to
127.0.0.1 only, and every run stops by itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

DURATION_SECONDS = 10
# Concurrent connections: a realistic clinic load, and a saturating one.
CONNECTION_LEVELS = (8, 32)
THREADS = 2
INTERVIEWS = 64
ASSESS_BODY = {
    "age": 34,
    "sex": "female",
    "present": ["twitch_eyelid", "twitch_brief", "duration_under_2_weeks", "poor_sleep", "stress_anxiety_present"],
    "absent": ["muscle_weakness", "vision_problems", "speech_difficulty", "spreading"],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def post(url: str, body: dict[str, object]) -> dict[str, object]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"content-type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        result: dict[str, object] = json.loads(response.read())
        return result


def wrk(url: str, script: str, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    output = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{DURATION_SECONDS}s", "--latency", "-s", handle.name, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=DURATION_SECONDS + 30,
    ).stdout
    os.unlink(handle.name)
    units = {"us": 1e-3, "ms": 1.0, "s": 1e3}

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if match is None:
            raise RuntimeError(f"wrk printed no {label} latency:\n{output}")
        return float(match.group(1)) * units[match.group(2)]

    requests = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if requests is None:
        raise RuntimeError(output)
    return {
        "requests_per_second": float(requests.group(1)),
        "p50_ms": latency("50%"),
        "p90_ms": latency("90%"),
        "p99_ms": latency("99%"),
        "non_2xx": float(errors.group(1)) if errors else 0.0,
    }


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk (make bench installs it)")
    workers = os.cpu_count() or 1
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    data_dir = tempfile.mkdtemp(prefix="twitchcheck-bench-")
    server = subprocess.Popen(
        [sys.executable, "-m", "twitchcheck", "serve", "--port", str(port), "--workers", str(workers)],
        env={**os.environ, "TWITCHCHECK_DATA_DIR": data_dir},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("the server did not start")
                time.sleep(0.2)
        for _ in range(50):  # warm every worker
            post(f"{base}/api/v1/assess", ASSESS_BODY)
        ids = [
            str(post(f"{base}/api/v1/interviews", {"age": 34, "present": ["twitch_eyelid"]})["id"])
            for _ in range(INTERVIEWS)
        ]

        body = json.dumps(ASSESS_BODY).replace('"', '\\"')
        assess_script = f'wrk.method = "POST"\nwrk.body = "{body}"\nwrk.headers["Content-Type"] = "application/json"\n'
        id_list = ", ".join(f'"{i}"' for i in ids)
        step_script = (
            "local ids = {" + id_list + "}\n"
            "local n = 0\n"
            "request = function()\n"
            "  n = n + 1\n"
            "  local path = '/api/v1/interviews/' .. ids[(n % #ids) + 1] .. '/answers'\n"
            '  local body = \'{"question_id": "urgent:1", "answer": "no"}\'\n'
            "  return wrk.format('POST', path, {['Content-Type'] = 'application/json'}, body)\n"
            "end\n"
        )
        results = {
            f"{connections}_connections": {
                "assess": wrk(f"{base}/api/v1/assess", assess_script, connections),
                "interview_step": wrk(base, step_script, connections),
            }
            for connections in CONNECTION_LEVELS
        }
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(data_dir, ignore_errors=True)
    print(
        json.dumps(
            {
                "workers": workers,
                "seconds_per_run": DURATION_SECONDS,
                **results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
