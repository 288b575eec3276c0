"""Embedded search on SQLite FTS5.

Tables (created by the migration and again, idempotently, by the backend):

- ``search_index_document``: one row per document, the filter, facet and sort columns;
- ``search_index_sector``: (document, sector) links;
- ``search_index_meta``: the index version, changed by every write (see ``DocumentCache``);
- ``search_index_fts`` (FTS5, rowid = page id): folded ``head`` (number, title, summary, type)
  and ``body`` (text outside articles, then every article): matching;
- ``search_index_head`` (FTS5, rowid = page id): the folded head alone, small and fast to
  search for the title signals;
- ``search_index_exact`` (FTS5, ``detail=column``, rowid = page id): the same text in lower
  case with its diacritics, for hits spelt as the user spelt them;
- ``search_index_unit`` (FTS5, rowid = page id << 16 | position): folded text of each article
  (position >= 1) and of the text outside articles (position 0), with the original number,
  heading, anchor and text (not indexed): article hits, per-article signals, highlights.

Folding happens in Python (``search.normalize.fold``) before text reaches FTS5, whose
``unicode61`` tokenizer then only splits words (``remove_diacritics 0``). No user text is ever
part of the SQL: MATCH expressions are bound parameters and every quoted string in them comes
from ``search.query.to_fts5``; only operators and column filters are added here.
"""

import json
import re
import time
import uuid
from bisect import bisect_left
from collections.abc import Iterable
from functools import partial

from django.db import OperationalError, connection, transaction

from search.backends import (
    Doc,
    DocumentCache,
    EmbeddedMixin,
    QueryPlan,
    Signals,
    Unit,
    build_hits,
    elapsed_ms,
    empty_results,
    page_of,
    pipelined,
    reference_day,
    select,
    single_term,
)
from search.backends.base import IndexRecord, Results, SearchBackend, SearchRequest
from search.normalize import fold, nfc
from search.query import ParsedQuery, to_fts5

BATCH_SIZE = 500
# Characters of an article read for its snippet.
MAX_TEXT = 4000
POSITION_BITS = 16
MAX_POSITION = (1 << POSITION_BITS) - 1
_TOKENIZER = "tokenize='unicode61 remove_diacritics 0'"
_TOKEN = re.compile(r"[^\W_]+")
# Matching documents beyond which a query of one or two words is broad (see _signals).
BROAD_MATCHES = 1000
# Matching documents beyond which units are counted only for those that can reach the page
# (see select): below, reading every matching unit at once costs less.
EAGER_MATCHES = 2000
# Units read per hit: three articles and the text outside articles.
_UNITS_PER_HIT = 4
# A compound SELECT may have at most 500 arms in SQLite.
_MAX_ARMS = 250

TABLES = (
    "search_index_meta",
    "search_index_document",
    "search_index_sector",
    "search_index_fts",
    "search_index_head",
    "search_index_exact",
    "search_index_unit",
)
_FTS_TABLES = ("search_index_fts", "search_index_head", "search_index_exact", "search_index_unit")

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS search_index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS search_index_document (
        page_id INTEGER PRIMARY KEY,
        number TEXT NOT NULL,
        number_key TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        type_id INTEGER NOT NULL,
        type_name TEXT NOT NULL,
        issuer_id INTEGER NOT NULL,
        issuer_name TEXT NOT NULL,
        year INTEGER,
        issued_on TEXT,
        effective_on TEXT,
        expires_on TEXT,
        terminated_on TEXT,
        partly_terminated_on TEXT,
        url TEXT NOT NULL,
        unit_count INTEGER NOT NULL,
        head_tokens INTEGER NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS search_index_document_number_key "
    "ON search_index_document (number_key)",
    """CREATE TABLE IF NOT EXISTS search_index_sector (
        page_id INTEGER NOT NULL,
        slug TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (page_id, slug)
    ) WITHOUT ROWID""",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_index_fts USING fts5(head, body, {_TOKENIZER})",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_index_head USING fts5(head, {_TOKENIZER})",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index_exact "
    f"USING fts5(head, body, {_TOKENIZER}, detail=column)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index_unit USING fts5("
    "body, number UNINDEXED, heading UNINDEXED, anchor UNINDEXED, text UNINDEXED, "
    f"{_TOKENIZER})",
)


def create_schema(cursor) -> None:
    for statement in SCHEMA:
        cursor.execute(statement)


def drop_schema(cursor) -> None:
    for table in TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def unit_id(page_id: int, position: int) -> int:
    return (page_id << POSITION_BITS) | position


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None


def _ids_param(ids: Iterable[int]) -> str:
    return json.dumps(list(ids))


def _any(queries: Iterable[ParsedQuery]) -> str:
    """FTS5 expression matching any of ``queries``."""
    return " OR ".join(f"({to_fts5(query)})" for query in queries)


def head_text(record: IndexRecord) -> str:
    """Number, title, summary and type name: what title matches are looked for in."""
    parts = (record.number, record.title, record.summary, record.type_name)
    return nfc("\n".join(dict.fromkeys(part for part in parts if part)))


class _Rows:
    """The rows of one batch of records, table by table."""

    def __init__(self) -> None:
        self.documents: list[tuple] = []
        self.sectors: list[tuple] = []
        self.fts: list[tuple] = []
        self.head: list[tuple] = []
        self.exact: list[tuple] = []
        self.units: list[tuple] = []

    @classmethod
    def of(cls, records: list[IndexRecord]) -> "_Rows":
        rows = cls()
        for record in records:
            rows.add(record)
        return rows

    def add(self, record: IndexRecord) -> None:
        page_id = record.page_id
        units = []  # (position, number, heading, anchor, text, searchable text)
        other = nfc(record.text).strip()
        if other:
            units.append((0, "", "", "", other, other))
        for position, article in enumerate(record.articles[:MAX_POSITION], start=1):
            text = nfc(article.text)
            heading = nfc(article.heading)
            searchable = f"{heading}\n{text}" if heading else text
            units.append((position, article.number, heading, article.anchor, text, searchable))
        folded = [fold(unit[5]) for unit in units]
        head = head_text(record)
        head_folded = fold(head)
        self.documents.append(
            (
                page_id,
                record.number,
                record.number_key,
                record.title,
                record.summary,
                record.type_id,
                record.type_name,
                record.issuer_id,
                record.issuer_name,
                record.issued_on.year if record.issued_on else None,
                _iso(record.issued_on),
                _iso(record.effective_on),
                _iso(record.expires_on),
                _iso(record.terminated_on),
                _iso(record.partly_terminated_on),
                record.url,
                len(units),
                len(_TOKEN.findall(head_folded)),
            )
        )
        self.sectors.extend((page_id, slug, name) for slug, name in dict(record.sectors).items())
        self.fts.append((page_id, head_folded, "\n".join(folded)))
        self.head.append((page_id, head_folded))
        self.exact.append((page_id, head.lower(), "\n".join(u[5] for u in units).lower()))
        self.units.extend(
            (unit_id(page_id, unit[0]), body, unit[1], unit[2], unit[3], unit[4])
            for unit, body in zip(units, folded, strict=True)
        )


class SQLiteBackend(EmbeddedMixin, SearchBackend):
    name = "sqlite"
    batch_size = BATCH_SIZE
    _create_schema = staticmethod(create_schema)
    _drop_schema = staticmethod(drop_schema)

    def __init__(self) -> None:
        self.cache = DocumentCache()

    # --- Writing ---------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        with connection.cursor() as cursor:
            create_schema(cursor)

    def index(self, records: Iterable[IndexRecord]) -> int:
        self.ensure_schema()
        written = 0
        for batch, rows in pipelined(records, BATCH_SIZE, _Rows.of):
            with transaction.atomic(), connection.cursor() as cursor:
                self._delete(cursor, [record.page_id for record in batch])
                cursor.executemany(
                    f"INSERT INTO search_index_document VALUES ({', '.join(['%s'] * 18)})",
                    rows.documents,
                )
                cursor.executemany(
                    "INSERT INTO search_index_sector VALUES (%s, %s, %s)", rows.sectors
                )
                cursor.executemany(
                    "INSERT INTO search_index_fts (rowid, head, body) VALUES (%s, %s, %s)",
                    rows.fts,
                )
                cursor.executemany(
                    "INSERT INTO search_index_head (rowid, head) VALUES (%s, %s)", rows.head
                )
                cursor.executemany(
                    "INSERT INTO search_index_exact (rowid, head, body) VALUES (%s, %s, %s)",
                    rows.exact,
                )
                cursor.executemany(
                    "INSERT INTO search_index_unit (rowid, body, number, heading, anchor, text) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    rows.units,
                )
                self._new_version(cursor)
            written += len(batch)
        return written

    def optimize(self) -> None:
        """Merge each FTS5 index into one b-tree (after a full rebuild: faster queries)."""
        self.ensure_schema()
        with connection.cursor() as cursor:
            for table in _FTS_TABLES:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")

    @staticmethod
    def _new_version(cursor) -> None:
        cursor.execute(
            "INSERT OR REPLACE INTO search_index_meta (key, value) VALUES ('version', %s)",
            [uuid.uuid4().hex],
        )

    @staticmethod
    def _delete(cursor, page_ids: list[int]) -> list[int]:
        """Remove these documents; returns the ids that were in the index."""
        if not page_ids:
            return []
        cursor.execute(
            "SELECT page_id FROM search_index_document "
            "WHERE page_id IN (SELECT value FROM json_each(%s))",
            [_ids_param(page_ids)],
        )
        existing = [row[0] for row in cursor.fetchall()]
        if not existing:
            return existing
        ids = _ids_param(existing)
        for table in ("search_index_document", "search_index_sector"):
            cursor.execute(
                f"DELETE FROM {table} WHERE page_id IN (SELECT value FROM json_each(%s))", [ids]
            )
        for table in ("search_index_fts", "search_index_head", "search_index_exact"):
            cursor.execute(
                f"DELETE FROM {table} WHERE rowid IN (SELECT value FROM json_each(%s))", [ids]
            )
        cursor.executemany(
            "DELETE FROM search_index_unit WHERE rowid BETWEEN %s AND %s",
            [(unit_id(page_id, 0), unit_id(page_id, MAX_POSITION)) for page_id in existing],
        )
        return existing

    # --- Searching -------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> Results:
        try:
            return self._search(request)
        except OperationalError as error:
            if "no such table" not in str(error):
                raise
        self.ensure_schema()
        return self._search(request)

    def _search(self, request: SearchRequest) -> Results:
        started = time.perf_counter()
        plan = QueryPlan(request.query)
        with connection.cursor() as cursor:
            catalog = self.catalog(cursor)
            units: dict[int, list[int]] = {}
            if plan.parsed.is_empty:
                signals = None
                page_ids = list(catalog.docs)
                if plan.exclusions:
                    excluded = set(self._ids(cursor, "search_index_fts", _any(plan.exclusions)))
                    page_ids = [page_id for page_id in page_ids if page_id not in excluded]
            else:
                signals = self._signals(cursor, plan, units)
                page_ids = [page_id for page_id in signals.matched if page_id in catalog.docs]
                if not page_ids:
                    return empty_results(request, started)
            today = reference_day(request).isoformat()
            selection = select(request, signals, page_ids, plan, catalog, today)
            page = [catalog.docs[page_id] for page_id in page_of(selection.ordered, request)]
            found = self._units(cursor, page, plan, units) if signals is not None else {}
        hits = build_hits(page, found, signals, selection.scores, plan)
        return Results(
            total=len(selection.ordered),
            hits=hits,
            facets=selection.facets,
            took_ms=elapsed_ms(started),
            page=request.page,
            page_size=request.page_size,
        )

    @staticmethod
    def _ids(
        cursor, table: str, expression: str, columns: str | None = None, rowid: int | None = None
    ) -> list[int]:
        """Rowids of ``table`` (in order) matching ``expression`` (built from to_fts5)."""
        if columns:
            expression = f"{columns} : ({expression})"
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"
        params: list = [expression]
        if rowid is not None:
            sql += " AND rowid = %s"
            params.append(rowid)
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]

    def _signals(self, cursor, plan: QueryPlan, units: dict[int, list[int]]) -> Signals:
        """Matching documents and their signals; fills ``units`` with the matching units'
        rowids of each tier (0: the terms as one phrase, 1: all words), in rowid order."""
        parsed = plan.parsed
        signals = Signals()
        signals.add(self._ids(cursor, "search_index_fts", to_fts5(parsed)))
        if plan.keys:
            cursor.execute(
                "SELECT page_id, number_key FROM search_index_document "
                "WHERE number_key IN (SELECT value FROM json_each(%s))",
                [json.dumps(list(plan.keys))],
            )
            for page_id, key in cursor.fetchall():
                if page_id in signals.matched or self._matches_rest(cursor, page_id, key, plan):
                    signals.add([page_id])
                    signals.number.add(page_id)
        if not signals.matched:
            return signals
        if plan.has_words:
            words = to_fts5(plan.words_query)
            signals.mark("head", self._ids(cursor, "search_index_head", words))
        else:
            numbers = to_fts5(ParsedQuery(numbers=parsed.numbers))
            signals.mark("head", self._ids(cursor, "search_index_head", numbers))
            signals.mark("head", signals.number)
        if plan.whole_phrase is not None:
            phrase = to_fts5(plan.whole_phrase)
            signals.mark("head_phrase", self._ids(cursor, "search_index_head", phrase))
        if plan.exact_words:
            exact = " AND ".join(
                "(" + " OR ".join(to_fts5(single_term(v)) for v in variants) + ")"
                for variants in plan.exact_words
            )
            signals.mark("exact", self._ids(cursor, "search_index_exact", exact))
            signals.mark("head_exact", self._ids(cursor, "search_index_exact", exact, "{head}"))
        words = len(parsed.terms) + sum(map(len, parsed.phrases))
        if words <= 2 and len(signals.matched) > BROAD_MATCHES:
            # A broad query ("quy dinh"): its words are in most articles, and reading every
            # matching unit would cost more than everything else. The phrase is looked for
            # in the documents' whole body instead; articles are found per hit (_units).
            if plan.whole_phrase is not None:
                phrase = to_fts5(plan.whole_phrase)
                found = self._ids(cursor, "search_index_fts", phrase, "{body}")
                signals.count("phrase_units", [p for p in found if p in signals.matched])
            return signals
        tiers = []
        if plan.whole_phrase is not None:
            tiers.append((0, to_fts5(plan.whole_phrase), "phrase_units"))
        if plan.has_words and words > 1:
            # One word alone: every matching document has it in some unit; counting them
            # would cost the most for the most common words, and tell little.
            tiers.append((1, to_fts5(plan.words_query), "all_units"))
        for tier, expression, attribute in tiers:
            if len(signals.matched) > EAGER_MATCHES:
                # Read once select() knows which matches can reach the page (often few).
                # Units add at most 2.5e3 with the phrase, 1e3 with all words (and < 999).
                bonus = 2.5e3 if tier == 0 else 1e3
                reader = partial(
                    self._tier_units, cursor, tier, expression, attribute, signals, units=units
                )
                signals.pending.append((bonus, reader))
                continue
            rowids = self._ids(cursor, "search_index_unit", expression)
            units[tier] = rowids
            signals.count(attribute, [rowid >> POSITION_BITS for rowid in rowids])
        return signals

    def _tier_units(
        self,
        cursor,
        tier: int,
        expression: str,
        attribute: str,
        signals: Signals,
        page_ids,
        *,
        units: dict[int, list[int]],
    ) -> None:
        """The units of ``page_ids`` (None: of every match) in ``tier``: counted in
        ``signals`` as ``attribute``, rowids in ``units[tier]``."""
        if page_ids is None:
            rowids = self._ids(cursor, "search_index_unit", expression)
        else:
            rowids = []
            arms = [
                (
                    "SELECT * FROM (SELECT rowid FROM search_index_unit "
                    "WHERE search_index_unit MATCH %s AND rowid BETWEEN %s AND %s)",
                    [expression, unit_id(page_id, 0), unit_id(page_id, MAX_POSITION)],
                )
                for page_id in sorted(page_ids)
            ]
            for start in range(0, len(arms), _MAX_ARMS):
                chunk = arms[start : start + _MAX_ARMS]
                cursor.execute(
                    " UNION ALL ".join(sql for sql, _ in chunk),
                    [param for _, params in chunk for param in params],
                )
                rowids.extend(row[0] for row in cursor.fetchall())
            rowids.sort()
        units[tier] = rowids
        signals.count(attribute, [rowid >> POSITION_BITS for rowid in rowids])

    def _matches_rest(self, cursor, page_id: int, key: str, plan: QueryPlan) -> bool:
        """Whether the document numbered ``key`` matches the rest of the query."""
        rest = plan.without_number(key)
        if not rest.is_empty:
            return bool(self._ids(cursor, "search_index_fts", to_fts5(rest), rowid=page_id))
        if not plan.exclusions:
            return True
        return not self._ids(cursor, "search_index_fts", _any(plan.exclusions), rowid=page_id)

    @staticmethod
    def _units_by_arms(cursor, expression: str, page_ids: list[int], chosen) -> None:
        """The first units of each document matching ``expression``, into ``chosen``."""
        arms = [
            (
                "SELECT * FROM (SELECT rowid FROM search_index_unit "
                "WHERE search_index_unit MATCH %s AND rowid BETWEEN %s AND %s LIMIT %s)",
                [expression, unit_id(page_id, 0), unit_id(page_id, MAX_POSITION), _UNITS_PER_HIT],
            )
            for page_id in page_ids
        ]
        for start in range(0, len(arms), _MAX_ARMS):
            chunk = arms[start : start + _MAX_ARMS]
            cursor.execute(
                " UNION ALL ".join(sql for sql, _ in chunk),
                [param for _, params in chunk for param in params],
            )
            for (rowid,) in cursor.fetchall():
                chosen.setdefault(rowid >> POSITION_BITS, []).append(rowid)

    def _units(
        self, cursor, page: list[Doc], plan: QueryPlan, tiers: dict[int, list[int]]
    ) -> dict[int, list[Unit]]:
        """Each page document's matching units, best first: holding the terms as one phrase,
        then all words, then any of them; in document order within each tier."""
        chosen: dict[int, list[int]] = {}
        for tier in sorted(tiers):
            rowids = tiers[tier]
            for doc in page:
                picked = chosen.setdefault(doc.page_id, [])
                i = bisect_left(rowids, unit_id(doc.page_id, 0))
                end = unit_id(doc.page_id, MAX_POSITION)
                while i < len(rowids) and rowids[i] <= end and len(picked) < _UNITS_PER_HIT:
                    if rowids[i] not in picked:
                        picked.append(rowids[i])
                    i += 1
        # Units of the hits that no tier gave: those with all the words (broad queries read
        # no tiers), then, for hits with none (the words are spread out), those with any.
        arms = []
        if plan.has_words and 1 not in tiers:
            arms.append(to_fts5(plan.words_query))
        if plan.clauses:
            arms.append(_any(plan.clauses))
        for expression in arms:
            lacking = [doc.page_id for doc in page if not chosen.get(doc.page_id)]
            if lacking:
                self._units_by_arms(cursor, f"body : ({expression})", lacking, chosen)
        wanted = [rowid for rowids in chosen.values() for rowid in rowids]
        if not wanted:
            return {}
        # Read from the FTS5 content table itself (columns c0...: body, number, heading, anchor,
        # text): faster than through the virtual table. Very long articles (flattened tables)
        # are cut: a snippet only needs their start.
        cursor.execute(
            "SELECT id, c1, c2, c3, substr(c4, 1, %s), "
            "substr(c0, 1, %s + CASE c2 WHEN '' THEN 0 ELSE length(c2) + 1 END) "
            "FROM search_index_unit_content "
            f"WHERE id IN ({', '.join(['%s'] * len(wanted))})",
            [MAX_TEXT, MAX_TEXT, *wanted],
        )
        rows = {row[0]: row for row in cursor.fetchall()}
        units: dict[int, list[Unit]] = {}
        for page_id, rowids in chosen.items():
            units[page_id] = [
                Unit(rowid & MAX_POSITION, *rows[rowid][1:]) for rowid in rowids if rowid in rows
            ]
            if plan.whole_phrase is not None and 0 not in tiers:
                # No phrase tier was read: units holding the phrase first all the same.
                phrase = plan.phrase_matcher
                units[page_id].sort(key=lambda unit: not phrase.spans(unit.text, limit=1))
        return units
