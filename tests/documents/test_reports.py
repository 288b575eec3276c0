"""Reports as DOCX: the comment-synthesis table and the programme progress report."""

import datetime
import io
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog
from docx import Document
from docx.oxml.ns import qn

from cms.models import LegalDocumentPage
from documents.reports import comment_synthesis_docx, programme_report_docx
from documents.reports.programme import period_label, programme_entries
from tests import factories
from workflow.models import Comment, DocumentWorkflow, ResponseKind, SourceKind
from workflow.roles import GROUP_NAMES, Role
from workflow.services import perform_transition

pytestmark = pytest.mark.django_db

H1_2015 = {"date_from": datetime.date(2015, 1, 1), "date_to": datetime.date(2015, 6, 30)}
REPORT_DAY = datetime.date(2015, 7, 10)
SLUGS = {
    "phat_ngon": "du-thao-quy-che-phat-ngon",
    "chu_ky_so": "du-thao-quy-dinh-chu-ky-so",
    "doi_ngoai": "du-thao-quy-dinh-thong-tin-doi-ngoai",
    "ha_tang": "du-thao-quy-hoach-ha-tang-vien-thong-thu-dong",
    "nhuan_but": "du-thao-quy-dinh-nhuan-but",
}


def read(data: bytes):
    return Document(io.BytesIO(data))


def lines(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def user(username: str, *, role: Role | None = None):
    account = get_user_model().objects.create_user(username=username, password="x")
    if role is not None:
        account.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    else:
        account.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return account


# -- comment synthesis -------------------------------------------------------------------------


@pytest.fixture
def consulted(db):
    index = factories.site_tree()[1]
    lead = factories.issuing_body(code="STTTT", name="Sở Thông tin và Truyền thông")
    page = factories.legal_document(
        index,
        slug="du-thao-chu-ky-so",
        live=False,
        title="Quy định về quản lý, ứng dụng chữ ký số",
        summary="Ban hành Quy định về quản lý, ứng dụng chữ ký số",
        document_type=factories.document_type(is_normative=True),
        lead_agency=lead,
    )
    workflow = DocumentWorkflow.objects.get(page=page)
    comments = [
        dict(
            source_kind=SourceKind.AGENCY,
            author="Sở Nội vụ",
            article="2",
            text="Đề nghị làm rõ giá trị pháp lý của bản in.",
            response_kind=ResponseKind.ACCEPTED,
            response_text="Tiếp thu, bổ sung vào Điều 2.",
        ),
        dict(
            source_kind=SourceKind.PORTAL,
            author="Nguyễn Thị Hoa",
            organisation="Trường Chính trị tỉnh",
            article="",
            text="Nên quy định thời hạn cấp chứng thư số.",
            response_kind=ResponseKind.EXPLAINED,
            response_text="Thời hạn đã được quy định tại Nghị định 26/2007/NĐ-CP.",
        ),
        dict(
            source_kind=SourceKind.MEETING,
            author="Hội nghị lấy ý kiến",
            article="3",
            text="Bổ sung trách nhiệm của các huyện.",
        ),
    ]
    for day, fields in enumerate(comments, start=1):
        Comment.objects.create(
            workflow=workflow, received_at=at(datetime.date(2015, 2, day)), **fields
        )
    return workflow


def test_comment_synthesis_rows_match_the_comments(consulted):
    document = read(comment_synthesis_docx(consulted, today=REPORT_DAY))
    section = document.sections[0]
    assert section.page_width.mm == pytest.approx(297, abs=0.5)  # landscape A4
    assert section.page_height.mm == pytest.approx(210, abs=0.5)

    text = lines(document)
    assert "BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý" in text
    assert "Dự thảo Quy định về quản lý, ứng dụng chữ ký số" in text
    assert "Tổng số 3 ý kiến; tiếp thu 1; giải trình 1; chưa xử lý 1." in text

    table = next(t for t in document.tables if t.cell(0, 0).text == "STT")
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {child.get(qn("w:val")) for child in borders} == {"single"}
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == [
        "STT",
        "Nội dung góp ý",
        "Cơ quan, tổ chức, cá nhân góp ý",
        "Điều, khoản",
        "Hình thức xử lý",
        "Nội dung tiếp thu, giải trình",
    ]
    expected = [
        [
            str(number),
            comment.text,
            comment.author,
            f"Điều {comment.article}" if comment.article else "Chung",
            comment.get_response_kind_display() or "Chưa xử lý",
            comment.response_text,
        ]
        for number, comment in enumerate(consulted.comments.order_by("received_at"), start=1)
    ]
    # The source names the organisation and how the comment came when not by letter.
    expected[1][2] = "Nguyễn Thị Hoa, Trường Chính trị tỉnh (góp ý qua cổng thông tin)"
    expected[2][2] = "Hội nghị lấy ý kiến (hội nghị, cuộc họp)"
    assert rows[1:] == expected
    assert rows[1][4] == "Tiếp thu" and rows[2][4] == "Giải trình"
    # The header row repeats on every page.
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None

    header = document.tables[0]
    assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in header.cell(0, 0).text
    assert "Cao Bằng, ngày 10 tháng 7 năm 2015" in header.cell(1, 1).text


def test_comment_synthesis_download_needs_a_role(client, consulted):
    url = reverse("documents_admin:comment_synthesis", args=[consulted.pk])
    client.force_login(user("no-role"))
    assert client.get(url).status_code == 302  # refused: back to the dashboard
    client.force_login(user("drafter", role=Role.DRAFTING_TEAM))
    response = client.get(url)
    assert response.status_code == 200
    assert "tong-hop-y-kien-du-thao-chu-ky-so.docx" in response["Content-Disposition"]
    assert "BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý" in lines(read(response.content))


# -- programme report --------------------------------------------------------------------------


@pytest.fixture
def demo(settings):
    settings.DEMO_USERS_ENABLED = True
    call_command("load_demo", stdout=StringIO())


def block(text: list[str], start: str) -> list[str]:
    """The lines of one numbered document in section I, from its lead line to the next."""
    first = next(i for i, line in enumerate(text) if line.startswith(start))
    rest = text[first + 1 :]
    end = next((i for i, line in enumerate(rest) if not line.startswith("- ")), len(rest))
    return [text[first], *rest[:end]]


def lead(slug: str) -> str:
    page = LegalDocumentPage.objects.get(slug=slug)
    summary = page.summary
    return f"{page.document_type.name} {summary[:1].lower()}{summary[1:]}"


def test_programme_report_for_the_first_half_of_2015(demo):
    document = read(programme_report_docx(**H1_2015, today=REPORT_DAY))
    text = lines(document)

    header = document.tables[0]
    assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in header.cell(0, 0).text
    assert header.cell(1, 0).text.replace("\u00a0", " ").split() == ["Số:", "/BC-STTTT"]
    assert header.cell(1, 1).text == "Cao Bằng, ngày 10 tháng 7 năm 2015"
    assert text[:3] == [
        "BÁO CÁO",
        "Tình hình thực hiện chương trình xây dựng văn bản quy phạm pháp luật",
        "6 tháng đầu năm 2015",
    ]

    # Section I: the five registered documents, each with its stage.
    stages = {
        "ha_tang": "Đang soạn thảo",
        "chu_ky_so": "Đã thẩm định",
        "phat_ngon": "Đang soạn thảo",
        "doi_ngoai": "Đang thẩm định",
        "nhuan_but": "Đã đăng ký",
    }
    section_one = text[text.index("I. TÌNH HÌNH THỰC HIỆN CHƯƠNG TRÌNH") :]
    numbered = [line for line in section_one if line[:2] in {f"{n}." for n in range(1, 10)}]
    assert len(numbered) == 5
    for key, stage in stages.items():
        lines_of = block(text, next(x for x in numbered if x.endswith(lead(SLUGS[key]))))
        assert lines_of[1] == f"- Giai đoạn: {stage}.", key

    ha_tang = block(text, next(x for x in numbered if x.endswith(lead(SLUGS["ha_tang"]))))
    assert "- Đăng ký trình UBND tỉnh: tháng 6/2015; nay lùi sang tháng 9/2015." in ha_tang
    postponement = next(line for line in ha_tang if line.startswith("- Lùi thời hạn:"))
    assert "xin lùi thời gian ban hành vào tháng 9/2015 (đã chấp thuận)" in postponement

    chu_ky_so = block(text, next(x for x in numbered if x.endswith(lead(SLUGS["chu_ky_so"]))))
    milestones = next(line for line in chu_ky_so if line.startswith("- Các mốc"))
    assert "gửi Sở Tư pháp thẩm định ngày 15/03/2015" in milestones
    assert "Sở Tư pháp hoàn thành thẩm định ngày 25/03/2015" in milestones
    remaining = next(line for line in chu_ky_so if line.startswith("- Việc còn lại"))
    assert "trình UBND tỉnh" in remaining and "Tờ trình" in remaining  # missing dossier item

    nhuan_but = block(text, next(x for x in numbered if x.endswith(lead(SLUGS["nhuan_but"]))))
    assert "- Đăng ký trình UBND tỉnh: tháng 10/2015." in nhuan_but

    # Section II: the documents issued in the period, by date.
    issued = text[text.index("II. CÁC VĂN BẢN ĐÃ ĐƯỢC BAN HÀNH TRONG KỲ") + 1 :][:3]
    assert [line.split(" ngày ")[0] for line in issued] == [
        "- Kế hoạch số 510/KH-UBND",
        "- Chương trình hành động số 56-CTr/TU",
        "- Quyết định số 629/QĐ-UBND",
    ]
    assert "ngày 25/05/2015 của Ủy ban nhân dân tỉnh Cao Bằng về việc thành lập" in issued[2]

    closing = document.tables[-1]
    assert "Nơi nhận:" in closing.cell(0, 0).text
    assert "GIÁM ĐỐC" in closing.cell(0, 1).text


def test_programme_report_shows_stages_as_they_were(demo):
    # At the end of March: external information still being drafted, no postponement yet.
    entries = programme_entries(
        date_from=datetime.date(2015, 1, 1), date_to=datetime.date(2015, 3, 31), today=REPORT_DAY
    )
    by_slug = {entry.page.slug: entry for entry in entries}
    assert set(by_slug) == set(SLUGS.values())
    assert by_slug[SLUGS["doi_ngoai"]].state_label == "Đang soạn thảo"
    assert by_slug[SLUGS["chu_ky_so"]].state_label == "Đã thẩm định"
    assert by_slug[SLUGS["ha_tang"]].postponements == []
    assert by_slug[SLUGS["ha_tang"]].planned == datetime.date(2015, 6, 1)

    text = lines(
        read(
            programme_report_docx(
                date_from=datetime.date(2015, 1, 1),
                date_to=datetime.date(2015, 3, 31),
                today=REPORT_DAY,
            )
        )
    )
    assert "Quý I năm 2015" in text
    issued = [line for line in text if line.startswith("- ") and " số " in line]
    assert len(issued) == 1 and "510/KH-UBND" in issued[0]


def test_documents_withdrawn_before_the_period_are_left_out(db):
    index = factories.site_tree()[1]
    early = factories.legal_document(
        index, slug="rut-2014", live=False, planned_submission=datetime.date(2015, 3, 1)
    )
    late = factories.legal_document(
        index, slug="rut-2015", live=False, planned_submission=datetime.date(2015, 3, 1)
    )
    for page, day in ((early, datetime.date(2014, 12, 1)), (late, datetime.date(2015, 4, 2))):
        workflow = DocumentWorkflow.objects.get(page=page)
        perform_transition(
            workflow_id=workflow.pk, name="withdraw", user=None, system=True, note="Không cần."
        )
        StateLog.objects.for_(workflow).update(timestamp=at(day))

    entries = programme_entries(**H1_2015, today=REPORT_DAY)
    assert [(e.page.slug, e.state_label) for e in entries] == [
        ("rut-2015", "Đã rút khỏi chương trình")
    ]
    text = lines(read(programme_report_docx(**H1_2015, today=REPORT_DAY)))
    assert any("rút khỏi chương trình ngày 02/04/2015 (không cần)" in line for line in text)
    assert "Trong kỳ không có văn bản nào được ban hành." in text


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ((2015, 1, 1), (2015, 6, 30), "6 tháng đầu năm 2015"),
        ((2015, 7, 1), (2015, 12, 31), "6 tháng cuối năm 2015"),
        ((2015, 1, 1), (2015, 12, 31), "năm 2015"),
        ((2015, 4, 1), (2015, 6, 30), "quý II năm 2015"),
        ((2015, 5, 1), (2015, 5, 31), "tháng 5/2015"),
        ((2015, 1, 15), (2015, 6, 30), "từ ngày 15/01/2015 đến ngày 30/06/2015"),
    ],
)
def test_period_label(start, end, label):
    assert period_label(datetime.date(*start), datetime.date(*end)) == label


def test_programme_report_command(demo, tmp_path):
    output = tmp_path / "bao-cao.docx"
    call_command(
        "programme_report",
        "--from",
        "2015-01-01",
        "--to",
        "2015-06-30",
        "--today",
        "2015-07-10",
        "-o",
        str(output),
        stdout=StringIO(),
    )
    text = lines(read(output.read_bytes()))
    assert "6 tháng đầu năm 2015" in text
    assert sum(1 for line in text if line.startswith("- Giai đoạn:")) == 5

    with pytest.raises(CommandError, match="not a date"):
        call_command("programme_report", "--from", "2015-13-01", "--to", "2015-06-30", "-o", "x")
    with pytest.raises(CommandError, match="before"):
        call_command("programme_report", "--from", "2015-06-30", "--to", "2015-01-01", "-o", "x")


def test_programme_report_admin_form(client, db):
    factories.site_tree()
    url = reverse("documents_admin:programme_report")
    client.force_login(user("no-role"))
    assert client.get(url).status_code == 302

    client.force_login(user("leader", role=Role.LEADERSHIP))
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="date_from"' in form.content.decode()

    invalid = client.get(url, {"date_from": "2015-06-30", "date_to": "2015-01-01"})
    assert invalid.status_code == 200
    assert "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu." in invalid.content.decode()

    response = client.get(url, {"date_from": "2015-01-01", "date_to": "2015-06-30"})
    assert response.status_code == 200
    assert "bao-cao-chuong-trinh-20150101-20150630.docx" in response["Content-Disposition"]
    assert "6 tháng đầu năm 2015" in lines(read(response.content))


def test_programme_entries_cost_does_not_grow_with_documents(db):
    """The report reads every registered document: a fixed number of queries for 10 or 200."""
    index = factories.site_tree()[1]
    today = timezone.localdate()
    period = {"date_from": today.replace(month=1, day=1), "date_to": today, "today": today}
    counts = []
    for start, count in ((0, 10), (10, 190)):
        factories.spread_of_documents(index, count, today=today, start=start)
        with CaptureQueriesContext(connection) as captured:
            entries = programme_entries(**period)
            missing = [entry.missing for entry in entries]
        counts.append(len(captured))
        assert len(entries) == start + count and any(missing)
    assert counts[0] == counts[1], counts
