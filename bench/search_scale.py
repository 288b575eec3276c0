"""Large scales for ``bench/search.py``: the index copies written inside the database, memory
and index size per scale, and the disk check.

Copies of the corpus in the index: copy ``k`` (2, 3, ...) of a document has the page id
``page_id + offset * (k - 1)`` (``offset``: the power of ten above the largest page id), the
number ``"<number>-BS<k>"``, the number key ``"<key>-bs<k>"``, the URL ``"<url>?ban-sao=<k>"``,
and its units the ids ``unit_id(page id, position)`` (``search.backends.embedded``). Up to 10x
the bench writes them through ``backend.index`` (the write rate); beyond, ``replicate`` copies
the original rows of every index table inside the database with ``INSERT … SELECT``:

- the columns of each table are read from the database catalogue (``PRAGMA table_info`` on
  SQLite, ``information_schema.columns`` on PostgreSQL, generated columns left to the
  database), so a column added to an index table is copied without a change here; the id
  columns (``page_id``, the unit ``id`` / FTS5 ``rowid``) are shifted, the document's number,
  number key and URL suffixed;
- the head (number, title, summary, type: ``search.backends.base.head_text``) holds the
  number, so what the backend derives from it (folded and exact head text, its word count,
  PostgreSQL's head words) is computed here in Python for each copy with the backend's own
  functions, staged in a temporary table and joined;
- SQLite FTS5 contentless tables (the pairs table) cannot be read: their rows are rebuilt from
  the stored folded unit text as the backend builds them (``pairs_text``), once, and copied;
  the fts5vocab table is derived by SQLite; the meta table gets a new index version;
- on PostgreSQL the GIN indexes of the index tables are dropped during the copy and created
  again after it (with a large ``maintenance_work_mem``): building a GIN index once is much
  faster than maintaining it through millions of rows;
- then ``backend.optimize()`` (FTS5 segments merged / planner statistics), as after a rebuild.

A column that the backend derives from the head and that is not listed in ``HEAD_COLUMNS``
below is copied as it is (without the copy's "-BS<k>"); the bench logs the columns copied as
they are so that a new one is seen.
"""

import os
import re
import shutil
import time
from pathlib import Path

# Index tables the bench never copies: the version (renewed), SQLite's derived vocabulary.
SKIPPED = {"search_index_meta", "search_index_vocab"}
DOCUMENT = "search_index_document"
WORDS = "search_index_words"  # PostgreSQL: the documents' words, with the head's
# Free disk space the copies must leave.
RESERVE = 15 << 30
# Index size per byte of gzip-compressed corpus, per copy: measured 12/2026 at 100x of a
# 105-record sample (SQLite 504 MB, PostgreSQL 270 MB for 100 x 0.21 MB of corpus; the full
# corpus's 1x PostgreSQL index, 247 MB for 19.1 MB, agrees). The parent's estimate before
# starting; the child checks again with the measured 1x index. Headroom: building needs more
# than the result (FTS5 writes a merged copy of a table before freeing its segments, GIN
# builds sort in temporary files).
INDEX_PER_CORPUS_BYTE = {"sqlite": 24.0, "postgres": 13.0}
BUILD_HEADROOM = 1.5


def copy_number(number: str, copy: int) -> str:
    return f"{number}-BS{copy}"


def copy_key(key: str, copy: int) -> str:
    return f"{key}-bs{copy}"


def copy_url(url: str, copy: int) -> str:
    return f"{url}?ban-sao={copy}"


def copy_record(record, copy: int, offset: int):
    """Copy ``copy`` (2, 3, ...) of an ``IndexRecord``, as ``backend.index`` writes it."""
    import dataclasses

    return dataclasses.replace(
        record,
        page_id=record.page_id + offset * (copy - 1),
        number=copy_number(record.number, copy),
        number_key=copy_key(record.number_key, copy),
        url=copy_url(record.url, copy),
    )


def page_offset(max_page_id: int) -> int:
    """The page id step between copies: the power of ten above ``max_page_id``."""
    return 10 ** len(str(max_page_id))


# -- memory and size --------------------------------------------------------------------------


def _status(pid: int | str = "self") -> dict[str, int]:
    """VmHWM (peak) and VmRSS of a process in bytes (empty where unreadable)."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("VmHWM", "VmRSS"):
                values[name] = int(rest.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return values


def reset_peak(pid: int | str = "self") -> bool:
    """Reset a process's peak RSS (``VmHWM``; Linux: ``clear_refs`` 5)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def memory(pid: int | str = "self", *, reset: bool) -> dict:
    """Peak RSS since ``reset_peak`` (else since the process started) and RSS now, in MB."""
    status = _status(pid)
    if not status and pid == "self":
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        return {"peak_mb": peak / 2**20, "rss_mb": None, "peak_since": "start"}
    if not status:
        return {}
    return {
        "peak_mb": status.get("VmHWM", 0) / 2**20,
        "rss_mb": status.get("VmRSS", 0) / 2**20,
        "peak_since": "scale" if reset else "start",
    }


def backend_pid() -> int | None:
    """The PostgreSQL server process of this connection (None on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def index_tables() -> tuple[str, ...]:
    from django.db import connection

    if connection.vendor == "postgresql":
        from search.backends.postgres import TABLES
    else:
        from search.backends.sqlite import TABLES
    return TABLES


def index_size() -> dict:
    """The index on disk in MB: SQLite: the database file with its WAL (the whole database:
    the index is most of it) and the index tables' pages (``dbstat``); PostgreSQL: the index
    tables with their indexes and TOAST (``pg_total_relation_size``) and the database."""
    from django.db import connection

    tables = list(index_tables())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT coalesce(sum(pg_total_relation_size(to_regclass(t))), 0), "
                "pg_database_size(current_database()) FROM unnest(%s::text[]) AS t",
                [tables],
            )
            index, database = cursor.fetchone()
            return {"index_mb": float(index) / 2**20, "database_mb": float(database) / 2**20}
        path = connection.settings_dict["NAME"]
        files = sum(os.path.getsize(p) for p in (path, f"{path}-wal") if os.path.exists(p))
        try:
            cursor.execute(
                "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search_index%%'"
            )
            index = cursor.fetchone()[0]
        except Exception:  # dbstat not compiled in
            index = None
        return {
            "index_mb": index / 2**20 if index is not None else None,
            "database_mb": files / 2**20,
        }


def data_directory() -> str:
    """Where the database's files are (for the free space)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return str(Path(connection.settings_dict["NAME"]).parent)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            path = cursor.fetchone()[0]
        if os.path.isdir(path):
            return path
    except Exception:  # not allowed to read the setting: assume the root file system
        pass
    return "/"


def room_for(size_mb: float, copies: int, path: str) -> str | None:
    """None if ``copies`` more copies of an index of ``size_mb`` per copy fit on ``path``
    leaving ``RESERVE`` free, else the reason (with the headroom of building them)."""
    need = size_mb * 2**20 * copies * BUILD_HEADROOM
    free = shutil.disk_usage(path).free
    if free - need >= RESERVE:
        return None
    return (
        f"not enough disk for {copies} more copies of the index: about {need / 2**30:.1f} GB "
        f"needed ({size_mb:.0f} MB per copy x {copies} x {BUILD_HEADROOM:g} headroom), "
        f"{free / 2**30:.1f} GB free on {path}, {RESERVE / 2**30:.0f} GB must stay free"
    )


# -- the copies written inside the database ------------------------------------------------------


class Replicator:
    """Copies ``first`` … ``last`` of the original index rows (page ids below ``offset``)."""

    def __init__(self, backend, offset: int, log) -> None:
        self.backend = backend
        self.offset = offset
        self.log = log
        self.verbatim: dict[str, list[str]] = {}

    def run(self, first: int, last: int) -> dict:
        from django.db import connection, transaction

        from search.backends.embedded import POSITION_BITS

        self.unit_offset = self.offset << POSITION_BITS
        started = time.perf_counter()
        with connection.cursor() as cursor:
            self.prepare(cursor)
        for copy in range(first, last + 1):
            with transaction.atomic(), connection.cursor() as cursor:
                self.copy(cursor, copy)
            if copy == first:  # a column derived from the head would be wrong as it is
                for table, columns in self.verbatim.items():
                    self.log(f"  {table}: copied as they are: {', '.join(columns)}")
            if copy in (first, last) or copy % 10 == 0:
                self.log(f"  copy {copy}: {time.perf_counter() - started:.0f} s")
        copied = time.perf_counter() - started
        with connection.cursor() as cursor:
            self.finish(cursor)
            self.backend._new_version(cursor)
        finished = time.perf_counter() - started - copied
        before = index_size()  # before FTS5 merges its segments (SQLite: the largest file)
        self.backend.optimize()
        total = time.perf_counter() - started
        return {
            "copies": f"{first}-{last}",
            "copy_s": copied,
            "indexes_s": finished,
            "optimize_s": total - copied - finished,
            "seconds": total,
            "size_before_optimize": before,
            "verbatim": self.verbatim,
        }

    # -- what each backend provides

    def prepare(self, cursor) -> None:
        raise NotImplementedError

    def copy(self, cursor, copy: int) -> None:
        raise NotImplementedError

    def finish(self, cursor) -> None:
        pass

    def _originals_of(self, table: str, columns: list[str]) -> str:
        """The condition on source row ``t`` of ``table`` for the original rows: by page id,
        else by unit id (a table without either cannot be copied: derived from the others)."""
        if "page_id" in columns:
            return f"t.page_id < {self.offset}"
        if "id" in columns:
            return f"t.id < {self.unit_offset}"
        raise RuntimeError(
            f"{table} has neither page_id nor id: the bench cannot copy it (derived from the "
            "other tables? then add it to search_scale.SKIPPED, and say how it is rebuilt)"
        )

    # -- shared

    def _originals(self, cursor) -> list[tuple]:
        """(page id, number, title, summary, type name) of the original documents."""
        cursor.execute(
            f"SELECT page_id, number, title, summary, type_name FROM {DOCUMENT} "
            f"WHERE page_id < {self.offset} ORDER BY page_id"
        )
        return cursor.fetchall()

    def _heads(self, copy: int):
        """Each original document's head as copy ``copy`` has it (``head_text``)."""
        from types import SimpleNamespace

        from search.backends.base import head_text

        for page_id, number, title, summary, type_name in self.documents:
            yield (
                page_id,
                head_text(
                    SimpleNamespace(
                        number=copy_number(number, copy),
                        title=title,
                        summary=summary,
                        type_name=type_name,
                    )
                ),
            )

    def _expression(self, table: str, column: str, copy: int, id_column: str) -> str:
        """What copy ``copy`` stores in ``column`` of ``table`` (source row ``t``, staged
        head ``h``)."""
        head = self.head_columns.get((table, column))
        if head is not None:
            return head
        if table == DOCUMENT and column == "number":
            return f"t.number || '{copy_number('', copy)}'"
        if table == DOCUMENT and column == "number_key":
            return f"t.number_key || '{copy_key('', copy)}'"
        if table == DOCUMENT and column == "url":
            return f"t.url || '{copy_url('', copy)}'"
        if column == "page_id":
            return f"t.page_id + {self.offset * (copy - 1)}"
        if column == id_column:
            return f"t.{column} + {self.unit_offset * (copy - 1)}"
        self.verbatim.setdefault(table, [])
        if column not in self.verbatim[table]:
            self.verbatim[table].append(column)
        return f"t.{column}"


class SQLiteReplicator(Replicator):
    """SQLite: the original rows of every table read once into temporary tables (an INSERT
    reading the table it writes would copy it to a temporary table for every copy anyway)."""

    def prepare(self, cursor) -> None:
        from cms.text import WORD, fold
        from search.backends import sqlite

        self.head_columns = {
            ("search_index_fts", "head"): "h.head",
            ("search_index_head", "head"): "h.head",
            ("search_index_exact", "head"): "h.exact",
            (DOCUMENT, "head_tokens"): "h.tokens",
        }
        self.fold, self.WORD = fold, WORD
        self.documents = self._originals(cursor)
        self.backend._configure(automerge=0)  # as ``clear`` does: merged once by ``optimize``
        self.plans = []  # (table, statement template with {copy})
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        definitions = dict(cursor.fetchall())
        cursor.execute(
            "CREATE TEMP TABLE bench_head "
            "(page_id INTEGER PRIMARY KEY, head TEXT, exact TEXT, tokens INTEGER)"
        )
        for table in sqlite.TABLES:
            sql = definitions.get(table) or ""
            if table in SKIPPED or "fts5vocab" in sql.lower():
                continue
            cursor.execute(f"PRAGMA table_info({table})")
            columns = [row[1] for row in cursor.fetchall()]
            virtual = sql.upper().startswith("CREATE VIRTUAL TABLE")
            per_unit = table in sqlite._UNIT_TABLES
            limit = self.offset << 16 if per_unit else self.offset
            source = f"temp.bench_{table}"
            if re.search(r"content\s*=\s*(''|\"\")", sql):
                self._contentless(cursor, table, columns, source, limit)
            elif virtual:
                cursor.execute(
                    f"CREATE TEMP TABLE bench_{table} AS SELECT rowid AS bench_rowid, "
                    f"{', '.join(columns)} FROM {table} WHERE rowid < {limit}"
                )
            else:
                per_unit = "page_id" not in columns
                cursor.execute(
                    f"CREATE TEMP TABLE bench_{table} AS SELECT * FROM {table} t "
                    f"WHERE {self._originals_of(table, columns)}"
                )
            self.plans.append((table, columns, virtual, per_unit, source))

    def _contentless(self, cursor, table: str, columns: list[str], source: str, limit: int):
        """Rows of a contentless FTS5 table rebuilt from the stored units."""
        from search.backends.sqlite import pairs_text

        if table != "search_index_pair" or columns != ["body"]:
            raise RuntimeError(
                f"{table} is a contentless FTS5 table the bench cannot rebuild: "
                "add its rule to bench/search_scale.py"
            )
        cursor.execute(f"CREATE TEMP TABLE bench_{table} (bench_rowid INTEGER PRIMARY KEY, body)")
        cursor.execute(f"SELECT rowid, body FROM search_index_unit WHERE rowid < {limit}")
        rows = [(rowid, pairs_text(body)) for rowid, body in cursor.fetchall()]
        cursor.executemany(f"INSERT INTO {source} VALUES (%s, %s)", rows)

    def copy(self, cursor, copy: int) -> None:
        cursor.execute("DELETE FROM temp.bench_head")
        rows = []
        for page_id, head in self._heads(copy):
            folded = self.fold(head)
            rows.append((page_id, folded, head.lower(), len(self.WORD.findall(folded))))
        cursor.executemany("INSERT INTO temp.bench_head VALUES (%s, %s, %s, %s)", rows)
        for table, columns, virtual, per_unit, source in self.plans:
            values = [self._expression(table, c, copy, "id") for c in columns]
            names = list(columns)
            if virtual:
                step = (self.unit_offset if per_unit else self.offset) * (copy - 1)
                names.insert(0, "rowid")
                values.insert(0, f"t.bench_rowid + {step}")
            key = "t.bench_rowid" if virtual else "t.page_id"
            head = any((table, column) in self.head_columns for column in columns)
            join = f" JOIN temp.bench_head h ON h.page_id = {key}" if head else ""
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(names)}) "
                f"SELECT {', '.join(values)} FROM {source} t{join}"
            )

    def finish(self, cursor) -> None:
        for table, *_ in self.plans:
            cursor.execute(f"DROP TABLE IF EXISTS temp.bench_{table}")
        cursor.execute("DROP TABLE IF EXISTS temp.bench_head")


class PostgresReplicator(Replicator):
    """PostgreSQL: ``INSERT … SELECT`` from the table itself (PostgreSQL reads a snapshot);
    GIN indexes dropped during the copy and built again after it."""

    MAINTENANCE_WORK_MEM = "1GB"

    def prepare(self, cursor) -> None:
        from search.backends import postgres

        self.head_columns = {
            (DOCUMENT, "head"): "to_tsvector('simple', h.head)",
            (DOCUMENT, "head_exact"): "to_tsvector('simple', h.exact)",
            (WORDS, "words"): "t.words || array_to_tsvector(h.words)",
            (WORDS, "words_exact"): "t.words_exact || array_to_tsvector(h.exact_words)",
            (DOCUMENT, "head_tokens"): "h.tokens",
        }
        self.forms = postgres.forms
        self.documents = self._originals(cursor)
        cursor.execute(
            "CREATE TEMP TABLE bench_head (page_id bigint PRIMARY KEY, head text, exact text, "
            "tokens integer, words text[], exact_words text[])"
        )
        self.tables = []
        for table in postgres.TABLES:
            if table in SKIPPED:
                continue
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND table_schema = current_schema() AND is_generated = 'NEVER' "
                "ORDER BY ordinal_position",
                [table],
            )
            columns = [row[0] for row in cursor.fetchall()]
            self.tables.append((table, columns, self._originals_of(table, columns)))
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexdef ILIKE '%% USING gin %%'",
            [[table for table, *_ in self.tables]],
        )
        self.gin = cursor.fetchall()
        for name, _ in self.gin:
            cursor.execute(f'DROP INDEX "{name}"')

    def copy(self, cursor, copy: int) -> None:
        cursor.execute("TRUNCATE bench_head")
        rows = []
        for page_id, head in self._heads(copy):
            exact, folded = self.forms(head)  # as the backend's ``prepare_rows``
            words = folded.split()
            rows.append(
                (page_id, folded, exact, len(words), sorted(set(words)), sorted(set(exact.split())))
            )
        cursor.executemany("INSERT INTO bench_head VALUES (%s, %s, %s, %s, %s, %s)", rows)
        for table, columns, originals in self.tables:
            values = [self._expression(table, c, copy, "id") for c in columns]
            head = table in (DOCUMENT, WORDS)
            join = " JOIN bench_head h ON h.page_id = t.page_id" if head else ""
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "
                f"FROM {table} t{join} WHERE {originals}"
            )

    def finish(self, cursor) -> None:
        cursor.execute("DROP TABLE IF EXISTS bench_head")
        cursor.execute(f"SET maintenance_work_mem = '{self.MAINTENANCE_WORK_MEM}'")
        for name, definition in self.gin:
            self.log(f"  {name}…")
            cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")


def replicate(backend, offset: int, first: int, last: int, log) -> dict:
    """Copies ``first`` … ``last`` of the originals written inside the database."""
    from django.db import connection

    kind = PostgresReplicator if connection.vendor == "postgresql" else SQLiteReplicator
    return kind(backend, offset, log).run(first, last)
