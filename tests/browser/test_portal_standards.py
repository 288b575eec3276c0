"""axe-core (pinned in package.json) on every public page at phone and desktop widths: no
serious or critical violation. The pages are those the Nu HTML Checker validates."""

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.portal_pages import PortalPage, build_portal

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}


@pytest.fixture
def portal(transactional_db, settings):
    settings.DEMO_USERS_ENABLED = False
    settings.ROOT_URLCONF = "tests.portal_pages"
    return build_portal()


def open_page(browser, page: PortalPage):
    """The page as a visitor reaches it: in the chosen language, a form filled and sent."""
    browser.driver.delete_all_cookies()
    if page.english:
        browser.get("/i18n/en/?next=/")
    browser.get(page.path)
    if page.post is not None:
        for name, value in page.post.items():
            field = browser.find(f"main form [name='{name}']")
            if isinstance(value, Path):  # a file input takes the file's path
                field.send_keys(str(value))
            elif value and field.tag_name in ("input", "textarea"):
                browser.fill(name, value)
        # Past the browser's own checks of required fields: the server refuses or accepts.
        form = browser.find("main form[method='post']")
        browser.driver.execute_script("arguments[0].submit();", form)
        browser.driver.find_element(By.CSS_SELECTOR, "main h1")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_serious_accessibility_violation_on_public_pages(browser, portal, width):
    browser.driver.set_window_size(*WIDTHS[width])
    found = {}
    try:
        for page in portal:
            open_page(browser, page)
            assert browser.find("main h1").text, page.name
            violations = browser.serious_accessibility_violations()
            if violations:
                found[page.name] = violations
    finally:
        browser.driver.set_window_size(1280, 900)
    print(f"axe-core at {width}: {len(portal)} pages, {sum(map(len, found.values()))} violations")
    assert found == {}


def test_search_facet_links_are_underlined(browser, portal):
    """Before: the facet links were told from the text around them by colour alone, at 1.5:1
    (axe ``link-in-text-block``, serious)."""
    browser.get(next(page.path for page in portal if page.name == "search-facet"))
    decorations = browser.driver.execute_script(
        "return [...document.querySelectorAll('.facets a')]"
        ".map(a => getComputedStyle(a).textDecorationLine);"
    )
    assert decorations and set(decorations) == {"underline"}
