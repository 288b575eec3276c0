from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from cms.models import DocumentType
from workflow.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEMO_USERS_ENABLED = False
    call_command("load_demo", stdout=StringIO())


def login_as(client, role: Role):
    user = get_user_model().objects.create_user(username=role.value, password="x")
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    client.force_login(user)
    return user


def test_admin_login_is_in_vietnamese_even_for_an_english_browser(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert "Đăng nhập" in html


def test_document_listing_shows_type_and_issuing_body(client, demo):
    login_as(client, Role.DRAFTING_TEAM)
    html = client.get(reverse("legal_documents:index")).content.decode()
    for header in ("Số, ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành"):
        assert header in html
    assert "629/QĐ-UBND" in html
    assert "Tỉnh ủy Cao Bằng" in html
    assert "Chương trình hành động" in html
    assert "Quy chế phát ngôn" in html  # drafts are listed for the team


def test_document_listing_filters_by_issuing_body(client, demo):
    from cms.models import IssuingBody

    login_as(client, Role.LEADERSHIP)
    party = IssuingBody.objects.get(code="TU")
    html = client.get(reverse("legal_documents:index"), {"issuing_body": party.pk}).content.decode()
    assert "56-CTr/TU" in html
    assert "629/QĐ-UBND" not in html


def test_reference_lists_are_read_only_except_for_portal_editors(client, demo):
    add_url = reverse("wagtailsnippets_cms_documenttype:add")
    list_url = reverse("wagtailsnippets_cms_documenttype:list")
    login_as(client, Role.DRAFTING_TEAM)
    assert client.get(list_url).status_code == 200
    assert client.get(add_url).status_code == 302  # redirected with "permission denied"
    client.logout()

    login_as(client, Role.PORTAL_EDITOR)
    response = client.post(add_url, {"name": "Chỉ thị", "code": "CT", "is_normative": "on"})
    assert response.status_code == 302
    assert DocumentType.objects.filter(code="CT", is_normative=True).exists()


def test_duplicate_document_type_gets_a_clear_error(client, demo):
    login_as(client, Role.PORTAL_EDITOR)
    response = client.post(
        reverse("wagtailsnippets_cms_documenttype:add"),
        {"name": "Quyết định", "code": "QĐ", "is_normative": "on"},
    )
    assert response.status_code == 200
    assert "đã tồn tại" in response.content.decode()
