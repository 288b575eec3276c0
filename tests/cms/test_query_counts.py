"""Page rendering costs a bounded number of queries, whatever the size of the content."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import DocumentRelation, Sector
from cms.relation_kinds import RelationKind
from tests import factories

pytestmark = pytest.mark.django_db


def article(number: int) -> dict:
    return {
        "type": "article",
        "value": {
            "number": str(number),
            "heading": f"Điều khoản {number}",
            "text": "Nội dung.",
            "clauses": [
                {"number": "1", "text": "Khoản.", "points": [{"letter": "a", "text": "x"}]}
            ],
        },
    }


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def build_document(index, slug: str, *, articles: int, relations: int):
    sectors = [
        Sector.objects.get_or_create(slug=f"s{i}", defaults={"name": f"Lĩnh vực {i}"})[0]
        for i in range(3)
    ]
    page = factories.legal_document(
        index,
        slug=slug,
        number=f"{articles}/QĐ-UBND",
        issued_on=datetime.date(2015, 1, 1),
        body=[article(n) for n in range(1, articles + 1)],
        sectors=sectors,
    )
    for n in range(relations):
        other = factories.legal_document(
            index, slug=f"{slug}-rel-{n}", number=f"{100 + n}{articles}/QĐ-UBND"
        )
        DocumentRelation.objects.create(source=page, target=other, kind=RelationKind.LEGAL_BASIS)
        DocumentRelation.objects.create(source=other, target=page, kind=RelationKind.AMENDS)
    return page


def test_document_page_queries_do_not_grow_with_articles_or_relations(client):
    _home, index = factories.site_tree()
    small = build_document(index, "small", articles=2, relations=1)
    large = build_document(index, "large", articles=60, relations=8)
    small_count = queries_for(client, small.url)
    # The official record (text and corrections) is one of them, the deployment's identity
    # (header and footer) another.
    assert small_count <= 22
    assert queries_for(client, large.url) == small_count


def test_index_queries_do_not_grow_with_documents(client):
    _home, index = factories.site_tree()
    for n in range(3):
        factories.legal_document(index, slug=f"a{n}", number=f"{n + 1}/QĐ-UBND")
    few = queries_for(client, index.url)
    for n in range(3, 20):
        factories.legal_document(index, slug=f"a{n}", number=f"{n + 1}/QĐ-UBND")
    assert queries_for(client, index.url + "?sort=oldest") == few
    assert few <= 25


def test_cached_page_costs_almost_nothing(client):
    _home, index = factories.site_tree()
    page = build_document(index, "doc", articles=5, relations=1)
    queries_for(client, page.url)
    response = client.get(page.url)
    assert response["X-Portal-Cache"] == "hit"
    assert queries_for(client, page.url) <= 3
