"""The Atom feed reads the head of each document, never its body, in a bounded number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db
FEED = "/feeds/van-ban/"
MAX_QUERIES = 6


def decisions(index, numbers: range):
    body = [{"type": "note", "value": "Nội dung dài của văn bản."}]
    for n in numbers:
        factories.legal_document(
            index,
            slug=f"qd-{n}",
            number=f"{n}/QĐ-UBND",
            issued_on=datetime.date(2015, 1, 1),
            body=body,
        )


def feed_queries(client) -> tuple[list[str], bytes]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(FEED)
    assert response.status_code == 200
    return [query["sql"] for query in captured], response.content


def test_the_feed_costs_the_same_queries_for_2_and_12_documents_and_never_reads_a_body(client):
    index = factories.site_tree()[1]
    decisions(index, range(1, 3))
    client.get(FEED)  # the first request fills Wagtail's site cache
    few, content = feed_queries(client)
    assert content.count(b"<entry>") == 2
    decisions(index, range(3, 13))
    many, content = feed_queries(client)
    assert content.count(b"<entry>") == 12
    assert len(few) == len(many) <= MAX_QUERIES
    assert not [sql for sql in many if '"cms_legaldocumentpage"."body"' in sql]
