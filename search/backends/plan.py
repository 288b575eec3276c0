"""The query plan of the embedded backends: what a parsed query asks of an engine.

A document matches when each word and number of the query occurs somewhere in it (number,
title, summary, text or any article), each quoted phrase in its title block or within one
article (both engines find it through pairs of consecutive words), and no excluded word or
phrase does; a document
number also matches its canonical key ("629/qd-ubnd" finds "629/QĐ-UBND", "5/2015/..." finds
"05/2015/..."). Elasticsearch matches the same way with its own queries. How matches rank:
``search.ranking_policy``.
"""

import contextlib
from dataclasses import dataclass
from functools import cached_property

from cms.numbers import normalize_number, number_key
from cms.text import ENGINE_WORD, WORD, exact_form, fold, has_diacritics, tone_variants
from search.highlight import Matcher
from search.query import ParsedQuery, Term


def heading_key(text: str) -> str:
    """A title or heading as compared with a whole query: its folded words, each once, in
    order (queries lose repeated words: "hành vi vi phạm" is typed "hanh vi vi pham")."""
    return " ".join(dict.fromkeys(WORD.findall(fold(text))))


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
    def heading_key(self) -> str:
        """The query as a title or heading (see ``heading_key``): plain words or one phrase of
        two words or more, no number; "" otherwise."""
        parsed = self.parsed
        if parsed.terms and not (parsed.phrases or parsed.numbers):
            words = parsed.terms
        elif len(parsed.phrases) == 1 and not (parsed.terms or parsed.numbers):
            words = parsed.phrases[0]
        else:
            return ""
        key = heading_key(" ".join(word.folded for word in words))
        return key if " " in key else ""

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
        tokens = [token for word in words for token in ENGINE_WORD.findall(exact_form(word))]
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
