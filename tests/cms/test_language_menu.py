"""The portal's language menu names each language in itself, whatever the current language.

Django's own Vietnamese catalogue translates "English" as "Tiếng Anh"; the menu must not go
through it (``settings.LANGUAGES`` is shown untranslated, ``lang`` set on each entry).
"""

import pytest
from bs4 import BeautifulSoup

from tests import factories

pytestmark = pytest.mark.django_db
OWN_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@pytest.fixture
def index():
    index = factories.site_tree()[1]
    factories.legal_document(index, slug="doc", number="1/QĐ-UBND")
    return index


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("url", ["/", "/van-ban/", "/van-ban/doc/", "/tim-kiem/"])
def test_each_language_in_its_own_name(client, index, language, url):
    client.get(f"/i18n/{language}/", {"next": "/"})
    html = client.get(url).content.decode()
    assert f'<html lang="{language}">' in html
    menu = BeautifulSoup(html, "html.parser").select_one(".lang-switch")
    entries = {link["hreflang"]: link for link in menu.select("a[hreflang]")}
    assert {code: link.get_text(strip=True) for code, link in entries.items()} == OWN_NAMES
    assert all(link["lang"] == code for code, link in entries.items())
    current = menu.select('[aria-current="true"]')
    assert [link["hreflang"] for link in current] == [language]
    assert "Tiếng Anh" not in menu.get_text()
