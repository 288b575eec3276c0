"""Embedded search on PostgreSQL full text (the 'simple' configuration, over text folded and
lower-cased in Python, so the database's locale plays no part).

Tables (created by the migration and again, idempotently, by the backend):

- ``search_index_meta``: the index version, changed by every write (see ``DocumentCache``);
- ``search_index_document``: filter, facet and sort columns, and two ``tsvector`` columns:
  ``head`` (folded number, title, summary, type, with positions) and ``head_exact`` (the same
  in lower case with diacritics);
- ``search_index_words``: ``words`` and ``words_exact`` of each document (every word, folded /
  with diacritics, without positions: a tsvector has room for a whole code's words but not
  for its positions), in a table of their own: matching common words visits its rows, on
  fewer pages than the document table's (4,200 instead of 6,800 for "quy dinh" at ten times
  the corpus);
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
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from queue import Queue
from threading import Thread
from typing import TypeVar

from django.db import ProgrammingError, connection, transaction

from cms.text import COMBINING_MARK, WORD, fold
from search import ranking_policy as policy
from search.backends.base import IndexRecord, Results, SearchBackend, SearchRequest, head_text
from search.backends.catalog import Doc
from search.backends.embedded import (
    EmbeddedMixin,
    breadth,
    heading_matches,
    heading_rows,
    pending_head_phrases,
    pipelined,
    record_units,
    unit_id,
    word_pairs,
)
from search.backends.hits import Unit
from search.backends.plan import QueryPlan
from search.backends.ranking import Signals
from search.query import ParsedQuery, Term

BATCH_SIZE = 250
T = TypeVar("T")
_DONE = object()
_SEPARATORS = re.compile(r"[\W_]+")
_MARK = re.compile(COMBINING_MARK)

TABLES = (
    "search_index_heading",
    "search_index_meta",
    "search_index_unit",
    "search_index_sector",
    "search_index_words",
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
        validity_evidence text  -- last: added by migration search 0004
    )""",
    "CREATE INDEX IF NOT EXISTS search_index_document_number_key "
    "ON search_index_document (number_key)",
    """CREATE TABLE IF NOT EXISTS search_index_words (
        page_id bigint PRIMARY KEY,
        words tsvector NOT NULL,
        words_exact tsvector NOT NULL
    )""",
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
        body tsvector NOT NULL,
        pairs tsvector NOT NULL
    )""",
    # Phrases are checked on the stored vectors: uncompressed, they are read without inflating.
    "ALTER TABLE search_index_unit ALTER COLUMN body SET STORAGE EXTERNAL",
    "ALTER TABLE search_index_unit ALTER COLUMN pairs SET STORAGE EXTERNAL",
    "CREATE INDEX IF NOT EXISTS search_index_unit_page ON search_index_unit (page_id, position)",
    """CREATE TABLE IF NOT EXISTS search_index_heading (
        key text NOT NULL,
        page_id bigint NOT NULL,
        PRIMARY KEY (key, page_id)
    )""",
    "CREATE INDEX IF NOT EXISTS search_index_heading_page ON search_index_heading (page_id)",
)

# The text indexes: built once at the end of a rebuild (``optimize``), which is several
# times faster than keeping them up to date row by row while the index is rewritten whole.
# Costliest first: ``optimize`` builds them in this order on two connections.
TEXT_INDEXES = (
    # The pairs' index (nearly every pair of a unit is distinct) in halves, built at once;
    # queries name both (``_unit_phrase``).
    *(
        f"CREATE INDEX IF NOT EXISTS search_index_unit_pairs_{half} ON search_index_unit "
        f"USING gin (pairs) WHERE page_id % 2 = {half}"
        for half in (0, 1)
    ),
    "CREATE INDEX IF NOT EXISTS search_index_unit_body ON search_index_unit USING gin (body)",
    *(
        f"CREATE INDEX IF NOT EXISTS search_index_{table}_{column} "
        f"ON search_index_{table} USING gin ({column})"
        for table, column in (
            ("words", "words"),
            ("words", "words_exact"),
            ("document", "head"),
            ("document", "head_exact"),
        )
    ),
)
# The pairs' index in one piece (migration search 0006), replaced by its halves.
_OLD_INDEXES = ("search_index_unit_pairs",)
# In search_index_meta while a rebuild writes (from ``clear`` to ``optimize``).
LOADING = "loading"

# A tsvector of lexemes sent as one space-separated string (none holds a space): psycopg
# would otherwise check each element of a text[] parameter for quoting, in Python.
_LEXEMES = "array_to_tsvector(string_to_array(%s, ' '))"

_DOCUMENT_INSERT = (
    "INSERT INTO search_index_document VALUES ("
    + ", ".join(["%s"] * 18)
    + ", to_tsvector('simple', %s), to_tsvector('simple', %s), %s)"
)
_WORDS_INSERT = f"INSERT INTO search_index_words VALUES (%s, {_LEXEMES}, {_LEXEMES})"
# Units are copied (COPY: no statement per row) to a temporary table, then turned into rows.
_UNIT_STAGE = (
    "CREATE TEMPORARY TABLE IF NOT EXISTS search_index_unit_stage (id bigint, page_id bigint, "
    "position integer, number text, heading text, anchor text, text text, body text, "
    "pairs text) ON COMMIT DELETE ROWS"
)
_UNIT_INSERT = (
    "INSERT INTO search_index_unit SELECT id, page_id, position, number, heading, anchor, text, "
    "to_tsvector('simple', body), array_to_tsvector(string_to_array(pairs, ' ')) "
    "FROM search_index_unit_stage"
)
# Connections writing a rebuild at once, then building its text indexes: the server turns
# text into tsvectors (most of its work) on as many cores while Python prepares the rows.
WRITERS = 2


def create_schema(cursor) -> None:
    """The tables, and their text indexes unless a rebuild is writing."""
    for statement in SCHEMA:
        cursor.execute(statement)
    cursor.execute("SELECT 1 FROM search_index_meta WHERE key = %s", [LOADING])
    if cursor.fetchone() is None:
        create_text_indexes(cursor)


def _execute(statement: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement)


def _copy(cursor, table: str, rows: list[tuple]) -> None:
    if rows:
        with cursor.copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def on_connections(items: Iterable[T], work: Callable[[T], None], workers: int) -> None:
    """``work(item)`` for each of ``items``, on ``workers`` threads with a database connection
    each (closed after), at most ``workers`` items waiting; the first error is raised here
    once every thread stopped. Inside a transaction (the caller's writes must stay in it),
    one after the other on this connection."""
    if workers < 2 or connection.in_atomic_block:
        for item in items:
            work(item)
        return
    waiting: Queue = Queue(maxsize=workers)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            while (item := waiting.get()) is not _DONE:
                if not errors:  # after an error, the items left are only taken off
                    try:
                        work(item)
                    except BaseException as error:  # raised in the caller
                        errors.append(error)
        finally:
            connection.close()

    threads = [Thread(target=run, name=f"search-write-{n}") for n in range(workers)]
    for thread in threads:
        thread.start()
    try:
        for item in items:
            if errors:
                break
            waiting.put(item)
    finally:
        for _ in threads:
            waiting.put(_DONE)
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]


def create_text_indexes(cursor) -> None:
    for statement in TEXT_INDEXES:
        cursor.execute(statement)
    for index in _OLD_INDEXES:
        cursor.execute(f"DROP INDEX IF EXISTS {index}")


def drop_schema(cursor) -> None:
    for table in TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def clean(text: str) -> str:
    """Words separated by single spaces: what PostgreSQL's parser then splits exactly as
    SQLite FTS5 does ("629/qd-ubnd" would otherwise be one "file" token)."""
    return _SEPARATORS.sub(" ", text).strip()


def _storable(lexeme: str) -> bool:
    """Whether PostgreSQL keeps ``lexeme`` in a tsvector (at most 2 kB)."""
    return len(lexeme) < 512 or len(lexeme.encode()) < 2048


def unit_pairs(words: Sequence[str], *, long: bool = True) -> str:
    """The ``pairs`` lexemes of a unit's folded words, space-separated (``_LEXEMES``);
    ``long``: whether a word may be too long for a pair to be stored."""
    pairs = set(word_pairs(words))
    return " ".join(filter(_storable, pairs) if long else pairs)


def add_pairs(cursor, batch: int = 2000) -> None:
    """Give an index written before the ``pairs`` column its pairs (migration search 0006),
    from each unit's stored heading and text, as ``prepare_rows`` makes them."""
    cursor.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'search_index_unit' AND column_name IN ('id', 'pairs')"
    )
    if len(cursor.fetchall()) != 1:
        return  # no index yet, or made with the column already
    cursor.execute("ALTER TABLE search_index_unit ADD COLUMN pairs tsvector")
    last = -1
    while True:
        cursor.execute(
            "SELECT id, heading, text FROM search_index_unit WHERE id > %s ORDER BY id LIMIT %s",
            [last, batch],
        )
        rows = cursor.fetchall()
        if not rows:
            break
        last = rows[-1][0]
        cursor.executemany(
            f"UPDATE search_index_unit SET pairs = {_LEXEMES} WHERE id = %s",
            [
                (unit_pairs(forms(f"{heading}\n{text}" if heading else text)[1].split()), unit)
                for unit, heading, text in rows
            ],
        )
    cursor.execute("ALTER TABLE search_index_unit ALTER COLUMN pairs SET NOT NULL")
    create_schema(cursor)


def split_words(cursor) -> None:
    """Move the document words of an index written before ``search_index_words`` to that
    table (migration search 0007)."""
    cursor.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'search_index_document' AND column_name = 'words'"
    )
    if cursor.fetchone() is None:
        return  # no index yet, or made with the table already
    cursor.execute("DROP TABLE IF EXISTS search_index_words")
    cursor.execute(
        "CREATE TABLE search_index_words AS "
        "SELECT page_id, words, words_exact FROM search_index_document"
    )
    cursor.execute("ALTER TABLE search_index_words ADD PRIMARY KEY (page_id)")
    for column in ("words", "words_exact"):
        cursor.execute(f"ALTER TABLE search_index_words ALTER COLUMN {column} SET NOT NULL")
        cursor.execute(f"ALTER TABLE search_index_document DROP COLUMN {column}")
    create_schema(cursor)


def forms(text: str) -> tuple[str, str]:
    """``text`` in lower case and folded, each as words apart by single spaces (``clean``):
    one pass of the separators' expression for both."""
    lower = text.lower()
    exact = clean(lower)
    folded = fold(exact)
    # Folding first joins a word cut by a stray combining mark ("va\u0300n"), as the engines'
    # tokenizers do; folding may also drop a character: then the separators are read again.
    if _MARK.search(lower) or not folded.replace(" ", "").isalnum() or "  " in folded:
        folded = clean(fold(lower))
    return exact, folded


def prepare_rows(records: Sequence[IndexRecord]) -> tuple[list, list, list, list, list]:
    """Document, words, sector, unit and heading rows of ``records`` (pure Python: runs in a
    worker thread)."""
    documents, words_rows, sectors, units, headings = [], [], [], [], []
    for record in records:
        page_id = record.page_id
        parts = record_units(record)
        head_lower, head_folded = forms(head_text(record))
        words = set(head_folded.split())
        exact_texts = [head_lower] if head_lower else []
        unit_words = []
        for part in parts:
            lower, folded = forms(part[5])
            tokens = folded.split()
            words.update(tokens)
            if lower:
                exact_texts.append(lower)
            unit_words.append((folded, tokens))
        # A lexeme is too long for a tsvector (``_storable``) only from 512 characters, a
        # pair only with a word of 255 or more (words with diacritics are as long as folded).
        long = max(map(len, words), default=0) >= 255
        if long:
            exact = set()
            for text in exact_texts:
                exact.update(text.split())
            exact_texts = list(filter(_storable, exact))
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
                head_lower,
                record.validity_evidence,
            )
        )
        words_rows.append(
            (
                page_id,
                " ".join(filter(_storable, words) if long else words),
                # Every word, repeated: the server makes them a set (``_LEXEMES``).
                " ".join(exact_texts),
            )
        )
        sectors.extend((page_id, slug, name) for slug, name in dict(record.sectors).items())
        units.extend(
            (
                unit_id(page_id, part[0]),
                page_id,
                *part[:5],
                folded,
                unit_pairs(tokens, long=long),
            )
            for part, (folded, tokens) in zip(parts, unit_words, strict=True)
        )
        headings.extend(heading_rows(record))
    return documents, words_rows, sectors, units, headings


class _Sql:
    """SQL text with its bound parameters."""

    def __init__(self, sql: str, params: Sequence = ()) -> None:
        self.sql = sql
        self.params = list(params)

    @classmethod
    def join(cls, parts: Sequence["_Sql"], operator: str):
        return cls(
            "(" + operator.join(part.sql for part in parts) + ")",
            [param for part in parts for param in part.params],
        )


class _Query(_Sql):
    """A tsquery expression."""

    @classmethod
    def word(cls, word: str) -> "_Query":
        return cls("plainto_tsquery('simple', %s)", [clean(word)])

    @classmethod
    def words(cls, words: Iterable[str]) -> "_Query":
        """Every one of ``words``, in any order (one tsquery: one index scan)."""
        return cls("plainto_tsquery('simple', %s)", [clean(" ".join(words))])

    @classmethod
    def phrase(cls, words: Iterable[str]) -> "_Query":
        return cls("phraseto_tsquery('simple', %s)", [clean(" ".join(words))])

    @classmethod
    def pairs(cls, words: Iterable[str]) -> "_Query | None":
        """Every pair of consecutive ``words`` (a ``pairs`` column query: lexemes as stored,
        no parsing); None under two words."""
        pairs = set(word_pairs(clean(" ".join(words)).split(" ")))
        if not pairs or not all(map(_storable, pairs)):
            return None
        return cls("%s::tsquery", [" & ".join(f"'{pair}'" for pair in sorted(pairs))])

    @classmethod
    def all(cls, queries: Sequence["_Query"]) -> "_Query":
        return cls.join(queries, " && ")

    @classmethod
    def any(cls, queries: Sequence["_Query"]) -> "_Query":
        return cls.join(queries, " || ")


class _Condition(_Sql):
    """A SQL condition."""

    @classmethod
    def all(cls, conditions: Sequence["_Condition"]) -> "_Condition":
        return cls.join(conditions, " AND ") if conditions else cls("TRUE")


# The units of some documents (a bound array of page ids), read through the documents'
# index before any text condition: the planner would otherwise read a common word's whole
# list in the text index (``OFFSET 0`` keeps the subquery apart).
_OF_DOCUMENTS = "(SELECT * FROM search_index_unit WHERE page_id = ANY(%s) OFFSET 0) AS u"
# The same for the documents themselves.
_DOCUMENTS = "(SELECT * FROM search_index_document WHERE page_id = ANY(%s) OFFSET 0) AS d"
_WORDS = "(SELECT * FROM search_index_words WHERE page_id = ANY(%s) OFFSET 0) AS d"


def _words(phrase: Sequence[Term]) -> list[str]:
    return [word.folded for word in phrase]


def _number_words(number: str) -> list[str]:
    return WORD.findall(fold(number))


def _unit_phrase(words: list[str], alias: str = "") -> _Condition:
    """``words`` in this order within one unit: its pairs (rare, so the pairs index finds
    few units), and for three words or more the phrase itself in those few (pairs in another
    order would do too)."""
    column = f"{alias}." if alias else ""
    pairs = _Query.pairs(words)
    phrase = _Query.phrase(words)
    if pairs is None:
        return _Condition(f"{column}body @@ {phrase.sql}", phrase.params)
    in_pairs = _Condition.join(
        [
            _Condition(
                f"{column}page_id %% 2 = {half} AND {column}pairs @@ {pairs.sql}", pairs.params
            )
            for half in (0, 1)
        ],
        " OR ",
    )
    if len(words) == 2:
        return in_pairs
    # The function of ``@@``, which the planner does not match to the index: the body index
    # would only find every unit holding the words, to be intersected with the pairs' few.
    in_body = _Condition(f"ts_match_vq({column}body, {phrase.sql})", phrase.params)
    return _Condition.all([in_pairs, in_body])


def _unit_words(plan: QueryPlan) -> _Condition:
    """A unit holding every word of the query and each of its quoted phrases."""
    parsed = plan.parsed
    words = [
        *(term.folded for term in parsed.terms),
        *(word.folded for phrase in parsed.phrases for word in phrase),
    ]
    every = _Query.words(words)
    return _Condition.all(
        [
            _Condition(f"body @@ {every.sql}", every.params),
            *(_unit_phrase(_words(phrase)) for phrase in parsed.phrases if len(phrase) > 1),
        ]
    )


class PostgresBackend(EmbeddedMixin, SearchBackend):
    name = "postgresql"
    batch_size = BATCH_SIZE
    # Matching documents beyond which the costly signals are read for the candidates only:
    # lower than FTS5's, as a GIN index is not read in page id order (no seeking to one
    # document's units), and a tsvector is checked only once detoasted.
    eager_matches = 200
    _create_schema = staticmethod(create_schema)
    _drop_schema = staticmethod(drop_schema)

    # --- Writing ---------------------------------------------------------------------------

    def index(self, records: Iterable[IndexRecord]) -> int:
        """Write ``records`` (each page once: outside a transaction, batches are written at
        once on ``WRITERS`` connections)."""
        self.ensure_schema()
        written = 0

        def batches():
            nonlocal written
            for batch, rows in pipelined(records, BATCH_SIZE, prepare_rows):
                yield [record.page_id for record in batch], rows
                written += len(batch)

        on_connections(batches(), self._write, WRITERS)
        return written

    def _write(self, item: tuple[list[int], tuple[list, list, list, list, list]]) -> None:
        page_ids, (documents, words, sectors, units, headings) = item
        with transaction.atomic(), connection.cursor() as cursor:
            self._delete(cursor, page_ids)
            cursor.executemany(_DOCUMENT_INSERT, documents)
            cursor.executemany(_WORDS_INSERT, words)
            _copy(cursor, "search_index_sector", sectors)
            _copy(cursor, "search_index_heading", headings)
            if units:
                cursor.execute(_UNIT_STAGE)
                cursor.execute("DELETE FROM search_index_unit_stage")  # in a caller's transaction
                _copy(cursor, "search_index_unit_stage", units)
                cursor.execute(_UNIT_INSERT)
            self._new_version(cursor)  # last: the meta row stays locked only until the commit

    def clear(self) -> None:
        """Empty the index for a rebuild (clear, index, optimize): the text indexes are
        dropped until ``optimize`` builds them from the rows written (searching meanwhile
        reads the tables whole: slower, same results)."""
        with transaction.atomic(), connection.cursor() as cursor:
            drop_schema(cursor)
            for statement in SCHEMA:
                cursor.execute(statement)
            cursor.execute("INSERT INTO search_index_meta VALUES (%s, '1')", [LOADING])
            self._new_version(cursor)

    def optimize(self) -> None:
        """Build the text indexes (after a rebuild) and refresh the planner's statistics."""
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in SCHEMA:  # search_index_meta, if the index was never written
                cursor.execute(statement)
        on_connections(TEXT_INDEXES, _execute, WRITERS)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_index_meta WHERE key = %s", [LOADING])
            create_schema(cursor)
        on_connections([f"ANALYZE {table}" for table in TABLES], _execute, WRITERS)

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
            "search_index_words",
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
            "SELECT word, (SELECT count(*) FROM (SELECT 1 FROM search_index_words "
            "WHERE words @@ plainto_tsquery('simple', word) LIMIT %s) AS holding) "
            "FROM unnest(%s::text[]) AS word",
            [policy.FREQUENCY_CAP, words],
        )
        return dict(cursor.fetchall())

    def _prepare(self, cursor) -> None:
        # Matching on the GIN indexes beats reading every tsvector even when most
        # documents match (the planner cannot know how costly @@ on a large one is).
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Compiling a plan costs more than running these short queries (their costs,
        # over-estimated for tsvectors, would cross jit_above_cost at ten times the corpus).
        cursor.execute("SET LOCAL jit = off")

    def _excluded(self, cursor, plan: QueryPlan) -> list[int]:
        condition = self._excluded_condition(plan)
        return self._page_ids(cursor, condition)

    @staticmethod
    def _page_ids(cursor, condition: _Condition, among: list[int] | None = None) -> list[int]:
        """Documents meeting ``condition`` on their words (``search_index_words`` as "d"),
        among ``among`` unless None."""
        if among is None:
            sql, params = "search_index_words d", condition.params
        else:
            sql, params = _WORDS, [among, *condition.params]
        cursor.execute(f"SELECT d.page_id FROM {sql} WHERE {condition.sql}", params)
        return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _phrase_condition(words: list[str]) -> _Condition:
        """The words in this order in the head or in one unit."""
        if len(words) == 1:
            query = _Query.word(words[0])
            return _Condition(f"d.words @@ {query.sql}", query.params)
        phrase = _Query.phrase(words)
        in_unit = _unit_phrase(words, "u")
        # The units and heads holding it, through their own indexes (documents holding the
        # words are many more: "chương trình giáo dục" 1,100 of 8,080 at ten times the corpus).
        return _Condition(
            f"d.page_id IN (SELECT u.page_id FROM search_index_unit u WHERE {in_unit.sql} "
            "UNION SELECT h.page_id FROM search_index_document h "
            f"WHERE h.head @@ {phrase.sql})",
            [*in_unit.params, *phrase.params],
        )

    def _condition(self, parsed: ParsedQuery) -> _Condition:
        """Condition on document "d" for ``parsed`` (numbers as text phrases)."""
        parts: list[_Condition] = []
        if parsed.terms:
            every = _Query.words(term.folded for term in parsed.terms)
            parts.append(_Condition(f"d.words @@ {every.sql}", every.params))
        for words in [*map(_words, parsed.phrases), *map(_number_words, parsed.numbers)]:
            parts.append(self._phrase_condition(words))
        for phrase in parsed.excluded:
            excluded = self._phrase_condition(_words(phrase))
            parts.append(_Condition(f"NOT {excluded.sql}", excluded.params))
        return _Condition.all(parts)

    def _excluded_condition(self, plan: QueryPlan) -> _Condition:
        parts = [self._phrase_condition(_words(phrase)) for phrase in plan.parsed.excluded]
        return _Condition.join(parts, " OR ")

    def _matches_rest(self, cursor, page_id: int, key: str, plan: QueryPlan) -> bool:
        """Whether the document numbered ``key`` matches the rest of the query."""
        return bool(self._page_ids(cursor, self._condition(plan.without_number(key)), [page_id]))

    def _signals(
        self, cursor, plan: QueryPlan, tiers: dict[int, dict[int, list[int]]], catalog
    ) -> Signals:
        """Matching documents and their signals, as the SQLite backend reads them (costly
        signals of many matches left pending for the candidates); fills ``tiers`` with the
        matching units' ids per document (0: the terms as one phrase, 1: all words)."""
        parsed = plan.parsed
        signals = Signals()
        signals.add(self._page_ids(cursor, self._condition(parsed)))
        if plan.keys:
            # A document numbered as asked matches if it matches the rest of the query.
            cursor.execute(
                "SELECT page_id, number_key FROM search_index_document WHERE number_key = ANY(%s)",
                [list(plan.keys)],
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
        words = self._words_query(plan)
        if words is None:
            words = _Query.all([_Query.phrase(_number_words(n)) for n in parsed.numbers])
            signals.mark("head", signals.ids("number"))
        broad, many = breadth(plan, signals.matched.size, self.eager_matches)
        # The head signals in one reading of the heads holding the words: the others count
        # only for those (``Signals.scores``).
        columns = _Condition("d.page_id")
        whole = plan.whole_phrase is not None
        if whole and not broad:
            phrase = _Query.phrase(term.folded for term in parsed.terms)
            columns = _Condition(f"{columns.sql}, d.head @@ {phrase.sql}", phrase.params)
        elif whole:
            pending_head_phrases(signals, plan, catalog)
        exact = None
        if plan.exact_words:
            exact = _Query.all(
                [_Query.any([_Query.word(v) for v in variants]) for variants in plan.exact_words]
            )
            columns = _Condition(
                f"{columns.sql}, d.head_exact @@ {exact.sql}", [*columns.params, *exact.params]
            )
        # Few matches: their rows are read through the primary key ("số" is in every head).
        few = signals.matched.size <= self.eager_matches
        documents, among = (
            (_DOCUMENTS, [signals.matched.tolist()]) if few else ("search_index_document d", [])
        )
        cursor.execute(
            f"SELECT {columns.sql} FROM {documents} WHERE d.head @@ {words.sql}",
            [*columns.params, *among, *words.params],
        )
        rows = cursor.fetchall()
        signals.mark("head", [row[0] for row in rows])
        names = [
            name for name, on in (("head_phrase", whole and not broad), ("head_exact", exact)) if on
        ]
        for column, name in enumerate(names, start=1):
            signals.mark(name, [row[0] for row in rows if row[column]])
        if exact is not None:
            anywhere = _Condition(f"d.words_exact @@ {exact.sql}", exact.params)
            if many:
                read = partial(self._mark, cursor, signals, anywhere)
                signals.pending.append((policy.EXACT, read))
            else:
                self._mark(cursor, signals, anywhere, signals.matched.tolist())
        unit_tiers = []
        if plan.whole_phrase is not None and len(parsed.terms) > 1:
            phrase = _unit_phrase([term.folded for term in parsed.terms])
            # Unlike FTS5's pairs, a phrase of more than two words is checked in each unit
            # holding its pairs (their positions are not kept): with many matches, only the
            # candidates' units are.
            unit_tiers.append((0, phrase, "phrase_units", policy.PHRASE_UNITS, broad or many))
        count = len(parsed.terms) + sum(map(len, parsed.phrases))
        if plan.has_words and count > 1 and not broad:
            # One word alone: every matching document has it in some unit (see the SQLite
            # backend); counting them would cost the most and tell little.
            unit_tiers.append((1, _unit_words(plan), "all_units", policy.ALL_UNITS, many))
        for tier, condition, attribute, bonus, deferred in unit_tiers:
            read = partial(self._tier_units, cursor, tiers, tier, condition, attribute, signals)
            if deferred:
                signals.pending.append((bonus, read))
            else:
                read(signals.matched.tolist(), everywhere=True)
        return signals

    def _mark(self, cursor, signals: Signals, condition: _Condition, page_ids: list[int]) -> None:
        """Mark as ``exact`` those of ``page_ids`` meeting ``condition``."""
        signals.mark("exact", self._page_ids(cursor, condition, page_ids))

    @staticmethod
    def _tier_units(
        cursor,
        tiers: dict[int, dict[int, list[int]]],
        tier: int,
        condition: _Condition,
        attribute: str,
        signals: Signals,
        page_ids: list[int],
        *,
        everywhere: bool = False,
    ) -> None:
        """The units of ``page_ids`` meeting ``condition``: counted in ``signals`` as
        ``attribute``, ids in ``tiers[tier]``. ``everywhere``: found through the text indexes
        over every unit (few matches), not through the documents' units."""
        if everywhere:
            sql, params = "search_index_unit", []
        else:
            sql, params = _OF_DOCUMENTS, [page_ids]
        cursor.execute(
            f"SELECT page_id, id FROM {sql} WHERE {condition.sql} ORDER BY id",
            [*params, *condition.params],
        )
        wanted = set(page_ids)
        per_page: dict[int, list[int]] = {}
        for page_id, unit in cursor.fetchall():
            if page_id in wanted:
                per_page.setdefault(page_id, []).append(unit)
        tiers[tier] = per_page
        signals.count(attribute, [p for p, ids in per_page.items() for _ in ids])

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
                f"(PARTITION BY page_id ORDER BY position) AS rank FROM {_OF_DOCUMENTS} "
                f"WHERE body @@ {query.sql}) AS found "
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
