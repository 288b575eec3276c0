"""PostgreSQL: phrases found through the pairs of consecutive words, and an index written
before the ``pairs`` column given them by migration search 0006 (``add_pairs``)."""

import pytest
from django.db import connection

from search.backends.base import SearchRequest
from search.query import parse_query

from .conftest import make_record

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL backend's own tables"
)

CHU_KY = "Chữ ký số của cơ quan, tổ chức được dùng trên văn bản điện tử."
APART = "Chữ viết tay và số hiệu văn bản; ký tên, đóng dấu."


def _search(backend, query: str) -> list[int]:
    results = backend.search(SearchRequest(query=parse_query(query)))
    return [hit.page_id for hit in results.hits]


@pytest.fixture
def backend(db):
    from search.backends.postgres import PostgresBackend

    backend = PostgresBackend()
    backend.clear()
    return backend


def test_a_phrase_matches_its_words_in_order_only(backend):
    together = make_record(articles=(("1", "", CHU_KY),))
    apart = make_record(articles=(("1", "", APART),))
    backend.index([together, apart])
    assert _search(backend, '"chu ky so cua co quan"') == [together.page_id]
    assert _search(backend, '"ky so"') == [together.page_id]
    assert _search(backend, '"co quan chu ky"') == []


def test_every_pair_of_a_phrase_apart_is_no_match(backend):
    # "văn bản", "bản điện" and "điện tử" are all there, never as "văn bản điện tử".
    scattered = make_record(articles=(("1", "", "Văn bản và bản điện tử hóa."),))
    backend.index([scattered])
    assert _search(backend, '"van ban dien tu"') == []
    assert _search(backend, '"ban dien tu"') == [scattered.page_id]


def test_an_index_without_pairs_gets_them_from_its_units(backend):
    from search.backends.postgres import add_pairs

    together = make_record(articles=(("1", "Chữ ký", CHU_KY),))
    backend.rebuild([together])
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_index_unit DROP COLUMN pairs")  # and its indexes
        add_pairs(cursor)
        cursor.execute("SELECT pairs::text FROM search_index_unit")
        (pairs,) = cursor.fetchone()
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_index_unit'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert "'chu_ky'" in pairs and "'ky_chu'" in pairs  # the heading, then the text
    assert {"search_index_unit_pairs_0", "search_index_unit_pairs_1"} <= indexes
    assert _search(backend, '"van ban dien tu"') == [together.page_id]


def test_an_index_with_the_pairs_index_in_one_piece_gets_its_halves(backend):
    from search.backends.postgres import create_schema

    records = [make_record(articles=(("1", "", CHU_KY),)) for _ in range(2)]
    backend.rebuild(records)
    with connection.cursor() as cursor:  # the index of migration search 0006
        cursor.execute("DROP INDEX search_index_unit_pairs_0, search_index_unit_pairs_1")
        cursor.execute(
            "CREATE INDEX search_index_unit_pairs ON search_index_unit USING gin (pairs)"
        )
        create_schema(cursor)  # as migration search 0008 does
    indexes = _text_indexes()
    assert "search_index_unit_pairs" not in indexes
    assert {"search_index_unit_pairs_0", "search_index_unit_pairs_1"} <= indexes
    # Pages of both halves are found through their half.
    assert {records[0].page_id % 2, records[1].page_id % 2} == {0, 1}
    assert sorted(_search(backend, '"co quan chu ky"')) == []
    assert sorted(_search(backend, '"ky so cua co quan"')) == sorted(r.page_id for r in records)


def _text_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'search_index_%%' "
            "AND indexdef LIKE '%%USING gin%%'"
        )
        return {row[0] for row in cursor.fetchall()}


def test_a_rebuild_builds_the_text_indexes_once_at_the_end(backend):
    record = make_record(articles=(("1", "", CHU_KY),))
    backend.clear()
    assert _text_indexes() == set()
    backend.index([record])
    assert _text_indexes() == set()  # writing does not make them
    assert _search(backend, '"ky so"') == [record.page_id]  # found all the same, slower
    backend.optimize()
    assert len(_text_indexes()) == 7
    assert _search(backend, '"ky so"') == [record.page_id]


def test_a_failed_rebuild_still_leaves_the_text_indexes(backend):
    def records():
        yield make_record(articles=(("1", "", CHU_KY),))
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        backend.rebuild(records())
    assert len(_text_indexes()) == 7


def test_words_too_long_for_a_tsvector_are_indexed_without_them(backend):
    # A flattened table can make "words" of thousands of letters; a tsvector keeps 2 kB.
    record = make_record(articles=(("1", "", f"{'a' * 1500} {'b' * 1500} {'c' * 3000} chữ ký số"),))
    backend.index([record])
    assert _search(backend, '"chu ky so"') == [record.page_id]


def test_an_index_with_the_words_in_the_document_table_gets_its_words_table(backend):
    from search.backends.postgres import split_words

    record = make_record(articles=(("1", "", CHU_KY),))
    backend.rebuild([record])
    with connection.cursor() as cursor:  # the layout before migration search 0007
        cursor.execute(
            "ALTER TABLE search_index_document ADD COLUMN words tsvector, "
            "ADD COLUMN words_exact tsvector"
        )
        cursor.execute(
            "UPDATE search_index_document d SET words = w.words, words_exact = w.words_exact "
            "FROM search_index_words w WHERE w.page_id = d.page_id"
        )
        cursor.execute("DROP TABLE search_index_words")
        split_words(cursor)
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = 'search_index_document' AND column_name LIKE 'words%%'"
        )
        assert cursor.fetchone()[0] == 0
    assert len(_text_indexes()) == 7
    assert _search(backend, "chu ky so dien tu") == [record.page_id]
    assert _search(backend, "chữ ký số") == [record.page_id]


def test_forms_fold_a_word_cut_by_a_stray_mark_whole():
    from search.backends.postgres import forms

    assert forms("Văn bản") == ("văn bản", "van ban")
    # A combining grave accent left alone after "va": one word folded, as the tokenizers read it.
    assert forms("Bảo hiểm va\u0300n phát") == ("bảo hiểm va n phát", "bao hiem van phat")
    assert forms("  Điều 5 — (sửa đổi)_mới  ") == ("điều 5 sửa đổi mới", "dieu 5 sua doi moi")


@pytest.fixture
def rebuilt_outside_a_transaction(transactional_db):
    from search.backends.postgres import PostgresBackend

    backend = PostgresBackend()
    yield backend
    backend.clear()  # an empty index with its text indexes for the tests after this one
    backend.optimize()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rebuild_outside_a_transaction_writes_on_connections_of_its_own(
    rebuilt_outside_a_transaction, monkeypatch
):
    import threading

    from search.backends.postgres import BATCH_SIZE, PostgresBackend

    backend = rebuilt_outside_a_transaction
    writers = set()
    write = PostgresBackend._write

    def recorded(self, item):
        writers.add((threading.current_thread().name, id(connection.connection)))
        write(self, item)

    monkeypatch.setattr(PostgresBackend, "_write", recorded)
    records = [
        make_record(number=f"{n}/2020/QĐ-UBND", articles=(("1", "", f"{CHU_KY} Mục {n}."),))
        for n in range(1, 2 * BATCH_SIZE + 2)
    ]
    assert backend.rebuild(records) == len(records)
    assert len({name for name, _ in writers}) == 2
    assert all(name.startswith("search-write-") for name, _ in writers)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_index_unit")
        assert cursor.fetchone()[0] == len(records)
        cursor.execute("SELECT count(*) FROM search_index_meta WHERE key = 'loading'")
        assert cursor.fetchone()[0] == 0
    assert len(_text_indexes()) == 7
    assert _search(backend, '"muc 500"') == [records[499].page_id]
    assert _search(backend, "mục 500") == [records[499].page_id]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_writer_failing_stops_the_rebuild_with_its_error(
    rebuilt_outside_a_transaction, monkeypatch
):
    from search.backends.postgres import BATCH_SIZE, PostgresBackend

    backend = rebuilt_outside_a_transaction
    write = PostgresBackend._write
    calls = []

    def failing(self, item):
        calls.append(item)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        write(self, item)

    monkeypatch.setattr(PostgresBackend, "_write", failing)
    records = [make_record(articles=(("1", "", CHU_KY),)) for _ in range(4 * BATCH_SIZE)]
    with pytest.raises(RuntimeError, match="the disk is full"):
        backend.rebuild(records)
    assert len(calls) < 4  # the batches after the error are not written
    assert len(_text_indexes()) == 7
