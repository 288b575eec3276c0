"""Admin home panels: awaiting my action, overdue documents, the programme table."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail import hooks

from cms.models import LegalDocumentPage
from workflow import services
from workflow.dashboard import (
    AwaitingMyActionPanel,
    OverduePanel,
    ProgrammePanel,
    WorkflowPanel,
    home_panels,
    overdue_documents,
    programme_table,
)
from workflow.dossier import DossierKind
from workflow.models import DocumentWorkflow, DossierFile
from workflow.states import State

pytestmark = pytest.mark.django_db

SLUGS = {
    "phat_ngon": "du-thao-quy-che-phat-ngon",
    "chu_ky_so": "du-thao-quy-dinh-chu-ky-so",
    "doi_ngoai": "du-thao-quy-dinh-thong-tin-doi-ngoai",
    "ha_tang": "du-thao-quy-hoach-ha-tang-vien-thong-thu-dong",
    "nhuan_but": "du-thao-quy-dinh-nhuan-but",
}
# The 2015 programme of the demo: (planned month, state) of each registered document.
DEMO_PROGRAMME = Counter(
    {
        ("07/2015", "appraised"): 1,  # digital signatures: appraised, dossier being completed
        ("08/2015", "drafting"): 1,  # press-spokesperson rules
        ("08/2015", "appraisal"): 1,  # external information: at the Department of Justice
        ("09/2015", "drafting"): 1,  # telecom infrastructure, postponed from 06/2015
        ("10/2015", "planned"): 1,  # royalties: registered for October
    }
)


@pytest.fixture
def demo(settings):
    settings.DEMO_USERS_ENABLED = True
    call_command("load_demo", until=2015, stdout=StringIO())  # the review's state


@pytest.fixture(autouse=True)
def workflow_panels():
    """The construct_homepage_panels hook as workflow/wagtail_hooks.py wires it.

    Runs last and replaces any workflow panels already added, so the tests hold whether or not
    the project's hook is registered.
    """

    def add(request, panels):
        panels[:] = [panel for panel in panels if not isinstance(panel, WorkflowPanel)]
        panels.extend(home_panels(request))

    with hooks.register_temporarily("construct_homepage_panels", add, order=10_000):
        yield


def user(username: str):
    return get_user_model().objects.get(username=username)


def workflow(key: str) -> DocumentWorkflow:
    return DocumentWorkflow.objects.with_page().get(page__slug=SLUGS[key])


def title(key: str) -> str:
    return LegalDocumentPage.objects.get(slug=SLUGS[key]).title


def home(client, username: str, **params) -> BeautifulSoup:
    client.force_login(user(username))
    response = client.get("/admin/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section(soup: BeautifulSoup, panel_id: str):
    return soup.select_one(f"#{panel_id}-section")


def rows(panel) -> dict[str, object]:
    """Table rows of the panel's first table by document title."""
    table = panel.select_one("table")
    if table is None:
        return {}
    return {row.select_one("th a").get_text(strip=True): row for row in table.select("tbody tr")}


def steps(row) -> list[tuple[str, bool]]:
    return [(li["data-step"], li.has_attr("data-blocked")) for li in row.select("li[data-step]")]


def add_file(key: str, kind: DossierKind) -> None:
    wf = workflow(key)
    DossierFile.objects.create(
        workflow=wf,
        kind=kind,
        file=ContentFile(b"demo", name=f"{kind.value}.docx"),
        original_name=f"{kind.value}.docx",
        size=4,
        uploaded_at=timezone.now(),
    )


def programme_counts(panel) -> tuple[Counter, int]:
    table = panel.select_one("table.workflow-programme")
    states = [th["data-state"] for th in table.select("thead th[data-state]")]
    counts = Counter()
    for row in table.select("tbody tr"):
        cells = [int(td.get_text(strip=True)) for td in row.select("td")]
        assert sum(cells[:-1]) == cells[-1]  # the row total
        for state, count in zip(states, cells[:-1], strict=True):
            if count:
                counts[(row["data-month"], state)] = count
    total = int(table.select("tfoot td")[-1].get_text(strip=True))
    return counts, total


def test_panels_in_order_and_only_for_workflow_roles(rf, demo):
    request = rf.get("/admin/")
    request.user = user("soanthao")
    panels = home_panels(request)
    assert [type(p) for p in panels] == [AwaitingMyActionPanel, OverduePanel, ProgrammePanel]
    assert [p.order for p in panels] == sorted(p.order for p in panels)

    request.user = get_user_model().objects.create_user(username="khach", password="x")
    assert home_panels(request) == []


def test_drafting_team_sees_the_document_to_start(client, demo):
    soup = home(client, "soanthao")
    awaiting = section(soup, "workflow-awaiting")
    assert awaiting.select_one("h2").get_text(strip=True) == "Việc chờ tôi xử lý"
    listed = rows(awaiting)
    assert list(listed) == [title("nhuan_but")]
    row = listed[title("nhuan_but")]
    assert steps(row) == [("start_drafting", False)]
    assert "Bắt đầu soạn thảo" in row.get_text()
    assert "Đã đăng ký" in row.get_text()  # state badge
    assert "10/2015" in row.get_text()
    page = LegalDocumentPage.objects.get(slug=SLUGS["nhuan_but"])
    assert row.select_one("th a")["href"] == f"/admin/workflow/document/{page.pk}/"
    # Postponement decisions are for leadership only.
    assert "Đề nghị lùi thời hạn" not in awaiting.get_text()


def test_leadership_sees_ready_steps_and_postponements_to_decide(client, demo):
    awaiting = section(home(client, "lanhdao"), "workflow-awaiting")
    # Nothing is ready for a leader in the demo: every outgoing step lacks its dossier, and
    # withdrawing (possible everywhere) is not "awaiting" anyone.
    assert rows(awaiting) == {}
    assert "Không có văn bản nào đang chờ bạn xử lý." in awaiting.get_text()
    assert "Không có đề nghị lùi thời hạn nào chờ quyết định." in awaiting.get_text()

    services.request_postponement(
        workflow=workflow("phat_ngon"),
        user=user("soanthao"),
        reason="Chờ ý kiến của Bộ Thông tin và Truyền thông.",
        new_planned=datetime.date(2015, 12, 1),
    )
    add_file("ha_tang", DossierKind.DRAFT)

    awaiting = section(home(client, "lanhdao"), "workflow-awaiting")
    listed = rows(awaiting)
    assert list(listed) == [title("ha_tang")]
    assert steps(listed[title("ha_tang")]) == [("open_consultation", False)]
    assert "Lấy ý kiến dự thảo" in listed[title("ha_tang")].get_text()

    postponements = awaiting.select("table")[1]
    [request_row] = postponements.select("tbody tr")
    text = request_row.get_text(" ", strip=True)
    assert title("phat_ngon") in text
    assert "08/2015 → 12/2015" in text
    assert timezone.localdate().strftime("%d/%m/%Y") in text
    assert "Nông Thị Hoa" in text


def test_appraiser_sees_the_appraisal_to_complete(client, demo):
    awaiting = section(home(client, "thamdinh"), "workflow-awaiting")
    listed = rows(awaiting)
    assert list(listed) == [title("doi_ngoai")]
    row = listed[title("doi_ngoai")]
    # The appraiser's own step, waiting for the report only the appraiser can add.
    assert steps(row) == [("complete_appraisal", True)]
    assert "Báo cáo thẩm định" in row.get_text()
    assert "Đang thẩm định" in row.get_text()

    add_file("doi_ngoai", DossierKind.APPRAISAL_REPORT)
    row = rows(section(home(client, "thamdinh"), "workflow-awaiting"))[title("doi_ngoai")]
    # Ready now; "return for revision" is possible too but is not a step forward.
    assert steps(row) == [("complete_appraisal", False)]


def test_overdue_panel_lists_each_late_deadline(client, demo):
    today = timezone.localdate()
    for username in ("lanhdao", "soanthao", "thamdinh"):
        overdue = section(home(client, username), "workflow-overdue")
        assert overdue.select_one("h2").get_text(strip=True) == "Văn bản quá hạn"
        text = overdue.get_text(" ", strip=True)
        assert f"Đến ngày {today:%d/%m/%Y} có 5 văn bản quá hạn." in text
        listed = rows(overdue)
        # Latest first: the appraisal report due 27/05/2015 is the oldest open deadline.
        assert list(listed) == [
            title("doi_ngoai"),
            title("chu_ky_so"),
            title("phat_ngon"),
            title("ha_tang"),
            title("nhuan_but"),
        ]

    doi_ngoai = [" ".join(li.get_text().split()) for li in listed[title("doi_ngoai")].select("li")]
    assert doi_ngoai == [
        "Trình UBND tỉnh (tháng đăng ký): hạn 31/08/2015, "
        f"quá {(today - datetime.date(2015, 8, 31)).days} ngày",
        "Sở Tư pháp gửi báo cáo thẩm định: hạn 27/05/2015, "
        f"quá {(today - datetime.date(2015, 5, 27)).days} ngày",
    ]
    ha_tang = listed[title("ha_tang")].get_text(" ", strip=True)
    # The approved postponement moved the deadline to the end of September.
    assert "hạn 30/09/2015" in ha_tang
    assert f"quá {(today - datetime.date(2015, 9, 30)).days} ngày" in ha_tang


def test_withdrawn_and_future_documents_are_not_overdue(demo):
    services.perform_transition(
        workflow_id=workflow("nhuan_but").pk,
        name="withdraw",
        user=user("lanhdao"),
        note="Văn bản trung ương thay đổi, không cần ban hành.",
    )
    future = (timezone.localdate().replace(day=1) + datetime.timedelta(days=40)).replace(day=1)
    LegalDocumentPage.objects.filter(slug=SLUGS["phat_ngon"]).update(planned_submission=future)
    late = {item.workflow.page.slug for item in overdue_documents(today=timezone.localdate())}
    assert late == {SLUGS[k] for k in ("chu_ky_so", "doi_ngoai", "ha_tang")}
    # A step done on time is not listed, and one not yet due is not either.
    assert overdue_documents(today=datetime.date(2015, 5, 1)) == []


def test_programme_counts_match_the_demo(client, demo):
    for username in ("lanhdao", "soanthao", "thamdinh"):
        programme = section(home(client, username), "workflow-programme")
        assert "Năm 2015" in programme.select_one("caption").get_text()
        counts, total = programme_counts(programme)
        assert counts == DEMO_PROGRAMME
        assert total == 5

    # And against the database, whatever the demo holds.
    in_db = Counter(
        (f"{planned:%m/%Y}", state)
        for planned, state in DocumentWorkflow.objects.filter(
            page__planned_submission__year=2015
        ).values_list("page__planned_submission", "state")
    )
    assert counts == in_db
    headers = [th.get_text(strip=True) for th in programme.select("thead th")]
    assert headers == [
        "Tháng đăng ký trình",
        "Đã đăng ký",
        "Đang soạn thảo",
        "Đang thẩm định",
        "Đã thẩm định",
        "Tổng số",
    ]


def test_programme_defaults_to_the_latest_year_and_can_show_another(client, demo):
    LegalDocumentPage.objects.filter(slug=SLUGS["nhuan_but"]).update(
        planned_submission=datetime.date(2016, 3, 1)
    )
    services.perform_transition(
        workflow_id=workflow("ha_tang").pk,
        name="withdraw",
        user=user("lanhdao"),
        note="Chuyển sang chương trình năm sau.",
    )
    programme = section(home(client, "lanhdao"), "workflow-programme")
    assert "Năm 2016" in programme.select_one("caption").get_text()
    assert programme_counts(programme) == (Counter({("03/2016", "planned"): 1}), 1)
    years = [o["value"] for o in programme.select("select[name=programme_year] option")]
    assert years == ["2016", "2015"]

    programme = section(home(client, "lanhdao", programme_year="2015"), "workflow-programme")
    counts, total = programme_counts(programme)
    assert total == 4
    assert counts[("09/2015", State.WITHDRAWN.value)] == 1
    assert "Đã rút khỏi chương trình" in programme.get_text()
    # An unknown year falls back to the latest.
    assert programme_table(1999).year == 2016


def test_users_without_a_role_see_no_workflow_panels(client, demo):
    clerk = get_user_model().objects.create_user(username="khach", password="x")
    clerk.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(clerk)
    response = client.get("/admin/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for panel_id in ("workflow-awaiting", "workflow-overdue", "workflow-programme"):
        assert section(soup, panel_id) is None


def test_superuser_sees_every_role_s_work(client, demo):
    listed = rows(section(home(client, "quantri"), "workflow-awaiting"))
    assert set(listed) == {title(key) for key in SLUGS}


def test_admin_home_queries_stay_bounded(client, demo, django_assert_max_num_queries):
    client.force_login(user("lanhdao"))
    client.get("/admin/")  # warm caches (content types, site)
    with django_assert_max_num_queries(40):
        assert client.get("/admin/").status_code == 200
