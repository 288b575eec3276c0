"""What the two embedded backends (SQLite FTS5, PostgreSQL full text) share around their
engines: a record's units and their ids, writing in pipelined batches, deleting and clearing,
the catalog read once per index version, and the search itself once the engine has found the
matches (match, then ``select``, then the page's units and hits)."""

import datetime
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from itertools import islice, pairwise
from typing import TypeVar

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from cms.text import WORD, nfc
from search import ranking_policy as policy
from search.backends.base import IndexRecord, Results, SearchRequest, head_text
from search.backends.catalog import DOC_COLUMNS, Catalog, Doc, DocumentCache
from search.backends.hits import build_hits, elapsed_ms, empty_results
from search.backends.plan import QueryPlan, heading_key
from search.backends.ranking import Signals, select

T = TypeVar("T")

# A unit's id is its document's page id, then its position in POSITION_BITS bits.
POSITION_BITS = 16
MAX_POSITION = (1 << POSITION_BITS) - 1


def unit_id(page_id: int, position: int) -> int:
    return (page_id << POSITION_BITS) | position


def record_units(record: IndexRecord) -> list[tuple[int, str, str, str, str, str]]:
    """The units of ``record``: (position, number, heading, anchor, text, searchable text) of
    the text outside articles (position 0, when there is any), then of each article (at most
    ``MAX_POSITION``); searchable text is the heading and the text."""
    units = []
    other = nfc(record.text).strip()
    if other:
        units.append((0, "", "", "", other, other))
    for position, article in enumerate(record.articles[:MAX_POSITION], start=1):
        text = nfc(article.text)
        heading = nfc(article.heading)
        searchable = f"{heading}\n{text}" if heading else text
        units.append((position, article.number, heading, article.anchor, text, searchable))
    return units


def word_pairs(words: Iterable[str]) -> Iterator[str]:
    """Each pair of consecutive ``words``, as both engines index it ("cau_to"): a phrase of
    common words is the same pairs, and pairs are rare."""
    return (f"{first}_{second}" for first, second in pairwise(words))


def pairs_text(folded: str) -> str:
    """The pairs of consecutive words of ``folded`` text ("cau_to to_chuc chuc_cua")."""
    return " ".join(word_pairs(WORD.findall(folded)))


def breadth(plan: QueryPlan, matched: int, eager: int) -> tuple[bool, bool]:
    """(broad, many) for a query with ``matched`` matching documents (up to ``eager``, the
    backend's ``eager_matches``, every signal is read for every match).

    Broad ("quy dinh"): two words or fewer in most documents; counting the articles holding
    them all would tell little and cost the most. Many: with many matches, or common words
    matched through a rare phrase, the signals that cost most to read for every match are
    read only for those that can reach the page (``Signals.pending``)."""
    words = len(plan.parsed.terms) + sum(map(len, plan.parsed.phrases))
    broad = words <= 2 and matched > policy.BROAD_MATCHES
    many = matched > eager or bool(plan.parsed.phrases)
    return broad, many


def head_phrases(signals: Signals, plan: QueryPlan, catalog: Catalog, page_ids: list[int]):
    """Mark as ``head_phrase`` those of ``page_ids`` with the plain terms as one phrase in
    their head (read from the catalog: for a few candidates, faster than the engine over
    them all)."""
    phrase = plan.phrase_matcher
    docs = catalog.docs
    signals.mark("head_phrase", [p for p in page_ids if phrase.spans(head_text(docs[p]), limit=1)])


def pending_head_phrases(signals: Signals, plan: QueryPlan, catalog: Catalog) -> None:
    """Leave the ``head_phrase`` signal to be read for the candidates (a broad query's phrase
    is in most titles too)."""
    signals.pending.append((policy.HEAD_PHRASE, partial(head_phrases, signals, plan, catalog)))


def heading_rows(record: IndexRecord) -> list[tuple[str, int]]:
    """``search_index_heading`` rows of a record: its title's and articles' heading keys."""
    texts = (record.title, *(article.heading for article in record.articles))
    keys = dict.fromkeys(map(heading_key, texts))
    return [(key, record.page_id) for key in keys if key]


def heading_matches(cursor, key: str) -> list[int]:
    """Documents whose title or an article heading is ``key`` (the ``heading`` signal)."""
    cursor.execute("SELECT page_id FROM search_index_heading WHERE key = %s", [key])
    return [row[0] for row in cursor.fetchall()]


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


class EmbeddedMixin:
    """What both embedded backends share: deleting in batches, clearing, and the document and
    sector tables read once per index version (``self.cache`` is a ``DocumentCache``).

    Each backend provides ``batch_size``, ``eager_matches`` (see ``breadth``),
    ``_create_schema``, ``_drop_schema``, ``_delete`` (returns the ids it removed),
    ``_new_version`` and, for searching, ``_excluded``, ``_signals``, ``_units`` and
    ``_frequencies`` (documents per word, capped).
    """

    def __init__(self) -> None:
        self.cache = DocumentCache()

    def ensure_schema(self) -> None:
        with connection.cursor() as cursor:
            self._create_schema(cursor)

    def document_frequencies(self, words: Sequence[str]) -> dict[str, int]:
        self.ensure_schema()
        words = list(dict.fromkeys(words))
        if not words:
            return {}
        with connection.cursor() as cursor:
            found = self._frequencies(cursor, words)
        return {word: found.get(word, 0) for word in words}

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
