"""Every role finds every document it may see: the "Văn bản" listing, its filters and its
Vietnamese search (folding, number variants), the dashboard search box and the page chooser."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from cms.models import IssuingBody, LegalDocumentPage, Sector
from search import outbox
from tests import factories
from workflow.models import DocumentWorkflow
from workflow.roles import GROUP_NAMES, Role
from workflow.states import State

pytestmark = pytest.mark.django_db

LISTING = "legal_documents:index"
NO_ACCESS = "Bạn không có quyền truy cập vào khu vực này"
TELECOM = "Quy hoạch hạ tầng kỹ thuật viễn thông thụ động"


@pytest.fixture
def demo(settings):
    settings.DEMO_USERS_ENABLED = False
    call_command("load_demo", until=2015, stdout=StringIO())  # the review's state


def user_with(role: Role | None, username: str = ""):
    user = get_user_model().objects.create_user(username=username or str(role or "none"))
    if role is not None:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user


def menu_names(user) -> set[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in admin_menu.menu_items_for_request(request)}


def listing(client, **params) -> str:
    response = client.get(reverse(LISTING), params)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert NO_ACCESS not in html
    return html


@pytest.mark.parametrize("role", list(Role))
def test_every_role_opens_the_listing_and_sees_drafts_and_issued_texts(client, demo, role):
    role_user = user_with(role)
    client.force_login(role_user)
    html = listing(client)
    assert "Quy chế phát ngôn" in html  # a draft
    assert "629/QĐ-UBND" in html  # an issued text
    assert "van-ban" in menu_names(role_user)


@pytest.mark.parametrize("role", list(Role))
def test_every_role_finds_without_diacritics_and_by_a_number_variant(client, demo, role):
    client.force_login(user_with(role))
    html = listing(client, q="ha tang vien thong thu dong")
    assert TELECOM in html
    assert "Quy chế phát ngôn" not in html
    html = listing(client, q="629/QD-UBND")
    assert "629/QĐ-UBND" in html
    assert "56-CTr/TU" not in html


def test_a_user_without_a_role_finds_nothing(client, demo):
    user = user_with(None, "khach")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse(LISTING), {"q": "629/QĐ-UBND"})
    assert response.status_code in (302, 403)
    assert "629/QĐ-UBND" not in response.content.decode()
    assert "van-ban" not in menu_names(user)


@pytest.mark.parametrize(
    ("role", "bulk"),
    [(Role.APPRAISER, False), (Role.COMMITTEE_OFFICE, False), (Role.DRAFTING_TEAM, True)],
)
def test_bulk_actions_only_for_roles_with_page_permissions(client, demo, role, bulk):
    client.force_login(user_with(role))
    assert ("data-bulk-action-checkbox" in listing(client)) is bulk


def test_the_listing_shows_the_workflow_state_and_dates_as_dd_mm_yyyy(client, demo):
    client.force_login(user_with(Role.APPRAISER))
    page = LegalDocumentPage.objects.get(number="629/QĐ-UBND")
    html = listing(client, q="629/QĐ-UBND")
    assert str(State(page.workflow.state).label) in html
    assert f"{page.issued_on:%d/%m/%Y}" in html
    assert not re.search(r"\d+\s+\S+\s+trước", html)  # no "22 hours trước"
    assert "ĐANG HIỂN THỊ" not in html.upper()


def test_filters_state_type_issuer_sector_year_and_deadline(client, demo):
    client.force_login(user_with(Role.COMMITTEE_OFFICE))
    party = IssuingBody.objects.get(code="TU")
    html = listing(client, issuing_body=party.pk)
    assert "56-CTr/TU" in html and "629/QĐ-UBND" not in html

    html = listing(client, state=State.PUBLISHED)
    assert "629/QĐ-UBND" in html and "Quy chế phát ngôn" not in html

    page = LegalDocumentPage.objects.get(number="629/QĐ-UBND")
    html = listing(client, document_type=page.document_type_id, year=page.issued_on.year)
    assert "629/QĐ-UBND" in html and "56-CTr/TU" not in html

    telecom = Sector.objects.get(slug="vien-thong")
    html = listing(client, sector=telecom.pk)
    assert TELECOM in html and "629/QĐ-UBND" not in html

    html = listing(client, has_deadline="yes")
    assert TELECOM in html and "629/QĐ-UBND" not in html
    month = LegalDocumentPage.objects.get(title__startswith=TELECOM).planned_submission
    other = (
        LegalDocumentPage.objects.exclude(planned_submission=month)
        .filter(planned_submission__isnull=False)
        .first()
    )
    html = listing(
        client,
        planned_submission_from=f"{month:%d/%m/%Y}",
        planned_submission_to=f"28/{month:%m/%Y}",
    )
    assert TELECOM in html and other.title not in html


def test_overdue_filter_uses_the_dashboard_rule(client):
    _home, index = factories.site_tree()
    late = factories.legal_document(
        index, slug="tre-han", live=False, planned_submission=datetime.date(2015, 1, 1)
    )
    on_time = factories.legal_document(
        index, slug="dung-han", live=False, planned_submission=datetime.date(2099, 1, 1)
    )
    assert DocumentWorkflow.objects.get(page=late).state == State.PLANNED
    client.force_login(user_with(Role.LEADERSHIP))
    html = listing(client, overdue="yes")
    assert late.title in html and on_time.title not in html
    html = listing(client, overdue="no")
    assert on_time.title in html and late.title not in html


def test_search_excludes_and_requires_every_word(client):
    _home, index = factories.site_tree()
    factories.legal_document(index, slug="a", live=False, title="Quy định về chữ ký số")
    factories.legal_document(index, slug="b", live=False, title="Quy định về nhuận bút")
    client.force_login(user_with(Role.DRAFTING_TEAM))
    html = listing(client, q='quy dinh -"chu ky"')
    assert "nhuận bút" in html and "chữ ký số" not in html
    html = listing(client, q="chu ky so nhuan")
    assert "nhuận bút" not in html and "chữ ký số" not in html


def test_the_dashboard_search_box_leads_to_the_listing(client, demo):
    client.force_login(user_with(Role.APPRAISER))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'action="{reverse(LISTING)}"' in home


@pytest.mark.parametrize("role", [Role.DRAFTING_TEAM, Role.PORTAL_EDITOR])
def test_wagtail_page_search_uses_the_vietnamese_search(client, demo, role):
    client.force_login(user_with(role))
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "ha tang vien thong"})
    assert response.status_code == 200
    assert TELECOM in response.content.decode()
    index = LegalDocumentPage.objects.get(number="629/QĐ-UBND").get_parent()
    explorer = client.get(reverse("wagtailadmin_explore", args=[index.pk]), {"q": "629/qd-ubnd"})
    assert "Ban chỉ đạo ứng dụng công nghệ thông tin" in explorer.content.decode()
    assert TELECOM not in explorer.content.decode()


def test_page_chooser_search_folds_and_reads_numbers(client, demo):
    client.force_login(user_with(Role.DRAFTING_TEAM))
    url = reverse("wagtailadmin_choose_page_search")
    html = client.get(url, {"q": "ha tang vien thong thu dong"}).content.decode()
    assert TELECOM in html
    html = client.get(url, {"q": "629/QD-UBND"}).content.decode()
    assert "Ban chỉ đạo ứng dụng công nghệ thông tin" in html


def test_issued_texts_are_found_by_their_articles_through_the_public_index(client):
    _home, index = factories.site_tree()
    issued = factories.legal_document(
        index,
        slug="chu-ky-so",
        number="05/2015/QĐ-UBND",
        title="Quy định về chữ ký số",
        document_type=factories.document_type(is_normative=True),
        issued_on=datetime.date(2015, 3, 2),
        effective_on=datetime.date(2015, 3, 20),
        body=[
            {
                "type": "article",
                "value": {
                    "number": "5",
                    "heading": "Thời hạn lưu trữ",
                    "text": "Hồ sơ điện tử được lưu trữ trong mười năm.",
                    "clauses": [],
                },
            }
        ],
    )
    factories.legal_document(index, slug="khac", live=False, title="Quy định về nhuận bút")
    outbox.apply_pending()
    client.force_login(user_with(Role.APPRAISER))
    html = listing(client, q="ho so dien tu luu tru muoi nam")
    assert issued.title in html and "nhuận bút" not in html
    html = listing(client, q="5/2015/qd-ubnd")  # leading zero left out
    assert issued.title in html and "nhuận bút" not in html


def test_the_public_pages_api_folds_and_never_returns_drafts(client, demo):
    url = "/api/v2/van-ban/"
    titles = [item["title"] for item in client.get(url, {"search": "ban chi dao"}).json()["items"]]
    assert titles == ["Quyết định thành lập Ban chỉ đạo ứng dụng công nghệ thông tin tỉnh Cao Bằng"]
    assert client.get(url, {"search": "ha tang vien thong"}).json()["items"] == []


def test_drafts_are_found_by_their_preamble_and_body(client):
    _home, index = factories.site_tree()
    body = [
        {
            "type": "article",
            "value": {
                "number": "3",
                "heading": "Trạm thu phát sóng",
                "text": "Cột ăng-ten không cồng kềnh được lắp trên nóc nhà.",
                "clauses": [],
            },
        }
    ]
    draft = factories.legal_document(
        index, slug="du-thao", live=False, title="Dự thảo quy hoạch", body=body
    )
    factories.legal_document(index, slug="khac", live=False, title="Dự thảo khác")
    client.force_login(user_with(Role.COMMITTEE_OFFICE))
    html = listing(client, q="cot ang-ten khong cong kenh")
    assert draft.title in html and "Dự thảo khác" not in html
    html = listing(client, q='du thao -"tram thu phat song"')
    assert "Dự thảo khác" in html and draft.title not in html


def test_a_query_over_the_word_limit_is_answered(client):
    _home, index = factories.site_tree()
    factories.legal_document(index, slug="a", live=False, title="Quy định về chữ ký số")
    client.force_login(user_with(Role.LEADERSHIP))
    html = listing(client, q="quy dinh ve chu ky so " * 7)  # 42 words
    assert "Quy định về chữ ký số" in html
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "chu " * 40})
    assert response.status_code == 200


def test_a_query_too_long_is_refused_with_a_message(client):
    _home, index = factories.site_tree()
    factories.legal_document(index, slug="a", live=False, title="Quy định về chữ ký số")
    client.force_login(user_with(Role.LEADERSHIP))
    html = listing(client, q="chu " * 200)
    assert "quá dài" in html
    assert "Quy định về chữ ký số" not in html
