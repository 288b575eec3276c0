"""Search backends: ``get_backend()`` picks the configured one; below it, what the two embedded
backends (SQLite FTS5, PostgreSQL full text) share once the engine has found the matches.

Settings:

- ``SEARCH_BACKEND``: ``"embedded"`` (default: SQLite FTS5 or PostgreSQL full text, following
  the database) or ``"elasticsearch"``;
- ``ELASTICSEARCH_URL`` and ``ELASTICSEARCH_INDEX`` for the latter.

How the embedded backends match and rank (Elasticsearch follows the same order with its own
scores): a document matches when each word, phrase and number of the query occurs somewhere in
it (number, title, summary, text or any article) and no excluded word or phrase does; a
document number also matches its canonical key ("629/qd-ubnd" finds "629/QĐ-UBND", "5/2015/..."
finds "05/2015/..."). Matches are ordered by a score summing, by decreasing weight: the
document's own number (1e6); all words in its number, title, summary or type (1e5, then +5e4
if spelt there with the user's own diacritics, +2.5e4 if the plain terms are one phrase there,
up to +1e4 for the share of the title they cover); the user's diacritics anywhere (5e3); the
plain terms as one phrase in an article (2.5e3); all words in one article (1e3); how many
articles hold them, for the document's length (< 1e3). Ties: newest first. A broad query (one
or two words found in more than 1,000 documents) does not count articles holding all words
(that would read most of the index): the phrase is looked for in the whole document instead.
A hit's articles are those holding the phrase, then all words, then (for hits with none) any.
"""

import contextlib
import datetime
import heapq
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, islice, repeat
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from cms.validity import Validity
from search.backends.base import (
    FACETS,
    ArticleHit,
    FacetValue,
    Hit,
    IndexRecord,
    Results,
    SearchBackend,
    SearchRequest,
)
from search.highlight import Matcher, snippet
from search.normalize import canonical_tones, exact_form, fold, normalize_number
from search.query import ParsedQuery, Term
from workflow.numbering import number_key

T = TypeVar("T")

DEFAULT_BACKEND = "embedded"
BACKENDS = ("embedded", "elasticsearch")
ARTICLES_PER_HIT = 3

_cache: dict[tuple[str, str], SearchBackend] = {}


def get_backend() -> SearchBackend:
    """The configured backend (``settings.SEARCH_BACKEND``), created once per process."""
    name = getattr(settings, "SEARCH_BACKEND", DEFAULT_BACKEND) or DEFAULT_BACKEND
    if name not in BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}."
        )
    key = (name, connection.vendor if name == "embedded" else "")
    backend = _cache.get(key)
    if backend is None:
        backend = _cache[key] = _create(*key)
    return backend


def reset_backend() -> None:
    """Forget the created backends (after changing settings, in tests)."""
    _cache.clear()


def _create(name: str, vendor: str) -> SearchBackend:
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    if vendor == "sqlite":
        from search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    if vendor == "postgresql":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(f"The embedded search backend does not support {vendor}.")


def pipelined(
    records: Iterable[IndexRecord], size: int, prepare: Callable[[list[IndexRecord]], T]
) -> Iterator[tuple[list[IndexRecord], T]]:
    """Batches of ``size`` records with ``prepare(batch)``; the next batch is prepared in a
    worker thread while the caller writes the current one (the database works without the
    GIL, so folding and writing overlap). ``records`` is consumed in the caller's thread."""
    iterator = iter(records)
    batches = iter(lambda: list(islice(iterator, size)), [])
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-index") as pool:
        current = next(batches, None)
        if current is None:
            return
        prepared = pool.submit(prepare, current)
        for upcoming in batches:
            following = pool.submit(prepare, upcoming)
            yield current, prepared.result()
            current, prepared = upcoming, following
        yield current, prepared.result()


# --- Query analysis shared by the embedded backends -------------------------------------------

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


# --- Documents, ranking, filters and facets ---------------------------------------------------


@dataclass
class Signals:
    """What the engine found for a query: the matching documents and, per signal, which of
    them have it (most documents have none, so scoring costs what the signals hold)."""

    matched: dict[int, None] = field(default_factory=dict)  # page ids, engine order
    number: set[int] = field(default_factory=set)  # number_key is a number of the query
    head: set[int] = field(default_factory=set)  # all words in title, number or summary
    head_exact: set[int] = field(default_factory=set)  # diacritic words, so spelt, in the head
    head_phrase: set[int] = field(default_factory=set)  # the plain terms as a phrase in the head
    exact: set[int] = field(default_factory=set)  # diacritic words, so spelt, anywhere
    phrase_units: Counter = field(default_factory=Counter)  # units with the terms as a phrase
    all_units: Counter = field(default_factory=Counter)  # units with all the words
    # Unit counts (``phrase_units``, ``all_units``) still to be read: (the most they add to a
    # score, reader); a reader is called with the page ids whose counts are needed (None:
    # every match) once the other signals have narrowed down the candidates (see select).
    pending: list[tuple[float, Callable[[Sequence[int] | None], None]]] = field(
        default_factory=list
    )

    def resolve(self, page_ids: Sequence[int] | None) -> None:
        """Read the pending unit counts of ``page_ids`` (None: of every match)."""
        pending, self.pending = self.pending, []
        for _, read in pending:
            read(page_ids)

    def add(self, page_ids) -> None:
        self.matched.update(dict.fromkeys(page_ids))

    def mark(self, attribute: str, page_ids) -> None:
        """Record ``attribute`` for those of ``page_ids`` that match."""
        getattr(self, attribute).update(page_id for page_id in page_ids if page_id in self.matched)

    def count(self, attribute: str, page_ids: list[int]) -> None:
        """Count units per matching document (``page_ids``: one entry per unit)."""
        counter = getattr(self, attribute)
        counter.update(page_ids)
        for page_id in [p for p in counter if p not in self.matched]:
            del counter[page_id]

    def scores(self, page_ids: Sequence[int], catalog: "Catalog", plan: QueryPlan) -> dict:
        """Each document's score: signals by decreasing weight (see the module docstring).

        Written for tens of thousands of matches: set operations, and one pass per signal
        over the documents that have it.
        """
        scores = dict.fromkeys(page_ids, 0.0)
        kept = scores.keys()
        units = catalog.unit_count
        phrase_units, all_units = self.phrase_units, self.all_units
        for page_id in (phrase_units.keys() | all_units.keys()) & kept:
            phrases, alls = phrase_units.get(page_id, 0), all_units.get(page_id, 0)
            weight = alls + 2 * phrases
            value = 999 * weight / (weight + 1 + units[page_id] / 10)
            scores[page_id] = value + (2.5e3 if phrases else 0.0) + (1e3 if alls else 0.0)
        for page_id in self.exact & kept:
            scores[page_id] += 5e3
        for page_id in self.number & kept:
            scores[page_id] += 1e6
        head = self.head & kept
        tokens = catalog.head_tokens
        words = plan.word_count
        # The share of the title the words cover depends on the title's length only.
        cover = {n: 1e5 + 1e4 * min(1.0, words / max(n, 1)) for n in set(map(tokens.get, head))}
        for page_id in head:
            scores[page_id] += cover[tokens[page_id]]
        for page_id in self.head_exact & head:
            scores[page_id] += 5e4
        for page_id in self.head_phrase & head:
            scores[page_id] += 2.5e4
        return scores


@dataclass(slots=True)
class Doc:
    """The stored columns of one indexed document (kept in memory, see ``DocumentCache``).

    Dates are ISO strings (SQLite) or dates (PostgreSQL): compared only with each other and
    with the reference day in the same type.
    """

    page_id: int
    number: str
    title: str
    summary: str
    type_id: int
    type_name: str
    issuer_id: int
    issuer_name: str
    year: int | None
    issued_on: object
    effective_on: object
    expires_on: object
    terminated_on: object
    partly_terminated_on: object
    url: str
    unit_count: int
    head_tokens: int
    sectors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def issued_date(self) -> datetime.date | None:
        if self.issued_on is None or isinstance(self.issued_on, datetime.date):
            return self.issued_on
        return datetime.date.fromisoformat(self.issued_on)


DOC_COLUMNS = (
    "page_id, number, title, summary, type_id, type_name, issuer_id, issuer_name, year, "
    "issued_on, effective_on, expires_on, terminated_on, partly_terminated_on, url, "
    "unit_count, head_tokens"
)


def validity_of(doc: Doc, today) -> str | None:
    """``cms.validity.derive_validity`` on the indexed dates (``today`` in the dates' type)."""
    if doc.issued_on is None:
        return None
    if (doc.effective_on or doc.issued_on) > today:
        return Validity.NOT_YET.value
    if doc.expires_on is not None and doc.expires_on <= today:
        return Validity.EXPIRED.value
    if doc.terminated_on is not None and doc.terminated_on <= today:
        return Validity.EXPIRED.value
    if doc.partly_terminated_on is not None and doc.partly_terminated_on <= today:
        return Validity.PARTLY_EXPIRED.value
    return Validity.IN_FORCE.value


class Catalog:
    """Every indexed document of one index version, with what searches reuse: facet labels,
    the newest-first order and, per day, each document's validity."""

    def __init__(self, docs: dict[int, Doc]) -> None:
        self.docs = docs
        self.type_names = {doc.type_id: doc.type_name for doc in docs.values()}
        self.issuer_names = {doc.issuer_id: doc.issuer_name for doc in docs.values()}
        self.sector_names = {slug: name for doc in docs.values() for slug, name in doc.sectors}
        # Facet columns by page id, for counting with C-level lookups.
        self.type_of = {page_id: doc.type_id for page_id, doc in docs.items()}
        self.issuer_of = {page_id: doc.issuer_id for page_id, doc in docs.items()}
        self.year_of = {page_id: doc.year for page_id, doc in docs.items()}
        self.unit_count = {page_id: doc.unit_count for page_id, doc in docs.items()}
        self.head_tokens = {page_id: doc.head_tokens for page_id, doc in docs.items()}
        self.sectors_of = {
            page_id: [slug for slug, _ in doc.sectors]
            for page_id, doc in docs.items()
            if doc.sectors
        }
        newest = sorted(
            docs.values(),
            key=lambda doc: (doc.issued_on is not None, str(doc.issued_on or ""), doc.page_id),
            reverse=True,
        )
        # 0 for the most recently issued document; undated ones last.
        self.newest_rank = {doc.page_id: rank for rank, doc in enumerate(newest)}
        self._validity: tuple[object, dict[int, str | None]] = (None, {})

    def validity(self, today) -> dict[int, str | None]:
        day, values = self._validity
        if day != today:
            values = {page_id: validity_of(doc, today) for page_id, doc in self.docs.items()}
            self._validity = (today, values)
        return values


class DocumentCache:
    """The ``Catalog`` per process, reloaded when the index version changes.

    Each write to the index stores a new random version in the same transaction, so a search
    compares one stored value with the cached one and reads the documents only after a change
    (never from a rolled-back or another database's index: versions are never reused).
    """

    def __init__(self) -> None:
        self._state: tuple[str | None, Catalog] = (None, Catalog({}))

    def catalog(self, version: str | None, load) -> Catalog:
        cached_version, catalog = self._state
        if version is None or version != cached_version:
            catalog = Catalog(load())
            self._state = (version, catalog)
        return catalog

    def forget(self) -> None:
        self._state = (None, Catalog({}))


class EmbeddedMixin:
    """What both embedded backends share: deleting in batches, clearing, and the document and
    sector tables read once per index version (``self.cache`` is a ``DocumentCache``).

    Each backend provides ``batch_size``, ``ensure_schema``, ``_create_schema``,
    ``_drop_schema``, ``_delete`` (returns the ids it removed) and ``_new_version``.
    """

    def delete(self, page_ids: Iterable[int]) -> None:
        self.ensure_schema()
        ids = list(dict.fromkeys(page_ids))
        for start in range(0, len(ids), self.batch_size):
            with transaction.atomic(), connection.cursor() as cursor:
                if self._delete(cursor, ids[start : start + self.batch_size]):
                    self._new_version(cursor)

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            self._drop_schema(cursor)
            self._create_schema(cursor)
            self._new_version(cursor)

    def catalog(self, cursor) -> Catalog:
        """Every indexed document (from the cache while the index is unchanged)."""
        cursor.execute("SELECT value FROM search_index_meta WHERE key = 'version'")
        row = cursor.fetchone()
        return self.cache.catalog(row[0] if row else None, lambda: self._load(cursor))

    @staticmethod
    def _load(cursor) -> dict[int, Doc]:
        cursor.execute(f"SELECT {DOC_COLUMNS} FROM search_index_document")
        documents = {row[0]: Doc(*row) for row in cursor.fetchall()}
        cursor.execute("SELECT page_id, slug, name FROM search_index_sector ORDER BY slug")
        for page_id, slug, name in cursor.fetchall():
            doc = documents.get(page_id)
            if doc is not None:
                doc.sectors.append((slug, name))
        return documents


def _predicates(request: SearchRequest, catalog: Catalog, today) -> dict[str, object]:
    """The request's filters, as predicates on a page id, by facet name."""
    docs = catalog.docs
    predicates = {}
    if request.type_id is not None:
        predicates["type"] = lambda page_id: docs[page_id].type_id == request.type_id
    if request.issuer_id is not None:
        predicates["issuer"] = lambda page_id: docs[page_id].issuer_id == request.issuer_id
    if request.sector is not None:
        predicates["sector"] = lambda page_id: any(
            slug == request.sector for slug, _ in docs[page_id].sectors
        )
    if request.year_from is not None or request.year_to is not None:
        low = request.year_from if request.year_from is not None else -1
        high = request.year_to if request.year_to is not None else 1 << 30
        predicates["year"] = lambda page_id: (
            docs[page_id].year is not None and low <= docs[page_id].year <= high
        )
    if request.validity is not None:
        validity = catalog.validity(today)
        predicates["validity"] = lambda page_id: validity[page_id] == request.validity
    return predicates


@dataclass
class Selection:
    """The filtered matches in result order (all of them: the page is cut later) and facets."""

    ordered: list[int]
    scores: dict[int, float]
    facets: dict[str, list[FacetValue]]


def select(
    request: SearchRequest,
    signals: Signals | None,
    page_ids: Sequence[int],
    plan: QueryPlan,
    catalog: Catalog,
    today,
) -> Selection:
    """Filter, count facets over every match and order the matches.

    ``signals`` is None when the query is empty (every id in ``page_ids`` matches). Each facet
    counts the matches passing every filter but its own, so choosing a value still shows how
    many the others would give.
    """
    predicates = _predicates(request, catalog, today)
    if not predicates:
        kept = list(page_ids)
        scope = dict.fromkeys(FACETS, kept)
    else:
        failures: dict[str, list[int]] = {name: [] for name in predicates}
        kept = []
        for page_id in page_ids:
            failed = [name for name, test in predicates.items() if not test(page_id)]
            if not failed:
                kept.append(page_id)
            elif len(failed) == 1:
                failures[failed[0]].append(page_id)
        scope = {name: kept + failures.get(name, []) for name in FACETS}
    facets = _facets(scope, catalog, today)
    rank = catalog.newest_rank
    scores: dict[int, float] = {}
    if request.sort == "newest":
        kept.sort(key=rank.__getitem__)
    elif request.sort == "oldest":
        kept.sort(key=rank.__getitem__, reverse=True)
    else:
        if signals is not None and signals.pending:
            return _select_bounded(request, signals, kept, plan, catalog, facets)
        if signals is not None:
            scores = signals.scores(kept, catalog, plan)
        kept.sort(key=rank.__getitem__)
        if scores:
            kept.sort(key=scores.__getitem__, reverse=True)  # stable: newest first in ties
    if signals is not None and signals.pending:
        signals.resolve(page_of(kept, request))  # articles of the page's hits
    return Selection(ordered=kept, scores=scores, facets=facets)


# Candidates beyond which counting every match's units at once is cheaper than per document.
# (counting per document costs about as much as for CANDIDATE_SHARE matches at once).
MAX_CANDIDATES = 300
CANDIDATE_SHARE = 30


def _select_bounded(
    request: SearchRequest,
    signals: Signals,
    kept: list[int],
    plan: QueryPlan,
    catalog: Catalog,
    facets: dict[str, list[FacetValue]],
) -> Selection:
    """``select``'s relevance order when some unit counts are not read yet.

    Scores without them are lower bounds, and they add less than their margins: a match whose
    bound plus the margins stays under the n-th best bound (n: the end of the requested page)
    cannot reach the page. Only the others have their units counted and their exact scores
    compared; the matches after the page keep an approximate order (only the page and the
    total are used). With too many candidates, the first pending count is read for every
    match (narrowing the margin) and the rest is tried again.
    """
    rank = catalog.newest_rank
    size = max(request.page_size, 1)
    end = max(request.page, 1) * size
    most = min(MAX_CANDIDATES, len(signals.matched) // CANDIDATE_SHARE)
    while signals.pending:
        margin = 999.0 + 2.0 + sum(bonus for bonus, _ in signals.pending)
        lower = signals.scores(kept, catalog, plan)
        if len(kept) > end:
            threshold = heapq.nlargest(end, lower.values())[-1] - margin
            candidates = [page_id for page_id in kept if lower[page_id] >= threshold]
        else:
            candidates = list(kept)
        if len(candidates) <= most:
            signals.resolve(candidates)
            exact = signals.scores(candidates, catalog, plan)
            chosen = set(candidates)
            rest = [page_id for page_id in kept if page_id not in chosen]
            candidates.sort(key=rank.__getitem__)
            candidates.sort(key=exact.__getitem__, reverse=True)
            rest.sort(key=rank.__getitem__)
            rest.sort(key=lower.__getitem__, reverse=True)
            lower.update(exact)
            return Selection(ordered=candidates + rest, scores=lower, facets=facets)
        _, read = signals.pending.pop(0)
        read(None)
    scores = signals.scores(kept, catalog, plan)
    kept.sort(key=rank.__getitem__)
    kept.sort(key=scores.__getitem__, reverse=True)  # stable: newest first in ties
    return Selection(ordered=kept, scores=scores, facets=facets)


def _facets(scope: dict[str, list[int]], catalog: Catalog, today) -> dict[str, list[FacetValue]]:

    def ranked(counts: Counter, labels: dict) -> list[FacetValue]:
        values = [FacetValue(str(value), labels[value], n) for value, n in counts.items()]
        values.sort(key=lambda facet: (-facet.count, facet.label))
        return values

    types = Counter(map(catalog.type_of.__getitem__, scope["type"]))
    issuers = Counter(map(catalog.issuer_of.__getitem__, scope["issuer"]))
    sectors_of = catalog.sectors_of
    sectors = Counter(
        chain.from_iterable(map(sectors_of.get, scope["sector"], repeat((), len(scope["sector"]))))
    )
    years = Counter(map(catalog.year_of.__getitem__, scope["year"]))
    years.pop(None, None)
    validity = Counter(map(catalog.validity(today).__getitem__, scope["validity"]))
    return {
        "type": ranked(types, catalog.type_names),
        "issuer": ranked(issuers, catalog.issuer_names),
        "sector": ranked(sectors, catalog.sector_names),
        "year": [FacetValue(str(y), str(y), years[y]) for y in sorted(years, reverse=True)],
        "validity": [
            FacetValue(choice.value, str(choice.label), validity[choice.value])
            for choice in Validity
            if validity[choice.value]
        ],
    }


def page_of(ordered: Sequence[int], request: SearchRequest) -> list[int]:
    size = max(request.page_size, 1)
    start = (max(request.page, 1) - 1) * size
    return list(ordered[start : start + size])


def reference_day(request: SearchRequest) -> datetime.date:
    return request.today or timezone.localdate()


# --- Hits ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Unit:
    """An article (position >= 1) or the text outside articles (position 0) of a hit.

    ``folded`` is the indexed folded form of ``heading + "\n" + text`` (or of ``text`` alone
    without a heading) when the engine stores it, for highlighting without folding again.
    """

    position: int
    number: str
    heading: str
    anchor: str
    text: str
    folded: str | None = None

    @property
    def folded_text(self) -> str | None:
        """The folded form of ``text`` alone, when it can be cut out of ``folded``."""
        if self.folded is None:
            return None
        if not self.heading:
            return self.folded
        return self.folded[len(self.heading) + 1 :]


def build_hits(
    page: Sequence[Doc],  # the documents of the requested page, in order
    units: dict[int, list[Unit]],
    signals: Signals | None,
    scores: dict[int, float],
    plan: QueryPlan,
) -> list[Hit]:
    """Hits in ``page`` order, with a snippet and up to three matching articles each.

    ``units`` holds each document's matching units best first (repeats are skipped).
    """
    matcher = plan.matcher
    hits = []
    for doc in page:
        seen: set[int] = set()
        articles: list[ArticleHit] = []
        other: Unit | None = None
        for unit in units.get(doc.page_id, ()):
            if unit.position in seen:
                continue
            seen.add(unit.position)
            if unit.position == 0:
                other = other or unit
            elif len(articles) < ARTICLES_PER_HIT:
                if unit.text.strip():
                    highlight = snippet(unit.text, matcher, folded=unit.folded_text)
                else:
                    highlight = snippet(unit.heading, matcher)
                articles.append(
                    ArticleHit(
                        number=unit.number,
                        heading=unit.heading,
                        anchor=unit.anchor,
                        highlight=highlight,
                    )
                )
        head = doc.summary or doc.title
        if signals is not None and doc.page_id in signals.head:
            highlight = snippet(head, matcher)
        elif other is not None:
            highlight = snippet(other.text, matcher, folded=other.folded)
        elif articles:
            highlight = articles[0].highlight
        else:
            highlight = snippet(head, matcher)
        hits.append(
            Hit(
                page_id=doc.page_id,
                number=doc.number,
                title=doc.title,
                type_name=doc.type_name,
                issuer_name=doc.issuer_name,
                issued_on=doc.issued_date,
                url=doc.url,
                score=round(scores.get(doc.page_id, 0.0), 3),
                highlight=highlight,
                articles=tuple(articles),
            )
        )
    return hits


def empty_results(request: SearchRequest, started: float) -> Results:
    return Results(
        total=0,
        hits=[],
        facets={name: [] for name in FACETS},
        took_ms=elapsed_ms(started),
        page=request.page,
        page_size=request.page_size,
    )


def elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
