"""Benchmark: in-process latency of one assessment, and the pgmpy route on the same network.

Run with `make bench`. Prints median and p99 latency of a full assessment
(posterior, triage, explanation, advice) over the public vignettes; the
posterior against a plain NumPy enumeration of the same posteriors
(`engine.oracle.plain_numpy_posterior`), case by case, on the public and the
independent development cases; the heaviest case (every finding present) in
time and traced memory; the same
posteriors computed by pgmpy's exact variable elimination on the same network
(its inference alone: the model and its tables are built once per case, outside
the timing), their ratio measured in this one run for each engine path
(Quickscore, enumeration), and peak memory. Speed targets live here,
never in timed tests: the machines are shared and noisy.
"""

from __future__ import annotations

import json
import resource
import statistics
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from twitchcheck import Assessor
from twitchcheck.engine import compute_posterior
from twitchcheck.engine.oracle import pgmpy_model, plain_numpy_posterior
from twitchcheck.errors import TwitchcheckError
from twitchcheck.evaluation import load_cases

ROOT = Path(__file__).resolve().parents[1]
VIGNETTES = ROOT.parent / "shared" / "vignettes" / "public.jsonl"
# Structured development cases only (the held-out halves are never opened while the code changes).
INDEPENDENT = sorted(path for path in (ROOT / "tests" / "data" / "independent").glob("set_*_dev.jsonl"))
ROUNDS = 30


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def _median_time(call: Callable[[], object], rounds: int = 15) -> float:
    return statistics.median(_timed(call) for _ in range(rounds))


def against_plain_numpy(assessor: Assessor) -> dict[str, object]:
    """Our posterior over a plain NumPy enumeration of the same posteriors, per case, in one run."""
    network = assessor.network
    ratios: list[tuple[float, str, str]] = []
    for path in [VIGNETTES, *INDEPENDENT]:
        for case in load_cases(path):
            try:
                evidence = assessor.evidence(present=case.present, absent=case.absent, age=case.age, sex=case.sex)
            except TwitchcheckError:  # a case naming an id this knowledge base does not know
                continue
            prior = network.prior_for(age=evidence.age, sex=evidence.sex)
            ours = _median_time(lambda e=evidence, p=prior: compute_posterior(network, e, prior=p))
            plain = _median_time(
                lambda e=evidence, p=prior: plain_numpy_posterior(
                    network.link, network.leak, p, network.finding_index(e.present), network.finding_index(e.absent)
                )
            )
            ratios.append((ours / plain, case.id, compute_posterior(network, evidence, prior=prior).method))
    ratios.sort(reverse=True)
    return {
        "cases": len(ratios),
        "ours_over_plain_median": statistics.median(r for r, _, _ in ratios),
        "ours_over_plain_worst": ratios[0][0],
        "worst_case": f"{ratios[0][1]} ({ratios[0][2]})",
        "cases_over_2x": sum(r > 2.0 for r, _, _ in ratios),
    }


def every_finding_present(assessor: Assessor) -> dict[str, float]:
    """The heaviest evidence there is: every finding present (one per exclusive group)."""
    kb = assessor.kb
    grouped = {fid for members in kb.exclusive_groups().values() for fid in sorted(members)[1:]}
    present = [fid for fid in kb.finding_ids if fid not in grouped]
    evidence = assessor.evidence(present=present, absent=[], age=50, sex="male")
    assessor.assess(evidence)
    tracemalloc.start()
    assessor.assess(evidence, ranges=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    prior = assessor.network.prior_for(age=50, sex="male")
    plain = _median_time(
        lambda: plain_numpy_posterior(
            assessor.network.link,
            assessor.network.leak,
            prior,
            assessor.network.finding_index(evidence.present),
            assessor.network.finding_index(evidence.absent),
        ),
        rounds=5,
    )
    return {
        "present_findings": len(present),
        "assessment_median_ms": _median_time(lambda: assessor.assess(evidence, ranges=False), rounds=31) * 1e3,
        "result_with_ranges_median_ms": _median_time(lambda: assessor.assess(evidence), rounds=5) * 1e3,
        "posterior_median_ms": _median_time(lambda: compute_posterior(assessor.network, evidence), rounds=31) * 1e3,
        "plain_numpy_posterior_median_ms": plain * 1e3,
        "assessment_traced_peak_mib": peak / 2**20,
    }


def main() -> None:
    assessor = Assessor()
    cases = load_cases(VIGNETTES)
    evidences = [assessor.evidence(present=c.present, absent=c.absent, age=c.age, sex=c.sex) for c in cases]
    for evidence in evidences:  # warm-up: caches, first-call costs
        assessor.assess(evidence)

    # An assessment as every interview answer computes it (no ranges), and a result as a page shows it:
    # each cause's range is one more posterior per shaken network (causes.yaml display.uncertainty).
    timings: list[float] = []
    per_case: list[list[float]] = [[] for _ in evidences]
    for _ in range(ROUNDS):
        for i, evidence in enumerate(evidences):
            start = time.perf_counter()
            assessor.assess(evidence, ranges=False)
            elapsed = time.perf_counter() - start
            timings.append(elapsed)
            per_case[i].append(elapsed)
    with_ranges = [_timed(lambda e=evidence: assessor.assess(e)) for evidence in evidences for _ in range(3)]
    posterior_timings: list[float] = []
    for _ in range(ROUNDS):
        for evidence in evidences:
            start = time.perf_counter()
            compute_posterior(assessor.network, evidence)
            posterior_timings.append(time.perf_counter() - start)

    tracemalloc.start()
    for evidence in evidences:
        assessor.assess(evidence, ranges=False)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    warnings.simplefilter("ignore")
    # pgmpy's inference alone: the model and its tables are built once per case, outside the timing,
    # on every public case (both engine paths), and compared with our posterior alone.
    from pgmpy.inference import VariableElimination

    subset = list(range(len(cases)))
    engine_subset = []
    pgmpy_times = []
    methods = []
    max_difference = 0.0
    for i in subset:
        case, evidence = cases[i], evidences[i]
        prior = assessor.network.prior_for(age=evidence.age, sex=evidence.sex)
        observed = {**{f: 1 for f in sorted(evidence.present)}, **{f: 0 for f in sorted(evidence.absent)}}
        inference = VariableElimination(pgmpy_model(assessor.network, prior, list(observed)))
        start = time.perf_counter()
        reference = [
            float(inference.query([cause], evidence=observed, show_progress=False).values[1])
            for cause in assessor.network.cause_ids
        ]
        pgmpy_times.append(time.perf_counter() - start)
        ours = compute_posterior(assessor.network, evidence, prior=prior)
        engine_subset.append(
            statistics.median(
                _timed(lambda e=evidence, p=prior: compute_posterior(assessor.network, e, prior=p)) for _ in range(5)
            )
        )
        methods.append(ours.method)
        max_difference = max(max_difference, float(np.abs(np.array(reference) - ours.probability).max()))
        print(f"  pgmpy {case.id} ({ours.method}): {pgmpy_times[-1] * 1e3:9.1f} ms", flush=True)

    ratios = [p / e for p, e in zip(pgmpy_times, engine_subset, strict=True)]
    by_method = {
        method: statistics.median(r for r, m in zip(ratios, methods, strict=True) if m == method)
        for method in sorted(set(methods))
    }
    results = {
        "every_finding_present": every_finding_present(assessor),
        "posterior_against_plain_numpy": against_plain_numpy(assessor),
        "cases": len(cases),
        "rounds": ROUNDS,
        "assessment_median_ms": statistics.median(timings) * 1e3,
        "assessment_p99_ms": percentile(timings, 99) * 1e3,
        "result_with_ranges_median_ms": statistics.median(with_ranges) * 1e3,
        "result_with_ranges_p99_ms": percentile(with_ranges, 99) * 1e3,
        "posterior_median_ms": statistics.median(posterior_timings) * 1e3,
        "posterior_p99_ms": percentile(posterior_timings, 99) * 1e3,
        "pgmpy_cases": len(subset),
        "pgmpy_inference_median_ms": statistics.median(pgmpy_times) * 1e3,
        "posterior_median_ms_same_cases": statistics.median(engine_subset) * 1e3,
        "posterior_speedup_over_pgmpy_inference_median": statistics.median(ratios),
        "posterior_speedup_over_pgmpy_inference_min": min(ratios),
        "posterior_speedup_by_path_median": by_method,
        "cases_by_path": {m: methods.count(m) for m in sorted(set(methods))},
        "max_abs_difference_vs_pgmpy": max_difference,
        "traced_peak_kib_one_pass": traced_peak / 1024,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
