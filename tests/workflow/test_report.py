"""The programme report: filters, CSV and XLSX exports, access by role."""

import csv
import datetime
import io
from io import StringIO

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import include, path, reverse
from django.utils import timezone
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms.models import IssuingBody, LegalDocumentPage, Sector
from config.urls import urlpatterns as project_urlpatterns
from workflow.reports import ProgrammeReportView, report_menu_item, report_urls

# The report's URLs as the register_admin_urls hook mounts them (under /admin/, admin access
# required), ahead of the project's own, so the tests do not depend on the hook being wired.
urlpatterns = [
    path("admin/", include(decorate_urlpatterns(list(report_urls), require_admin_access))),
    *project_urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

HEADINGS = [
    "Tên văn bản",
    "Loại văn bản",
    "Văn bản QPPL",
    "Cơ quan chủ trì soạn thảo",
    "Lĩnh vực",
    "Tháng đăng ký trình",
    "Trạng thái",
    "Ngày chuyển bước gần nhất",
    "Lùi thời hạn",
    "Quá hạn",
    "Thời hạn bị trễ",
]
SLUGS = {
    "phat_ngon": "du-thao-quy-che-phat-ngon",
    "chu_ky_so": "du-thao-quy-dinh-chu-ky-so",
    "doi_ngoai": "du-thao-quy-dinh-thong-tin-doi-ngoai",
    "ha_tang": "du-thao-quy-hoach-ha-tang-vien-thong-thu-dong",
    "nhuan_but": "du-thao-quy-dinh-nhuan-but",
}


def sync_draft_sectors() -> None:
    """Put each draft's sectors from its revision into the page row where the row has none.

    The demo loader sets a draft's sectors after creating the page and only saves a revision,
    so the sector relation stays empty in the database (the report and the workflow read the
    row). A no-op once the loader saves them.
    """
    through = LegalDocumentPage.sectors.through
    for page in LegalDocumentPage.objects.filter(live=False, sectors__isnull=True):
        for sector_id in page.get_latest_revision().content.get("sectors", []):
            through.objects.get_or_create(legaldocumentpage_id=page.pk, sector_id=sector_id)


@pytest.fixture
def demo(settings):
    settings.DEMO_USERS_ENABLED = True
    call_command("load_demo", until=2015, stdout=StringIO())  # the review's state
    sync_draft_sectors()


def title(key: str) -> str:
    return LegalDocumentPage.objects.get(slug=SLUGS[key]).title


def login(client, username: str):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


def listed_titles(response) -> list[str]:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("#listing-results table")
    if table is None:
        return []
    return [row.select_one("td a").get_text(strip=True) for row in table.select("tbody tr")]


def csv_rows(client, **params) -> list[list[str]]:
    response = client.get(reverse("workflow_programme_report"), {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_report_lists_the_programme_with_its_columns(client, demo):
    login(client, "lanhdao")
    response = client.get(reverse("workflow_programme_report"))
    titles = listed_titles(response)
    # The five registered documents, by planned month; imported issued documents are not in it.
    assert titles == [
        title("chu_ky_so"),  # 07/2015
        title("phat_ngon"),  # 08/2015
        title("doi_ngoai"),  # 08/2015
        title("ha_tang"),  # 09/2015 after postponement
        title("nhuan_but"),  # 10/2015
    ]
    html = response.content.decode()
    for header in ("Tên văn bản", "Văn bản QPPL", "Cơ quan chủ trì", "Lùi thời hạn", "Quá hạn"):
        assert header in html
    assert "06/2015 → 09/2015 (đã chấp thuận)" in html
    assert "Đang thẩm định" in html
    assert "629/QĐ-UBND" not in html
    assert (
        reverse(
            "workflow:document",
            args=[LegalDocumentPage.objects.get(slug=SLUGS["nhuan_but"]).pk],
        )
        in html
    )


def test_sorting_by_state_follows_the_process(client, demo):
    login(client, "soanthao")
    response = client.get(reverse("workflow_programme_report"), {"ordering": "state_order"})
    assert listed_titles(response)[0] == title("nhuan_but")  # planned
    assert listed_titles(response)[-1] == title("chu_ky_so")  # appraised


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"state": "drafting"}, {"phat_ngon", "ha_tang"}),
        ({"state": "appraised"}, {"chu_ky_so"}),
        ({"year": "2015"}, set(SLUGS)),
        ({"sector": "bao-chi"}, {"phat_ngon", "nhuan_but"}),
        ({"sector": "vien-thong", "state": "drafting"}, {"ha_tang"}),
        ({"lead_agency": "STTTT"}, set(SLUGS)),
        ({"lead_agency": "STP"}, set()),
    ],
)
def test_filters(client, demo, params, expected):
    login(client, "thamdinh")
    query = dict(params)
    if "sector" in query:
        query["sector"] = Sector.objects.get(slug=query["sector"]).pk
    if "lead_agency" in query:
        query["lead_agency"] = IssuingBody.objects.get(code=query["lead_agency"]).pk
    titles = listed_titles(client.get(reverse("workflow_programme_report"), query))
    assert set(titles) == {title(key) for key in expected}
    # The export honours the same filters.
    exported = {row[0] for row in csv_rows(client, **query)[1:]}
    assert exported == {title(key) for key in expected}


def test_year_and_overdue_filters(client, demo):
    # Move the royalty rules to a month that has not come yet: the only one not overdue.
    future = (timezone.localdate().replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
    LegalDocumentPage.objects.filter(slug=SLUGS["nhuan_but"]).update(planned_submission=future)
    login(client, "lanhdao")
    url = reverse("workflow_programme_report")

    assert set(listed_titles(client.get(url, {"overdue": "no"}))) == {title("nhuan_but")}
    overdue = set(listed_titles(client.get(url, {"overdue": "yes"})))
    assert overdue == {title(k) for k in ("phat_ngon", "chu_ky_so", "doi_ngoai", "ha_tang")}
    assert set(listed_titles(client.get(url, {"year": str(future.year)}))) == {title("nhuan_but")}
    assert len(listed_titles(client.get(url, {"year": "2015"}))) == 4
    assert len(listed_titles(client.get(url, {"year": "2015", "overdue": "no"}))) == 0
    # The year filter offers exactly the years having documents.
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    years = [o["value"] for o in soup.select("select[name=year] option") if o["value"]]
    assert sorted(years) == sorted({"2015", str(future.year)})


def test_csv_export(client, demo):
    login(client, "lanhdao")
    rows = csv_rows(client)
    assert rows[0] == HEADINGS
    assert len(rows) == 1 + 5
    by_title = {row[0]: dict(zip(HEADINGS, row, strict=True)) for row in rows[1:]}

    ha_tang = by_title[title("ha_tang")]
    assert ha_tang["Loại văn bản"] == "Quyết định"
    assert ha_tang["Văn bản QPPL"] == "Không"
    assert ha_tang["Cơ quan chủ trì soạn thảo"] == "Sở Thông tin và Truyền thông"
    assert ha_tang["Lĩnh vực"] == "Viễn thông"
    assert ha_tang["Tháng đăng ký trình"] == "09/2015"
    assert ha_tang["Trạng thái"] == "Đang soạn thảo"
    assert ha_tang["Ngày chuyển bước gần nhất"] == "05/01/2015"
    assert ha_tang["Lùi thời hạn"] == "06/2015 → 09/2015 (đã chấp thuận)"
    assert ha_tang["Quá hạn"] == "Có"
    assert ha_tang["Thời hạn bị trễ"].startswith("Trình UBND tỉnh (tháng đăng ký): quá ")
    assert "(hạn 30/09/2015)" in ha_tang["Thời hạn bị trễ"]

    doi_ngoai = by_title[title("doi_ngoai")]
    assert doi_ngoai["Văn bản QPPL"] == "Có"
    assert doi_ngoai["Trạng thái"] == "Đang thẩm định"
    assert doi_ngoai["Ngày chuyển bước gần nhất"] == "17/05/2015"  # sent for appraisal
    assert doi_ngoai["Lùi thời hạn"] == ""
    assert "Sở Tư pháp gửi báo cáo thẩm định: quá " in doi_ngoai["Thời hạn bị trễ"]

    nhuan_but = by_title[title("nhuan_but")]
    assert nhuan_but["Lĩnh vực"] == "Báo chí, Xuất bản"
    assert nhuan_but["Ngày chuyển bước gần nhất"] == ""  # never moved: still registered
    assert nhuan_but["Trạng thái"] == "Đã đăng ký"


def test_xlsx_export(client, demo):
    login(client, "thamdinh")
    response = client.get(reverse("workflow_programme_report"), {"export": "xlsx", "year": "2015"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "chuong-trinh-xay-dung-van-ban-" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    assert len(rows) == 1 + 5
    by_title = {row[0]: dict(zip(HEADINGS, row, strict=True)) for row in rows[1:]}
    chu_ky_so = by_title[title("chu_ky_so")]
    assert chu_ky_so["Trạng thái"] == "Đã thẩm định"
    assert chu_ky_so["Tháng đăng ký trình"] == "07/2015"
    # A real date cell, shown dd/mm/yyyy.
    last_step = chu_ky_so["Ngày chuyển bước gần nhất"]
    assert isinstance(last_step, datetime.date)
    assert last_step.timetuple()[:3] == (2015, 3, 25)
    date_column = HEADINGS.index("Ngày chuyển bước gần nhất") + 1
    cell = next(c for c in sheet.iter_rows(min_row=2, min_col=date_column, max_col=date_column))
    assert cell[0].number_format == "DD/MM/YYYY"
    assert by_title[title("nhuan_but")]["Ngày chuyển bước gần nhất"] is None


def test_users_without_a_role_get_no_access(client, rf, demo):
    User = get_user_model()
    clerk = User.objects.create_user(username="khach", password="x")
    clerk.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(clerk)
    url = reverse("workflow_programme_report")
    # Wagtail's admin turns the view's PermissionDenied into its permission-denied redirect.
    for response in (
        client.get(url),
        client.get(url, {"export": "csv"}),
        client.get(url, {"export": "xlsx"}),
        client.get(reverse("workflow_programme_report_results")),
    ):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
        assert "Content-Disposition" not in response

    # The view itself refuses, whatever URL configuration mounts it.
    request = rf.get(url)
    request.user = clerk
    with pytest.raises(PermissionDenied):
        ProgrammeReportView.as_view()(request)

    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]


def test_menu_item_only_for_workflow_roles(rf, demo):
    item = report_menu_item()
    assert item.url == reverse("workflow_programme_report")
    request = rf.get("/admin/")
    User = get_user_model()
    request.user = User.objects.get(username="bientap")
    assert item.is_shown(request)
    request.user = User.objects.get(username="quantri")
    assert item.is_shown(request)
    request.user = User.objects.create_user(username="khach", password="x")
    assert not item.is_shown(request)


def test_results_fragment_and_bounded_queries(client, demo, django_assert_max_num_queries):
    login(client, "lanhdao")
    response = client.get(reverse("workflow_programme_report_results"), {"state": "drafting"})
    assert response.status_code == 200
    assert title("phat_ngon") in response.content.decode()
    # Rows, sectors, postponements and last transitions are fetched in bulk; only documents
    # that may be late are checked one by one (their open deadlines).
    with django_assert_max_num_queries(30):
        client.get(reverse("workflow_programme_report"))
    assert ProgrammeReportView.paginate_by == 50
