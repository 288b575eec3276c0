"""A published document's signed copy follows the page's privacy (Wagtail view restrictions)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests import factories
from workflow.dossier import DossierKind

from .conftest import docx_bytes

PASSWORD = "mat-khau-2015"


@pytest.fixture
def published(index, attach):
    page = factories.legal_document(
        index, slug="629-qd-ubnd", number="629/QĐ-UBND", issued_on=datetime.date(2015, 4, 2)
    )
    attach(page, DossierKind.SIGNED_COPY)
    return page


def download(client: Client, page):
    response = client.get(reverse("signed_copy", args=[page.pk]))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def restrict(page, kind: str, *, groups=(), **fields) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)
    restriction.groups.set(groups)
    return restriction


def test_an_unrestricted_copy_is_served_to_anyone(client, published):
    response, body = download(client, published)
    assert response.status_code == 200
    assert body == docx_bytes()


@pytest.mark.parametrize("where", ["page", "ancestor"])
def test_a_password_protected_copy_waits_for_the_password(client, published, where):
    protected = published if where == "page" else published.get_parent()
    restriction = restrict(protected, PageViewRestriction.PASSWORD, password=PASSWORD)
    response, body = download(client, published)
    # Sent to the document page, which asks for the password.
    assert response.status_code == 302
    assert response["Location"] == published.url
    assert docx_bytes() not in body
    assert b'name="password"' in client.get(published.url).content
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, protected.pk]),
        {"password": PASSWORD, "return_url": published.url},
    )
    response, body = download(client, published)
    assert response.status_code == 200
    assert body == docx_bytes()
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("where", ["page", "ancestor"])
def test_a_copy_for_logged_in_users_or_groups_is_not_served_to_others(
    client, published, where, make_user
):
    protected = published if where == "page" else published.get_parent()
    readers = Group.objects.create(name="Người đọc nội bộ")
    restrict(protected, PageViewRestriction.GROUPS, groups=[readers])
    response, body = download(client, published)
    assert response.status_code == 302 and docx_bytes() not in body
    outsider = make_user(username="ngoai")
    client.force_login(outsider)
    response, body = download(client, published)
    assert response.status_code == 302 and docx_bytes() not in body
    insider = make_user(username="trong")
    insider.groups.add(readers)
    client.force_login(insider)
    response, body = download(client, published)
    assert response.status_code == 200 and body == docx_bytes()


def test_a_copy_for_logged_in_users_only(client, published, make_user):
    restrict(published, PageViewRestriction.LOGIN)
    response, body = download(client, published)
    assert response.status_code == 302 and docx_bytes() not in body
    client.force_login(make_user(username="ai-do"))
    response, body = download(client, published)
    assert response.status_code == 200 and body == docx_bytes()
