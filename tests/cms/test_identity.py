"""The deployment's identity is data: the portal's names come from the site setting, the demo
and the migration fill in Cao Bằng, central bodies carry the capital as their place."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from cms.demo.content import IDENTITY
from cms.models import DeploymentIdentity, IssuingBody, central_body_place
from tests import factories

pytestmark = pytest.mark.django_db

CAO_BANG_NAMES = ("Cao Bằng", "Sở Thông tin và Truyền thông")


@pytest.fixture
def index():
    return factories.site_tree()[1]


def test_existing_sites_carry_the_demo_identity():
    identity = DeploymentIdentity.current()
    assert identity.pk is not None
    assert identity.committee_name == "Ủy ban nhân dân tỉnh Cao Bằng"
    assert identity.committee_short_name == "UBND tỉnh Cao Bằng"
    assert identity.department_full_name == "Sở Thông tin và Truyền thông tỉnh Cao Bằng"
    assert identity.place == "Cao Bằng"


def test_another_province_changes_the_portal_header_footer_and_titles(client, index):
    committee = factories.issuing_body(name="Ủy ban nhân dân tỉnh Hà Giang")
    factories.legal_document(index, slug="doc", number="1/QĐ-UBND", issuing_body=committee)
    factories.deployment_identity(**factories.HA_GIANG)

    for url in ("/", "/van-ban/", "/van-ban/doc/", "/tim-kiem/"):
        html = client.get(url).content.decode()
        assert '<span class="brand-org">Ủy ban nhân dân tỉnh Hà Giang</span>' in html, url
        assert '<span class="brand-name">Sở Tư pháp Hà Giang — Cổng văn bản</span>' in html
        assert "<p>Sở Tư pháp tỉnh Hà Giang ·" in html
        if url != "/van-ban/doc/":  # a document's title is its number and summary alone
            assert "Cổng văn bản Hà Giang</title>" in html
        assert not any(name in html for name in CAO_BANG_NAMES), url


def test_the_feed_is_titled_with_the_portal_name(client, index):
    factories.deployment_identity(**factories.HA_GIANG)
    xml = client.get("/feeds/van-ban/").content.decode()
    assert "<title>Văn bản mới đăng tải — Sở Tư pháp Hà Giang — Cổng văn bản</title>" in xml


def test_english_names_where_given_else_vietnamese(client, index):
    factories.deployment_identity(**{**factories.HA_GIANG, "committee_name_en": "Ha Giang PPC"})
    client.get("/i18n/en/", {"next": "/"})
    html = client.get("/").content.decode()
    assert '<span class="brand-org">Ha Giang PPC</span>' in html
    assert '<span class="brand-name">Sở Tư pháp Hà Giang — Cổng văn bản</span>' in html


def test_the_demo_identity_in_english(client, index):
    client.get("/i18n/en/", {"next": "/"})
    html = client.get("/").content.decode()
    assert "Cao Bang Provincial People&#x27;s Committee" in html
    assert "Legal documents</title>" in html


def test_editing_the_identity_refreshes_cached_portal_pages(client, index):
    assert "tỉnh Cao Bằng" in client.get("/van-ban/").content.decode()
    factories.deployment_identity(**factories.HA_GIANG)
    html = client.get("/van-ban/").content.decode()
    assert "tỉnh Hà Giang" in html and "tỉnh Cao Bằng" not in html


@pytest.mark.parametrize(
    "name, place",
    [
        ("Quốc hội", "Hà Nội"),
        ("Uỷ ban Thường vụ Quốc hội", "Hà Nội"),
        ("Chính phủ", "Hà Nội"),
        ("Thủ tướng Chính phủ", "Hà Nội"),
        ("Bộ Tài chính", "Hà Nội"),
        ("Toà án nhân dân tối cao", "Hà Nội"),
        ("Ngân hàng Nhà nước Việt Nam", "Hà Nội"),
        ("Ủy ban nhân dân tỉnh Cao Bằng", ""),
        ("Sở Tư pháp", ""),
        ("Tỉnh ủy Cao Bằng", ""),
        ("Đoàn đại biểu Quốc hội tỉnh Hà Giang", ""),
    ],
)
def test_central_bodies_sit_in_the_capital(name, place):
    assert central_body_place(name) == place


def test_the_migration_fills_the_identity_and_the_central_bodies_places():
    fill = importlib.import_module("cms.migrations.0004_fill_deployment_identity").fill
    DeploymentIdentity.objects.all().delete()
    assembly = IssuingBody.objects.create(name="Quốc hội", code="QH")
    committee = IssuingBody.objects.create(name="Ủy ban nhân dân tỉnh Cao Bằng", code="UBND")
    ministry = IssuingBody.objects.create(name="Bộ Nội vụ", code="BNV", place="Hà Nội (cũ)")

    fill(apps, None)

    site = Site.objects.get(is_default_site=True)
    identity = DeploymentIdentity.objects.get(site=site)
    assert {name: getattr(identity, name) for name in IDENTITY} == IDENTITY
    assembly.refresh_from_db(), committee.refresh_from_db(), ministry.refresh_from_db()
    assert (assembly.place, committee.place, ministry.place) == ("Hà Nội", "", "Hà Nội (cũ)")


def test_the_demo_fills_a_blank_identity_and_keeps_edits(settings):
    settings.DEMO_USERS_ENABLED = False
    DeploymentIdentity.objects.all().delete()
    call_command("load_demo", stdout=None)
    identity = DeploymentIdentity.current()
    assert identity.department_name == "Sở Thông tin và Truyền thông"
    assert identity.place == "Cao Bằng"

    factories.deployment_identity(department_head_title="Phó Giám đốc")
    call_command("load_demo", stdout=None)
    assert DeploymentIdentity.current().department_head_title == "Phó Giám đốc"


def test_an_administrator_edits_the_identity_in_the_settings(client, index):
    admin = get_user_model().objects.create_superuser("admin", password="x")
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["cms", "deploymentidentity", site.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "Địa danh ghi trên văn bản" in form.content.decode()

    response = client.post(url, {**IDENTITY, **factories.HA_GIANG})
    assert response.status_code == 302
    assert DeploymentIdentity.current().place == "Hà Giang"
    client.logout()
    assert "Ủy ban nhân dân tỉnh Hà Giang" in client.get("/").content.decode()
