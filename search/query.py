"""Parse what a clerk types in the search box into plain data, never into engine syntax.

Understood:

- words: every word must match;
- ``"a phrase"`` (also “curly” or „low“ quotes): the words in this order; an unclosed quote is
  ignored;
- ``-word``, ``-"a phrase"`` and ``NOT word``: exclude; the minus must start the word, so
  "COVID-19" and "629/QĐ-UBND" are not exclusions; a lone "-" is dropped;
- document numbers ("629/QĐ-UBND", "30/2020/NĐ-CP") are kept whole, in normalised form.

Everything else is plain text: punctuation, including ``( ) * : ^ +``, separates words (so
"title:foo" is the words "title" and "foo"), and control characters are removed. Upper-case
``AND``, ``OR`` and ``NEAR`` outside quotes are dropped: every word must match anyway, and
alternatives are not offered. Lower-case "and", "or", "not", "near" and any word inside quotes
are ordinary words. A trailing "NOT" is dropped like the others.

Limit (``QueryError``): more than ``MAX_QUERY_LENGTH`` characters as typed. Any number of words
is parsed; an engine is asked at most ``MAX_TERMS`` (terms, phrase words, excluded words and
numbers, repeats counted): ``shorten`` keeps the most selective ones (people paste whole
sentences and article headings).
"""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from cms.numbers import looks_like_number, normalize_number, tokens
from cms.text import exact_form, fold, nfc

MAX_QUERY_LENGTH = 500
MAX_TERMS = 32

_DROPPED_OPERATORS = frozenset(("AND", "OR", "NEAR", "NOT"))
_QUOTES = '"\u201c\u201d\u201e'
# A chunk or phrase, optionally negated by a "-" that starts the chunk or by "NOT ".
_LEXER = re.compile(
    r"(?:(?<!\S)(?P<neg>-|NOT\s+(?=\S)))?"
    rf"(?:[{_QUOTES}](?P<phrase>[^{_QUOTES}]*)[{_QUOTES}]|(?P<chunk>[^\s{_QUOTES}]+))"
)


class QueryError(ValueError):
    """A query the search refuses; the message is meant for the user, in Vietnamese."""


@dataclass(frozen=True)
class Term:
    exact: str  # exact_form: the user's own diacritics, tone marks canonical
    folded: str  # fold: what the indexes match on


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...] = ()
    phrases: tuple[tuple[Term, ...], ...] = ()
    # Each exclusion is a phrase; "-word" is a phrase of one term.
    excluded: tuple[tuple[Term, ...], ...] = ()
    numbers: tuple[str, ...] = ()  # normalize_number forms

    @property
    def is_empty(self) -> bool:
        """Nothing to look for; a query of exclusions only is empty too."""
        return not (self.terms or self.phrases or self.numbers)

    @property
    def word_count(self) -> int:
        """Words an engine is asked: terms, numbers, phrase and excluded words."""
        phrases = sum(map(len, self.phrases)) + sum(map(len, self.excluded))
        return len(self.terms) + len(self.numbers) + phrases


def _clean(raw: str) -> str:
    """NFC without control or format characters; whitespace controls (tab, newline) -> " "."""
    return nfc(
        "".join(
            " " if char.isspace() else "" if unicodedata.category(char) in ("Cc", "Cf") else char
            for char in raw
        )
    )


def _term(token: str) -> Term:
    if looks_like_number(token):
        return Term(exact_form(token), fold(normalize_number(token)))
    return Term(exact_form(token), fold(token))


def parse_query(raw: str) -> ParsedQuery:
    """Parse ``raw`` (see the module docstring); raise ``QueryError`` when it is too big."""
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError(f"Câu tìm kiếm quá dài (tối đa {MAX_QUERY_LENGTH} ký tự).")
    terms: list[Term] = []
    phrases: list[tuple[Term, ...]] = []
    excluded: list[tuple[Term, ...]] = []
    numbers: list[str] = []
    for match in _LEXER.finditer(_clean(raw)):
        quoted = match["phrase"] is not None
        found = tokens(match["phrase"] if quoted else match["chunk"])
        if not quoted:
            found = [token for token in found if token not in _DROPPED_OPERATORS]
        if not found:
            continue
        if match["neg"]:
            # A whole chunk: "-COVID-19" excludes the phrase "covid 19", not each word.
            excluded.append(tuple(map(_term, found)))
        elif quoted:
            phrases.append(tuple(map(_term, found)))
        else:
            for token in found:
                if looks_like_number(token):
                    numbers.append(normalize_number(token))
                else:
                    terms.append(_term(token))
    return ParsedQuery(
        terms=tuple(dict.fromkeys(terms)),
        phrases=tuple(dict.fromkeys(phrases)),
        excluded=tuple(dict.fromkeys(excluded)),
        numbers=tuple(dict.fromkeys(numbers)),
    )


@dataclass(frozen=True)
class Shortened:
    query: ParsedQuery
    dropped: tuple[str, ...] = ()  # the words left out, as typed, in the order typed


def shorten(
    parsed: ParsedQuery, frequencies: Mapping[str, int], *, limit: int = MAX_TERMS
) -> Shortened:
    """``parsed`` within ``limit`` words, keeping the most selective.

    Numbers come first, then exclusions and phrases in the order typed (each whole or not at
    all: a phrase cut short would match other texts), then the plain terms in the fewest
    documents (``frequencies``: folded term -> documents holding it; unknown means none),
    ties in the order typed. Every engine asked the same frequencies keeps the same words.
    """
    if parsed.word_count <= limit:
        return Shortened(parsed)
    budget = limit
    kept: dict[str, list] = {"numbers": [], "excluded": [], "phrases": []}
    for kind, parts, size in (
        ("numbers", parsed.numbers, lambda _number: 1),
        ("excluded", parsed.excluded, len),
        ("phrases", parsed.phrases, len),
    ):
        for part in parts:
            if size(part) <= budget:
                kept[kind].append(part)
                budget -= size(part)
    ranked = sorted(parsed.terms, key=lambda term: frequencies.get(term.folded, 0))
    terms = set(ranked[:budget])
    shortened = ParsedQuery(
        terms=tuple(term for term in parsed.terms if term in terms),
        phrases=tuple(kept["phrases"]),
        excluded=tuple(kept["excluded"]),
        numbers=tuple(kept["numbers"]),
    )
    dropped = (
        *(number for number in parsed.numbers if number not in kept["numbers"]),
        *(" ".join(w.exact for w in p) for p in parsed.excluded if p not in kept["excluded"]),
        *(" ".join(w.exact for w in p) for p in parsed.phrases if p not in kept["phrases"]),
        *(term.exact for term in parsed.terms if term not in terms),
    )
    return Shortened(shortened, dropped)


def _fts5_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _phrase_text(words: tuple[Term, ...]) -> str:
    return " ".join(word.folded for word in words)


def to_fts5(parsed: ParsedQuery) -> str:
    """SQLite FTS5 MATCH expression over folded text; "" for an empty query.

    Every term, phrase and number is an FTS5 string, so no user input is FTS5 syntax; the
    tokenizer splits a number into a phrase ("629 qd ubnd").
    """
    if parsed.is_empty:
        return ""
    positive = [
        *(term.folded for term in parsed.terms),
        *map(_phrase_text, parsed.phrases),
        *map(fold, parsed.numbers),
    ]
    expression = " AND ".join(map(_fts5_string, dict.fromkeys(positive)))
    if not parsed.excluded:
        return expression
    negative = " OR ".join(map(_fts5_string, dict.fromkeys(map(_phrase_text, parsed.excluded))))
    return f"({expression}) NOT ({negative})"
