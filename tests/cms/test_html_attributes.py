"""Public pages carry no invalid form actions and no dangling ``aria-describedby``.

Before: the document index, search and consultation forms had ``action=""`` (the Nu checker:
'Bad value "" for attribute "action"'); the comment form's e-mail field described itself by
``id_email_helptext``, which no element carried.
"""

import pytest
from bs4 import BeautifulSoup

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(open_draft):
    factories.legal_document(open_draft.get_parent().specific, slug="doc", number="1/QĐ-UBND")
    return ("/", "/van-ban/", "/van-ban/doc/", "/tim-kiem/", f"/lay-y-kien/{open_draft.pk}/")


def soup(response) -> BeautifulSoup:
    assert response.status_code in (200, 400), response.status_code
    return BeautifulSoup(response.content, "html.parser")


def assert_valid_attributes(html: BeautifulSoup, url: str):
    for form in html.find_all("form"):
        assert form.get("action") != "", f"{url}: form with an empty action"
        if form.has_attr("action"):
            assert form["action"].strip(), url
    ids = {element["id"] for element in html.find_all(id=True)}
    for element in html.find_all(attrs={"aria-describedby": True}):
        missing = set(element["aria-describedby"].split()) - ids
        assert not missing, f"{url}: aria-describedby points at missing {missing}"


def test_no_empty_action_and_no_dangling_describedby(client, pages):
    forms = 0
    for url in pages:
        html = soup(client.get(url))
        assert_valid_attributes(html, url)
        forms += len(html.find_all("form"))
    assert forms >= 3  # the index's filters, the search box, the comment form


def test_the_email_field_is_described_by_its_help_text(client, pages, open_draft):
    html = soup(client.get(f"/lay-y-kien/{open_draft.pk}/"))
    email = html.find("input", attrs={"name": "email"})
    described = email["aria-describedby"]
    assert html.find(id=described).get_text(strip=True)


def test_the_comment_form_with_errors_stays_valid(client, pages, open_draft):
    url = f"/lay-y-kien/{open_draft.pk}/"
    html = soup(client.post(url, {"name": "", "text": "", "email": "not-an-email"}))
    assert html.find(class_="error")
    assert_valid_attributes(html, url)
