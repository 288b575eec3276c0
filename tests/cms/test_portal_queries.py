"""Every public page costs at most 25 queries uncached, the same with 3 documents as with 30
(issue 15; the timings are bench/portal.py's)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import DocumentType, Sector
from tests import factories

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25


@pytest.fixture
def portal(open_draft):
    """Home, document index and a draft open for comment (``open_draft``), three sectors."""
    index = open_draft.get_parent().specific
    sectors = [
        Sector.objects.get_or_create(slug=f"s{n}", defaults={"name": f"Lĩnh vực {n}"})[0]
        for n in range(3)
    ]
    return index.get_parent().specific, index, sectors, open_draft


def add_documents(index, sectors, start: int, stop: int) -> list:
    return [
        factories.legal_document(
            index,
            slug=f"qd-{n}",
            number=f"{n}/QĐ-UBND",
            issued_on=datetime.date(2010 + n % 12, 1 + n % 12, 1),
            sectors=sectors[: 1 + n % 3],
        )
        for n in range(start, stop)
    ]


def queries_for(client, url: str) -> int:
    """Counted on the second request (the DOCX then comes from storage), uncached."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def public_urls(home, index, document, draft) -> list[str]:
    kind = DocumentType.objects.get(pk=document.document_type_id)
    return [
        home.url,
        index.url,
        f"{index.url}?type={kind.pk}&sector=s1&sort=title",
        f"{index.url}?page=2",
        document.url,
        "/tim-kiem/?q=quyết định",
        "/lay-y-kien/",
        f"/lay-y-kien/{draft.pk}/",
        "/feeds/van-ban/",
        "/sitemap.xml",
        f"/api/v2/van-ban/{document.pk}/",
        "/api/search/?q=quyết định",
        f"/van-ban/{document.pk}/tai-ve.docx",
    ]


def test_public_pages_cost_the_same_few_queries_with_ten_times_the_documents(
    client, portal, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the stored DOCX files of this test
    home, index, sectors, draft = portal
    document = add_documents(index, sectors, 1, 4)[0]
    urls = public_urls(home, index, document, draft)
    few = {url: queries_for(client, url) for url in urls}
    add_documents(index, sectors, 4, 31)
    many = {url: queries_for(client, url) for url in urls}
    assert many == few
    assert max(many.values()) <= MAX_QUERIES, many
