"""Cached portal pages hold no per-visitor secret and answer like uncached ones."""

import datetime
import hashlib

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.cache import portal_version
from cms.models import HomePage
from tests import factories

pytestmark = pytest.mark.django_db

# The security headers production adds (config/settings/production.py).
PRODUCTION_HEADERS = {
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_REFERRER_POLICY": "same-origin",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    "X_FRAME_OPTIONS": "SAMEORIGIN",
}


@pytest.fixture
def portal():
    _home, index = factories.site_tree()
    page = factories.legal_document(
        index, slug="629-qd-ubnd", number="629/QĐ-UBND", issued_on=datetime.date(2015, 4, 2)
    )
    return {"home": "/", "index": "/van-ban/", "document": page.url, "page": page}


def visitor() -> Client:
    """A visitor with a browser of their own: no cookie shared with anyone else."""
    return Client(enforce_csrf_checks=True)


def switch_to_english(client: Client, html: str):
    """Use the page's language switch the way a browser would, without JavaScript."""
    switch = BeautifulSoup(html, "html.parser").select_one(".lang-switch")
    link = switch.select_one("a[hreflang=en]")
    if link is not None:
        return client.get(link["href"])
    # A form: submit its fields with English chosen.
    fields = {i["name"]: i.get("value", "") for i in switch.select("input[name]")}
    fields[switch.select_one("select")["name"]] = "en"
    return client.post(switch["action"], fields)


@pytest.mark.parametrize("name", ["home", "index", "document"])
def test_cached_pages_are_served_from_the_cache_and_hold_no_csrf_token(portal, name):
    first = visitor().get(portal[name])
    second = visitor().get(portal[name])
    assert first.status_code == second.status_code == 200
    assert "X-Portal-Cache" not in first
    assert second["X-Portal-Cache"] == "hit"
    for response in (first, second):
        assert b"csrfmiddlewaretoken" not in response.content
        assert not response.cookies  # nothing per visitor, not even a CSRF cookie


@pytest.mark.parametrize("name", ["home", "index", "document"])
def test_every_visitor_of_a_cached_page_can_switch_language(portal, name):
    url = portal[name]
    for _ in range(2):  # the second visitor is served from the cache
        client = visitor()
        page = client.get(url)
        switched = switch_to_english(client, page.content.decode())
        assert switched.status_code == 302, switched.content[:300]
        assert switched["Location"] == url
        english = client.get(url)
        assert english.status_code == 200
        assert '<html lang="en">' in english.content.decode()
    assert page["X-Portal-Cache"] == "hit"


def test_the_language_switch_marks_the_current_language_and_keeps_the_page(client, portal):
    html = client.get(portal["document"]).content.decode()
    switch = BeautifulSoup(html, "html.parser").select_one(".lang-switch")
    current = switch.select('[aria-current="true"]')
    assert [c.get_text(strip=True) for c in current] == ["Tiếng Việt"]
    english = switch.select_one("a[hreflang=en]")
    assert english.get_text(strip=True) == "English"
    assert "next=/van-ban/629-qd-ubnd/" in english["href"]


def test_the_language_switch_refuses_foreign_redirects_and_unknown_languages(client, portal):
    url = portal["document"]
    switch = "/i18n/en/"
    assert client.get(switch, {"next": url})["Location"] == url
    for unsafe in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        assert client.get(switch, {"next": unsafe})["Location"] == "/"
    assert client.get("/i18n/xx/", {"next": url}).status_code == 404
    response = client.get(switch, {"next": url})
    cookie = response.cookies["django_language"]
    assert cookie.value == "en"
    assert cookie["samesite"] == "Lax"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["home", "index", "document"])
@pytest.mark.parametrize("production", [False, True], ids=["test-settings", "production-headers"])
def test_a_cache_hit_carries_the_headers_of_a_miss(portal, name, production):
    with override_settings(**(PRODUCTION_HEADERS if production else {})):
        miss = visitor().get(portal[name])
        hit = visitor().get(portal[name])
    assert hit["X-Portal-Cache"] == "hit"
    hit_headers = {k: v for k, v in hit.headers.items() if k != "X-Portal-Cache"}
    assert hit_headers == dict(miss.headers)
    assert hit.content == miss.content
    for header in ("X-Frame-Options", "Content-Security-Policy", "Content-Language", "Vary"):
        assert header in hit, header
    if production:
        assert hit["X-Frame-Options"] == "SAMEORIGIN"
        assert hit["Referrer-Policy"] == "same-origin"
        assert hit["X-Content-Type-Options"] == "nosniff"
        assert hit["Cross-Origin-Opener-Policy"] == "same-origin"


def test_each_language_has_its_own_cache_entry(portal):
    url = portal["document"]
    vietnamese = visitor().get(url)
    english_visitor = visitor()
    english_visitor.cookies["django_language"] = "en"
    english = english_visitor.get(url)
    assert "X-Portal-Cache" not in english
    assert '<html lang="en">' in english.content.decode()
    assert english["Content-Language"] == "en" and vietnamese["Content-Language"] == "vi"
    assert english_visitor.get(url)["X-Portal-Cache"] == "hit"


PER_VISITOR = {
    "csrf-token": get_token,
    "csp-nonce": lambda request: str(request.csp_nonce),
}


def test_pages_stored_by_the_previous_release_are_not_served(portal):
    """The production cache is a shared folder that outlives a deploy."""
    path_hash = hashlib.sha1(b"/").hexdigest()
    old = {"content": b"csrfmiddlewaretoken", "content_type": "text/html; charset=utf-8"}
    cache.set(f"portal:{portal_version()}:vi:{path_hash}", old)
    response = visitor().get("/")
    assert response.status_code == 200 and "X-Portal-Cache" not in response
    assert b"csrfmiddlewaretoken" not in response.content


@pytest.mark.parametrize("secret", list(PER_VISITOR))
def test_a_page_that_renders_a_per_visitor_secret_is_not_stored(portal, monkeypatch, secret):
    """The safety net: were a template to use the CSRF token or a nonce, it is not shared."""
    get_context = HomePage.get_context

    def with_secret(self, request, *args, **kwargs):
        return {
            **get_context(self, request, *args, **kwargs),
            "secret": PER_VISITOR[secret](request),
        }

    monkeypatch.setattr(HomePage, "get_context", with_secret)
    assert visitor().get("/").status_code == 200
    assert "X-Portal-Cache" not in visitor().get("/")


def test_a_password_protected_page_is_never_served_from_the_cache(portal):
    page = portal["page"]
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-2015"
    )
    insider = Client()
    insider.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "mat-khau-2015", "return_url": page.url},
    )
    assert b"629/Q" in insider.get(page.url).content
    assert insider.get(page.url).get("X-Portal-Cache") is None
    stranger = visitor().get(page.url)
    assert "X-Portal-Cache" not in stranger
    assert b'name="password"' in stranger.content
    assert "629/QĐ-UBND".encode() not in stranger.content


def test_portal_pages_have_a_strict_content_security_policy(portal):
    policy = visitor().get(portal["document"])["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy


PORTAL_PAGES = ["/", "/van-ban/", "/van-ban/629-qd-ubnd/", "/tim-kiem/?q=629", "/khong-co/"]


@pytest.mark.parametrize("url", PORTAL_PAGES)
def test_portal_pages_need_no_inline_script_or_style(portal, url):
    html = visitor().get(url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("script:not([src])") == []
    assert soup.select("style") == []
    assert soup.select("[style]") == []
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]


def test_the_admin_has_its_own_policy_that_still_forbids_framing_by_others(admin_client, portal):
    # The editor of the document index (a published document's text is frozen, not editable).
    response = admin_client.get(f"/admin/pages/{portal['page'].get_parent().pk}/edit/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "object-src 'none'" in policy
