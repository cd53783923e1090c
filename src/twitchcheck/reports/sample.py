"""A realistic synthetic 4-week diary, and the sample report built from it.

The person: 34, office worker, calf twitching that began after a week of long
runs, an eyelid that flickers after short nights. In the third week a deadline
brings stress, coffee and short sleep; the bouts rise, an arm starts to
twitch, and cramps and tiredness appear. Nothing here is a real person.

Regenerate the sample report shipped in docs/ with:

    python -m twitchcheck.reports.sample docs/

which writes docs/sample-report.pdf and, when poppler's `pdftoppm` is
installed, docs/sample-report.png (its first page).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from twitchcheck.diary.entry import DiaryEntry

SAMPLE_START = date(2024, 5, 6)
SAMPLE_DAYS = 28
SAMPLE_AGE = 34
SAMPLE_SEX = "female"
SAMPLE_TZ = timezone(timedelta(hours=-4), "EDT")
# What an interview before the diary found: brief twitches at rest; no weakness, wasting, numbness or bulbar signs.
SAMPLE_BASELINE_PRESENT = ("twitch_brief", "twitch_at_rest")
SAMPLE_BASELINE_ABSENT = (
    "muscle_weakness",
    "muscle_wasting",
    "numbness_limbs",
    "swallowing_difficulty",
    "speech_difficulty",
    "fever",
)
SAMPLE_NOTES = {
    1: "Ran 15 km on Sunday; calves twitchy all evening.",
    4: "Eyelid flicker after a late night.",
    9: "Started drinking more water at work.",
    15: "Deadline week. Lots of coffee.",
    19: "Left forearm twitching now too, on and off.",
    22: "Calf cramp at night; magnesium tablet from the pharmacy.",
    26: "Warm bath and stretching helped the calves.",
}
SKIPPED_DAYS = frozenset({11, 24})


def sample_entries(start: date = SAMPLE_START, *, days: int = SAMPLE_DAYS, seed: int = 6) -> list[DiaryEntry]:
    """A deterministic synthetic diary: 1-3 entries a day, a rise in the second half, two days not logged."""
    rng = np.random.default_rng(seed)
    entries: list[DiaryEntry] = []
    for index in range(days):
        if index in SKIPPED_DAYS:
            continue
        day = start + timedelta(days=index)
        deadline = index >= 14
        stress = int(np.clip(rng.normal(7.5 if deadline else 3.5, 1.2), 0, 10))
        sleep = float(np.clip(round(rng.normal(5.6 if deadline else 7.2, 0.8) * 2) / 2, 3, 10))
        if index == 4:
            sleep = 5.0  # the late night of the note
        coffee = int(np.clip(rng.poisson(4.5 if deadline else 2.2), 0, 12))
        exercise = int(rng.choice([0, 0, 30, 60, 90])) if index % 7 in (0, 3, 6) else 0
        alcohol = float(rng.choice([0, 2, 4])) if day.weekday() >= 4 else 0.0
        mean_bouts = (3.0 + (0.35 * (index - 13) if deadline else 0.0)) * (1.4 if coffee >= 4 else 1.0)
        bouts_today = int(rng.poisson(mean_bouts))
        places = ["twitch_leg_calf"]
        if sleep < 6:
            places.append("twitch_eyelid")
        if index == 19 or (index > 19 and rng.random() < 0.6):
            places.append("twitch_arm_hand")
        symptoms = (["muscle_cramps"] if index == 22 else []) + (["fatigue"] if index == 23 else [])
        times = sorted(
            rng.choice([8, 13, 17, 20, 22], size=int(rng.integers(1, 4)), replace=False, p=[0.1, 0.15, 0.2, 0.3, 0.25])
        )
        split = rng.multinomial(bouts_today, [1 / len(times)] * len(times))
        for position, (hour, bouts) in enumerate(zip(times, split, strict=True)):
            last = position == len(times) - 1
            strength = int(np.clip(rng.normal(2.5 + 0.12 * max(0, index - 10), 1.0), 1, 10)) if bouts else 0
            entries.append(
                DiaryEntry(
                    when=datetime(day.year, day.month, day.day, int(hour), int(rng.integers(0, 60)), tzinfo=SAMPLE_TZ),
                    locations=tuple(places if last else places[: 1 + int(rng.integers(0, len(places)))])
                    if bouts
                    else (),
                    bouts=int(bouts),
                    bout_seconds=float(rng.choice([5, 10, 20, 30, 45, 60])) if bouts else None,
                    intensity=strength,
                    sleep_hours=sleep if position == 0 else None,
                    caffeine_drinks=coffee if last else None,
                    stress=stress if last else None,
                    exercise=exercise if last else None,
                    alcohol_units=alcohol if last else None,
                    notes=SAMPLE_NOTES.get(index, "") if last else "",
                    new_symptoms=tuple(symptoms) if last else (),
                )
            )
    return entries


def write_sample_reports(folder: Path) -> list[Path]:
    """Write the sample report in each language: sample-report.pdf (English), sample-report-fr.pdf, ..."""
    from twitchcheck.i18n.catalog import DEFAULT_LANGUAGE, LANGUAGES

    return [
        write_sample_report(
            folder,
            language=language,
            name="sample-report" if language == DEFAULT_LANGUAGE else f"sample-report-{language}",
        )
        for language in LANGUAGES
    ]


def write_sample_report(folder: Path, *, language: str = "en", name: str = "sample-report") -> Path:
    """Write NAME.pdf (and NAME.png of its first page, if pdftoppm exists) into `folder`, in `language`."""
    from twitchcheck.reports.builder import write_report_pdf

    folder.mkdir(parents=True, exist_ok=True)
    pdf = write_report_pdf(
        sample_entries(),
        folder / f"{name}.pdf",
        language=language,
        age=SAMPLE_AGE,
        sex=SAMPLE_SEX,
        baseline_present=SAMPLE_BASELINE_PRESENT,
        baseline_absent=SAMPLE_BASELINE_ABSENT,
        as_of=SAMPLE_START + timedelta(days=SAMPLE_DAYS - 1),
        generated_at=datetime(2024, 6, 2, 21, 30, tzinfo=SAMPLE_TZ),
    )
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                "100",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(folder / name),
            ],
            check=True,
        )
    return pdf


if __name__ == "__main__":
    for path in write_sample_reports(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(path)
