"""A document holding the whole text, found through the embedded backend: words of an
attached regulation's article and of a table lead to the article, cited as such in the API
and on the results page."""

import datetime

import pytest

from search import outbox
from search.backends.base import SearchRequest
from search.index_records import prepare_record
from search.query import parse_query
from tests import factories
from tests.search import fakes
from tests.search.backends.conftest import embedded_backend
from tests.whole_text import WHOLE_BODY

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    backend = embedded_backend()
    backend.clear()
    index = factories.site_tree()[1]
    page = factories.legal_document(index, slug="toan-van", number="12/QĐ-UBND", body=WHOLE_BODY)
    backend.index([prepare_record(page)])
    return backend


def search(backend, query: str):
    request = SearchRequest(query=parse_query(query), today=datetime.date(2026, 6, 1))
    return backend.search(request)


def test_an_attached_regulations_article_is_found_and_cited(backend):
    [hit] = search(backend, "giấy tờ").hits
    [article] = hit.articles
    assert article.anchor == "kt-dieu-5"
    assert f"Điều {article.number}" == "Điều 5 của Quy định ban hành kèm theo"


def test_table_cells_are_searchable(backend):
    [hit] = search(backend, "Sở Tài chính 120 hồ sơ").hits
    assert "dieu-2" in [article.anchor for article in hit.articles]
    assert search(backend, "50.000 đồng").total == 1  # a table outside articles


@pytest.mark.urls("tests.search.urls")
def test_api_and_results_page_cite_the_attached_regulation(client, monkeypatch):
    fakes.install(monkeypatch)
    index = factories.site_tree()[1]
    page = factories.legal_document(index, slug="toan-van", number="12/QĐ-UBND", body=WHOLE_BODY)
    outbox.apply_pending()
    hits = client.get("/api/search/", {"q": "giấy tờ"}).json()["hits"]
    assert [(a["number"], a["anchor"]) for a in hits[0]["articles"]] == [
        ("5 của Quy định ban hành kèm theo", "kt-dieu-5")
    ]
    html = client.get("/tim-kiem/", {"q": "giấy tờ"}).content.decode()
    link = f'<a href="{page.url}#kt-dieu-5">Điều 5 của Quy định ban hành kèm theo. Hồ sơ</a>'
    assert link in html
