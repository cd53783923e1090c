"""The free-text pipeline, stage by stage: text in, `ParsedText` out.

1. tokens: spaCy tokenises and splits sentences; each token gets its
   normalised form (spelling variants, typos) and clause boundaries are marked.
2. matcher: lexicon patterns find finding phrases, context triggers, word
   classes and demographic phrases.
3. demographics: who the text is about, and their age and sex.
4. context: negation, uncertainty, history and other-person scopes decide each
   mention's status and list.
5. rules: implications, durations, episode lengths, combinations.
6. resolve: conflicts settled, duplicates merged, leftovers reported.

Everything language-specific is in the lexicon; this module is the same for
every language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from twitchcheck.nlu.compiler import (
    ClassPattern,
    CompiledLexicon,
    DemographicPattern,
    FindingPattern,
    Payload,
    TriggerPattern,
    compiled_lexicon,
)
from twitchcheck.nlu.context import Scope, Trigger, build_scopes, context_of, drop_consumed, resolve_overlaps
from twitchcheck.nlu.demographics import (
    DemographicHits,
    SubjectReading,
    read_age_sex,
    read_subject,
    resumes_own_thing,
)
from twitchcheck.nlu.durations import TimeSpan, choose_onset
from twitchcheck.nlu.matcher import Match
from twitchcheck.nlu.models import FindingMention, ParsedText, Status, UnsureMention, UnsureReason
from twitchcheck.nlu.normalise import clean_text, fold_text
from twitchcheck.nlu.resolve import dedupe, resolve_conflicts
from twitchcheck.nlu.rules import Mention, apply_derivations, apply_episodes, apply_implications
from twitchcheck.nlu.site_lists import extend_site_lists
from twitchcheck.nlu.tokens import TokenStream, build_stream

_MIN_WORDS_TO_REPORT = 2


def parse_text(text: str, *, language: str = "en", today: date | None = None) -> ParsedText:
    """Read findings, age, sex and subject from a person's free text.

    `today` dates what the text says on the calendar ("since March"); it is the real date unless given.

    >>> parse_text("No fever but my calf twitches.").present_ids
    ['twitch_leg_calf']
    """
    return parse_with(clean_text(text), compiled_lexicon(language), today=today)


@dataclass
class _Sorted:
    """A text's pattern matches sorted by what they mean."""

    findings: list[tuple[FindingPattern, Match]] = field(default_factory=list)
    vetoes: dict[str, list[Match]] = field(default_factory=dict)
    triggers: list[tuple[TriggerPattern, Match]] = field(default_factory=list)
    classes: dict[str, dict[int, str]] = field(default_factory=dict)
    carer: list[Match] = field(default_factory=list)
    self_age: list[Match] = field(default_factory=list)
    self_sex: list[Match] = field(default_factory=list)
    other_age: list[Match] = field(default_factory=list)


@dataclass
class _Buckets:
    """Mentions by where they end up."""

    asserted: list[tuple[Mention, FindingPattern]] = field(default_factory=list)
    uncertain: list[Mention] = field(default_factory=list)
    historical: list[Mention] = field(default_factory=list)
    about_others: list[Mention] = field(default_factory=list)
    doubted: list[tuple[Mention, UnsureReason]] = field(default_factory=list)  # asked as a question, or misspelled


def parse_with(text: str, lex: CompiledLexicon, *, today: date | None = None) -> ParsedText:
    """Parse `text` with a compiled lexicon (see `compiled_lexicon`)."""
    stream = build_stream(
        fold_text(text), language=lex.lexicon.language, normalise=lex.normalise, rules=lex.clause_rules
    )
    hits = _sort_hits(stream, lex.patterns.find(stream))
    pseudo = frozenset(i for p, m in hits.triggers if p.category == "pseudo" for i in range(m.start, m.end))
    demographic = DemographicHits(hits.carer, hits.self_age, hits.self_sex, hits.other_age, pseudo)
    candidates = [(p, m) for p, m in hits.findings if not _vetoed(p.finding_id, m, hits.vetoes)]
    candidates = _within_list_items(stream, candidates, lex)
    own = [
        (p.finding_id, m.start)
        for p, m in candidates
        if p.kind == "present" and not lex.lexicon.findings[p.finding_id].about_others
    ]
    reading = read_subject(stream, demographic, lex, findings=own)
    age, sex = read_age_sex(stream, reading, demographic, lex)
    candidates = _about_the_patient(stream, candidates, reading, lex)

    consuming = (m.explicit for p, m in candidates if p.kind == "present")
    triggers = drop_consumed(_triggers(stream, hits.triggers, reading, lex), consuming)
    scopes = build_scopes(stream, triggers, lex.lexicon.context.max_scope_tokens)
    buckets = _classify(stream, _specific_denials(candidates), scopes, lex)

    asserted = _apply_conditions(buckets.asserted)
    asserted.extend(extend_site_lists(stream, asserted, lex.site_lists))
    spans = lex.durations.spans(stream, today=today)
    asserted = apply_implications(asserted, lex.lexicon)
    asserted.extend(_onset(spans, asserted, lex, stream))
    # derived findings first, so an episode can be one ("fell to the floor, arms and legs jerking" is a fit,
    # and the "6 minutes" that follow are that fit's length)
    asserted = apply_derivations(asserted, lex.lexicon, hits.classes, spans)
    asserted = apply_episodes(asserted, spans, lex.lexicon)
    asserted = apply_implications(asserted, lex.lexicon)
    present, absent = resolve_conflicts(asserted)
    decided = {m.finding_id for m in (*present, *absent)}
    uncertain = dedupe(m for m in buckets.uncertain if m.finding_id not in decided)

    used = _used_tokens(asserted, buckets, hits)
    settled = {m.finding_id for m in present}
    return ParsedText(
        present=[_public(m, stream, text) for m in present],
        absent=[_public(m, stream, text) for m in absent],
        uncertain=[_public(m, stream, text) for m in uncertain],
        historical=[_public(m, stream, text) for m in dedupe(buckets.historical)],
        unsure=_unsure(buckets, uncertain, settled, lex, stream, text),
        age=age,
        sex=sex,
        subject=reading.subject,
        not_understood=_not_understood(stream, used, text, lex.small_talk),
    )


def _sort_hits(stream: TokenStream, found: Iterable[tuple[Payload, Match]]) -> _Sorted:
    hits = _Sorted()
    for payload, match in found:
        if isinstance(payload, FindingPattern):
            if payload.kind == "unless":
                hits.vetoes.setdefault(payload.finding_id, []).append(match)
            else:
                hits.findings.append((payload, match))
        elif isinstance(payload, TriggerPattern):
            hits.triggers.append((payload, match))
        elif isinstance(payload, ClassPattern):
            sentence = stream.tokens[match.start].sentence
            hits.classes.setdefault(payload.name, {}).setdefault(sentence, stream.span_text(match.start, match.end - 1))
        elif isinstance(payload, DemographicPattern):
            getattr(hits, payload.kind).append(match)
    return hits


def _specific_denials(candidates: Sequence[tuple[FindingPattern, Match]]) -> list[tuple[FindingPattern, Match]]:
    """Drop a loose denial ("pain" as in "no pain") whose words belong to a longer phrase of another finding.

    "No chest pain" denies chest pain, not every pain: the word "pain" there is part
    of "chest pain", which another finding matched. "No pain or weakness" still
    denies both, as "pain" is not inside anything longer.
    """
    spans = [(p.finding_id, min(m.explicit), max(m.explicit)) for p, m in candidates]

    def inside_longer(payload: FindingPattern, match: Match) -> bool:
        first, last = min(match.explicit), max(match.explicit)
        return any(
            other != payload.finding_id and start <= first and last <= end and (end - start) > (last - first)
            for other, start, end in spans
        )

    return [(p, m) for p, m in candidates if not (p.kind == "denied_by" and inside_longer(p, m))]


def _within_list_items(
    stream: TokenStream, candidates: Sequence[tuple[FindingPattern, Match]], lex: CompiledLexicon
) -> list[tuple[FindingPattern, Match]]:
    """Drop a phrase whose gap runs over a comma and another finding: its words are two items of a list.

    In "fingers tingle, cramps in hands and feet" the tingling and the hands are
    two items ("cramps in hands" is another finding between them, or one starts
    after the comma: "lid flickers, rest of the face is normal"), so the
    fingers' tingling is not numb limbs. A gap over a comma alone still joins
    ("twitching all over, arms, legs"), as does a phrase that takes its subject
    up again after the comma ("my arm feels weak, and it twitches"). Words that
    may be an urgent sign are never dropped this way: the interview asks what
    the text left unclear.
    """
    explicit = [m.explicit for _p, m in candidates]
    starters = lex.clause_rules.starters

    def joins_two_items(payload: FindingPattern, match: Match) -> bool:
        if payload.kind != "present" or lex.could_be_acute.get(payload.finding_id):
            return False
        gap = frozenset(range(min(match.explicit), max(match.explicit) + 1)) - match.explicit
        commas = [i for i in gap if stream.tokens[i].norm in (",", ";")]
        if not commas:
            return False
        if any(stream.tokens[i].norm in starters for i in match.explicit if i > min(commas)):
            return False
        after_comma = frozenset(i for i in gap if i > min(commas))
        return any(other <= gap or min(other) in after_comma for other in explicit)

    return [(p, m) for p, m in candidates if not joins_two_items(p, m)]


def _vetoed(finding_id: str, match: Match, vetoes: dict[str, list[Match]]) -> bool:
    return any(v.start < match.end and match.start < v.end for v in vetoes.get(finding_id, ()))


def _triggers(
    stream: TokenStream, found: Sequence[tuple[TriggerPattern, Match]], reading: SubjectReading, lex: CompiledLexicon
) -> list[Trigger]:
    """Context triggers that apply to this text (who is the patient decides some of them)."""
    carer = reading.subject == "other"
    triggers = []
    for payload, match in found:
        if (payload.mode == "self" and carer) or (payload.mode == "carer" and not carer):
            continue
        if payload.category == "other_person" and carer and _names_patient(stream, match, reading):
            continue
        if payload.mode == "carer" and _introduces_patient(match, reading):
            continue  # "I support a man with epilepsy": the epilepsy is the man's
        if payload.mode == "self" and resumes_own_thing(stream, match.start, lex):
            continue  # "mon mollet il bouge": the pronoun is the calf
        cue = stream.span_text(match.start, match.end - 1)
        triggers.append(Trigger(payload.category, payload.direction, match.start, match.end, match.explicit, cue))
    return resolve_overlaps(triggers)


# "I am a support worker for a woman with MS": the "I" a few words before the carer phrase is its own
_INTRODUCTION_LEAD = 4


def _introduces_patient(match: Match, reading: SubjectReading) -> bool:
    """Whether a first-person trigger belongs to the carer phrase that named the patient."""
    span = reading.introduced_by
    return span is not None and span[0] - _INTRODUCTION_LEAD <= match.start and match.end <= span[1]


def _about_the_patient(
    stream: TokenStream,
    candidates: Sequence[tuple[FindingPattern, Match]],
    reading: SubjectReading,
    lex: CompiledLexicon,
) -> list[tuple[FindingPattern, Match]]:
    """A relative's condition that names the patient of a carer's text is the patient's own.

    "Dad is 71 and has motor neurone disease" read as family history would drop
    the known condition of the man the text is about; it is his
    (`when_about_patient` in the lexicon). "My grandad had ALS" in the same text
    stays family history.
    """
    if reading.subject != "other" or reading.patient_noun is None:
        return list(candidates)
    result = []
    for payload, match in candidates:
        instead = lex.lexicon.findings[payload.finding_id].when_about_patient
        if instead is not None and payload.kind == "present" and _names_patient(stream, match, reading):
            payload = replace(payload, finding_id=instead)
        result.append((payload, match))
    return result


def _names_patient(stream: TokenStream, match: Match, reading: SubjectReading) -> bool:
    return any(stream.tokens[i].norm == reading.patient_noun for i in match.explicit)


def _classify(
    stream: TokenStream,
    candidates: Sequence[tuple[FindingPattern, Match]],
    scopes: Sequence[Scope],
    lex: CompiledLexicon,
) -> _Buckets:
    """Give each candidate its status and list, from the triggers whose scope covers it."""
    buckets = _Buckets()
    for payload, match in candidates:
        entry = lex.lexicon.findings[payload.finding_id]
        first, last = min(match.explicit), max(match.explicit)
        if payload.kind == "absent" and _spans_list_items(stream, first, last) and not _said_of_all(stream, match, lex):
            continue  # "chest pain, breathing ok" says breathing is fine, not the chest
        sentence = stream.tokens[first].sentence
        context = context_of(match.explicit, scopes)
        status: Status = "absent" if payload.kind == "absent" else "present"
        cue = None
        if context.negation is not None and _flips(payload, context.negation, first, last):
            status = "absent" if status == "present" else "present"
            cue = context.negation.cue
        mention = Mention(payload.finding_id, status, first, last, sentence, cue)
        if context.other_person is not None and not entry.about_others:
            buckets.about_others.append(mention)
            continue
        if payload.kind == "denied_by" and mention.status != "absent":
            continue
        if context.uncertainty is not None:
            buckets.uncertain.append(replace(mention, cue=context.uncertainty.cue))
            continue
        if context.history is not None and mention.status == "present" and entry.when_historical != "keep":
            past = replace(mention, cue=context.history.cue)
            buckets.historical.append(past)
            if entry.when_historical != "drop":
                mapped = Mention(entry.when_historical, "present", first, last, sentence, context.history.cue, True)
                buckets.asserted.append((mapped, FindingPattern(entry.when_historical, "present")))
            continue
        flags = lex.could_be_acute.get(payload.finding_id, ())
        doubt = _doubt(stream, match.explicit, lex) if flags and mention.status == "present" else None
        if doubt is not None:
            buckets.doubted.append((mention, doubt))
            if doubt == "question" or payload.finding_id in flags:
                continue  # a question states nothing; an urgent sign is not assumed from a guessed spelling
        buckets.asserted.append((mention, payload))
    return buckets


def _spans_list_items(stream: TokenStream, first: int, last: int) -> bool:
    """Whether tokens [first, last] run across a comma or semicolon, so into the next item of a list."""
    return any(stream.tokens[i].norm in (",", ";") for i in range(first + 1, last))


def _said_of_all(stream: TokenStream, match: Match, lex: CompiledLexicon) -> bool:
    """Whether a "normal" phrase over a list says it of every item ("walking, eyes, bladder all the same")."""
    words = frozenset(lex.lexicon.context.list_predicates)
    return any(stream.tokens[i].norm in words for i in match.explicit)


def _doubt(stream: TokenStream, explicit: frozenset[int], lex: CompiledLexicon) -> UnsureReason | None:
    """Why words that could be an urgent sign are not taken as one: a question, or a guessed spelling; else None.

    A question is the words' own part of the sentence ending in "?" ("am I having
    seizures??"; but not "I had a seizure this morning, is that related?", whose
    question is the part after the comma). A guessed spelling is a word the typo
    corrector changed; a listed variant ("siezure") is not a guess.
    """
    tokens = stream.tokens
    for j in range(max(explicit) + 1, len(tokens)):
        if stream.boundary_before[j] or tokens[j].norm in (",", ";"):
            break
        if stream.is_break[j]:
            if tokens[j].norm == "?":
                return "question"
            break
    for i in explicit:
        word = tokens[i].text.lower()
        if len(word) < lex.lexicon.fuzzy.min_length or not word.isalpha():
            continue
        canonical = lex.normaliser.canonical(word)
        if canonical != tokens[i].norm and not lex.fuzzy.is_known(canonical):
            return "misspelled"
    return None


def _flips(payload: FindingPattern, negation: Trigger, first: int, last: int) -> bool:
    """Whether a negation flips this mention.

    A phrase that already says "normal" ("speech is normal") is flipped only by
    a negation inside it, right before it ("he isn't thinking clearly", "she
    doesn't know where she is"), or after it ("speech is not normal"); in "no
    droop, speech is normal" the "no" belongs to the list before it.
    """
    if payload.kind != "absent":
        return True
    if negation.direction != "backward" and negation.end == first:
        return True
    return negation.start > first or (negation.direction == "backward" and negation.start > last)


def _apply_conditions(asserted: Sequence[tuple[Mention, FindingPattern]]) -> list[Mention]:
    """Keep conditional mentions only when the findings they depend on are (not) asserted.

    An `if_text_has` condition may be met by another conditional finding that is kept ("her eyes rolled
    back" is a fit only beside jerking, and "the first time" is a first fit only beside a fit), so those
    are kept until nothing more is added. An `unless_text_has` veto is judged on the unconditional
    findings only, so that the result does not depend on the order of the patterns.
    """
    unconditional = {
        m.finding_id for m, p in asserted if m.status == "present" and not p.if_text_has and not p.unless_text_has
    }
    allowed = [
        not (payload.unless_text_has and unconditional & set(payload.unless_text_has)) for _, payload in asserted
    ]
    known = set(unconditional)
    kept: set[int] = set()
    grew = True
    while grew:
        grew = False
        for index, (mention, payload) in enumerate(asserted):
            if index in kept or not allowed[index]:
                continue
            if payload.if_text_has and not known & set(payload.if_text_has):
                continue
            kept.add(index)
            if mention.status == "present" and mention.finding_id not in known:
                known.add(mention.finding_id)
                grew = True
    return [mention for index, (mention, _) in enumerate(asserted) if index in kept]


def _onset(
    spans: Sequence[TimeSpan], asserted: Sequence[Mention], lex: CompiledLexicon, stream: TokenStream
) -> list[Mention]:
    """The one duration finding of the complaint, if the text says when it started."""
    groups = lex.lexicon.durations.anchor_groups
    relevance: dict[int, int] = {}
    twitch_clauses: set[int] = set()
    for mention in asserted:
        group = lex.finding_groups.get(mention.finding_id)
        if mention.status != "present" or group not in groups:
            continue
        score = 2 if group == groups[0] else 1
        relevance[mention.sentence] = max(relevance.get(mention.sentence, 0), score)
        if score == 2:
            twitch_clauses.update(stream.clause_start(i) for i in range(mention.first, mention.last + 1))
    categories = [(c.finding, c.up_to_days) for c in lex.lexicon.durations.categories]
    chosen = choose_onset(spans, relevance, categories, frozenset(twitch_clauses))
    if chosen is None:
        return []
    finding_id, span = chosen
    return [Mention(finding_id, "present", span.start, span.end - 1, span.sentence)]


def _unsure(
    buckets: _Buckets,
    uncertain: Sequence[Mention],
    settled: set[str],
    lex: CompiledLexicon,
    stream: TokenStream,
    text: str,
) -> list[UnsureMention]:
    """Every mention that could be an acute red flag and was not read as present, named by the flag(s) to ask."""
    doubted: list[tuple[Mention, UnsureReason]] = [
        *buckets.doubted,
        *((m, "hedged") for m in uncertain),
        *((m, "past") for m in buckets.historical),
        *((m, "other_person") for m in buckets.about_others),
    ]
    found: dict[tuple[str, int], UnsureMention] = {}
    for mention, reason in doubted:
        public = _public(mention, stream, text)
        for flag in lex.could_be_acute.get(mention.finding_id, ()):
            if flag in settled or (flag, public.start) in found:
                continue
            found[(flag, public.start)] = UnsureMention(
                finding_id=flag,
                mentioned=mention.finding_id,
                reason=reason,
                text=public.text,
                start=public.start,
                end=public.end,
            )
    return sorted(found.values(), key=lambda m: (m.start, m.finding_id))


def _used_tokens(asserted: Sequence[Mention], buckets: _Buckets, hits: _Sorted) -> set[int]:
    used: set[int] = set()
    doubted = (mention for mention, _reason in buckets.doubted)
    for mention in (*asserted, *buckets.uncertain, *buckets.historical, *buckets.about_others, *doubted):
        used.update(range(mention.first, mention.last + 1))
        if mention.said_at is not None:
            used.update(range(mention.said_at[0], mention.said_at[1] + 1))
    for match in (*hits.carer, *hits.self_age, *hits.self_sex, *hits.other_age):
        used.update(range(match.start, match.end))
    return used


def _not_understood(stream: TokenStream, used: set[int], text: str, small_talk: frozenset[str]) -> list[str]:
    """Clauses of two words or more from which nothing at all was read, small talk left out.

    A clause is the unit: short enough to point at what was missed, long enough to
    read. A time expression that dated no finding ("today") does not make a clause
    used, and a clause of greetings, thanks and stop words ("hi there, thanks for
    reading") is not worth showing back.
    """
    leftovers = []
    clause: list[int] = []
    for i in range(len(stream.tokens) + 1):
        if i == len(stream.tokens) or (clause and stream.boundary_before[i]):
            words = [j for j in clause if stream.tokens[j].norm[:1].isalpha()]
            chatter = all(stream.tokens[j].norm in small_talk for j in words)
            if len(words) >= _MIN_WORDS_TO_REPORT and not used & set(clause) and not chatter:
                leftovers.append(text[stream.tokens[words[0]].start : stream.tokens[words[-1]].end])
            clause = []
        if i < len(stream.tokens) and not stream.is_break[i]:
            clause.append(i)
    return leftovers


def _public(mention: Mention, stream: TokenStream, text: str) -> FindingMention:
    start = stream.tokens[mention.first].start
    end = stream.tokens[mention.last].end
    return FindingMention(
        finding_id=mention.finding_id,
        status=mention.status,
        text=text[start:end],
        start=start,
        end=end,
        cue=mention.cue,
    )
