"""Cached pages and the Content-Security-Policy in a real browser: visitors who share nothing
switch language on a cached page, and no page (portal, admin editor, preview) breaks the CSP."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from selenium.webdriver.support.ui import WebDriverWait

from tests import factories
from workflow import official_text

from .conftest import PASSWORD, Browser, new_driver

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = [
    {
        "type": "article",
        "value": {
            "number": "1",
            "heading": "Phạm vi điều chỉnh",
            "text": "Quy chế này quy định việc phát ngôn.",
            "clauses": [{"number": "1", "text": "Khoản một.", "points": []}],
        },
    },
]


@pytest.fixture
def document(transactional_db):
    _home, index = factories.site_tree(consultations=True)
    return factories.legal_document(
        index,
        slug="629-qd-ubnd",
        number="629/QĐ-UBND",
        title="Quy chế phát ngôn",
        issued_on=datetime.date(2015, 4, 2),
        body=BODY,
    )


@pytest.fixture
def other_browser(live_server):
    """A second visitor: another Chromium with a profile of its own."""
    driver = new_driver()
    yield Browser(driver, live_server.url)
    driver.quit()


def csp_violations(b: Browser) -> list[str]:
    return [m for m in b.console() if "Content Security Policy" in m]


def cache_header(b: Browser, path: str) -> str | None:
    """The X-Portal-Cache header this visitor's browser gets for ``path`` right now."""
    return b.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'})"
        ".then(r => done(r.headers.get('X-Portal-Cache')));",
        path,
    )


def switch_to_english(b: Browser, path: str):
    b.find(".lang-switch a[hreflang=en]").click()
    WebDriverWait(b.driver, 10).until(
        lambda d: d.find_element("css selector", "html").get_attribute("lang") == "en"
    )
    assert b.driver.current_url == b.base + path
    assert "Issuing body" in b.text()


def test_two_visitors_of_a_cached_page_both_switch_language(browser, other_browser, document):
    path = document.url
    browser.get(path)  # the first visitor: rendered, then stored
    assert browser.find("html").get_attribute("lang") == "vi"
    other_browser.get(path)
    # The second visitor, who shares no cookie with the first, is served from the cache.
    assert not other_browser.driver.get_cookies()
    assert cache_header(other_browser, path) == "hit"
    assert "csrfmiddlewaretoken" not in other_browser.driver.page_source
    current = other_browser.find(".lang-switch [aria-current=true]")
    assert current.get_attribute("hreflang") == "vi"
    for visitor in (other_browser, browser):
        switch_to_english(visitor, path)
        assert visitor.find(".lang-switch [aria-current=true]").get_attribute("hreflang") == "en"
    assert csp_violations(browser) == csp_violations(other_browser) == []


PORTAL = ["/", "/van-ban/", "/van-ban/629-qd-ubnd/", "/lay-y-kien/", "/tim-kiem/?q=phat+ngon"]


def test_portal_pages_load_without_csp_violations_and_the_policy_is_enforced(browser, document):
    browser.console()
    for path in [*PORTAL, "/khong-co-trang-nay/"]:
        browser.get(path)
        assert browser.find("main h1").text, path
        # The stylesheet applied: the header is on the brand colour, not unstyled.
        header = browser.find(".site-header").value_of_css_property("background-color")
        assert header == "rgba(164, 22, 26, 1)", path
        violations = csp_violations(browser)
        assert violations == [], "\n".join([path, *violations])
    # Not vacuous: an inline script is refused, and reported in the console.
    ran = browser.driver.execute_script(
        "const s = document.createElement('script');"
        "s.textContent = 'window.inlineRan = true';"
        "document.head.appendChild(s); return window.inlineRan === true;"
    )
    assert ran is False
    assert any("script-src" in m for m in csp_violations(browser))


def test_the_page_editor_and_its_preview_load_without_csp_violations(browser, document):
    admin = get_user_model().objects.create_superuser("quantri", password=PASSWORD)
    # A published text opens in the editor only during a correction (đính chính).
    official_text.open_correction(
        workflow_id=document.workflow.pk, user=admin, reason="Kiểm tra trình soạn thảo."
    )
    browser.login("quantri")
    browser.console()
    browser.get(f"/admin/pages/{document.pk}/edit/")
    browser.find("#page-edit-form")
    WebDriverWait(browser.driver, 10).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    assert browser.find("input[name=title]").get_attribute("value") == "Quy chế phát ngôn"
    browser.driver.execute_script(
        "document.querySelector('[data-side-panel-toggle=preview]').click();"
    )
    WebDriverWait(browser.driver, 15).until(
        lambda d: d.execute_script(
            "const f = document.getElementById('w-preview-iframe');"
            "return !!(f && f.contentDocument && f.contentDocument.querySelector('main h1'));"
        )
    )
    title = browser.driver.execute_script(
        "return document.getElementById('w-preview-iframe')"
        ".contentDocument.querySelector('main h1').textContent;"
    )
    assert "629/QĐ-UBND" in title
    violations = csp_violations(browser)
    assert violations == [], "\n".join(violations)
