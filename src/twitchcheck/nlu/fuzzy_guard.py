"""Developer tool: list the real words that the typo corrector would wrongly "correct".

Why: "tried" is one swap from "tired", "fewer" one letter from "fever",
"heard" one from "heart". Corrected, they would invent fatigue, fever and
heart findings. The lexicon's `fuzzy.protected` list holds every such real
word; this tool computes it from a word list (e.g. Debian's `wamerican` and
`wbritish` packages) so the list can be regenerated when the lexicon grows:

    python -m twitchcheck.nlu.fuzzy_guard /usr/share/dict/american-english \\
        /usr/share/dict/british-english

It prints a YAML list to paste under `fuzzy: protected:` in the lexicon. It is
never run at parse time; nothing is downloaded.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from twitchcheck.nlu.compiler import compile_lexicon
from twitchcheck.nlu.lexicon import Lexicon, load_lexicon


def words_to_protect(lexicon: Lexicon, dictionary: Iterable[str]) -> list[str]:
    """Real words (from `dictionary`) that the corrector would change into a different lexicon word.

    Inflections of a lexicon word ("abdomens", "sweats") are left out: mapping
    them to the lexicon word is what we want.
    """
    bare = lexicon.model_copy(update={"fuzzy": lexicon.fuzzy.model_copy(update={"protected": ()})})
    compiled = compile_lexicon(bare)
    protected = set()
    for raw in dictionary:
        word = raw.strip().lower()
        if not word.isalpha() or not word.isascii():
            continue
        canonical = compiled.normaliser.canonical(word)
        if compiled.fuzzy.is_known(canonical):
            continue
        corrected = compiled.fuzzy.correct(canonical)
        if corrected != canonical and not _same_stem(canonical, corrected):
            protected.add(canonical)
    return sorted(protected)


def _same_stem(word: str, target: str) -> bool:
    """An inflection of the target ("abdomens" -> "abdomen") is a harmless correction."""
    return word.startswith(target) or target.startswith(word)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the protected-word list for the packaged lexicon, from word-list files."""
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print("usage: python -m twitchcheck.nlu.fuzzy_guard WORDLIST [WORDLIST ...]", file=sys.stderr)
        return 2
    words: list[str] = []
    for path in paths:
        words.extend(path.read_text(encoding="utf-8", errors="ignore").splitlines())
    for word in words_to_protect(load_lexicon(), words):
        print(f"    - {word}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
