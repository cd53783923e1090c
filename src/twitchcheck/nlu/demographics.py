"""Who the text is about (the writer or someone they care for), and that person's age and sex.

Why it matters: "my mum, 78, has started shaking" is about a 78-year-old
woman, and the shaking is hers, so it is a finding of the patient. But in "my
dad had ALS and my calf twitches" the writer is the patient and the ALS is
family history. Getting the subject wrong would give a finding to the wrong
person, so the rules are conservative:

1. A carer phrase from the lexicon ("writing about my mum", "my son is 7",
   "my mum, 78,") makes the person named the patient.
2. Otherwise a text that opens with "my <person>" doing something (not just
   observing: "my wife says I..." stays about the writer) and then talks
   about "he"/"she" more than about "I"/"me" is about that person.
3. A text that never says "I"/"me" but says "he"/"she" is about someone else
   ("She keeps zoning out"), even if it never names them; so is one whose
   opening sentence reports a finding of "my <person>" and never says "I"
   ("My husband has had a fit. I'm panicking.").
4. Otherwise the writer is the patient.

Ages must be plain years: "my baby is six weeks old" is not an age of 6.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from twitchcheck.knowledge.models import Sex
from twitchcheck.nlu.compiler import CompiledLexicon
from twitchcheck.nlu.matcher import Match
from twitchcheck.nlu.models import Subject
from twitchcheck.nlu.tokens import TokenStream

_OPENING_WINDOW = 4
_LEAD_IN = 6  # the most words a call for help before the opening may have ("need help quick -")
_LEAD_IN_ENDS = frozenset({"-", "--", "–", "—", ":"})


@dataclass(frozen=True)
class SubjectReading:
    """Who the text is about; for a carer's text, the patient's noun and token."""

    subject: Subject
    patient_noun: str | None = None
    patient_token: int | None = None
    age: int | None = None
    # tokens [start, end) of the carer phrase that named the patient ("I support a 41 year old man"):
    # its "I" introduces the patient, it does not make what follows the writer's own
    introduced_by: tuple[int, int] | None = None


@dataclass(frozen=True)
class DemographicHits:
    """The demographic pattern matches of one text, by kind."""

    carer: Sequence[Match]
    self_age: Sequence[Match]
    self_sex: Sequence[Match]
    other_age: Sequence[Match]
    # tokens of pseudo-trigger phrases: a "he"/"she" there is no one ("il y a", "ma jambe, elle tremble")
    no_one: frozenset[int] = frozenset()


def read_subject(
    stream: TokenStream,
    hits: DemographicHits,
    lex: CompiledLexicon,
    *,
    findings: Sequence[tuple[str, int]] = (),
) -> SubjectReading:
    """Decide whether the text is about the writer or about someone they care for.

    `findings` are (finding id, first token) of phrases that could be the
    patient's (family-history phrases excluded): see `_opening_tells_symptoms`.
    """
    norms = [t.norm for t in stream.tokens]
    for match in sorted(hits.carer, key=lambda m: m.start):
        person = _person_token(match, norms, lex)
        age = _age_in(match, stream, lex)
        states_number = any(lex.durations.is_number(norms[i]) for i in match.explicit)
        if person is not None and (age is not None or not states_number):
            return SubjectReading("other", norms[person], person, age, (match.start, match.end))
    opening = _opening_person(stream, norms, lex)
    third_person = lex.lexicon.context.third_person
    resumed = frozenset(i for i, norm in enumerate(norms) if norm in third_person and resumes_own_thing(stream, i, lex))
    first, third = _pronoun_counts(norms, lex, hits.no_one | resumed)
    if third > first and (opening is not None or first == 0):
        return SubjectReading("other", norms[opening] if opening is not None else None, opening)
    if opening is not None and _opening_tells_symptoms(stream, norms, lex, findings):
        return SubjectReading("other", norms[opening], opening)
    return SubjectReading("self")


def _opening_tells_symptoms(
    stream: TokenStream, norms: Sequence[str], lex: CompiledLexicon, findings: Sequence[tuple[str, int]]
) -> bool:
    """Whether an opening about "my <person>" makes that person the patient.

    It does when the opening sentence reports a finding without any "I", "me"
    or "my <thing>", and either the writer reports nothing of their own in the
    first person, or the opening holds a warning sign ("My husband has had a
    fit. I'm exhausted."): a missed fit is worse than a misplaced tiredness.
    """
    acting = _writer_acting_tokens(norms, lex)  # "what do I do" is the writer asking for help, not a symptom
    own = [i for i in range(len(norms)) if _first_person_at(norms, i, lex) and i not in acting]
    first, end = stream.sentences[0]
    if any(first <= i < end for i in own):
        return False
    opening = [fid for fid, start in findings if first <= start < end]
    if not opening:
        return False
    own_sentences = {stream.tokens[i].sentence for i in own}
    writer_reports = any(stream.tokens[start].sentence in own_sentences for _, start in findings)
    return not writer_reports or any(fid in lex.warning_ids for fid in opening)


_RESUMED_WITHIN = 3


def resumes_own_thing(stream: TokenStream, index: int, lex: CompiledLexicon) -> bool:
    """Whether the third-person pronoun at `index` takes up the writer's own thing just before it.

    Spoken French repeats the subject as a pronoun ("mon mollet il bouge tout
    seul", "ma paupière elle saute"): that "il" is the calf, not another person.
    It is when "my <thing>" (not "my <person>") starts within a few words
    before, in the same clause.
    """
    start = max(0, index - _RESUMED_WITHIN)
    norms = [t.norm for t in stream.tokens[start : index + 2]]  # the few words before, and "my" + the next
    for i in range(index - 1, start - 1, -1):
        if stream.boundary_before[i + 1] or stream.is_break[i]:
            return False
        if norms[i - start] in lex.lexicon.subject.possessives:
            return _first_person_at(norms, i - start, lex)
    return False


def _first_person_at(norms: Sequence[str], i: int, lex: CompiledLexicon) -> bool:
    """ "I", "me", or "my" not followed by a person ("my calf", not "my husband")."""
    if norms[i] in lex.lexicon.context.first_person:
        return True
    is_possessive = norms[i] in lex.lexicon.subject.possessives
    return is_possessive and (i + 1 >= len(norms) or norms[i + 1] not in lex.persons)


def read_age_sex(
    stream: TokenStream, reading: SubjectReading, hits: DemographicHits, lex: CompiledLexicon
) -> tuple[int | None, Sex | None]:
    """Age and sex of the patient (the writer, or the person cared for)."""
    norms = [t.norm for t in stream.tokens]
    if reading.subject == "other":
        age = reading.age
        if age is None:
            age = next((a for m in hits.other_age if (a := _age_in(m, stream, lex)) is not None), None)
        return age, _other_sex(norms, reading, lex, hits.no_one)
    age = next((a for m in hits.self_age if (a := _age_in(m, stream, lex)) is not None), None)
    sex = next((s for m in hits.self_sex if (s := _sex_in(m, norms, lex)) is not None), None)
    compact_age, compact_sex = _compact(stream, lex)
    return (age if age is not None else compact_age), (sex if sex is not None else compact_sex)


def _person_token(match: Match, norms: Sequence[str], lex: CompiledLexicon) -> int | None:
    """The token naming the patient in a carer phrase: a person word ("my mum"), else a sex word.

    A paid carer names the person by a plain noun ("I support a 41 year old man"), which is a sex
    word, not a family word.
    """
    explicit = sorted(match.explicit)
    person = next((i for i in explicit if norms[i] in lex.persons), None)
    return person if person is not None else next((i for i in explicit if norms[i] in lex.sex_words), None)


def _age_in(match: Match, stream: TokenStream, lex: CompiledLexicon) -> int | None:
    """The age a demographic match states, if its number is a plausible age in years."""
    norms = [t.norm for t in stream.tokens]
    words = lex.lexicon.durations
    demographics = lex.lexicon.demographics
    for i in sorted(match.explicit):
        value = lex.durations.number_value(norms[i])
        if value is None or norms[i] in words.articles:
            continue
        unit = words.units.get(norms[i + 1]) if i + 1 < len(norms) else None
        if unit is not None and unit != "year":
            return None
        if value != int(value) or not demographics.min_age <= value <= demographics.max_age:
            return None
        return int(value)
    return None


def _sex_in(match: Match, norms: Sequence[str], lex: CompiledLexicon) -> Sex | None:
    for i in sorted(match.explicit):
        sex = _as_sex(lex.sex_words.get(norms[i]))
        if sex is not None:
            return sex
    return None


def _as_sex(value: str | None) -> Sex | None:
    if value == "female":
        return "female"
    if value == "male":
        return "male"
    return None


def _compact(stream: TokenStream, lex: CompiledLexicon) -> tuple[int | None, Sex | None]:
    """Forms like "34F", "F34", "52yo" that spaCy keeps as one token."""
    demographics = lex.lexicon.demographics
    for token in stream.tokens:
        for pattern in demographics.compact:
            found = re.fullmatch(pattern, token.text.lower())
            if not found:
                continue
            groups = found.groupdict()
            age = int(groups["age"]) if groups.get("age") else None
            if age is not None and not demographics.min_age <= age <= demographics.max_age:
                continue
            sex_letter = groups.get("sex")
            return age, _as_sex(demographics.compact_sex_letters.get(sex_letter) if sex_letter else None)
    return None, None


def _opening_person(stream: TokenStream, norms: Sequence[str], lex: CompiledLexicon) -> int | None:
    """The token of "<person>" when the first sentence opens with "my <person>" acting.

    A short call for help before a dash or colon ("Need help quick - my husband's hand...", "URGENT: my
    son...") is not the opening: what follows it is.
    """
    if not stream.sentences:
        return None
    first, last = stream.sentences[0]
    lead_in = next((i for i in range(first, min(last, first + _LEAD_IN)) if norms[i] in _LEAD_IN_ENDS), None)
    if lead_in is not None:
        first = lead_in + 1
    observers = {w for option in lex.patterns.classes["observer_verb"] for w in option}
    possessives = set(lex.lexicon.subject.possessives)
    for i in range(first, min(last, first + _OPENING_WINDOW)):
        if norms[i] in possessives and i + 1 < last and norms[i + 1] in lex.persons:
            after = norms[i + 2] if i + 2 < last else ""
            return None if after in observers else i + 1
    return None


def _pronoun_counts(norms: Sequence[str], lex: CompiledLexicon, no_one: frozenset[int]) -> tuple[int, int]:
    """How often the text says I/me and he/she/his/her (not counting a he/she that is no one)."""
    context = lex.lexicon.context
    acting = _writer_acting_tokens(norms, lex)
    first = sum(1 for i, n in enumerate(norms) if n in context.first_person and i not in acting)
    third = sum(1 for i, n in enumerate(norms) if n in context.third_person and i not in no_one)
    return first, third


def _writer_acting_tokens(norms: Sequence[str], lex: CompiledLexicon) -> set[int]:
    """Tokens of phrases in which the writer acts for someone else ("what do I do")."""
    covered: set[int] = set()
    present = set(norms)
    for phrase in lex.lexicon.subject.writer_acting:
        words = phrase.split()
        if not present.issuperset(words):
            continue
        for start in range(len(norms) - len(words) + 1):
            if list(norms[start : start + len(words)]) == words:
                covered.update(range(start, start + len(words)))
    return covered


def _other_sex(
    norms: Sequence[str], reading: SubjectReading, lex: CompiledLexicon, no_one: frozenset[int]
) -> Sex | None:
    noun = reading.patient_noun or ""
    by_noun = _as_sex(lex.persons.get(noun)) or _as_sex(lex.sex_words.get(noun))  # "my son", "a man"
    if by_noun is not None:
        return by_noun
    subject = lex.lexicon.subject
    female = sum(1 for i, n in enumerate(norms) if n in subject.female_pronouns and i not in no_one)
    male = sum(1 for i, n in enumerate(norms) if n in subject.male_pronouns and i not in no_one)
    if female > male:
        return "female"
    if male > female:
        return "male"
    return None
