"""English mode: navigation, titles of the portal's own pages and names of reference data in
English (``name_en``/``title_en``, filled by the demo), legal documents' titles still Vietnamese;
Vietnamese mode unchanged."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation

from cms.labels import english_labels, label
from cms.models import DocumentType, LegalDocumentPage, Sector
from tests.browser.english import vietnamese_words

pytestmark = pytest.mark.django_db

INDEXES = ["/", "/van-ban/", "/lay-y-kien/", "/tim-kiem/?q=cong+nghe+thong+tin"]
DOCUMENT = "/van-ban/629-qd-ubnd/"
# The chrome whose words must all be in the visitor's language: menu, the portal pages' own
# headings and titles, facets (names of reference data).
CHROME = ".nav, main > h1, .facets legend, .facets label, .facets h2, .facets a"


@pytest.fixture
def demo(settings):
    settings.DEMO_USERS_ENABLED = False
    call_command("load_demo", verbosity=0)
    call_command("search_reindex", verbosity=0)


def page(client, language: str, url: str) -> BeautifulSoup:
    client.get(f"/i18n/{language}/", {"next": "/"})
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def reference_cells(soup: BeautifulSoup) -> list[str]:
    """The document page's kicker and metadata cells naming reference data."""
    with translation.override("en"):
        headers = {
            translation.gettext(h)
            for h in ("Loại văn bản", "Cơ quan ban hành", "Cơ quan chủ trì soạn thảo", "Lĩnh vực")
        }
    cells = [
        row.td.get_text(" ", strip=True)
        for row in soup.select(".metadata tr")
        if row.th.get_text(strip=True) in headers
    ]
    return [soup.select_one(".doc-kicker").get_text(strip=True), *cells]


def test_english_chrome_has_no_vietnamese(client, demo):
    for url in INDEXES:
        soup = page(client, "en", url)
        texts = [soup.title.get_text(), *(e.get_text(" ", strip=True) for e in soup.select(CHROME))]
        assert [w for text in texts for w in vietnamese_words(text)] == [], url
        assert "Documents" in soup.select_one(".nav").get_text()


def test_english_document_page_names_reference_data_in_english(client, demo):
    soup = page(client, "en", DOCUMENT)
    cells = reference_cells(soup)
    assert "Cao Bang Provincial People's Committee" in cells
    assert [w for cell in cells for w in vietnamese_words(cell)] == []
    # The official text stays Vietnamese.
    assert vietnamese_words(soup.select_one("main h1").get_text())


def test_search_results_name_the_issuer_in_english(client, demo):
    soup = page(client, "en", INDEXES[-1])
    metas = [p.get_text(" ", strip=True) for p in soup.select(".doc-meta")]
    assert metas and all("Cao Bang" in meta or "Department" in meta for meta in metas)


def test_vietnamese_mode_is_unchanged(client, demo):
    for url in [*INDEXES, DOCUMENT]:
        soup = page(client, "vi", url)
        nav = soup.select_one(".nav").get_text(" ", strip=True)
        assert "Văn bản" in nav and "Lấy ý kiến dự thảo" in nav
        assert "Documents" not in nav
    assert "Ủy ban nhân dân tỉnh Cao Bằng" in reference_cells(soup)
    facets = page(client, "vi", "/van-ban/").select_one(".facets").get_text(" ", strip=True)
    assert "Quyết định" in facets and "Decision" not in facets


def test_blank_english_name_falls_back_to_vietnamese():
    with translation.override("en"):
        assert label(DocumentType(name="Quyết định")) == "Quyết định"
        assert label(DocumentType(name="Quyết định", name_en="Decision")) == "Decision"
    with translation.override("vi"):
        assert label(DocumentType(name="Quyết định", name_en="Decision")) == "Quyết định"


def test_vietnamese_mode_asks_nothing_for_english_labels(django_assert_num_queries):
    Sector.objects.create(name="Báo chí", slug="bao-chi", name_en="Press")
    with translation.override("vi"), django_assert_num_queries(0):
        assert english_labels(Sector, key="slug", values=["bao-chi"]) == {}
    with translation.override("en"):
        assert english_labels(Sector, key="slug", values=["bao-chi"]) == {"bao-chi": "Press"}


def test_both_apis_name_a_type_alike_in_english(client, demo):
    decision = DocumentType.objects.get(
        pk=LegalDocumentPage.objects.get(slug="629-qd-ubnd").document_type_id
    )
    client.get("/i18n/en/", {"next": "/"})
    (hit,) = client.get("/api/search/", {"q": "629/QĐ-UBND"}).json()["hits"][:1]
    listed = client.get("/api/v2/van-ban/", {"fields": "document_type"}).json()["items"]
    by_url = {item["meta"]["html_url"]: item["document_type"] for item in listed}
    assert decision.name_en and hit["type"] == by_url[hit["url"]] == decision.name_en
