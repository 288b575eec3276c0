"""At phone width the results come before the filters (folded under a "Bộ lọc" toggle) and
the thank-you for a comment is on screen; desktops keep the filters open beside the results."""

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import WIDTHS
from tests.browser.test_portal_pages import demo  # noqa: F401 (fixture)
from tests.cms.conftest import open_draft  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = (375, 812)
LISTINGS = ["/van-ban/", "/tim-kiem/?q=cong+nghe+thong+tin"]


@pytest.fixture
def phone(browser):
    browser.driver.set_window_size(*PHONE)
    yield browser
    browser.driver.set_window_size(*WIDTHS["desktop"])


def box(browser, element) -> dict:
    return browser.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, left: r.left, height: r.height,"
        " viewport: window.innerHeight};",
        element,
    )


@pytest.mark.parametrize("url", LISTINGS)
def test_phone_shows_results_first_and_opens_the_filters(phone, demo, url):  # noqa: F811
    phone.get(url)
    filters = phone.find("details.filters")
    first = phone.find(".doc-item")
    assert filters.get_attribute("open") is None
    assert not phone.find(".filters fieldset, .filters ul").is_displayed()
    # Folded, the filters are one line: the first result starts on the first screen.
    assert box(phone, first)["top"] < box(phone, first)["viewport"]
    assert box(phone, filters)["height"] < 80
    phone.find(".filters > summary").click()
    assert filters.get_attribute("open") is not None
    assert phone.find(".filters fieldset, .filters ul").is_displayed()


@pytest.mark.parametrize("url", LISTINGS)
def test_desktop_keeps_the_filters_open_beside_the_results(browser, demo, url):  # noqa: F811
    browser.get(url)
    assert browser.find("details.filters").get_attribute("open") is not None
    assert not browser.find(".filters > summary").is_displayed()
    facets, first = browser.find(".facets"), browser.find(".doc-item")
    assert box(browser, facets)["left"] < box(browser, first)["left"]
    assert box(browser, facets)["top"] <= box(browser, first)["top"]


def test_thank_you_is_on_screen_after_a_comment_on_a_phone(phone, open_draft):  # noqa: F811
    phone.get(f"/lay-y-kien/{open_draft.pk}/")
    phone.fill("name", "Nguyễn Văn A")
    phone.fill("text", "Đề nghị làm rõ phạm vi điều chỉnh.")
    phone.submit()
    WebDriverWait(phone.driver, 10).until(lambda d: "sent=1" in d.current_url)
    message = phone.find("#comment-sent")
    where = box(phone, message)
    assert where["top"] >= 0 and where["bottom"] <= where["viewport"]
    assert message.get_attribute("role") == "status"
    assert phone.driver.execute_script("return document.activeElement.id") == "comment-sent"
