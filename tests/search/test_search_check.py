"""``search.check`` and ``manage.py search_check``: the configured backend's answers against the
embedded engine's, query by query."""

import dataclasses
import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from search.backends import embedded_backend
from search.check import JUDGEMENTS, compare_backends, judged_queries
from tests import factories
from tests.search.fakes import FakeBackend
from tests.search.test_elasticsearch_unit import RECORD


def record(page_id: int, title: str, day: int):
    return dataclasses.replace(
        RECORD, page_id=page_id, title=title, issued_on=datetime.date(2020, 1, day)
    )


def fake(*records) -> FakeBackend:
    backend = FakeBackend()
    backend.index(records)
    return backend


class Reversed(FakeBackend):
    def search(self, request):
        results = super().search(request)
        return dataclasses.replace(results, hits=results.hits[::-1])


def test_the_judged_queries_are_the_relevance_tests_own():
    queries = judged_queries()
    assert len(queries) >= 40 and len(set(queries)) == len(queries)
    assert queries[0] == json.loads(JUDGEMENTS.read_text(encoding="utf-8"))["queries"][0]["query"]


def test_same_answers_have_no_differences():
    records = (record(1, "Quy chế chữ ký số", 1), record(2, "Quy chế phát ngôn", 2))
    (compared,) = compare_backends(
        reference=fake(*records), checked=fake(*records), queries=["quy chế"]
    )
    assert compared.reference.top == (2, 1) and compared.differences == ()


def test_totals_members_and_order_are_told_apart():
    records = (record(1, "Quy chế chữ ký số", 1), record(2, "Quy chế phát ngôn", 2))
    reordered = Reversed()
    reordered.index(records)

    missing, shuffled = (
        compare_backends(reference=fake(*records), checked=checked, queries=["quy chế"])[0]
        for checked in (fake(records[0]), reordered)
    )

    assert missing.differences == ("total 2 ≠ 1", "first hits [2, 1] ≠ [1]")
    assert shuffled.differences == ("order [2, 1] ≠ [1, 2]",)


def test_a_query_the_parser_refuses_is_left_out():
    backend = fake(record(1, "Quy chế", 1))
    too_long = "từ " * 200  # over 500 characters
    compared = compare_backends(reference=backend, checked=backend, queries=[too_long, "quy"])
    assert [c.query for c in compared] == ["quy"]


@pytest.mark.django_db
def test_the_command_rebuilds_the_embedded_index_and_reports_differences(
    tmp_path, monkeypatch, capsys
):
    index = factories.site_tree()[1]
    signatures = factories.legal_document(
        index, slug="chu-ky", number="5/QĐ-UBND", title="Quy chế sử dụng chữ ký số"
    )
    factories.legal_document(
        index, slug="phat-ngon", number="6/QĐ-UBND", title="Quy chế người phát ngôn"
    )
    embedded_backend().clear()  # the command must fill it itself
    queries = tmp_path / "queries.json"
    queries.write_text(
        json.dumps({"queries": [{"query": "chu ky so"}, {"query": "phat ngon"}]}),
        encoding="utf-8",
    )
    checked = FakeBackend()  # knows only the signatures regulation
    checked.index([record(signatures.pk, "Quy chế sử dụng chữ ký số", 1)])
    monkeypatch.setattr("search.backends.get_backend", lambda: checked)

    with pytest.raises(CommandError, match="1 queries answered differently"):
        call_command("search_check", "--queries", str(queries))

    out = capsys.readouterr().out
    assert "Embedded index rebuilt: 2 documents." in out
    assert "'phat ngon': total 1 ≠ 0" in out and "'chu ky so'" not in out
    assert "1 of 2 queries answered alike by fake and the embedded engine" in out


@pytest.mark.django_db
def test_the_command_has_nothing_to_compare_on_the_embedded_engine(capsys):
    call_command("search_check")
    assert "nothing to compare" in capsys.readouterr().out
