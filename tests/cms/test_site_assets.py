"""What a browser fetches besides the page: the site's icon, and nothing from other sites."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders

from tests import factories

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert "/static/favicon" in response["Location"]
    assert finders.find("favicon.ico") and finders.find("favicon.svg")


def test_portal_pages_declare_the_icon(client):
    factories.site_tree()
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html


def test_the_admin_fetches_no_avatar_from_another_site(client):
    user = get_user_model().objects.create_superuser("root", "root@example.vn", "x")
    client.force_login(user)
    html = client.get("/admin/").content.decode().lower()
    assert "gravatar" not in html
