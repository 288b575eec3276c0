"""``bench/search_scale.py``: the copies written inside the database are the rows that
``backend.index`` writes for the same copies (every index table, FTS5 tokens and positions,
PostgreSQL tsvectors), and the helpers of the report."""

import pytest
from django.db import connection

from bench import search_scale
from bench.search import growth
from tests.search.backends.conftest import embedded_backend, make_record

RECORDS = (
    make_record(
        page_id=7,
        number="629/QĐ-UBND",
        title="Quyết định ban hành Quy chế sử dụng chữ ký số",
        summary="Chữ ký số trong cơ quan nhà nước",
        text="Căn cứ Luật Giao dịch điện tử.",
        articles=(("1", "Phạm vi", "Quy chế này quy định việc hòa giải."), ("2", "", "Hiệu lực")),
        sectors=(("cntt", "Công nghệ thông tin"),),
    ),
    # No number (the model law of the corpus): the copy's number is "-BS<k>" alone.
    make_record(
        page_id=93, title="Luật mẫu về trọng tài", articles=(("1", "Áp dụng", "Trọng tài"),)
    ),
)
OFFSET = search_scale.page_offset(93)


def dump(cursor) -> dict:
    """Every row of every index table (SQLite FTS5: also each token's position)."""
    tables = {}
    for table in search_scale.index_tables():
        if table in search_scale.SKIPPED:
            continue
        columns = "*"
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [table])
            sql = cursor.fetchone()[0]
            if "fts5" in sql:
                cursor.execute(f"DROP TABLE IF EXISTS temp.v_{table}")
                cursor.execute(
                    f"CREATE VIRTUAL TABLE temp.v_{table} USING fts5vocab(main, {table}, instance)"
                )
                cursor.execute(f"SELECT * FROM temp.v_{table}")
                tables[f"{table} tokens"] = sorted(cursor.fetchall())
                columns = "rowid, *"
            if "content=''" in sql:  # contentless: its tokens only
                continue
        cursor.execute(f"SELECT {columns} FROM {table}")
        tables[table] = sorted(tuple(map(str, row)) for row in cursor.fetchall())
    return tables


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_copies_in_the_database_are_those_the_backend_writes():
    backend = embedded_backend()
    backend.clear()
    copies = [search_scale.copy_record(r, k, OFFSET) for k in (2, 3) for r in RECORDS]
    backend.index([*RECORDS, *copies])
    backend.optimize()
    with connection.cursor() as cursor:
        written = dump(cursor)

    backend.clear()
    backend.index(RECORDS)
    backend.optimize()
    copied = search_scale.replicate(backend, OFFSET, 2, 3, log=lambda message: None)
    with connection.cursor() as cursor:
        assert dump(cursor) == written
    assert "title" in copied["verbatim"]["search_index_document"]
    assert "number" not in copied["verbatim"]["search_index_document"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_column_added_to_an_index_table_is_copied():
    backend = embedded_backend()
    backend.clear()
    backend.index(RECORDS)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_index_heading ADD COLUMN extra text")
        cursor.execute("UPDATE search_index_heading SET extra = key || '!'")
    copied = search_scale.replicate(backend, OFFSET, 2, 2, log=lambda message: None)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), sum(CASE WHEN extra = key || '!' THEN 1 ELSE 0 END) "
            f"FROM search_index_heading WHERE page_id > {OFFSET}"
        )
        count, same = cursor.fetchone()
        backend.clear()  # the original schema again
    assert count == same > 0
    assert copied["verbatim"]["search_index_heading"] == ["key", "extra"]


def test_copies_are_numbered_after_the_original():
    (copy,) = [search_scale.copy_record(RECORDS[0], 3, OFFSET)]
    assert (copy.page_id, copy.number, copy.number_key, copy.url) == (
        207,
        "629/QĐ-UBND-BS3",
        "629/qd-ubnd-bs3",
        "/van-ban/7/?ban-sao=3",
    )


def test_no_room_is_refused_with_the_sizes(tmp_path):
    assert search_scale.room_for(1, 1, str(tmp_path)) is None
    refused = search_scale.room_for(10**9, 99, str(tmp_path))
    assert refused.startswith("not enough disk for 99 more copies")


def test_growth_reads_p95_ratios():
    def scale(p95, size):
        return {"queries": {"p95": p95}, "size": {"index_mb": size}}

    reading = growth({"1": scale(10, 5), "10": scale(20, 50), "100": scale(200, 500)})
    assert reading.startswith("p95 10x/1x = 2.0 for 10 times the documents, index 10.0 times")
    assert "p95 100x/10x = 10.0" in reading and "documents^1.00" in reading


class Pages:
    """A client answering ``/api/search/`` with ``numbers`` as hits, page by page."""

    def __init__(self, numbers: list[str]) -> None:
        self.numbers = numbers
        self.requests = 0

    def get(self, path, params):
        self.requests += 1
        start = (params["page"] - 1) * params["page_size"]
        hits = [{"number": n} for n in self.numbers[start : start + params["page_size"]]]
        return type("Response", (), {"json": lambda self: {"hits": hits}})()


def copies_of(*numbers: str, scale: int = 100) -> list[str]:
    return [n if k == 1 else f"{n}-BS{k}" for n in numbers for k in range(1, scale + 1)]


def test_judging_at_100x_reads_on_to_the_third_distinct_document():
    from bench.search import Bench, Query

    client = Pages(copies_of("1/2020/QH14", "2/2020/NĐ-CP", "3/2020/TT-BTC", "4/2020/QĐ-TTg"))
    third = Query("diacritic-free", {"q": "x"}, "3/2020/TT-BTC")
    top = Bench._top_documents(client, third, 100)
    assert top == ["1/2020/QH14", "2/2020/NĐ-CP", third.expected]
    assert client.requests == 5  # 201 hits, 50 a page

    client.requests = 0
    missing = Query("diacritic-free", {"q": "x"}, "9/2020/QH14")
    assert Bench._top_documents(client, missing, 100)[2] == "3/2020/TT-BTC"  # 5 pages
    first = Query("diacritic-free", {"q": "x"}, "1/2020/QH14")
    assert Bench._top_documents(client, first, 100) == [first.expected]  # found: no more pages
    assert client.requests == 6
