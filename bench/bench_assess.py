"""Benchmark: in-process latency of one assessment, and the pgmpy route on the same network.

Run with `make bench`. Prints median and p99 latency of a full assessment
(posterior, triage, explanation, advice) over the public vignettes, the same
posteriors computed by pgmpy's exact variable elimination on the same network,
their ratio measured in this one run, and peak memory. Speed targets live here,
never in timed tests: the machines are shared and noisy.
"""

from __future__ import annotations

import json
import resource
import statistics
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np

from twitchcheck import Assessor
from twitchcheck.engine import compute_posterior
from twitchcheck.engine.oracle import pgmpy_posterior
from twitchcheck.evaluation import load_cases

ROOT = Path(__file__).resolve().parents[1]
VIGNETTES = ROOT.parent / "shared" / "vignettes" / "public.jsonl"
ROUNDS = 30
PGMPY_CASES = 12  # variable elimination takes seconds per case; a subset keeps `make bench` short


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    assessor = Assessor()
    cases = load_cases(VIGNETTES)
    evidences = [assessor.evidence(present=c.present, absent=c.absent, age=c.age, sex=c.sex) for c in cases]
    for evidence in evidences:  # warm-up: caches, first-call costs
        assessor.assess(evidence)

    timings: list[float] = []
    per_case: list[list[float]] = [[] for _ in evidences]
    for _ in range(ROUNDS):
        for i, evidence in enumerate(evidences):
            start = time.perf_counter()
            assessor.assess(evidence)
            elapsed = time.perf_counter() - start
            timings.append(elapsed)
            per_case[i].append(elapsed)
    posterior_timings: list[float] = []
    for _ in range(ROUNDS):
        for evidence in evidences:
            start = time.perf_counter()
            compute_posterior(assessor.network, evidence)
            posterior_timings.append(time.perf_counter() - start)

    tracemalloc.start()
    for evidence in evidences:
        assessor.assess(evidence)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    warnings.simplefilter("ignore")
    subset = list(range(min(PGMPY_CASES, len(cases))))
    engine_subset = [statistics.median(per_case[i]) for i in subset]
    pgmpy_times = []
    max_difference = 0.0
    for i in subset:
        case, evidence = cases[i], evidences[i]
        prior = assessor.network.prior_for(age=evidence.age, sex=evidence.sex)
        start = time.perf_counter()
        reference = pgmpy_posterior(assessor.network, prior, sorted(evidence.present), sorted(evidence.absent))
        pgmpy_times.append(time.perf_counter() - start)
        ours = compute_posterior(assessor.network, evidence, prior=prior).probability
        max_difference = max(max_difference, float(np.abs(np.array(reference) - ours).max()))
        print(f"  pgmpy {case.id}: {pgmpy_times[-1] * 1e3:9.1f} ms", flush=True)

    ratios = [p / e for p, e in zip(pgmpy_times, engine_subset, strict=True)]
    results = {
        "cases": len(cases),
        "rounds": ROUNDS,
        "assessment_median_ms": statistics.median(timings) * 1e3,
        "assessment_p99_ms": percentile(timings, 99) * 1e3,
        "posterior_median_ms": statistics.median(posterior_timings) * 1e3,
        "posterior_p99_ms": percentile(posterior_timings, 99) * 1e3,
        "pgmpy_cases": len(subset),
        "pgmpy_median_ms": statistics.median(pgmpy_times) * 1e3,
        "engine_median_ms_same_cases": statistics.median(engine_subset) * 1e3,
        "speedup_median": statistics.median(ratios),
        "speedup_min": min(ratios),
        "max_abs_difference_vs_pgmpy": max_difference,
        "traced_peak_kib_one_pass": traced_peak / 1024,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
