"""Search backends: ``get_backend()`` picks the configured one; below it, what the two embedded
backends (SQLite FTS5, PostgreSQL full text) share once the engine has found the matches.

Settings:

- ``SEARCH_BACKEND``: ``"embedded"`` (default: SQLite FTS5 or PostgreSQL full text, following
  the database) or ``"elasticsearch"``;
- ``ELASTICSEARCH_URL`` and ``ELASTICSEARCH_INDEX`` for the latter.

How the embedded backends match and rank (Elasticsearch follows the same order with its own
scores): a document matches when each word and number of the query occurs somewhere in it
(number, title, summary, text or any article), each quoted phrase in its title block or within
one article (SQLite) or anywhere (PostgreSQL), and no excluded word or phrase does; a
document number also matches its canonical key ("629/qd-ubnd" finds "629/QĐ-UBND", "5/2015/..."
finds "05/2015/..."). Matches are ordered by a score summing, by decreasing weight: the
document's own number (1e6); all words in its number, title, summary or type (1e5, then +5e4
if spelt there with the user's own diacritics, +2.5e4 if the plain terms are one phrase there,
up to +1e4 for the share of the title they cover); the user's diacritics anywhere (5e3); the
plain terms as one phrase in an article (2.5e3); all words in one article (1e3); how many
articles hold them, for the document's length (< 1e3). Ties: newest first. A broad query (one
or two words found in more than 1,000 documents) does not count articles holding all words
(that would read most of the index). With many matches, the SQLite backend reads the article
and diacritics-anywhere signals for a rescoring window only (``search.backends.ranking``).
A hit's articles are those holding the phrase, then all words, then (for hits with none) any.
"""

import contextlib
import datetime
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from typing import TypeVar

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from cms.numbers import normalize_number, number_key
from cms.text import ENGINE_WORD, exact_form, fold, has_diacritics, tone_variants
from search.backends.base import (
    FACETS,
    ArticleHit,
    Hit,
    IndexRecord,
    Results,
    SearchBackend,
    SearchRequest,
)
from search.backends.catalog import DOC_COLUMNS, Catalog, Doc, DocumentCache
from search.backends.ranking import Signals, select
from search.highlight import Matcher, snippet
from search.query import ParsedQuery, Term

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


# --- What both embedded backends share ---------------------------------------------------------


class EmbeddedMixin:
    """What both embedded backends share: deleting in batches, clearing, and the document and
    sector tables read once per index version (``self.cache`` is a ``DocumentCache``).

    Each backend provides ``batch_size``, ``_create_schema``, ``_drop_schema``, ``_delete``
    (returns the ids it removed), ``_new_version`` and, for searching, ``_excluded``,
    ``_signals`` and ``_units``.
    """

    def __init__(self) -> None:
        self.cache = DocumentCache()

    def ensure_schema(self) -> None:
        with connection.cursor() as cursor:
            self._create_schema(cursor)

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

    def _search(self, request: SearchRequest) -> Results:
        """Match (the backend's ``_signals``), then filter, count and order (``select``), then
        read the page's matching units (the backend's ``_units``) and build the hits."""
        started = time.perf_counter()
        plan = QueryPlan(request.query)
        with connection.cursor() as cursor:
            self._prepare(cursor)
            catalog = self.catalog(cursor)
            units: dict = {}
            if plan.parsed.is_empty:
                signals = None
                matched = np.ones(catalog.size, dtype=bool)
                if plan.parsed.excluded:
                    matched[catalog.rows(self._excluded(cursor, plan))] = False
            else:
                signals = self._signals(cursor, plan, units, catalog)
                matched = catalog.mask(signals.matched)
                if not matched.any():
                    return empty_results(request, started)
            today = self._as_stored(reference_day(request))
            selection = select(request, signals, matched, plan, catalog, today)
            page = [catalog.docs[page_id] for page_id in selection.page]
            found = self._units(cursor, page, plan, units) if signals is not None else {}
        hits = build_hits(page, found, signals, selection.scores, plan)
        return Results(
            total=selection.total,
            hits=hits,
            facets=selection.facets,
            took_ms=elapsed_ms(started),
            page=request.page,
            page_size=request.page_size,
        )

    def _prepare(self, cursor) -> None:
        """Settings for one search's transaction (none unless the backend needs some)."""

    @staticmethod
    def _as_stored(day: datetime.date):
        """``day`` as the index stores dates (see ``Doc``)."""
        return day

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
        if signals is not None and signals.has("head", doc.page_id):
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
