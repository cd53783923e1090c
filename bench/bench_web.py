"""Benchmark: the web API under concurrent load, served as in production.

Starts `twitchcheck serve --workers <cores>` (uvicorn) on a loopback port with
a throwaway SQLite database, then drives it from a separate process with wrk
(C, from Debian's packages) for a bounded time:

* POST /api/v1/assess with a vignette-sized body (wrk);
* real adaptive interviews, driven to the end: each of N concurrent clients
  (httpx, asyncio) starts an interview from a public vignette's opening
  findings, answers every question the server chooses as the simulated person
  of the interview evaluation would (`interview.simulate.SimulatedPerson`),
  then the hand-over checklists, and starts the next vignette. Every answer
  loads the stored state, answers, saves it and chooses the next question.

The start-up waits for the server to answer `/healthz`, however long that
takes on a loaded machine, and gives up only if the server process exits.
Prints requests per second and latency percentiles as JSON. Traffic goes to
127.0.0.1 only, and every run stops by itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx
import numpy as np

from twitchcheck.evaluation import load_cases
from twitchcheck.interview.questions import Question
from twitchcheck.interview.simulate import SimulatedPerson

VIGNETTES = Path(__file__).resolve().parents[2] / "shared" / "vignettes" / "public.jsonl"
CASES = load_cases(VIGNETTES)
DURATION_SECONDS = 10
# Concurrent connections: a realistic clinic load, and a saturating one.
CONNECTION_LEVELS = (8, 32)
THREADS = 2
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


def wait_until_answering(base: str, server: subprocess.Popen[bytes]) -> None:
    """Wait for the first answer, however slow the machine; stop only if the server has exited."""
    started = time.monotonic()
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=5).close()
            print(f"server answered after {time.monotonic() - started:.1f} s", file=sys.stderr)
            return
        except OSError:
            if server.poll() is not None:
                sys.exit(f"the server exited with code {server.returncode} before answering")
            time.sleep(0.2)


async def one_interview(client: httpx.AsyncClient, case_index: int, latencies: list[float]) -> int:
    """One vignette's interview from its opening findings to the end; returns the questions answered."""
    case = CASES[case_index % len(CASES)]
    person = SimulatedPerson.knowing(case.present, case.absent)
    response = await client.post(
        "/api/v1/interviews", json={"age": case.age, "sex": case.sex, "present": list(case.initial)}
    )
    view = response.raise_for_status().json()
    answered = 0
    while (question := view["next_question"] or view["handover_question"]) is not None:
        answer = person.answer(Question.model_validate(question))
        start = time.perf_counter()
        response = await client.post(
            f"/api/v1/interviews/{view['id']}/answers", json={"question_id": question["id"], "answer": answer}
        )
        latencies.append(time.perf_counter() - start)
        view = response.raise_for_status().json()
        answered += 1
    return answered


async def drive_interviews(base: str, connections: int) -> dict[str, float]:
    """`connections` clients each running whole interviews back to back for `DURATION_SECONDS`."""
    latencies: list[float] = []
    questions: list[int] = []
    stop_at = time.monotonic() + DURATION_SECONDS
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)

    async def client_loop(client: httpx.AsyncClient, first: int) -> None:
        case_index = first
        while time.monotonic() < stop_at:
            questions.append(await one_interview(client, case_index, latencies))
            case_index += connections

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        started = time.monotonic()
        await asyncio.gather(*(client_loop(client, i) for i in range(connections)))
        elapsed = time.monotonic() - started
    return {
        "interviews_completed": float(len(questions)),
        "questions_per_interview_median": float(statistics.median(questions)),
        "answers_per_second": len(latencies) / elapsed,
        "answer_p50_ms": float(np.percentile(latencies, 50)) * 1e3,
        "answer_p90_ms": float(np.percentile(latencies, 90)) * 1e3,
        "answer_p99_ms": float(np.percentile(latencies, 99)) * 1e3,
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
        wait_until_answering(base, server)
        for _ in range(50):  # warm every worker
            post(f"{base}/api/v1/assess", ASSESS_BODY)
        body = json.dumps(ASSESS_BODY).replace('"', '\\"')
        assess_script = f'wrk.method = "POST"\nwrk.body = "{body}"\nwrk.headers["Content-Type"] = "application/json"\n'
        results = {
            f"{connections}_connections": {
                "assess": wrk(f"{base}/api/v1/assess", assess_script, connections),
                "interviews": asyncio.run(drive_interviews(base, connections)),
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
