"""Start-up of the command line: `twitchcheck assess --json`, wall time and peak memory, against eager imports.

    python bench/bench_cli.py

Runs each command 7 times in fresh processes (GNU time for wall clock and
maximum resident set) and reports the medians and their ratio, measured in
the same run. "Eager" is the same assessment after importing every
subcommand's dependencies first (spaCy, SQLAlchemy, scipy), which is what the
command did before imports were made lazy.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

TWITCHCHECK = Path(sys.executable).parent / "twitchcheck"
RUNS = 7
LAZY = [str(TWITCHCHECK), "assess", "--present", "twitch_eyelid,poor_sleep", "--age", "30", "--json"]
EAGER = [
    sys.executable,
    "-c",
    "import spacy, sqlalchemy, scipy.stats, twitchcheck.nlu, twitchcheck.storage, twitchcheck.diary.associations;"
    "from twitchcheck.cli import app;"
    "app(['assess', '--present', 'twitch_eyelid,poor_sleep', '--age', '30', '--json'])",
]


def measure(command: list[str]) -> tuple[float, float]:
    """Median wall seconds and median peak resident MiB over RUNS fresh processes."""
    walls, peaks = [], []
    for _ in range(RUNS):
        result = subprocess.run(["/usr/bin/time", "-f", "%e %M", *command], capture_output=True, text=True, check=False)
        wall, kib = result.stderr.strip().splitlines()[-1].split()
        walls.append(float(wall))
        peaks.append(int(kib) / 1024)
    return statistics.median(walls), statistics.median(peaks)


def main() -> None:
    lazy_wall, lazy_peak = measure(LAZY)
    eager_wall, eager_peak = measure(EAGER)
    print("| command | wall, median | peak memory, median |")
    print("|---|---|---|")
    print(f"| `twitchcheck assess --json` | {lazy_wall:.2f} s | {lazy_peak:.0f} MiB |")
    print(f"| the same with every dependency imported first | {eager_wall:.2f} s | {eager_peak:.0f} MiB |")
    print(f"| ratio | {eager_wall / lazy_wall:.1f}x faster | {eager_peak / lazy_peak:.1f}x less |")
    print("targets (issue #10): <= 1.0 s and <= 80 MiB")


if __name__ == "__main__":
    main()
