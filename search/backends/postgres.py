"""Embedded search on PostgreSQL full text (the 'simple' configuration, over text folded and
lower-cased in Python, so the database's locale plays no part).

Tables (created by the migration and again, idempotently, by the backend):

- ``search_index_meta``: the index version, changed by every write (see ``DocumentCache``);
- ``search_index_document``: filter, facet and sort columns, and four ``tsvector`` columns:
  ``head`` (folded number, title, summary, type, with positions) and ``head_exact`` (the same
  in lower case with diacritics), ``words`` and ``words_exact`` (every word of the document,
  folded / with diacritics, without positions: a tsvector has room for a whole code's words
  but not for its positions);
- ``search_index_sector``: (document, sector) links;
- ``search_index_unit``: each article (position >= 1) and the text outside articles
  (position 0) with its folded ``body`` tsvector (positions: phrases are matched per unit);
- ``search_index_heading``: (heading key, document) for the title and each article heading
  (``search.backends.plan.heading_key``): a whole query equal to one ranks first.

GIN indexes on every tsvector. Queries are built from the parsed query only: each word goes
through ``plainto_tsquery`` and each phrase or number through ``phraseto_tsquery`` as a bound
parameter, combined with ``&&``, ``||`` and ``!!`` here (never ``websearch_to_tsquery``).
"""

import re
import uuid
from collections.abc import Iterable, Sequence

from django.db import ProgrammingError, connection, transaction

from cms.text import WORD, fold
from search import ranking_policy as policy
from search.backends.base import IndexRecord, Results, SearchBackend, SearchRequest, head_text
from search.backends.catalog import Doc
from search.backends.embedded import (
    EmbeddedMixin,
    heading_matches,
    heading_rows,
    pipelined,
    record_units,
    unit_id,
)
from search.backends.hits import Unit
from search.backends.plan import QueryPlan
from search.backends.ranking import Signals
from search.query import ParsedQuery, Term

BATCH_SIZE = 250
_SEPARATORS = re.compile(r"[\W_]+")

TABLES = (
    "search_index_heading",
    "search_index_meta",
    "search_index_unit",
    "search_index_sector",
    "search_index_document",
)

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS search_index_meta (key text PRIMARY KEY, value text NOT NULL)",
    """CREATE TABLE IF NOT EXISTS search_index_document (
        page_id bigint PRIMARY KEY,
        number text NOT NULL,
        number_key text NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        type_id bigint NOT NULL,
        type_name text NOT NULL,
        issuer_id bigint NOT NULL,
        issuer_name text NOT NULL,
        year integer,
        issued_on date,
        effective_on date,
        expires_on date,
        terminated_on date,
        partly_terminated_on date,
        url text NOT NULL,
        unit_count integer NOT NULL,
        head_tokens integer NOT NULL,
        head tsvector NOT NULL,
        head_exact tsvector NOT NULL,
        words tsvector NOT NULL,
        words_exact tsvector NOT NULL,
        validity_evidence text  -- last: added by migration search 0004
    )""",
    "CREATE INDEX IF NOT EXISTS search_index_document_number_key "
    "ON search_index_document (number_key)",
    "CREATE INDEX IF NOT EXISTS search_index_document_head "
    "ON search_index_document USING gin (head)",
    "CREATE INDEX IF NOT EXISTS search_index_document_head_exact "
    "ON search_index_document USING gin (head_exact)",
    "CREATE INDEX IF NOT EXISTS search_index_document_words "
    "ON search_index_document USING gin (words)",
    "CREATE INDEX IF NOT EXISTS search_index_document_words_exact "
    "ON search_index_document USING gin (words_exact)",
    """CREATE TABLE IF NOT EXISTS search_index_sector (
        page_id bigint NOT NULL,
        slug text NOT NULL,
        name text NOT NULL,
        PRIMARY KEY (page_id, slug)
    )""",
    """CREATE TABLE IF NOT EXISTS search_index_unit (
        id bigint PRIMARY KEY,
        page_id bigint NOT NULL,
        position integer NOT NULL,
        number text NOT NULL,
        heading text NOT NULL,
        anchor text NOT NULL,
        text text NOT NULL,
        body tsvector NOT NULL
    )""",
    # Phrases are checked on the stored vectors: uncompressed, they are read without inflating.
    "ALTER TABLE search_index_unit ALTER COLUMN body SET STORAGE EXTERNAL",
    "CREATE INDEX IF NOT EXISTS search_index_unit_page ON search_index_unit (page_id, position)",
    "CREATE INDEX IF NOT EXISTS search_index_unit_body ON search_index_unit USING gin (body)",
    """CREATE TABLE IF NOT EXISTS search_index_heading (
        key text NOT NULL,
        page_id bigint NOT NULL,
        PRIMARY KEY (key, page_id)
    )""",
    "CREATE INDEX IF NOT EXISTS search_index_heading_page ON search_index_heading (page_id)",
)

_DOCUMENT_INSERT = (
    "INSERT INTO search_index_document VALUES ("
    + ", ".join(["%s"] * 18)
    + ", to_tsvector('simple', %s), to_tsvector('simple', %s), "
    "array_to_tsvector(%s::text[]), array_to_tsvector(%s::text[]), %s)"
)
_UNIT_INSERT = (
    "INSERT INTO search_index_unit VALUES (%s, %s, %s, %s, %s, %s, %s, to_tsvector('simple', %s))"
)


def create_schema(cursor) -> None:
    for statement in SCHEMA:
        cursor.execute(statement)


def drop_schema(cursor) -> None:
    for table in TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def clean(text: str) -> str:
    """Words separated by single spaces: what PostgreSQL's parser then splits exactly as
    SQLite FTS5 does ("629/qd-ubnd" would otherwise be one "file" token)."""
    return _SEPARATORS.sub(" ", text).strip()


def prepare_rows(records: Sequence[IndexRecord]) -> tuple[list, list, list, list]:
    """Document, sector, unit and heading rows of ``records`` (pure Python: runs in a worker
    thread)."""
    documents, sectors, units, headings = [], [], [], []
    for record in records:
        page_id = record.page_id
        parts = record_units(record)
        folded = [clean(fold(part[5])) for part in parts]
        head = head_text(record)
        head_folded = clean(fold(head))
        head_lower = head.lower()
        words = set(head_folded.split())
        for body in folded:
            words.update(body.split())
        exact = set(WORD.findall(head_lower))
        for part in parts:
            exact.update(WORD.findall(part[5].lower()))
        documents.append(
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
                record.issued_on,
                record.effective_on,
                record.expires_on,
                record.terminated_on,
                record.partly_terminated_on,
                record.url,
                len(parts),
                len(head_folded.split()),
                head_folded,
                clean(head_lower),
                sorted(words),
                sorted(exact),
                record.validity_evidence,
            )
        )
        sectors.extend((page_id, slug, name) for slug, name in dict(record.sectors).items())
        units.extend(
            (unit_id(page_id, part[0]), page_id, part[0], part[1], part[2], part[3], part[4], body)
            for part, body in zip(parts, folded, strict=True)
        )
        headings.extend(heading_rows(record))
    return documents, sectors, units, headings


class _Query:
    """A tsquery expression as SQL text with its bound parameters."""

    def __init__(self, sql: str, params: Sequence = ()) -> None:
        self.sql = sql
        self.params = list(params)

    @classmethod
    def word(cls, word: str) -> "_Query":
        return cls("plainto_tsquery('simple', %s)", [clean(word)])

    @classmethod
    def phrase(cls, words: Iterable[str]) -> "_Query":
        return cls("phraseto_tsquery('simple', %s)", [clean(" ".join(words))])

    @classmethod
    def all(cls, queries: Sequence["_Query"]) -> "_Query":
        return cls._join(queries, " && ")

    @classmethod
    def any(cls, queries: Sequence["_Query"]) -> "_Query":
        return cls._join(queries, " || ")

    @classmethod
    def _join(cls, queries: Sequence["_Query"], operator: str) -> "_Query":
        return cls(
            "(" + operator.join(q.sql for q in queries) + ")",
            [param for q in queries for param in q.params],
        )


def _words(phrase: Sequence[Term]) -> list[str]:
    return [word.folded for word in phrase]


def _number_words(number: str) -> list[str]:
    return WORD.findall(fold(number))


class PostgresBackend(EmbeddedMixin, SearchBackend):
    name = "postgresql"
    batch_size = BATCH_SIZE
    _create_schema = staticmethod(create_schema)
    _drop_schema = staticmethod(drop_schema)

    # --- Writing ---------------------------------------------------------------------------

    def index(self, records: Iterable[IndexRecord]) -> int:
        self.ensure_schema()
        written = 0
        for batch, (documents, sectors, units, headings) in pipelined(
            records, BATCH_SIZE, prepare_rows
        ):
            with transaction.atomic(), connection.cursor() as cursor:
                self._delete(cursor, [record.page_id for record in batch])
                cursor.executemany(_DOCUMENT_INSERT, documents)
                if sectors:
                    cursor.executemany(
                        "INSERT INTO search_index_sector VALUES (%s, %s, %s)", sectors
                    )
                if units:
                    cursor.executemany(_UNIT_INSERT, units)
                if headings:
                    cursor.executemany("INSERT INTO search_index_heading VALUES (%s, %s)", headings)
                self._new_version(cursor)
            written += len(batch)
        return written

    def optimize(self) -> None:
        """Refresh the planner's statistics (after a full rebuild)."""
        self.ensure_schema()
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"ANALYZE {table}")

    @staticmethod
    def _new_version(cursor) -> None:
        cursor.execute(
            "INSERT INTO search_index_meta (key, value) VALUES ('version', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [uuid.uuid4().hex],
        )

    @staticmethod
    def _delete(cursor, page_ids: list[int]) -> list[int]:
        for table in (
            "search_index_unit",
            "search_index_sector",
            "search_index_heading",
            "search_index_document",
        ):
            if page_ids:
                cursor.execute(f"DELETE FROM {table} WHERE page_id = ANY(%s)", [page_ids])
        return page_ids

    # --- Searching -------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> Results:
        try:
            with transaction.atomic():
                return self._search(request)
        except ProgrammingError as error:
            if "does not exist" not in str(error):
                raise
        self.ensure_schema()
        return self._search(request)

    @staticmethod
    def _frequencies(cursor, words: list[str]) -> dict[str, int]:
        # Counting stops at the cap: a common word's GIN posting list is not read whole.
        cursor.execute(
            "SELECT word, (SELECT count(*) FROM (SELECT 1 FROM search_index_document "
            "WHERE words @@ plainto_tsquery('simple', word) LIMIT %s) AS holding) "
            "FROM unnest(%s::text[]) AS word",
            [policy.FREQUENCY_CAP, words],
        )
        return dict(cursor.fetchall())

    def _prepare(self, cursor) -> None:
        # Matching on the GIN indexes beats reading every tsvector even when most
        # documents match (the planner cannot know how costly @@ on a large one is).
        cursor.execute("SET LOCAL enable_seqscan = off")

    def _excluded(self, cursor, plan: QueryPlan) -> list[int]:
        condition, params = self._excluded_condition(plan)
        cursor.execute(f"SELECT d.page_id FROM search_index_document d WHERE {condition}", params)
        return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _phrase_condition(words: list[str]) -> tuple[str, list]:
        """The words in this order in the head or in one unit."""
        if len(words) == 1:
            query = _Query.word(words[0])
            return f"d.words @@ {query.sql}", query.params
        every = _Query.all([_Query.word(word) for word in words])
        phrase = _Query.phrase(words)
        sql = (
            f"(d.words @@ {every.sql} AND (d.head @@ {phrase.sql} OR d.page_id IN "
            f"(SELECT u.page_id FROM search_index_unit u WHERE u.body @@ {phrase.sql})))"
        )
        return sql, [*every.params, *phrase.params, *phrase.params]

    def _condition(self, parsed: ParsedQuery) -> tuple[str, list]:
        """SQL condition on document "d" for ``parsed`` (numbers as text phrases)."""
        parts: list[str] = []
        params: list = []
        for term in parsed.terms:
            query = _Query.word(term.folded)
            parts.append(f"d.words @@ {query.sql}")
            params += query.params
        for words in [*map(_words, parsed.phrases), *map(_number_words, parsed.numbers)]:
            sql, values = self._phrase_condition(words)
            parts.append(sql)
            params += values
        for phrase in parsed.excluded:
            sql, values = self._phrase_condition(_words(phrase))
            parts.append(f"NOT {sql}")
            params += values
        return " AND ".join(parts) or "TRUE", params

    def _excluded_condition(self, plan: QueryPlan) -> tuple[str, list]:
        parts, params = [], []
        for phrase in plan.parsed.excluded:
            sql, values = self._phrase_condition(_words(phrase))
            parts.append(sql)
            params += values
        return "(" + " OR ".join(parts) + ")", params

    def _signals(
        self, cursor, plan: QueryPlan, tiers: dict[int, dict[int, list[int]]], catalog
    ) -> Signals:
        """Matching documents and their signals; fills ``tiers`` with the matching units' ids
        per document (0: the terms as one phrase, 1: all words)."""
        parsed = plan.parsed
        signals = Signals()
        condition, params = self._condition(parsed)
        cursor.execute(f"SELECT d.page_id FROM search_index_document d WHERE {condition}", params)
        signals.add(row[0] for row in cursor.fetchall())
        if plan.keys:
            # A document numbered as asked matches if it matches the rest of the query.
            cursor.execute(
                "SELECT page_id, number_key FROM search_index_document WHERE number_key = ANY(%s)",
                [list(plan.keys)],
            )
            for page_id, key in cursor.fetchall():
                if not signals.has("matched", page_id):
                    condition, params = self._condition(plan.without_number(key))
                    cursor.execute(
                        "SELECT 1 FROM search_index_document d "
                        f"WHERE d.page_id = %s AND {condition}",
                        [page_id, *params],
                    )
                    if cursor.fetchone() is None:
                        continue
                    signals.add([page_id])
        if not signals.matched.size:
            return signals
        if plan.heading_key:
            signals.mark("heading", heading_matches(cursor, plan.heading_key))
        matched = signals.matched.tolist()
        words = self._words_query(plan)
        whole = _Query.phrase(term.folded for term in parsed.terms) if plan.whole_phrase else None
        exact = (
            _Query.all(
                [_Query.any([_Query.word(v) for v in variants]) for variants in plan.exact_words]
            )
            if plan.exact_words
            else None
        )
        columns = ["page_id", "number_key = ANY(%s)"]
        params = [list(plan.keys)]
        if words is not None:
            columns.append(f"head @@ {words.sql}")
            params += words.params
        else:
            numbers = _Query.all([_Query.phrase(_number_words(n)) for n in parsed.numbers])
            columns.append(f"(number_key = ANY(%s) OR head @@ {numbers.sql})")
            params += [list(plan.keys), *numbers.params]
        columns.append(f"head @@ {whole.sql}" if whole else "FALSE")
        params += whole.params if whole else []
        if exact is not None:
            columns += [f"head_exact @@ {exact.sql}", f"words_exact @@ {exact.sql}"]
            params += [*exact.params, *exact.params]
        else:
            columns += ["FALSE", "FALSE"]
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM search_index_document WHERE page_id = ANY(%s)",
            [*params, matched],
        )
        rows = cursor.fetchall()
        for column, name in enumerate(("number", "head", "head_phrase", "head_exact", "exact")):
            signals.mark(name, [row[0] for row in rows if row[column + 1]])
        matching = set(matched)
        unit_tiers = []
        if whole is not None:
            unit_tiers.append((0, whole, "phrase_units"))
        count = len(parsed.terms) + sum(map(len, parsed.phrases))
        broad = count <= 2 and signals.matched.size > policy.BROAD_MATCHES
        if words is not None and count > 1 and not broad:
            # Neither one word alone nor a broad query (see the SQLite backend): all units.
            unit_tiers.append((1, words, "all_units"))
        for tier, query, attribute in unit_tiers:
            cursor.execute(
                f"SELECT page_id, id FROM search_index_unit WHERE body @@ {query.sql} ORDER BY id",
                query.params,
            )
            per_page: dict[int, list[int]] = {}
            for page_id, unit in cursor.fetchall():
                if page_id in matching:
                    per_page.setdefault(page_id, []).append(unit)
            tiers[tier] = per_page
            signals.count(attribute, [p for p, ids in per_page.items() for _ in ids])
        return signals

    @staticmethod
    def _words_query(plan: QueryPlan) -> _Query | None:
        """All terms and phrases (for the head or one unit); None without any."""
        parsed = plan.parsed
        if not plan.has_words:
            return None
        parts = [_Query.word(term.folded) for term in parsed.terms]
        parts += [_Query.phrase(_words(phrase)) for phrase in parsed.phrases]
        return _Query.all(parts)

    def _units(
        self, cursor, page: list[Doc], plan: QueryPlan, tiers: dict[int, dict[int, list[int]]]
    ) -> dict[int, list[Unit]]:
        chosen: dict[int, list[int]] = {}
        for tier in sorted(tiers):
            for doc in page:
                picked = chosen.setdefault(doc.page_id, [])
                for unit in tiers[tier].get(doc.page_id, ()):
                    if len(picked) >= policy.UNITS_PER_HIT:
                        break
                    if unit not in picked:
                        picked.append(unit)
        # Units no tier gave: with all the words (when that tier was not read), then, for
        # hits with none (the words are spread out), with any of them.
        clauses = [
            *(_Query.word(term.folded) for term in plan.parsed.terms),
            *(_Query.phrase(_words(phrase)) for phrase in plan.parsed.phrases),
            *(_Query.phrase(_number_words(number)) for number in plan.parsed.numbers),
        ]
        queries = []
        words = self._words_query(plan)
        if words is not None and 1 not in tiers:
            queries.append((words, policy.UNITS_PER_HIT))  # hits short of units
        if clauses:
            queries.append((_Query.any(clauses), 1))  # hits without any
        for query, short_of in queries:
            lacking = [doc.page_id for doc in page if len(chosen.get(doc.page_id, ())) < short_of]
            if not lacking:
                continue
            cursor.execute(
                "SELECT page_id, id FROM (SELECT page_id, id, row_number() OVER "
                "(PARTITION BY page_id ORDER BY position) AS rank FROM search_index_unit "
                f"WHERE page_id = ANY(%s) AND body @@ {query.sql}) AS found "
                "WHERE rank <= %s ORDER BY id",
                [lacking, *query.params, policy.UNITS_PER_HIT],
            )
            for page_id, unit in cursor.fetchall():
                picked = chosen.setdefault(page_id, [])
                if unit not in picked and len(picked) < policy.UNITS_PER_HIT:
                    picked.append(unit)
        wanted = [unit for units in chosen.values() for unit in units]
        if not wanted:
            return {}
        cursor.execute(
            "SELECT id, position, number, heading, anchor, left(text, %s) "
            "FROM search_index_unit WHERE id = ANY(%s)",
            [policy.SNIPPET_SOURCE_SIZE, wanted],
        )
        rows = {row[0]: row for row in cursor.fetchall()}
        return {
            page_id: [Unit(*rows[unit][1:]) for unit in units if unit in rows]
            for page_id, units in chosen.items()
        }
