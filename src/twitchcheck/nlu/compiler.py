"""Turn a validated lexicon into ready-to-run parts: normaliser, patterns, typo corrector.

Compiling is the slow part (about 0.2 s: spaCy tokenises every phrase so the
lexicon is normalised exactly like the input). It happens once per language
and is cached; parsing a text afterwards only looks things up.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from twitchcheck.nlu.context import Category, Direction
from twitchcheck.nlu.durations import DurationReader, make_reader
from twitchcheck.nlu.lexicon import ConditionalPattern, Lexicon, load_lexicon
from twitchcheck.nlu.matcher import PatternSet, sort_options
from twitchcheck.nlu.normalise import FuzzyCorrector, Normaliser
from twitchcheck.nlu.site_lists import SiteLists, phrase_index
from twitchcheck.nlu.tokens import ClauseRules, spacy_pipeline, tokenize_phrase

PatternKind = Literal["present", "absent", "denied_by", "unless"]
TriggerMode = Literal["any", "self", "carer"]
DemographicKind = Literal["self_age", "self_sex", "other_age", "carer"]


@dataclass(frozen=True)
class FindingPattern:
    """A match means: this finding, said this way (present, absent, denied-only, veto)."""

    finding_id: str
    kind: PatternKind
    if_text_has: tuple[str, ...] = ()
    unless_text_has: tuple[str, ...] = ()


@dataclass(frozen=True)
class TriggerPattern:
    """A match is a context trigger; `mode` limits it to texts about oneself or by a carer."""

    category: Category
    direction: Direction
    mode: TriggerMode = "any"


@dataclass(frozen=True)
class ClassPattern:
    """A match is a word of a class that derive rules look for in a sentence."""

    name: str


@dataclass(frozen=True)
class DemographicPattern:
    """A match states an age, a sex, or that the writer is a carer."""

    kind: DemographicKind


Payload = FindingPattern | TriggerPattern | ClassPattern | DemographicPattern


@dataclass(frozen=True)
class CompiledLexicon:
    """Everything the pipeline needs for one language, built once."""

    lexicon: Lexicon
    normaliser: Normaliser
    fuzzy: FuzzyCorrector
    patterns: PatternSet[Payload]
    clause_rules: ClauseRules
    durations: DurationReader
    finding_groups: Mapping[str, str]
    warning_ids: frozenset[str]
    persons: Mapping[str, str | None]
    sex_words: Mapping[str, str]
    small_talk: frozenset[str] = frozenset()  # stop words and filler: a clause of these only is not reported
    # Finding id -> the acute red flags its words may mean: itself, and every acute flag that implies it or
    # becomes it in the past (a mention of "a seizure" may be a first one, or one going on now).
    could_be_acute: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    site_lists: SiteLists | None = None  # places listed after a twitch (twitchcheck.nlu.site_lists)

    def normalise(self, spacy_norm: str) -> str:
        """Canonical spelling of one token, with typos corrected where it is safe."""
        word = self.normaliser.canonical(spacy_norm)
        return word if self.fuzzy.is_known(word) else self.fuzzy.correct(word)

    def words(self, phrase: str) -> tuple[str, ...]:
        """A lexicon phrase as the normalised words the input will have."""
        return tuple(self.normaliser.canonical(w) for w in tokenize_phrase(self.lexicon.language, phrase))


@lru_cache(maxsize=4)
def compiled_lexicon(language: str = "en") -> CompiledLexicon:
    """The packaged lexicon of `language` (knowledge/data/lexicon/<language>.yaml), compiled once."""
    return compile_lexicon(load_lexicon(language=language))


_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def compile_lexicon(lexicon: Lexicon) -> CompiledLexicon:
    """Compile a validated lexicon (see `load_lexicon`)."""
    from twitchcheck.knowledge import load_knowledge

    language = lexicon.language
    normaliser = Normaliser(lexicon.spelling.exact, lexicon.spelling.prefix, fold_accents=lexicon.spelling.fold_accents)

    def words(phrase: str) -> list[str]:
        return [normaliser.canonical(w) for w in tokenize_phrase(language, phrase)]

    def options(members: tuple[str, ...] | list[str]) -> tuple[tuple[str, ...], ...]:
        return sort_options(tuple(words(m)) for m in members if words(m))

    classes = {name: options(expand_class(lexicon, name)) for name in lexicon.classes}
    classes["person"] = options(list(lexicon.subject.persons))
    classes["observer_verb"] = options(lexicon.subject.observer_verbs)
    classes["sex_word"] = options(list(lexicon.demographics.sex_words))
    numbers = dict(lexicon.durations.numbers)

    def number_value(norm: str) -> float | None:
        if norm in numbers:
            return float(numbers[norm])
        decimal = norm.replace(",", ".", 1)  # "38,6" in French
        return float(decimal) if _DECIMAL.fullmatch(decimal) else None

    def is_number(norm: str) -> bool:
        return number_value(norm) is not None

    patterns: PatternSet[Payload] = PatternSet(
        words=words, classes=classes, is_number=is_number, number_value=number_value
    )
    _add_findings(patterns, lexicon)
    _add_context(patterns, lexicon)
    _add_demographics(patterns, lexicon)
    derive_classes = {c for e in lexicon.findings.values() for r in e.derive for c in (*r.sentence_has, *r.story_has)}
    for name in sorted(derive_classes):
        patterns.add(f"{{{name}}}", ClassPattern(name))

    context = lexicon.context
    list_items = {w for name in context.list_item_classes for o in classes[name] for w in o}
    joiners = frozenset(w for t in context.clause_joiners for w in words(t))
    clause_rules = ClauseRules(
        termination=frozenset(w for t in context.termination if len(words(t)) == 1 for w in words(t)),
        termination_phrases=tuple(tuple(words(t)) for t in context.termination if len(words(t)) > 1),
        joiners=joiners,
        starters=frozenset(w for t in context.clause_starters for w in words(t)),
        list_items=frozenset(list_items),
        fixed_phrases=_phrases_with_inner_joiners(classes, joiners),
        list_modifiers=frozenset(w for t in context.list_item_modifiers for w in words(t)),
    )
    vocabulary = patterns.vocabulary()
    duration_words = _duration_vocabulary(lexicon)
    stop_words = {normaliser.canonical(w) for w in spacy_pipeline(language).Defaults.stop_words}
    protected = {normaliser.canonical(w.lower()) for w in lexicon.fuzzy.protected}
    filler = {normaliser.canonical(w.lower()) for w in lexicon.filler}
    fuzzy = FuzzyCorrector(
        targets=vocabulary | duration_words,
        known=vocabulary | duration_words | stop_words | protected | filler,
        min_length=lexicon.fuzzy.min_length,
        two_edits_from_length=lexicon.fuzzy.two_edits_from_length,
    )
    kb = load_knowledge()
    return CompiledLexicon(
        lexicon=lexicon,
        normaliser=normaliser,
        fuzzy=fuzzy,
        patterns=patterns,
        clause_rules=clause_rules,
        durations=make_reader(lexicon.durations, lambda text: tuple(words(text))),
        finding_groups={f.id: f.group for f in kb.findings},
        warning_ids=kb.warning_sign_ids,
        persons={normaliser.canonical(k.lower()): v for k, v in lexicon.subject.persons.items()},
        sex_words={normaliser.canonical(k.lower()): v for k, v in lexicon.demographics.sex_words.items()},
        small_talk=frozenset(stop_words | filler),
        could_be_acute=_could_be_acute(lexicon, kb.acute_red_flag_ids),
        site_lists=_site_lists(lexicon, classes, words, {f.id: f.group for f in kb.findings}),
    )


def _site_lists(
    lexicon: Lexicon,
    classes: Mapping[str, tuple[tuple[str, ...], ...]],
    words: Callable[[str], list[str]],
    groups: Mapping[str, str],
) -> SiteLists | None:
    """Compile `context.site_lists`: each place phrase to its finding, the word sets as normalised words.

    The list-item modifiers of the clause rules ("left" in "calves and my left hand") lead into a place
    here too, so they are listed once, in `context.list_item_modifiers`.
    """
    section = lexicon.context.site_lists
    if section is None:
        return None
    places = {option: finding_id for name, finding_id in section.places.items() for option in classes[name]}
    lead_ins = (*section.lead_ins, *lexicon.context.list_item_modifiers)
    return SiteLists(
        places=places,
        longest=max((len(option) for option in places), default=0),
        joiners=frozenset(w for t in section.joiners for w in words(t)),
        lead_ins=frozenset(w for t in lead_ins for w in words(t)),
        closers=frozenset(w for t in section.closers for w in words(t)),
        openers=phrase_index(tuple(words(t)) for t in section.openers),
        followers=frozenset(o[0] for name in section.followers for o in classes[name] if len(o) == 1),
        sources=frozenset((*section.places.values(), *section.sources)),
        muscle_words=phrase_index(tuple(words(t)) for t in section.muscle_words),
        pronouns=frozenset(w for t in section.pronouns for w in words(t)),
        plural_pronouns=frozenset(w for t in section.plural_pronouns for w in words(t)),
        plural_endings=tuple(section.plural_endings),
        pronoun_links=frozenset(w for t in section.pronoun_links for w in words(t)),
        denials_after=frozenset(w for t in section.denials_after for w in words(t)),
        part_words=frozenset(w for t in section.part_words for w in words(t)),
        pro_verbs=phrase_index(tuple(words(t)) for t in section.pro_verbs),
        back_starts=frozenset(w for t in section.back_starts for w in words(t)),
        other_subjects=frozenset(f for f, group in groups.items() if group in section.other_subject_groups),
    )


def _could_be_acute(lexicon: Lexicon, acute: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Each finding the words may give, with the acute red flags it could stand for (see `CompiledLexicon`)."""
    candidates: dict[str, set[str]] = {}
    for flag in acute:
        entry = lexicon.findings.get(flag)
        related = {flag} | (set(entry.implies) | {entry.when_historical} if entry is not None else set())
        for finding_id in related - {"keep", "drop"}:
            candidates.setdefault(finding_id, set()).add(flag)
    return {finding_id: tuple(sorted(flags)) for finding_id, flags in candidates.items()}


def _phrases_with_inner_joiners(
    classes: Mapping[str, tuple[tuple[str, ...], ...]], joiners: frozenset[str]
) -> tuple[tuple[str, ...], ...]:
    """Class phrases with a joiner inside ("on and off"): their "and" starts no clause."""
    found = {o for options in classes.values() for o in options if any(w in joiners for w in o[1:-1])}
    return tuple(sorted(found))


def expand_class(lexicon: Lexicon, name: str, seen: frozenset[str] = frozenset()) -> list[str]:
    """A class's phrases, with `@other` members replaced by the phrases of class `other`."""
    phrases: list[str] = []
    for member in lexicon.classes[name]:
        if member.startswith("@"):
            other = member[1:]
            if other not in seen | {name}:
                phrases.extend(expand_class(lexicon, other, seen | {name}))
        else:
            phrases.append(member)
    return phrases


def _add_findings(patterns: PatternSet[Payload], lexicon: Lexicon) -> None:
    for finding_id, entry in lexicon.findings.items():
        kinds: tuple[tuple[PatternKind, tuple[str | ConditionalPattern, ...]], ...] = (
            ("present", entry.present),
            ("absent", entry.absent),
            ("denied_by", entry.denied_by),
            ("unless", entry.unless),
        )
        for kind, specs in kinds:
            for spec in specs:
                if isinstance(spec, str):
                    patterns.add(spec, FindingPattern(finding_id, kind))
                else:
                    payload = FindingPattern(finding_id, kind, spec.if_text_has, spec.unless_text_has)
                    patterns.add(spec.pattern, payload)


def _add_context(patterns: PatternSet[Payload], lexicon: Lexicon) -> None:
    context = lexicon.context
    categories: tuple[Category, ...] = ("negation", "uncertainty", "history", "other_person")
    for category in categories:
        triggers = getattr(context, category)
        for text in triggers.forward:
            patterns.add(text, TriggerPattern(category, "forward"))
        for text in triggers.backward:
            patterns.add(text, TriggerPattern(category, "backward"))
        for text in triggers.after:
            patterns.add(text, TriggerPattern(category, "after"))
        for text in triggers.object:
            patterns.add(text, TriggerPattern(category, "object"))
    for text in context.pseudo:
        patterns.add(text, TriggerPattern("pseudo", "forward"))
    for text in context.third_person:
        patterns.add(text, TriggerPattern("other_person", "forward", "self"))
    for text in context.first_person:
        patterns.add(text, TriggerPattern("other_person", "forward", "carer"))


def _add_demographics(patterns: PatternSet[Payload], lexicon: Lexicon) -> None:
    demographics = lexicon.demographics
    kinds: tuple[tuple[DemographicKind, tuple[str, ...]], ...] = (
        ("self_age", demographics.self_age),
        ("self_sex", demographics.self_sex),
        ("other_age", demographics.other_age),
        ("carer", lexicon.subject.carer),
    )
    for kind, texts in kinds:
        for text in texts:
            patterns.add(text, DemographicPattern(kind))


def _duration_vocabulary(lexicon: Lexicon) -> set[str]:
    durations = lexicon.durations
    plain = [
        *durations.numbers,
        *durations.vague_numbers,
        *durations.units,
        *durations.bare_plurals,
        *durations.weekdays,
        *durations.markers,
        *durations.ago,
    ]
    phrases = [*durations.relative, *durations.more_than, *durations.less_than, *durations.nearly]
    return {w.lower() for w in plain} | {w.lower() for p in phrases for w in p.split()}
