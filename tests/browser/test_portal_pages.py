"""Portal pages at phone and desktop widths, with an automated accessibility check."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = {
    "portal-home": "/",
    "portal-documents": "/van-ban/",
    "portal-document-629": "/van-ban/629-qd-ubnd/",
    "portal-consultation-index": "/lay-y-kien/",
    "portal-search-results": "/tim-kiem/?q=cong+nghe+thong+tin",
    "portal-not-found": "/khong-co-trang-nay/",
}


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEMO_USERS_ENABLED = False
    call_command("load_demo", verbosity=0)
    call_command("search_reindex", verbosity=0)


@pytest.mark.parametrize("name", list(PAGES))
def test_portal_page_renders_and_is_accessible(browser, demo, name):
    browser.get(PAGES[name])
    assert browser.find("main h1").text
    browser.screenshot(name)
    assert browser.serious_accessibility_violations() == []
