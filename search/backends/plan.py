"""The query plan of the embedded backends: what a parsed query asks of an engine.

A document matches when each word and number of the query occurs somewhere in it (number,
title, summary, text or any article), each quoted phrase in its title block or within one
article (SQLite) or anywhere (PostgreSQL), and no excluded word or phrase does; a document
number also matches its canonical key ("629/qd-ubnd" finds "629/QĐ-UBND", "5/2015/..." finds
"05/2015/..."). Elasticsearch matches the same way with its own queries. How matches rank:
``search.ranking_policy``.
"""

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from search.highlight import Matcher
from search.normalize import canonical_tones, exact_form, fold, normalize_number
from search.query import ParsedQuery, Term
from workflow.numbering import number_key

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# A word as the engines split text: letters and digits (and any combining mark left over).
_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_VOWELS = frozenset("aeiouy")


def tone_variants(word: str) -> tuple[str, ...]:
    """Spellings of ``word`` (an ``exact_form``) with its tone mark on another vowel of the
    same vowel group that ``exact_form`` reads as the same word: "hoà" -> ("hoà", "hòa").

    The embedded indexes store the lower-case text as written (old and new tone placement
    mixed) and look for every spelling, which is cheaper than canonicalising the whole corpus.
    """
    decomposed = unicodedata.normalize("NFD", word)
    bases: list[str] = []
    marks: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and bases:
            marks[-1] += char
        else:
            bases.append(char)
            marks.append("")
    toned = [i for i, m in enumerate(marks) if any(c in _TONE_MARKS for c in m)]
    if len(toned) != 1:
        return (word,)
    at = toned[0]
    tone = next(c for c in marks[at] if c in _TONE_MARKS)
    first = last = at
    while first > 0 and bases[first - 1].lower() in _VOWELS:
        first -= 1
    while last + 1 < len(bases) and bases[last + 1].lower() in _VOWELS:
        last += 1
    variants = [word]
    for target in range(first, last + 1):
        if target == at:
            continue
        moved = list(marks)
        moved[at] = moved[at].replace(tone, "")
        moved[target] += tone
        candidate = unicodedata.normalize(
            "NFC", "".join(b + m for b, m in zip(bases, moved, strict=True))
        )
        if canonical_tones(candidate) == word:
            variants.append(candidate)
    return tuple(dict.fromkeys(variants))


def has_diacritics(word: str) -> bool:
    return fold(word) != word


@dataclass(frozen=True)
class QueryPlan:
    """The parts of a parsed query each embedded backend turns into its own expressions."""

    parsed: ParsedQuery

    @cached_property
    def words_query(self) -> ParsedQuery:
        """Terms and phrases, without numbers or exclusions."""
        return ParsedQuery(terms=self.parsed.terms, phrases=self.parsed.phrases)

    @cached_property
    def has_words(self) -> bool:
        return bool(self.parsed.terms or self.parsed.phrases)

    @cached_property
    def whole_phrase(self) -> ParsedQuery | None:
        """The plain terms as one phrase, in the order typed (ranking only); None for one term."""
        if len(self.parsed.terms) < 2:
            return None
        return ParsedQuery(phrases=(self.parsed.terms,))

    @cached_property
    def clauses(self) -> tuple[ParsedQuery, ...]:
        """Each term, phrase and number alone: a unit matching any of them is worth showing."""
        return (
            *(ParsedQuery(terms=(term,)) for term in self.parsed.terms),
            *(ParsedQuery(phrases=(phrase,)) for phrase in self.parsed.phrases),
            *(ParsedQuery(numbers=(number,)) for number in self.parsed.numbers),
        )

    @cached_property
    def exclusions(self) -> tuple[ParsedQuery, ...]:
        """Each excluded phrase as a positive query (a document holding any is left out)."""
        return tuple(ParsedQuery(phrases=(phrase,)) for phrase in self.parsed.excluded)

    @cached_property
    def keys(self) -> dict[str, str]:
        """``number_key`` -> the query's number (normalised), for each number in the query."""
        keys: dict[str, str] = {}
        for number in self.parsed.numbers:
            with contextlib.suppress(ValueError):  # parsed, yet no valid number ("1/0000/x-y")
                keys.setdefault(number_key(number), number)
            keys.setdefault(normalize_number(number), number)
        return keys

    def without_number(self, key: str) -> ParsedQuery:
        """The query a document whose ``number_key`` is ``key`` must still match."""
        number = self.keys.get(key)
        numbers = tuple(n for n in self.parsed.numbers if n != number)
        return ParsedQuery(
            terms=self.parsed.terms,
            phrases=self.parsed.phrases,
            excluded=self.parsed.excluded,
            numbers=numbers,
        )

    @cached_property
    def exact_words(self) -> tuple[tuple[str, ...], ...]:
        """For each word typed with diacritics, its spellings (see ``tone_variants``).

        Words are single tokens ("629/qđ-ubnd" gives "qđ"), so that no engine reads a
        spelling as a phrase.
        """
        words = [
            *(term.exact for term in self.parsed.terms),
            *(word.exact for phrase in self.parsed.phrases for word in phrase),
        ]
        tokens = [token for word in words for token in _TOKEN.findall(exact_form(word))]
        return tuple(
            tone_variants(token) for token in dict.fromkeys(tokens) if has_diacritics(token)
        )

    @cached_property
    def word_count(self) -> int:
        """Query words, number parts included (to compare with the length of a title)."""
        count = len(self.parsed.terms) + sum(map(len, self.parsed.phrases))
        return count + sum(len(fold(n).replace("/", "-").split("-")) for n in self.parsed.numbers)

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher.for_query(self.parsed)

    @cached_property
    def phrase_matcher(self) -> Matcher:
        """The plain terms as one phrase (see ``whole_phrase``)."""
        return Matcher.build(phrases=[[term.folded for term in self.parsed.terms]])


def single_term(word: str) -> ParsedQuery:
    return ParsedQuery(terms=(Term(word, word),))
