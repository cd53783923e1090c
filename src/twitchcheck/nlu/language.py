"""Which language a free text is in: counted from each language's common short words, as data.

Why not a language-identification model: nothing may be downloaded, and the
choice here is between the few languages twitchcheck has a lexicon for. A text
whose words do not clearly point one way (a single word, a drug name) keeps the
language of the page it was typed on.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from twitchcheck.knowledge.files import parse_yaml_mapping

# A language wins when it has at least this many more cue words than any other, and at least twice as many.
MARGIN = 2
_WORD = re.compile(r"[a-z]+")


@cache
def language_cues() -> dict[str, frozenset[str]]:
    """Each language's cue words (knowledge/data/languages.yaml)."""
    text = (resources.files("twitchcheck.knowledge") / "data" / "languages.yaml").read_text(encoding="utf-8")
    data = parse_yaml_mapping("languages.yaml", text)["languages"]
    return {language: frozenset(entry["cues"]) for language, entry in data.items()}


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def detect_language(text: str, *, default: str) -> str:
    """The language the text is written in, or `default` when its words do not clearly say.

    >>> detect_language("ma paupière saute depuis 3 jours", default="en")
    'fr'
    >>> detect_language("Vyvanse", default="fr")
    'fr'
    """
    words = _words(text)
    counts = {language: sum(word in cues for word in words) for language, cues in language_cues().items()}
    best = max(counts, key=lambda language: counts[language])
    others = [count for language, count in counts.items() if language != best]
    runner_up = max(others, default=0)
    if counts[best] >= runner_up + MARGIN and counts[best] >= 2 * runner_up:
        return best
    return default if default in counts else best
