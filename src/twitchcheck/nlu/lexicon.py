"""Load and validate a language's lexicon: the words that name each finding, as data.

A lexicon is one YAML file per language under `knowledge/data/lexicon/`
(`en.yaml`, `fr.yaml`). It holds the
phrases and patterns per finding id, word classes (body parts, twitch words),
spelling variants, the trigger words of negation, uncertainty, history and
other people, and the words of durations and demographics.

Why validate here: a lexicon is edited by people who know the language and the
medicine, not the code. A typo in a finding id or a class name would otherwise
silently match nothing. Every problem raises `KnowledgeError` naming the file,
the entry and what is allowed, e.g.::

    en.yaml: findings.twitch_eyelids: unknown finding id 'twitch_eyelids';
    did you mean 'twitch_eyelid'?

Pattern syntax (see `twitchcheck.nlu.patterns` for the details): words are
matched on their normalised form; `{class}` is any phrase of a word class;
`a|b` is either word and `(a b|c)` either phrase; a trailing `?` makes an element optional; `...` skips up
to 4 tokens inside one clause, `...8` up to 8; `{#}` is a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import get_close_matches
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge.files import parse_yaml_mapping, validation_problems
from twitchcheck.knowledge.models import Sex

LEXICON_PACKAGE = "twitchcheck.knowledge"
LEXICON_DIR = ("data", "lexicon")
BUILTIN_CLASSES = frozenset({"#", "person", "observer_verb", "sex_word"})
_CLASS_REF = re.compile(r"\{([^{}]*)\}")
_NUMBER_RANGE = re.compile(r"#\d+(?:\.\d+)?-\d+(?:\.\d+)?")  # {#38-45}: a number in that range


class _Model(BaseModel):
    """Base of the lexicon records: frozen and strict about keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ConditionalPattern(_Model):
    """A pattern that counts only when other findings are (or are not) asserted in the text.

    Why: the same words mean different findings in different stories ("sweating"
    after a race is exercise sweating; "sweating" with no reason is not).
    """

    pattern: str
    if_text_has: tuple[str, ...] = ()
    unless_text_has: tuple[str, ...] = ()


PatternSpec = str | ConditionalPattern


class DeriveRule(_Model):
    """Add a finding when other findings (and cue words) come together.

    `any_of`: source findings asserted present; `at_least`: how many distinct ones;
    `sentence_has`: word classes that must all occur in a source mention's
    sentence or the one before (`same_sentence`: its own only); `span_within_days`:
    a time span of at most that many days in the same window; `near_findings`: findings that must be asserted
    in that sentence or one of the `near_sentences_before` before it (one by
    default: a story of a workout told over three sentences before "my thighs
    keep twitching too" needs more).

    An episode told before what is left after it ("his hand started jerking 15
    minutes ago ... Now his right arm is weak") must be dated as recent in a
    sentence of the `near_findings` (without them, in the source mention's
    sentence or any before it), by a word of the `story_has` classes ("this
    afternoon") or by an onset of at most `story_onset_within_days` days ("15
    minutes ago"), either one; `no_span_over_days`: a time span longer than that
    in the source sentence blocks the rule (weakness "for months now" is not new).
    """

    any_of: tuple[str, ...] = Field(min_length=1)
    at_least: int = Field(default=1, ge=1)
    sentence_has: tuple[str, ...] = ()
    near_findings: tuple[str, ...] = ()
    near_sentences_before: int = Field(default=1, ge=0, le=5)
    # the cue words must be in the source mention's own sentence (not the one before)
    same_sentence: bool = False
    # a time span of at most this many days, in one of `span_units`, must be in that sentence too ("over the
    # last 4 days"; a minute is a sudden event, not a course)
    span_within_days: float | None = Field(default=None, gt=0)
    span_units: tuple[str, ...] = ("hour", "day", "week")
    story_has: tuple[str, ...] = ()
    story_onset_within_days: float | None = Field(default=None, gt=0)
    no_span_over_days: float | None = Field(default=None, gt=0)


class FindingEntry(_Model):
    """How one finding is said: phrases for present, for absent, and the rules around them."""

    present: tuple[PatternSpec, ...] = ()
    absent: tuple[PatternSpec, ...] = ()
    denied_by: tuple[PatternSpec, ...] = ()
    unless: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    derive: tuple[DeriveRule, ...] = ()
    when_historical: str = "keep"
    about_others: bool = False
    # a finding about a relative ("my dad has MND": family history) that, in a text about that same relative
    # written by a carer ("Dad is 71 and has MND"), is the patient's own: this finding instead
    when_about_patient: str | None = None


class TriggerSet(_Model):
    """Trigger phrases of one context category, by the direction of their scope.

    `after`: patterns whose first word is in scope too, then the words after
    them, for a negation after the verb ("{verb} pas": "je fume pas").
    `object`: a verb that negates only its object ("quit coffee", "stopped the
    tablets"): its scope runs forward like `forward` but ends at the next
    comma, so "I stopped last month, eyelid twitching" keeps the twitch.
    """

    forward: tuple[str, ...] = ()
    backward: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    object: tuple[str, ...] = ()


class SiteListSection(_Model):
    """How a list of places after a twitch is read (see `twitchcheck.nlu.site_lists`).

    `places`: class name -> the twitch-site finding its words name ("leg" ->
    twitch_leg_calf). `joiners`: words between places. `lead_ins`: words that
    may come before a place but not after it ("my", "in"; the context's
    `list_item_modifiers` are lead-ins too). `closers`: words that may
    end the list ("too"). `openers`: words that say the twitching moved ("spread
    to"); they open a list when the sentence or the one before names a twitch.
    `followers`: classes whose words may follow a place ("twitch").
    `sources`: findings besides the places whose mention a list may follow.
    `muscle_words`: "the muscle": a twitch of it is the place named just before.
    `pronouns`: words that refer back to a place ("they" in "my calves are hard, they twitch").
    `plural_pronouns`, `plural_endings`: a plural pronoun that opens its sentence takes a plural place of
    the sentence before ("My calves ache. They keep twitching."), told by how the place word ends.
    `pronoun_links`: the only words that may stand between such a pronoun and its twitch word ("keep",
    "are"), so a denial between them ("they don't twitch") stops the reading.
    `denials_after`: words after the twitch word that deny it ("ils sautent pas").
    `part_words`: words that name a part of a place before it ("the right side of his face"), walked over
    when a list of places is read back from a twitch ("his right hand and the right side of his face started
    jerking"). `back_starts`: words that may stand just before such a list ("husband 's right hand").
    `pro_verbs`: words that take up the twitch just told for a place before them ("my thigh does it too",
    "my right calf has joined in").
    `other_subject_groups`: finding groups whose mention before an opener in the
    sentence is what moved ("my leg went numb and it spread to my arm").
    """

    places: dict[str, str]
    joiners: tuple[str, ...] = ()
    lead_ins: tuple[str, ...] = ()
    closers: tuple[str, ...] = ()
    openers: tuple[str, ...] = ()
    followers: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    muscle_words: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()
    plural_pronouns: tuple[str, ...] = ()
    plural_endings: tuple[str, ...] = ()
    pronoun_links: tuple[str, ...] = ()
    denials_after: tuple[str, ...] = ()
    part_words: tuple[str, ...] = ()
    pro_verbs: tuple[str, ...] = ()
    back_starts: tuple[str, ...] = ()
    other_subject_groups: tuple[str, ...] = ()


class ContextSection(_Model):
    """ConText-style trigger terms and the clause rules that bound their scope."""

    max_scope_tokens: int = Field(default=10, ge=1)
    termination: tuple[str, ...]
    clause_joiners: tuple[str, ...]
    clause_starters: tuple[str, ...]
    list_item_classes: tuple[str, ...] = ()
    list_item_modifiers: tuple[str, ...] = ()
    list_predicates: tuple[str, ...] = ()
    site_lists: SiteListSection | None = None
    pseudo: tuple[str, ...] = ()
    negation: TriggerSet
    uncertainty: TriggerSet
    history: TriggerSet
    other_person: TriggerSet
    first_person: tuple[str, ...] = ()
    third_person: tuple[str, ...] = ()


class SpellingSection(_Model):
    """Spelling variants mapped to one canonical form (British/Canadian to American here).

    `fold_accents`: compare words without their accents ("fievre" is "fièvre",
    "coeur" is "cœur"), for languages whose writers often leave them out.
    """

    exact: dict[str, str] = Field(default_factory=dict)
    prefix: dict[str, str] = Field(default_factory=dict)
    fold_accents: bool = False


class FuzzySection(_Model):
    """Typo tolerance: how long a word must be, and real words never to 'correct'."""

    min_length: int = Field(default=5, ge=3)
    two_edits_from_length: int = Field(default=8, ge=4)
    protected: tuple[str, ...] = ()


class SubjectSection(_Model):
    """Who the text is about: person nouns with their sex, observer verbs, carer phrases."""

    persons: dict[str, Sex | None]
    observer_verbs: tuple[str, ...]
    carer: tuple[str, ...]
    possessives: tuple[str, ...] = ()
    female_pronouns: tuple[str, ...] = ()
    male_pronouns: tuple[str, ...] = ()
    # Plain word sequences (normalised forms) in which "I" is the writer acting for
    # someone else, not a patient ("what do I do", "should I call"): their "I"
    # does not count when weighing "I" against "he"/"she".
    writer_acting: tuple[str, ...] = ()


class DemographicsSection(_Model):
    """Age and sex of the person writing (`self_*`) or of the person cared for (`other_*`)."""

    sex_words: dict[str, Sex]
    compact: tuple[str, ...] = ()
    compact_sex_letters: dict[str, Sex] = Field(default_factory=dict)
    self_age: tuple[str, ...] = ()
    self_sex: tuple[str, ...] = ()
    other_age: tuple[str, ...] = ()
    min_age: int = 0
    max_age: int = 120

    @field_validator("compact")
    @classmethod
    def _regexes_compile(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            try:
                compiled = re.compile(pattern)
            except re.error as error:
                raise ValueError(f"compact pattern {pattern!r} is not a valid regex: {error}") from error
            if not {"age", "sex"} & set(compiled.groupindex):
                raise ValueError(f"compact pattern {pattern!r} needs a group named 'age' or 'sex'")
        return value


Range = float | tuple[float, float]


class DurationCategory(_Model):
    """A duration finding and the upper bound (in days) of the spans it covers."""

    finding: str
    up_to_days: float | None = None


class DurationsSection(_Model):
    """The words of durations: numbers, units, markers, relative times, and what to ignore."""

    numbers: dict[str, float]
    articles: tuple[str, ...] = ()
    vague_numbers: dict[str, tuple[float, float]] = Field(default_factory=dict)
    units: dict[str, str]
    unit_days: dict[str, float]
    bare_plurals: dict[str, tuple[float, float]] = Field(default_factory=dict)
    relative: dict[str, Range] = Field(default_factory=dict)
    weekdays: tuple[str, ...] = ()
    weekday_markers: tuple[str, ...] = ()
    # Dates on the calendar ("since March", "since Christmas", « depuis le jour de l'an »): how long ago is
    # counted from today's date. `months`: a name to its month; `holidays`: a name to its (month, day);
    # `calendar_markers`: the words before them; `calendar_fillers`: words that may stand between ("the
    # start of", « le mois de »); `onset_calendar_markers`: markers that date an onset only after an onset
    # word ("started in March", « a commencé en mars »).
    months: dict[str, int] = Field(default_factory=dict)
    holidays: dict[str, tuple[int, int]] = Field(default_factory=dict)
    calendar_markers: tuple[str, ...] = ()
    calendar_fillers: tuple[str, ...] = ()
    onset_calendar_markers: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    ago: tuple[str, ...] = ()
    more_than: tuple[str, ...] = ()
    less_than: tuple[str, ...] = ()
    nearly: tuple[str, ...] = ()
    approximately: tuple[str, ...] = ()
    unit_linkers: tuple[str, ...] = ()
    determiners: tuple[str, ...] = ()
    half: tuple[str, ...] = ()
    and_a_half: str = ""
    range_joiners: tuple[str, ...] = ()
    frequency_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    # Languages that say "ago" before the number ("il y a 3 jours"), and words
    # after which a number with a unit is an age, not a duration ("j'ai 34 ans").
    ago_before: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    # Words that end just before a span and say it times a recovery ("back to normal after 20 minutes"):
    # the span is a point after the event, not how long the event lasted.
    recovered_after: tuple[str, ...] = ()
    not_onset_context: tuple[str, ...] = ()
    onset_words: tuple[str, ...] = ()
    # After "N minutes ago" in the same sentence, words that say it is still going on ("10 minutes ago
    # and keeps jerking", "il y a 10 minutes pis ça arrête pas"): then it has lasted N minutes, and is
    # not only dated by them. `stop_words` count when a word of `stop_negations` stands next to them;
    # `still_words` only when a word of `still_doing` follows within two words ("still jerking" is the
    # fit going on, "still confused" is what comes after it).
    ongoing_words: tuple[str, ...] = ()
    stop_words: tuple[str, ...] = ()
    stop_negations: tuple[str, ...] = ()
    still_words: tuple[str, ...] = ()
    still_doing: tuple[str, ...] = ()
    history_from_days: float = 365.0
    ignore_units: tuple[str, ...] = ()
    sub_day_markers: tuple[str, ...] = ()
    background_up_to_days: float = 14.0
    anchor_groups: tuple[str, ...] = ()
    categories: tuple[DurationCategory, ...] = Field(min_length=1)


class EpisodeRule(_Model):
    """A finding decided by how long an episode lasted, e.g. a seizure over 5 minutes."""

    finding: str
    during: tuple[str, ...] = Field(min_length=1)
    at_least_minutes: float = Field(gt=0)
    units: tuple[str, ...] = ("second", "minute", "hour")
    # Whether a shorter episode denies the finding. A seizure that "lasted 2 minutes"
    # is not over 5 minutes, but the id also covers one happening now or starting again:
    # careful readers leave it unknown, and the interview asks.
    deny_when_shorter: bool = True
    # Findings that have a length of their own: a span nearer to one of them than to the episode is
    # theirs ("she was confused for 10 minutes after the seizure" says how long the confusion lasted).
    lengths_of_others: tuple[str, ...] = ()


class Lexicon(_Model):
    """One language's lexicon, validated; `source` names the file for error messages."""

    language: str
    description: str = ""
    source: str = ""
    spelling: SpellingSection = SpellingSection()
    fuzzy: FuzzySection = FuzzySection()
    classes: dict[str, tuple[str, ...]]
    context: ContextSection
    subject: SubjectSection
    demographics: DemographicsSection
    durations: DurationsSection
    episodes: tuple[EpisodeRule, ...] = ()
    # Small talk: a clause made only of these words and the language's stop words ("hi there,
    # thanks for reading", "any ideas lol") is not reported back as text that could not be used.
    filler: tuple[str, ...] = ()
    findings: dict[str, FindingEntry]


def load_lexicon(
    path: Path | None = None,
    *,
    language: str = "en",
    finding_ids: Iterable[str] | None = None,
    group_ids: Iterable[str] | None = None,
) -> Lexicon:
    """Read and validate a lexicon file; the packaged one of `language` when `path` is None.

    `finding_ids` / `group_ids` are the valid ids to check against (by default
    those of the packaged knowledge base). Raises `KnowledgeError` naming the
    file, the entry and the problem.
    """
    if path is None:
        return _packaged_lexicon(language)
    return _load(path.name, path.read_text(encoding="utf-8"), finding_ids, group_ids)


@cache
def _packaged_lexicon(language: str) -> Lexicon:
    name = f"{language}.yaml"
    traversable = resources.files(LEXICON_PACKAGE).joinpath(*LEXICON_DIR, name)
    if not traversable.is_file():
        raise KnowledgeError(f"no lexicon for language {language!r}: knowledge/data/lexicon/{name} is missing")
    return _load(name, traversable.read_text(encoding="utf-8"), None, None)


def _load(
    name: str,
    text: str,
    finding_ids: Iterable[str] | None,
    group_ids: Iterable[str] | None,
) -> Lexicon:
    raw = parse_yaml_mapping(name, text)
    data = {**raw, "source": name}
    try:
        lexicon = Lexicon.model_validate(data)
    except ValidationError as error:
        raise KnowledgeError(f"{name}: " + "; ".join(validation_problems(error, raw=data, model=Lexicon))) from error
    if finding_ids is None or group_ids is None:
        from twitchcheck.knowledge import load_knowledge

        kb = load_knowledge()
        finding_ids = kb.finding_ids if finding_ids is None else finding_ids
        group_ids = kb.finding_groups.keys() if group_ids is None else group_ids
    problems = list(_cross_check(lexicon, frozenset(finding_ids), frozenset(group_ids)))
    if problems:
        raise KnowledgeError(f"{name}: the lexicon is invalid:\n  " + "\n  ".join(problems))
    return lexicon


def _cross_check(lexicon: Lexicon, finding_ids: frozenset[str], group_ids: frozenset[str]) -> Iterable[str]:
    """Yield one sentence per broken reference: finding ids, class names, pattern syntax."""
    classes = frozenset(lexicon.classes) | BUILTIN_CLASSES

    def finding(where: str, fid: str) -> Iterable[str]:
        if fid not in finding_ids:
            yield f"{where}: unknown finding id '{fid}'{_suggest(fid, finding_ids)}"

    def pattern(where: str, text: str) -> Iterable[str]:
        problem = pattern_problem(text)
        if problem:
            yield f"{where}: pattern {text!r}: {problem}"
        for ref in _CLASS_REF.findall(text):
            if ref not in classes and not _NUMBER_RANGE.fullmatch(ref):
                yield f"{where}: pattern {text!r}: unknown class '{{{ref}}}'{_suggest(ref, classes)}"

    for fid, entry in lexicon.findings.items():
        where = f"findings.{fid}"
        yield from finding(where, fid)
        for kind in ("present", "absent", "denied_by"):
            for spec in getattr(entry, kind):
                text = spec if isinstance(spec, str) else spec.pattern
                yield from pattern(f"{where}.{kind}", text)
                if isinstance(spec, ConditionalPattern):
                    for other in (*spec.if_text_has, *spec.unless_text_has):
                        yield from finding(f"{where}.{kind}", other)
        for text in entry.unless:
            yield from pattern(f"{where}.unless", text)
        if entry.when_about_patient is not None:
            yield from finding(f"{where}.when_about_patient", entry.when_about_patient)
        for other in entry.implies:
            yield from finding(f"{where}.implies", other)
        for rule in entry.derive:
            for other in (*rule.any_of, *rule.near_findings):
                yield from finding(f"{where}.derive", other)
            for ref in (*rule.sentence_has, *rule.story_has):
                if ref not in classes:
                    yield f"{where}.derive: unknown class '{ref}'{_suggest(ref, classes)}"
            for unit in rule.span_units:
                if unit not in lexicon.durations.unit_days:
                    yield f"{where}.derive: unit '{unit}' has no entry in durations.unit_days"
        if entry.when_historical not in {"keep", "drop"}:
            yield from finding(f"{where}.when_historical (keep, drop or a finding id)", entry.when_historical)
    for name, members in lexicon.classes.items():
        if not members:
            yield f"classes.{name}: a class needs at least one phrase"
        for member in members:
            if member.startswith("@"):
                if member[1:] not in lexicon.classes:
                    yield f"classes.{name}: member {member!r} names an unknown class{_suggest(member[1:], classes)}"
            elif _CLASS_REF.search(member) or member.strip() in {"", "..."}:
                yield f"classes.{name}: member {member!r} must be plain words or '@class'"
    context = lexicon.context
    for category in ("negation", "uncertainty", "history", "other_person"):
        triggers: TriggerSet = getattr(context, category)
        for direction in ("forward", "backward", "after", "object"):
            for text in getattr(triggers, direction):
                yield from pattern(f"context.{category}.{direction}", text)
    for text in context.pseudo:
        yield from pattern("context.pseudo", text)
    for ref in context.list_item_classes:
        if ref not in classes:
            yield f"context.list_item_classes: unknown class '{ref}'{_suggest(ref, classes)}"
    if context.site_lists is not None:
        for ref in (*context.site_lists.places, *context.site_lists.followers):
            if ref not in classes:
                yield f"context.site_lists: unknown class '{ref}'{_suggest(ref, classes)}"
        for fid in (*context.site_lists.places.values(), *context.site_lists.sources):
            yield from finding("context.site_lists", fid)
    for kind in ("self_age", "self_sex", "other_age"):
        for text in getattr(lexicon.demographics, kind):
            yield from pattern(f"demographics.{kind}", text)
    for text in lexicon.subject.carer:
        yield from pattern("subject.carer", text)
    durations = lexicon.durations
    for word, unit in durations.units.items():
        if unit not in durations.unit_days:
            yield f"durations.units.{word}: unit '{unit}' has no entry in durations.unit_days"
    for duration in durations.categories:
        yield from finding("durations.categories", duration.finding)
    for group in durations.anchor_groups:
        if group not in group_ids:
            yield f"durations.anchor_groups: unknown finding group '{group}'{_suggest(group, group_ids)}"
    for episode in lexicon.episodes:
        for fid in (episode.finding, *episode.during, *episode.lengths_of_others):
            yield from finding("episodes", fid)
        for fid in set(episode.during) & set(episode.lengths_of_others):
            yield f"episodes: '{fid}' is both the episode ('during') and another finding with its own length"
        for unit in episode.units:
            if unit not in durations.unit_days:
                yield f"episodes: unit '{unit}' has no entry in durations.unit_days"


_ELEMENT = re.compile(r"\((?=\S)[^()]*(?<=\S)\)\??|\S+")


def split_pattern(text: str) -> list[str]:
    """Split a pattern into its elements; "(a b|c)" groups stay one element.

    A bracket standing alone ("my son ( {#} )") is a literal bracket.
    """
    return _ELEMENT.findall(text)


def pattern_problem(text: str) -> str | None:
    """Say what is wrong with a pattern's syntax, or None when it is well formed."""
    if text.count("(") != text.count(")") or text.count("{") != text.count("}"):
        return "has unbalanced brackets or braces"
    elements = split_pattern(text)
    if not elements:
        return "is empty"
    for position, element in enumerate(elements):
        is_edge = position in (0, len(elements) - 1)
        if re.fullmatch(r"\.\.\.\d*", element):
            if is_edge:
                return "cannot start or end with a gap ('...')"
            continue
        if element.endswith("?") and len(element) > 1 and is_edge:
            return "cannot start or end with an optional element ('?')"
        body = element.rstrip("?")
        if len(body) > 1 and body.startswith("(") != body.endswith(")"):
            return f"element {element!r} has a stray bracket"
        body = body[1:-1] if len(body) > 1 and body.startswith("(") else body
        if "|" in body and any(not part.strip() for part in body.split("|")):
            return "has an empty alternative in 'a|b'"
        if not body.strip():
            return "has an empty group '()'"
    return None


def _suggest(wrong: str, valid: Iterable[str]) -> str:
    close = get_close_matches(wrong, sorted(valid), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
