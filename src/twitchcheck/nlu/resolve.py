"""Settle findings said more than once, or said both ways, so no id is both present and absent.

The rule, and why:

1. A present mention in the person's own words (not derived by a rule) beats
   any denial. Denials in free text are often about another place or time
   ("no pain in my arms" next to "my calves ache"), and missing a symptom
   that was stated is the worse error for triage.
2. A derived present mention (implied, combined, from an episode length)
   beats a denial only when it comes later in the text; an earlier explicit
   denial wins over it ("she's had no seizure; ... first ever fit" keeps the
   later words).
3. Mentions of one finding with the same status that overlap are one mention
   (the earliest, then the shortest, is kept).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from twitchcheck.nlu.rules import Mention


def resolve_conflicts(mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Split asserted mentions into (present, absent) with every conflict settled."""
    present = [m for m in mentions if m.status == "present"]
    absent = [m for m in mentions if m.status == "absent"]
    present_ids = {m.finding_id for m in present}
    losers_present: set[str] = set()
    losers_absent: set[str] = set()
    for finding_id in present_ids & {m.finding_id for m in absent}:
        said = [m for m in present if m.finding_id == finding_id]
        denied = [m for m in absent if m.finding_id == finding_id]
        explicit = any(not m.derived for m in said)
        later = max(m.last for m in said) > max(m.last for m in denied)
        if explicit or later:
            losers_absent.add(finding_id)
        else:
            losers_present.add(finding_id)
    kept_present = [m for m in present if m.finding_id not in losers_present]
    kept_absent = [m for m in absent if m.finding_id not in losers_absent]
    return dedupe(kept_present), dedupe(kept_absent)


def dedupe(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per finding and overlapping span; explicit before derived, earliest, shortest."""
    ordered = sorted(mentions, key=lambda m: (m.finding_id, m.derived, m.first, m.last - m.first))
    kept: list[Mention] = []
    for mention in ordered:
        if any(
            k.finding_id == mention.finding_id and k.first <= mention.last and mention.first <= k.last for k in kept
        ):
            continue
        kept.append(mention)
    return sorted(kept, key=lambda m: (m.first, m.finding_id))
