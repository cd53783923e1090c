"""Free text to findings: what a person writes, read as present and absent findings.

Public API::

    from twitchcheck.nlu import parse_text

    parsed = parse_text("My mum, 78, has started shaking. No fever.")
    parsed.present_ids   # ['tremor']
    parsed.absent_ids    # ['fever']
    parsed.age, parsed.sex, parsed.subject   # 78, 'female', 'other'

Each mention keeps the exact span of the original text. Hedged mentions go to
`uncertain` (unknown, not evidence); past ones that mean nothing now go to
`historical`; clauses that gave nothing go to `not_understood`. The words are
data: `knowledge/data/lexicon/en.yaml` and `fr.yaml` (`parse_text(text, language="fr")`).
"""

from twitchcheck.nlu.lexicon import Lexicon, load_lexicon
from twitchcheck.nlu.models import FindingMention, ParsedText, UnsureMention
from twitchcheck.nlu.pipeline import parse_text

__all__ = ["FindingMention", "Lexicon", "ParsedText", "UnsureMention", "load_lexicon", "parse_text"]
