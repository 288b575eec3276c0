"""The Atom feed by RFC 4287 (a feed-level author) and its autodiscovery from every portal page."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from cms.models import Sector
from tests import factories

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
PAGES = ("/", "/van-ban/", "/van-ban/doc/", "/tim-kiem/")


@pytest.fixture
def index():
    index = factories.site_tree()[1]
    factories.legal_document(index, slug="doc", number="1/QĐ-UBND")
    return index


def feed_author(client, url="/feeds/van-ban/") -> str:
    root = ET.fromstring(client.get(url).content)
    names = [name.text for name in root.findall(f"{ATOM}author/{ATOM}name")]
    assert len(names) == 1, names
    return names[0]


def test_feed_author_is_the_issuing_committee(client, index):
    factories.deployment_identity(**factories.HA_GIANG)
    Sector.objects.create(name="Tư pháp", slug="tu-phap")
    for url in ("/feeds/van-ban/", "/feeds/van-ban/tu-phap/"):
        assert feed_author(client, url) == "Ủy ban nhân dân tỉnh Hà Giang"


def test_feed_author_in_english_where_given(client, index):
    factories.deployment_identity(**{**factories.HA_GIANG, "committee_name_en": "Ha Giang PPC"})
    client.get("/i18n/en/", {"next": "/"})
    assert feed_author(client) == "Ha Giang PPC"


@pytest.mark.parametrize("url", PAGES)
def test_every_portal_page_links_the_feed_for_autodiscovery(client, index, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    links = soup.head.find_all("link", rel="alternate", type="application/atom+xml")
    assert len(links) == 1 and links[0]["title"]
    feed = client.get(links[0]["href"])
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert ET.fromstring(feed.content).tag == f"{ATOM}feed"
