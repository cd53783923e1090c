"""Places listed after a twitch: each place in the list twitches too.

People name where they twitch as a list that runs past what one pattern
reaches: "twitching all over - calves, biceps, even my back", "it started in
my right calf and has since spread to my arms, my back, my stomach and now my
eyelid", "Twitch in my calf 6 weeks ago. Now it's in both legs and my left arm
too". A pattern such as "{twitch} ...8 {trunk}" stops at the eighth word or at
the clause that ", my back" starts, so the later places were lost.

This step walks such a list, from the end of a twitch-site mention or from a
word that says the twitching moved ("spread to", "now it's in"; not when
another symptom is said before it in the sentence, which is then what moved), over the
joiners and lead-ins the lexicon lists, and reads each place it passes. A place
that is the subject of a new clause ("my calf twitches and my arm is weak") is
not read: the list ends where a word that is neither a joiner, a closer, a
twitch word nor a place follows it.

A twitch said of "the muscle" takes the place named just before ("her calf
cramped and the muscle keeps twitching", "crampe au mollet ... ça saute dans
le muscle"): the nearest place in that sentence or the one before, unless a
place follows the muscle word ("the muscles in my arm twitch" names its own).

A twitch said of a pronoun takes the place named before it in the same
sentence ("my thighs are rock hard and painful, they keep twitching"; "ses
mollets sont gros et durs, des fois ils tressautent"); a plural pronoun that
opens its sentence takes a plural place of the sentence before ("My calves
ache. They keep twitching."). Only the lexicon's
linking words may stand between the pronoun and the twitch word, so "they
don't twitch" is no twitch, and a place after the twitch word ("it twitches in
my arm") is the place the sentence itself names.

Places listed before a twitch twitch too ("my husband's right hand and the
right side of his face started jerking"; "la main droite pis le côté droit du
visage se sont mis à sauter"): from a twitch-site mention that starts at its
place, the list is read backwards over joiners, lead-ins and the words of a
part ("side of"). It counts only when it is a list of its own: it must reach
the start of the sentence, a comma or dash, or a possessive ("husband's"), so
"numbness in my foot and the left side of my face has started twitching" (the
foot is where the numbness is) gives no twitch of the foot.

Everything language-specific is data (`context.site_lists` in the lexicon).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from twitchcheck.nlu.rules import Mention
from twitchcheck.nlu.tokens import TokenStream

PhraseIndex = Mapping[str, tuple[tuple[str, ...], ...]]

_PUNCTUATION_ENDS = frozenset({".", "!", "?", ",", ";", ")", "-", "--", "…", "..."})


@dataclass(frozen=True)
class SiteLists:
    """The compiled `context.site_lists` of one language (see the lexicon)."""

    places: Mapping[tuple[str, ...], str]  # a place's words -> the twitch-site finding
    longest: int  # the most words a place has
    joiners: frozenset[str]  # words between places: ",", "and", "even", "now"
    lead_ins: frozenset[str]  # words before a place only: "my", "both", "in"
    closers: frozenset[str]  # words that may follow the last place: "too", "also"
    openers: PhraseIndex  # words that say the twitch moved: "spread to", "now it is in"
    followers: frozenset[str]  # twitch words: a place followed by "twitches" is still a place that twitches
    sources: frozenset[str]  # findings whose mention a list may follow (the sites, twitching all over)
    muscle_words: PhraseIndex  # "the muscle": a twitch of it is the place named before
    pronouns: frozenset[str]  # "they": a twitch of it is the place named before, in the sentence
    pronoun_links: frozenset[str]  # the words that may stand between such a pronoun and its twitch word
    plural_pronouns: frozenset[str]  # "they": opening a sentence, it may take a plural place of the one before
    plural_endings: tuple[str, ...]  # how a plural place word ends ("calves", "mollets", "genoux")
    denials_after: frozenset[str]  # words after a twitch word that deny it ("ils sautent pas")
    part_words: frozenset[str]  # "side", "of": a part of the place that follows
    pro_verbs: PhraseIndex  # "does it too", "has joined in": a place that does what the twitch before it does
    back_starts: frozenset[str]  # "'s": may stand just before a list read back from a twitch
    other_subjects: frozenset[str]  # findings that, said before an opener, are what spread


def phrase_index(phrases: Iterable[tuple[str, ...]]) -> PhraseIndex:
    """Phrases by their first word, so a text is scanned once per token (built when the lexicon compiles)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            by_first.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(group) for word, group in by_first.items()}


def extend_site_lists(stream: TokenStream, mentions: Sequence[Mention], lists: SiteLists | None) -> list[Mention]:
    """New present mentions of the places listed after a twitch-site mention or an opener."""
    if lists is None or not lists.places:
        return []
    norms = [t.norm for t in stream.tokens]
    sources = [m for m in mentions if m.status == "present" and not m.derived and m.finding_id in lists.sources]
    starts = {m.last + 1 for m in sources}
    twitch_sentences = {m.sentence for m in sources}
    for opener, start in _phrase_ends(norms, lists.openers):
        sentence = stream.tokens[start - 1].sentence
        if not {sentence, sentence - 1} & twitch_sentences:
            continue
        if any(
            m.status == "present"
            and m.finding_id in lists.other_subjects
            and m.sentence == sentence
            and m.last < opener
            for m in mentions
        ):
            continue  # "my leg went numb and then it spread to my arm": the numbness spread, not the twitch
        starts.add(start)
    known = {(m.finding_id, m.first) for m in mentions}
    places = [place for start in sorted(starts) for place in _walk(stream, norms, start, lists)]
    for mention in mentions:
        if mention.status == "present" and not mention.derived and mention.finding_id in lists.places.values():
            places.extend(_walk_back(stream, norms, mention.first, lists))
    found: list[Mention] = []
    for finding_id, first, last in places:
        if (finding_id, first) not in known:
            known.add((finding_id, first))
            found.append(Mention(finding_id, "present", first, last, stream.tokens[first].sentence, derived=True))
    for (finding_id, first, last), said_at in (
        *_muscle_antecedents(stream, norms, lists),
        *_pronoun_antecedents(stream, norms, lists),
        *_pro_verb_places(
            stream,
            norms,
            lists,
            twitch_sentences | {t.sentence for t in stream.tokens if t.norm in lists.followers},
        ),
    ):
        if (finding_id, first) not in known:
            known.add((finding_id, first))
            sentence = stream.tokens[first].sentence
            found.append(Mention(finding_id, "present", first, last, sentence, derived=True, said_at=said_at))
    return found


_Antecedent = tuple[tuple[str, int, int], tuple[int, int]]


def _muscle_antecedents(stream: TokenStream, norms: Sequence[str], lists: SiteLists) -> list[_Antecedent]:
    """The place a twitch of "the muscle" refers back to: (finding, first, last) of the place's words, and
    the first and last token of the words that said the twitch."""
    found = []
    for i, end in _phrase_ends(norms, lists.muscle_words):
        sentence = stream.tokens[i].sentence
        near = range(max(0, i - 4), min(len(norms), end + 4))
        twitches = [j for j in near if norms[j] in lists.followers and stream.tokens[j].sentence == sentence]
        if not twitches:
            continue  # the muscle is not said to twitch
        if any(_place_at(norms, j, lists) for j in range(end, min(len(norms), end + 3))):
            continue  # "the muscles in my arm": the place follows
        place = _place_before(stream, norms, i, lists)
        if place is not None:
            found.append((place, (min(i, *twitches), max(end - 1, *twitches))))
    return found


def _pronoun_antecedents(stream: TokenStream, norms: Sequence[str], lists: SiteLists) -> list[_Antecedent]:
    """The place a twitch said of a pronoun refers back to: (finding, first, last) of the place's words, and
    the first and last token of the pronoun's words ("they keep twitching")."""
    found = []
    for i, word in enumerate(norms):
        if word not in lists.pronouns:
            continue
        sentence = stream.tokens[i].sentence
        j = i + 1
        while j < min(len(norms), i + 4) and norms[j] in lists.pronoun_links and stream.tokens[j].sentence == sentence:
            j += 1
        if j >= len(norms) or norms[j] not in lists.followers or stream.tokens[j].sentence != sentence:
            continue  # the pronoun is not said to twitch, or a denial stands between ("they don't twitch")
        after = range(j + 1, min(len(norms), j + 6))
        if any(stream.tokens[k].sentence == sentence and norms[k] in lists.denials_after for k in after[:1]):
            continue  # "ils sautent pas"
        if any(stream.tokens[k].sentence == sentence and _place_at(norms, k, lists) for k in after):
            continue  # "it twitches in my arm": the sentence names its own place
        place = _place_before(stream, norms, i, lists, sentences_back=0)
        if place is None and norms[i] in lists.plural_pronouns and stream.sentences[sentence][0] == i:
            # "My calves ache. They keep twitching.": a plural pronoun opening its sentence takes the plural
            # place of the sentence before ("My calves ache. It twitches a lot." takes none)
            before = _place_before(stream, norms, i, lists, sentences_back=1)
            if before is not None and norms[before[2]].endswith(lists.plural_endings):
                place = before
        if place is not None:
            found.append((place, (i, j)))
    return found


def _pro_verb_places(
    stream: TokenStream, norms: Sequence[str], lists: SiteLists, twitch_sentences: set[int]
) -> list[_Antecedent]:
    """A place said to do what a twitch just told does ("my thigh does it too", "my right calf has joined in").

    The twitch must be told in the same sentence or the one before; only linking words ("has", "is", "now")
    may stand between the place and the words that take it up.
    """
    found = []
    for i, end in _phrase_ends(norms, lists.pro_verbs):
        sentence = stream.tokens[i].sentence
        if not {sentence, sentence - 1} & twitch_sentences:
            continue
        j = i - 1
        while j >= 0 and norms[j] in lists.pronoun_links and stream.tokens[j].sentence == sentence and i - j <= 3:
            j -= 1
        if j < 0 or stream.tokens[j].sentence != sentence:
            continue
        place = _place_ending_at(norms, j, lists)
        if place is not None:
            finding_id, start = place
            found.append(((finding_id, start, j), (j + 1, end - 1)))
    return found


def _place_before(
    stream: TokenStream, norms: Sequence[str], i: int, lists: SiteLists, *, sentences_back: int = 1
) -> tuple[str, int, int] | None:
    """The nearest place before token `i`, in its sentence or up to `sentences_back` sentences before."""
    sentence = stream.tokens[i].sentence
    for j in range(i - 1, -1, -1):
        if stream.tokens[j].sentence < sentence - sentences_back:
            return None
        place = _place_at(norms, j, lists)
        if place is not None:
            return place[0], j, j + place[1] - 1
    return None


def _phrase_ends(norms: Sequence[str], phrases: PhraseIndex) -> Iterable[tuple[int, int]]:
    """(start, end) of each occurrence of the indexed phrases in the text."""
    for i, word in enumerate(norms):
        for phrase in phrases.get(word, ()):
            if tuple(norms[i : i + len(phrase)]) == phrase:
                yield i, i + len(phrase)


def _walk(stream: TokenStream, norms: Sequence[str], start: int, lists: SiteLists) -> list[tuple[str, int, int]]:
    """The places of the list that starts at token `start`, in the same sentence.

    When the list runs into a word that makes its last places a subject ("calf
    twitching, fingers and lips tingling"), the places after the last comma are
    that clause's, not the list's, and are left out.
    """
    if start >= len(norms) or start == 0:
        return []
    sentence = stream.tokens[start - 1].sentence
    items: list[tuple[str, int, int]] = []
    before_last_comma = 0  # how many items came before the last comma
    i = start
    while i < len(norms) and stream.tokens[i].sentence == sentence:
        if norms[i] in lists.joiners or norms[i] in lists.lead_ins:
            if norms[i] in (",", ";"):
                before_last_comma = len(items)
            i += 1
            continue
        place = _place_at(norms, i, lists)
        if place is None:
            break
        finding_id, size = place
        last = i + size - 1
        items.append((finding_id, i, last))
        if not _may_follow(norms, last + 1, stream, sentence, lists):
            return items[:before_last_comma]  # "and my arm is weak": the place starts a clause of its own
        i = last + 1
    return items


def _walk_back(stream: TokenStream, norms: Sequence[str], first: int, lists: SiteLists) -> list[tuple[str, int, int]]:
    """The places listed before a twitch-site mention whose first token, `first`, is its place.

    Only a list of its own counts: walked back over joiners, lead-ins and part words, it must end at the
    start of the sentence, at the first comma or dash, or at a possessive; "tingling in my hand and face
    twitching" ends at "tingling" and gives nothing, and "numb down my left side, the arm and the leg, and my
    cheek twitches" ends at the comma before "and my cheek".
    """
    if _place_at(norms, first, lists) is None:
        return []
    sentence = stream.tokens[first].sentence
    items: list[tuple[str, int, int]] = []
    i = first - 1
    while i >= 0 and stream.tokens[i].sentence == sentence:
        word = norms[i]
        if word in _PUNCTUATION_ENDS:
            return items  # the list starts after the comma ("cramps, thumb and cheek twitching")
        if word in lists.joiners or word in lists.lead_ins or word in lists.part_words:
            i -= 1
            continue
        place = _place_ending_at(norms, i, lists)
        if place is None:
            break
        finding_id, start = place
        items.append((finding_id, start, i))
        i = start - 1
    if i < 0 or stream.tokens[i].sentence != sentence or norms[i] in lists.back_starts:
        return items
    return []


def _place_ending_at(norms: Sequence[str], last: int, lists: SiteLists) -> tuple[str, int] | None:
    """The place whose words end at token `last`, as (finding, first token)."""
    for size in range(min(lists.longest, last + 1), 0, -1):
        finding_id = lists.places.get(tuple(norms[last - size + 1 : last + 1]))
        if finding_id is not None:
            return finding_id, last - size + 1
    return None


def _place_at(norms: Sequence[str], i: int, lists: SiteLists) -> tuple[str, int] | None:
    for size in range(min(lists.longest, len(norms) - i), 0, -1):
        finding_id = lists.places.get(tuple(norms[i : i + size]))
        if finding_id is not None:
            return finding_id, size
    return None


def _may_follow(norms: Sequence[str], j: int, stream: TokenStream, sentence: int, lists: SiteLists) -> bool:
    """True when the word after a place keeps it in the list (or the sentence ends)."""
    if j >= len(norms) or stream.tokens[j].sentence != sentence:
        return True
    word = norms[j]
    return (
        word in _PUNCTUATION_ENDS
        or word in lists.joiners
        or word in lists.closers
        or word in lists.followers
        or _place_at(norms, j, lists) is not None
    )
