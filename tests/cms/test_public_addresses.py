"""Every absolute address the portal gives out comes from one setting, PORTAL_BASE_URL: the
sitemap, robots.txt, the Atom feeds, Wagtail's API v2, the search API and the e-mails."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.checks import Error
from django.test import override_settings

from cms import crawling
from cms.crawling import disallowed_paths
from cms.public_url import check_public_base_url
from search import outbox
from tests import factories
from workflow import services
from workflow.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db
HOST = "https://congbao.example.gov.vn"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def public_host(settings):
    # Production derives WAGTAILAPI_BASE_URL from PORTAL_BASE_URL (tests/config/test_settings.py).
    settings.PORTAL_BASE_URL = HOST
    settings.WAGTAILAPI_BASE_URL = HOST


@pytest.fixture
def document():
    index = factories.site_tree(consultations=True)[1]
    page = factories.legal_document(
        index,
        slug="chu-ky-so",
        number="05/2015/QĐ-UBND",
        title="Quy định về chữ ký số",
        document_type=factories.document_type(code="QĐ", is_normative=True),
        issued_on=datetime.date(2015, 3, 2),
        effective_on=datetime.date(2015, 3, 20),
    )
    outbox.apply_pending()
    return page


def on_host(url: str) -> bool:
    return url.startswith(HOST + "/")


def test_sitemap_lists_pages_on_the_public_host_and_nothing_robots_disallows(client, document):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert f"{HOST}/van-ban/chu-ky-so/" in locations and f"{HOST}/" in locations
    assert all(on_host(url) for url in locations), locations
    disallowed = tuple(disallowed_paths())
    assert "/lay-y-kien/" in disallowed
    assert not [url for url in locations if urlsplit(url).path.startswith(disallowed)]


def test_robots_disallows_the_shared_list_and_names_the_sitemap_on_the_public_host(
    client, document
):
    lines = client.get("/robots.txt").text.splitlines()
    assert lines == [
        "User-agent: *",
        *(f"Disallow: {path}" for path in disallowed_paths()),
        f"Sitemap: {HOST}/sitemap.xml",
    ]


def test_feed_links_are_on_the_public_host(client, document):
    root = ET.fromstring(client.get("/feeds/van-ban/").content)
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    ids = [element.text for element in root.iter(f"{ATOM}id")]
    assert f"{HOST}/van-ban/chu-ky-so/" in links
    assert f"{HOST}/feeds/van-ban/" in links  # rel="self"
    assert all(on_host(url) for url in links + ids), (links, ids)


def test_api_v2_detail_and_html_urls_are_on_the_public_host(client, document):
    [item] = client.get("/api/v2/van-ban/").json()["items"]
    assert item["meta"]["detail_url"] == f"{HOST}/api/v2/van-ban/{document.pk}/"
    assert item["meta"]["html_url"] == f"{HOST}/van-ban/chu-ky-so/"
    assert on_host(item["meta"]["akn_url"])
    detail = client.get(f"/api/v2/van-ban/{document.pk}/").json()
    assert detail["meta"]["html_url"] == f"{HOST}/van-ban/chu-ky-so/"


def test_search_api_urls_are_on_the_public_host(client, document):
    [hit] = client.get("/api/search/", {"q": "chữ ký số"}).json()["hits"]
    assert hit["url"] == f"{HOST}/van-ban/chu-ky-so/"


def test_step_email_links_to_the_public_host(django_user_model, django_capture_on_commit_callbacks):
    index = factories.site_tree()[1]
    page = factories.legal_document(index, slug="du-thao", live=False)
    leader = django_user_model.objects.create_user("lanh-dao", email="lanh.dao@example.vn")
    leader.groups.add(Group.objects.get(name=GROUP_NAMES[Role.LEADERSHIP]))
    with django_capture_on_commit_callbacks(execute=True):
        services.perform_transition(
            workflow_id=page.workflow.pk, name="start_drafting", user=None, system=True
        )
    [message] = mail.outbox
    assert f"{HOST}/admin/workflow/document/{page.pk}/" in message.body


@pytest.mark.parametrize(
    "value",
    ["congbao.example.gov.vn", "ftp://congbao.example.gov.vn", f"{HOST}/portal", f"{HOST}/?a=1"],
)
def test_a_base_url_that_is_not_a_scheme_and_host_fails_the_checks(value):
    with override_settings(PORTAL_BASE_URL=value):
        [error] = check_public_base_url(None)
    assert isinstance(error, Error)
    assert error.id == "cms.E002"


def test_the_public_host_passes_the_checks():
    assert check_public_base_url(None) == []


def test_a_sitemap_over_the_limit_becomes_an_index_of_pages(client, document, monkeypatch):
    monkeypatch.setattr(crawling, "SITEMAP_LIMIT", 2)
    index = ET.fromstring(client.get("/sitemap.xml").content)

    assert index.tag == f"{SITEMAP}sitemapindex"
    pages = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert pages[0] == f"{HOST}/sitemap.xml?p=1" and len(pages) >= 2
    listed = []
    for number in range(1, len(pages) + 1):
        urlset = ET.fromstring(client.get("/sitemap.xml", {"p": number}).content)
        listed += [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]
    assert len(listed) == len(set(listed)) and f"{HOST}/van-ban/chu-ky-so/" in listed
    assert all(client.get("/sitemap.xml", {"p": p}).status_code == 404 for p in ("0", "x", "99"))
