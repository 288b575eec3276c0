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
  heading, anchor and text (not indexed): article hits, per-article signals, highlights;
- ``search_index_heading``: (heading key, document) for the title and each article heading
  (``search.backends.plan.heading_key``): a whole query equal to one ranks first;
- ``search_index_vocab`` (fts5vocab over ``search_index_fts``): documents per word;
- ``search_index_pair`` (FTS5, contentless, rowid = the unit's): each pair of consecutive
  words of a unit as one token ("chu ky so" -> "chu_ky ky_so"), for phrases. A phrase of
  common words ("cau to chuc cua") is costly in ``search_index_unit`` (every position of every
  word is read), while its pairs are rare tokens: as a phrase of pairs (consecutive pairs at
  consecutive positions: the same words in the same order) it is read 10-60 times faster.

Folding happens in Python (``cms.text.fold``) before text reaches FTS5, whose
``unicode61`` tokenizer then only splits words (``remove_diacritics 0``). No user text is ever
part of the SQL: MATCH expressions are bound parameters and every quoted string in them comes
from ``search.query.to_fts5``; only operators and column filters are added here.
"""

import datetime
import json
import uuid
from bisect import bisect_left
from collections.abc import Iterable
from functools import partial

import numpy as np
from django.db import OperationalError, connection, transaction

from cms.text import WORD, fold
from search import ranking_policy as policy
from search.backends.base import IndexRecord, Results, SearchBackend, SearchRequest, head_text
from search.backends.catalog import Catalog, Doc, as_ids
from search.backends.embedded import (
    MAX_POSITION,
    POSITION_BITS,
    EmbeddedMixin,
    breadth,
    heading_matches,
    heading_rows,
    pairs_text,
    pending_head_phrases,
    pipelined,
    record_units,
    unit_id,
)
from search.backends.hits import Unit
from search.backends.plan import QueryPlan, single_term
from search.backends.ranking import Signals
from search.query import ParsedQuery, to_fts5

BATCH_SIZE = 500
_TOKENIZER = "tokenize='unicode61 remove_diacritics 0'"
_PAIR_TOKENIZER = "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\""
# FTS5's default: merge once 4 segments of a level exist.
AUTOMERGE = 4
# Bytes of new terms FTS5 keeps in memory per table before writing a segment.
HASH_SIZE = 16 << 20
_UNIT_TABLES = ("search_index_unit", "search_index_pair")
# A compound SELECT may have at most 500 arms in SQLite.
_MAX_ARMS = 250

TABLES = (
    "search_index_vocab",
    "search_index_heading",
    "search_index_meta",
    "search_index_document",
    "search_index_sector",
    "search_index_fts",
    "search_index_head",
    "search_index_exact",
    "search_index_unit",
    "search_index_pair",
)
_FTS_TABLES = (
    "search_index_fts",
    "search_index_head",
    "search_index_exact",
    "search_index_unit",
    "search_index_pair",
)

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
        head_tokens INTEGER NOT NULL,
        validity_evidence TEXT  -- last: added by migration search 0004
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
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index_pair "
    f"USING fts5(body, {_PAIR_TOKENIZER}, content='')",
    """CREATE TABLE IF NOT EXISTS search_index_heading (
        key TEXT NOT NULL,
        page_id INTEGER NOT NULL,
        PRIMARY KEY (key, page_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS search_index_heading_page ON search_index_heading (page_id)",
    # Documents per folded word, read from the index itself (long queries keep the rarest).
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index_vocab USING fts5vocab(search_index_fts, row)",
)


def create_schema(cursor) -> None:
    for statement in SCHEMA:
        cursor.execute(statement)


def drop_schema(cursor) -> None:
    for table in TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None


def _ids_param(ids: Iterable[int]) -> str:
    return json.dumps(list(ids))


def _pair_phrase(words: Iterable[str]) -> str | None:
    """``search_index_pair`` MATCH expression for these folded words as one phrase (None for
    fewer than two words): their pairs, as a phrase."""
    pairs = pairs_text(" ".join(words))
    return f'"{pairs}"' if pairs else None


def _all_words_of(parsed: ParsedQuery) -> str:
    """MATCH expression for every word of ``parsed`` (terms, phrase words, number parts)
    in any order: no phrases (see ``SQLiteBackend._in_documents``)."""
    texts = [
        *(term.folded for term in parsed.terms),
        *(word.folded for phrase in parsed.phrases for word in phrase),
        *map(fold, parsed.numbers),
    ]
    words = dict.fromkeys(word for text in texts for word in WORD.findall(text))
    return " AND ".join(f'"{word}"' for word in words)


def _all_words(plan: QueryPlan) -> str:
    return _all_words_of(plan.words_query)


def _within(rowids: np.ndarray, allowed: np.ndarray | None) -> np.ndarray:
    return rowids if allowed is None else rowids[np.isin(rowids, allowed)]


def _only_long_phrases(parsed: ParsedQuery) -> bool:
    """Whether every word of ``parsed`` is in a quoted phrase of two words or more."""
    return not parsed.terms and all(
        _pair_phrase(word.folded for word in phrase) is not None for phrase in parsed.phrases
    )


def _any(queries: Iterable[ParsedQuery]) -> str:
    """FTS5 expression matching any of ``queries``."""
    return " OR ".join(f"({to_fts5(query)})" for query in queries)


class _Rows:
    """The rows of one batch of records, table by table."""

    def __init__(self) -> None:
        self.documents: list[tuple] = []
        self.sectors: list[tuple] = []
        self.fts: list[tuple] = []
        self.head: list[tuple] = []
        self.exact: list[tuple] = []
        self.units: list[tuple] = []
        self.pairs: list[tuple] = []
        self.headings: list[tuple] = []

    @classmethod
    def of(cls, records: list[IndexRecord]) -> "_Rows":
        rows = cls()
        for record in records:
            rows.add(record)
        return rows

    def add(self, record: IndexRecord) -> None:
        page_id = record.page_id
        units = record_units(record)
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
                len(WORD.findall(head_folded)),
                record.validity_evidence,
            )
        )
        self.sectors.extend((page_id, slug, name) for slug, name in dict(record.sectors).items())
        self.headings.extend(heading_rows(record))
        self.fts.append((page_id, head_folded, "\n".join(folded)))
        self.head.append((page_id, head_folded))
        self.exact.append((page_id, head.lower(), "\n".join(u[5] for u in units).lower()))
        self.units.extend(
            (unit_id(page_id, unit[0]), body, unit[1], unit[2], unit[3], unit[4])
            for unit, body in zip(units, folded, strict=True)
        )
        self.pairs.extend(
            (unit_id(page_id, unit[0]), pairs_text(body))
            for unit, body in zip(units, folded, strict=True)
        )


class SQLiteBackend(EmbeddedMixin, SearchBackend):
    name = "sqlite"
    batch_size = BATCH_SIZE
    # Matching documents beyond which units are counted only for those that can reach the
    # page (see search.backends.ranking): below, reading every matching unit at once costs
    # less (few matches mean a rare word, whose short list FTS5 follows).
    eager_matches = 2000
    _create_schema = staticmethod(create_schema)
    _drop_schema = staticmethod(drop_schema)

    # --- Writing ---------------------------------------------------------------------------

    def index(self, records: Iterable[IndexRecord]) -> int:
        self.ensure_schema()
        written = 0
        for batch, rows in pipelined(records, BATCH_SIZE, _Rows.of):
            with transaction.atomic(), connection.cursor() as cursor:
                self._delete(cursor, [record.page_id for record in batch])
                cursor.executemany(
                    f"INSERT INTO search_index_document VALUES ({', '.join(['%s'] * 19)})",
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
                cursor.executemany(
                    "INSERT INTO search_index_pair (rowid, body) VALUES (%s, %s)", rows.pairs
                )
                cursor.executemany(
                    "INSERT INTO search_index_heading VALUES (%s, %s)", rows.headings
                )
                self._new_version(cursor)
            written += len(batch)
        return written

    def clear(self) -> None:
        """Empty the index for a rebuild (clear, index, optimize): FTS5 stops merging its
        segments as they are written (``automerge`` 0; at most 16 per level all the same),
        which ``optimize`` does once at the end, and keeps up to ``HASH_SIZE`` of new terms in
        memory before writing a segment (FTS5's default is 1 MB): writing the shared corpus
        takes 28 s instead of 46 s here."""
        super().clear()
        self._configure(automerge=0)

    def optimize(self) -> None:
        """Merge each FTS5 index into one b-tree (after a full rebuild: faster queries) and
        merge as usual again."""
        self.ensure_schema()
        with connection.cursor() as cursor:
            for table in _FTS_TABLES:
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        self._configure(automerge=AUTOMERGE)

    @staticmethod
    def _configure(*, automerge: int) -> None:
        with connection.cursor() as cursor:
            for table in _FTS_TABLES:
                for option, value in (("automerge", automerge), ("hashsize", HASH_SIZE)):
                    cursor.execute(
                        f"INSERT INTO {table} ({table}, rank) VALUES (%s, %s)", [option, value]
                    )

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
        for table in ("search_index_document", "search_index_sector", "search_index_heading"):
            cursor.execute(
                f"DELETE FROM {table} WHERE page_id IN (SELECT value FROM json_each(%s))", [ids]
            )
        for table in ("search_index_fts", "search_index_head", "search_index_exact"):
            cursor.execute(
                f"DELETE FROM {table} WHERE rowid IN (SELECT value FROM json_each(%s))", [ids]
            )
        ranges = [(unit_id(page_id, 0), unit_id(page_id, MAX_POSITION)) for page_id in existing]
        # A contentless table forgets a row when told the tokens it was given: the pairs are
        # made again from the unit's folded text, as when it was written.
        for low, high in ranges:
            cursor.execute(
                "SELECT id, c0 FROM search_index_unit_content WHERE id BETWEEN %s AND %s",
                [low, high],
            )
            cursor.executemany(
                "INSERT INTO search_index_pair (search_index_pair, rowid, body) "
                "VALUES ('delete', %s, %s)",
                [(rowid, pairs_text(body)) for rowid, body in cursor.fetchall()],
            )
        cursor.executemany("DELETE FROM search_index_unit WHERE rowid BETWEEN %s AND %s", ranges)
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

    @staticmethod
    def _frequencies(cursor, words: list[str]) -> dict[str, int]:
        cursor.execute(
            "SELECT term, min(doc, %s) FROM search_index_vocab WHERE term IN "
            f"({', '.join(['%s'] * len(words))})",
            [policy.FREQUENCY_CAP, *words],
        )
        return dict(cursor.fetchall())

    def _excluded(self, cursor, plan: QueryPlan) -> np.ndarray:
        return self._ids(cursor, "search_index_fts", _any(plan.exclusions))

    @staticmethod
    def _as_stored(day: datetime.date) -> str:
        return day.isoformat()

    @staticmethod
    def _ids(
        cursor, table: str, expression: str, columns: str | None = None, rowid: int | None = None
    ) -> np.ndarray:
        """Rowids of ``table`` matching ``expression`` (built from to_fts5), in order.

        They come as one string, parsed by NumPy: a query may match tens of thousands of
        rows, and a Python tuple per row would cost more than FTS5 finding them.
        """
        if columns:
            expression = f"{columns} : ({expression})"
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"
        params: list = [expression]
        if rowid is not None:
            sql += " AND rowid = %s"
            params.append(rowid)
        cursor.execute(f"SELECT group_concat(rowid) FROM ({sql})", params)
        text = cursor.fetchone()[0]
        if not text:
            return np.zeros(0, dtype=np.int64)
        return np.sort(np.fromstring(text, dtype=np.int64, sep=","))

    def _signals(
        self, cursor, plan: QueryPlan, units: dict[int, list[int]], catalog: Catalog
    ) -> Signals:
        """Matching documents and their signals; fills ``units`` with the matching units'
        rowids of each tier read (0: the plain terms as one phrase, 1: all the words), in
        rowid order: of every match, or of those ``select`` reads pending signals for."""
        parsed = plan.parsed
        signals = Signals()
        matched, in_phrases = self._matches(cursor, plan)
        signals.add(matched)
        if plan.keys:
            cursor.execute(
                "SELECT page_id, number_key FROM search_index_document "
                "WHERE number_key IN (SELECT value FROM json_each(%s))",
                [json.dumps(list(plan.keys))],
            )
            for page_id, key in cursor.fetchall():
                if signals.has("matched", page_id) or self._matches_rest(
                    cursor, page_id, key, plan
                ):
                    signals.add([page_id])
                    signals.mark("number", [page_id])
        if not signals.matched.size:
            return signals
        if plan.heading_key:
            signals.mark("heading", heading_matches(cursor, plan.heading_key))
        if plan.has_words:
            words = to_fts5(plan.words_query)
            signals.mark("head", self._ids(cursor, "search_index_head", words))
        else:
            numbers = to_fts5(ParsedQuery(numbers=parsed.numbers))
            signals.mark("head", self._ids(cursor, "search_index_head", numbers))
            signals.mark("head", signals.ids("number"))
        words = len(parsed.terms) + sum(map(len, parsed.phrases))
        broad, many = breadth(plan, signals.matched.size, self.eager_matches)
        if plan.whole_phrase is not None:
            if broad:
                pending_head_phrases(signals, plan, catalog)
            else:
                phrase = to_fts5(plan.whole_phrase)
                signals.mark("head_phrase", self._ids(cursor, "search_index_head", phrase))
        if plan.exact_words:
            exact = " AND ".join(
                "(" + " OR ".join(to_fts5(single_term(v)) for v in variants) + ")"
                for variants in plan.exact_words
            )
            signals.mark("head_exact", self._ids(cursor, "search_index_exact", exact, "{head}"))
            if many:
                signals.pending.append(
                    (policy.EXACT, partial(self._exact_in, cursor, exact, signals))
                )
            else:
                signals.mark("exact", self._ids(cursor, "search_index_exact", exact))
        # Units holding all the words, with many matches, are read for the candidates only. The
        # phrase is looked for in every unit (its pairs are rare, unless it is a broad query's):
        # looked for in some units only, FTS5 would read on past those without it.
        tiers = []
        if plan.whole_phrase is not None:
            phrase = _pair_phrase(term.folded for term in parsed.terms)
            if phrase is not None:
                tiers.append(
                    (0, "search_index_pair", phrase, "phrase_units", policy.PHRASE_UNITS, broad)
                )
        if plan.has_words and words > 1 and not broad:
            # One word alone: every matching document has it in some unit; counting them
            # would cost the most for the most common words, and tell little.
            if in_phrases is not None and _only_long_phrases(parsed):
                # Only phrases: the units holding them all are known already.
                units[1] = in_phrases.tolist()
                signals.count("all_units", (in_phrases >> POSITION_BITS).tolist())
                return self._read_tiers(cursor, tiers, signals, units, None)
            tiers.append(
                (1, "search_index_unit", _all_words(plan), "all_units", policy.ALL_UNITS, many)
            )
        return self._read_tiers(cursor, tiers, signals, units, in_phrases)

    def _read_tiers(self, cursor, tiers, signals: Signals, units, in_phrases) -> Signals:
        """Read each tier now, or leave it pending; units of tier 1 (all the words) must also
        hold every quoted phrase (``in_phrases``: those units, or None)."""
        for tier, table, expression, attribute, bonus, deferred in tiers:
            within = in_phrases if tier == 1 else None
            if deferred:
                reader = partial(
                    self._tier_units, cursor, tier, table, expression, attribute, signals
                )
                signals.pending.append((bonus, partial(reader, units=units, within=within)))
            else:
                rowids = _within(self._ids(cursor, table, expression), within)
                units[tier] = rowids.tolist()
                signals.count(attribute, (rowids >> POSITION_BITS).tolist())
        return signals

    def _matches(self, cursor, plan: QueryPlan) -> tuple[np.ndarray, np.ndarray | None]:
        """Page ids matching the query: words, numbers and exclusions in the document table;
        each phrase of two words or more in the head or within one unit (search_index_pair:
        much faster than a phrase in the document table). Also the units holding every such
        phrase (None without one)."""
        parsed = plan.parsed
        phrases = []
        rest = []
        for phrase in parsed.phrases:
            expression = _pair_phrase(word.folded for word in phrase)
            if expression is None:
                rest.append(phrase)
            else:
                phrases.append((phrase, expression))
        if not phrases:
            return self._ids(cursor, "search_index_fts", to_fts5(parsed)), None
        found: set[int] = set()
        in_all = as_ids(())
        for number, (phrase, expression) in enumerate(phrases):
            in_units = self._ids(cursor, "search_index_pair", expression)
            in_all = in_units if number == 0 else np.intersect1d(in_all, in_units)
            docs = set((in_units >> POSITION_BITS).tolist())
            head = to_fts5(ParsedQuery(phrases=(phrase,)))
            docs.update(self._ids(cursor, "search_index_head", head).tolist())
            found = docs if number == 0 else found & docs
            if not found:
                return as_ids(()), in_all
        others = ParsedQuery(
            terms=parsed.terms,
            phrases=tuple(rest),
            numbers=parsed.numbers,
            excluded=parsed.excluded,
        )
        if not others.is_empty:
            found &= set(self._ids(cursor, "search_index_fts", to_fts5(others)).tolist())
        elif plan.exclusions:
            found -= set(self._ids(cursor, "search_index_fts", _any(plan.exclusions)).tolist())
        return as_ids(sorted(found)), in_all

    def _tier_units(
        self,
        cursor,
        tier: int,
        table: str,
        expression: str,
        attribute: str,
        signals: Signals,
        page_ids: list[int],
        *,
        units: dict[int, list[int]],
        within: np.ndarray | None,
    ) -> None:
        """The units of ``page_ids`` matching ``expression`` in ``table`` (and among
        ``within``, unless None): counted in ``signals`` as ``attribute``, rowids in
        ``units[tier]``."""
        found = self._in_documents(cursor, table, expression, sorted(page_ids))
        rowids = _within(np.sort(as_ids(found)), within)
        units[tier] = rowids.tolist()
        signals.count(attribute, (rowids >> POSITION_BITS).tolist())

    def _exact_in(self, cursor, expression: str, signals: Signals, page_ids: list[int]) -> None:
        """Mark as ``exact`` those of ``page_ids`` holding the words as spelt."""
        found = self._in_documents(cursor, "search_index_exact", expression, sorted(page_ids))
        signals.mark("exact", found)

    def _matches_rest(self, cursor, page_id: int, key: str, plan: QueryPlan) -> bool:
        """Whether the document numbered ``key`` matches the rest of the query."""
        rest = plan.without_number(key)
        if not rest.is_empty:
            return bool(self._ids(cursor, "search_index_fts", to_fts5(rest), rowid=page_id).size)
        if not plan.exclusions:
            return True
        return not self._ids(cursor, "search_index_fts", _any(plan.exclusions), rowid=page_id).size

    @staticmethod
    def _in_documents(
        cursor, table: str, expression: str, page_ids: list[int], limit: int | None = None
    ) -> list[int]:
        """Rowids of ``table`` matching ``expression`` among the rows of each of ``page_ids``
        (its units in a table of units; at most ``limit`` per document): one rowid range per
        document, where FTS5 seeks.

        ``expression`` holds no phrase of common words: past a range without a match, FTS5
        reads on to the next match, to the end of the words' lists when there is none.
        """
        sql = (
            f"SELECT * FROM (SELECT rowid FROM {table} WHERE {table} MATCH %s "
            f"AND rowid BETWEEN %s AND %s{' LIMIT %s' if limit else ''})"
        )
        per_unit = table in _UNIT_TABLES
        rowids: list[int] = []
        for start in range(0, len(page_ids), _MAX_ARMS):
            chunk = page_ids[start : start + _MAX_ARMS]
            params: list = []
            for page_id in chunk:
                if per_unit:
                    params += [expression, unit_id(page_id, 0), unit_id(page_id, MAX_POSITION)]
                else:
                    params += [expression, page_id, page_id]
                if limit:
                    params.append(limit)
            cursor.execute(" UNION ALL ".join([sql] * len(chunk)), params)
            rowids.extend(row[0] for row in cursor.fetchall())
        return rowids

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
                while i < len(rowids) and rowids[i] <= end and len(picked) < policy.UNITS_PER_HIT:
                    if rowids[i] not in picked:
                        picked.append(rowids[i])
                    i += 1
        # Units of the hits that no tier gave: those with all the words (broad queries read
        # no tiers), then, for hits with none (the words are spread out), those with any.
        arms = []
        if plan.has_words and 1 not in tiers:
            arms.append((_all_words(plan), policy.UNITS_PER_HIT))
        if plan.clauses:
            any_clause = " OR ".join(f"({_all_words_of(clause)})" for clause in plan.clauses)
            arms.append((any_clause, 1))
        for expression, fewer_than in arms:
            lacking = [doc.page_id for doc in page if len(chosen.get(doc.page_id, ())) < fewer_than]
            for rowid in self._in_documents(
                cursor, "search_index_unit", expression, lacking, policy.UNITS_PER_HIT
            ):
                picked = chosen.setdefault(rowid >> POSITION_BITS, [])
                if rowid not in picked and len(picked) < policy.UNITS_PER_HIT:
                    picked.append(rowid)
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
            [policy.SNIPPET_SOURCE_SIZE, policy.SNIPPET_SOURCE_SIZE, *wanted],
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
