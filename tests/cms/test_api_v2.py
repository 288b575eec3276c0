"""Wagtail's API v2 at /api/v2/van-ban/: a bounded number of queries, the portal's labels, and
``?search=`` through the project's search (docs/api.md)."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.models import IndexEntry

from cms.models import DocumentRelation, Sector
from cms.relation_kinds import RelationKind
from search import outbox
from tests import factories

pytestmark = pytest.mark.django_db
LIST = "/api/v2/van-ban/?fields=*&limit=20"
# Site, view restrictions, count, the page of documents, and one query per prefetched relation
# (type, body, locale, sectors, terminations): 11 at the time of writing, for any length.
MAX_QUERIES = 12


def law(index, n: int, **fields):
    return factories.legal_document(
        index,
        slug=f"luat-{n}",
        number=f"{n}/2020/L-QH",
        title=f"Luật số {n}",
        document_type=factories.document_type(code="L", is_normative=True, name="Luật"),
        issuing_body=factories.issuing_body(code="QH", name="Quốc hội"),
        issued_on=datetime.date(2020, 6, 1),
        effective_on=datetime.date(2021, 1, 1),
        **fields,
    )


def documents(index, numbers: range):
    sector = Sector.objects.get_or_create(slug="tu-phap", defaults={"name": "Tư pháp"})[0]
    pages = [law(index, n, sectors=[sector]) for n in numbers]
    # Each later law partly repeals the one before: every item has a termination to show.
    for earlier, later in itertools.pairwise(pages):
        DocumentRelation.objects.create(
            source=later, target=earlier, kind=RelationKind.REPEALS, partial=True
        )
    return pages


def list_queries(client) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(captured), response.json()


def test_the_list_costs_the_same_queries_for_5_and_20_documents(client):
    index = factories.site_tree()[1]
    documents(index, range(1, 6))
    client.get(LIST)  # the first request fills Wagtail's site cache
    few, data = list_queries(client)
    assert len(data["items"]) == 5
    documents(index, range(6, 21))
    many, data = list_queries(client)
    assert len(data["items"]) == 20  # the API's page size limit
    assert few == many <= MAX_QUERIES
    assert sum(bool(item["validity_terminations"]) for item in data["items"]) >= 15


def test_labels_are_the_portals_and_the_search_apis(client):
    documents(factories.site_tree()[1], range(1, 2))
    outbox.apply_pending()
    [item] = client.get(LIST).json()["items"]
    [hit] = client.get("/api/search/", {"q": "1/2020/L-QH"}).json()["hits"]
    assert item["document_type"] == hit["type"] == "Luật"
    assert item["normative"] is True
    assert item["issuing_body"] == hit["issuer"] == "Quốc hội"
    assert item["sectors"] == ["Tư pháp"]


def test_labels_follow_the_visitors_language_as_on_the_portal(client):
    [page] = documents(factories.site_tree()[1], range(1, 2))
    page.document_type.name_en = "Law"
    page.document_type.save()
    client.get("/i18n/en/", {"next": "/"})
    [item] = client.get(LIST).json()["items"]
    assert item["document_type"] == "Law"
    assert item["issuing_body"] == "Quốc hội"  # no English name given: the Vietnamese one


def test_search_finds_documents_outside_wagtails_own_index(client):
    index = factories.site_tree()[1]
    law(
        index,
        1,
        body=[
            {
                "type": "article",
                "value": {
                    "number": "1",
                    "heading": "Phạm vi",
                    "text": "Luật này quy định về hạ tầng viễn thông thụ động.",
                    "clauses": [],
                },
            }
        ],
    )
    law(index, 2)
    outbox.apply_pending()
    # An import does not keep Wagtail's index: only the project's search knows the texts.
    IndexEntry.objects.all().delete()
    data = client.get("/api/v2/van-ban/", {"search": "ha tang vien thong"}).json()
    assert [item["meta"]["slug"] for item in data["items"]] == ["luat-1"]
