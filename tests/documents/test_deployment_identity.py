"""Another province's settings change every export and report, with no change of code.

The default site's identity is set to Hà Giang (``factories.HA_GIANG``); each DOCX is then read
back whole: its headings, place, signer and recipients are Hà Giang's, and nothing of the demo
deployment (Cao Bằng, its Sở Thông tin và Truyền thông) is left in it.
"""

import datetime
import io
import zipfile

import pytest
from django.urls import include, path, reverse
from docx import Document

from config.urls import urlpatterns as project_urlpatterns
from documents.export import export_document
from documents.reports import comment_synthesis_docx, programme_report_docx
from tests import factories
from workflow.models import Comment, DocumentWorkflow, SourceKind

urlpatterns = [path("", include("documents.urls")), *project_urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

DEMO_NAMES = ("Cao Bằng", "CAO BẰNG", "Thông tin và Truyền thông", "THÔNG TIN VÀ TRUYỀN THÔNG")
BODY = [
    {
        "type": "article",
        "value": {"number": "1", "heading": "Phạm vi", "text": "Quy định này.", "clauses": []},
    }
]


@pytest.fixture
def index(db):
    index = factories.site_tree()[1]
    factories.deployment_identity(**factories.HA_GIANG)
    return index


def read(data: bytes):
    return Document(io.BytesIO(data))


def xml_text(data: bytes) -> str:
    """The document's parts (body, page header, styles) and its properties as one string."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = [n for n in package.namelist() if n.startswith(("word/", "docProps/"))]
        return "".join(package.read(name).decode() for name in names if name.endswith(".xml"))


def assert_no_demo_names(data: bytes) -> None:
    text = xml_text(data)
    assert not [name for name in DEMO_NAMES if name in text]


def header_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_a_decision_of_the_provincial_committee(index):
    committee = factories.issuing_body(name="Ủy ban nhân dân tỉnh Hà Giang")
    page = factories.legal_document(
        index,
        slug="15-qd-ubnd",
        number="15/QĐ-UBND",
        issued_on=datetime.date(2016, 1, 5),
        summary="Về việc công bố thủ tục hành chính",
        issuing_body=committee,
        body=BODY,
        recipients="Như Điều 3;\nLưu: VT.",
    )
    data = export_document(page)
    header = read(data).tables[0]
    assert header_lines(header.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG"]
    assert header.cell(1, 1).text == "Hà Giang, ngày 05 tháng 01 năm 2016"
    assert_no_demo_names(data)


def test_a_department_decision_has_the_province_committee_above_it(client, index):
    department = factories.issuing_body(code="STP", name="Sở Tư pháp")
    page = factories.legal_document(
        index,
        slug="7-qd-stp",
        number="7/QĐ-STP",
        issued_on=datetime.date(2016, 3, 1),
        summary="Về việc ban hành kế hoạch phổ biến pháp luật",
        issuing_body=department,
        body=BODY,
        recipients="Lưu: VT.",
    )
    # The portal's copy is laid out for the request's site.
    response = client.get(reverse("documents:download", args=[page.pk]))
    header = read(response.content).tables[0]
    assert header_lines(header.cell(0, 0)) == ["UBND TỈNH HÀ GIANG", "SỞ TƯ PHÁP"]
    assert header.cell(1, 1).text == "Hà Giang, ngày 01 tháng 3 năm 2016"
    assert_no_demo_names(response.content)


def test_the_programme_report_is_the_department_s(index):
    data = programme_report_docx(
        date_from=datetime.date(2016, 1, 1),
        date_to=datetime.date(2016, 6, 30),
        today=datetime.date(2016, 7, 8),
    )
    document = read(data)
    header = document.tables[0]
    assert header_lines(header.cell(0, 0)) == ["UBND TỈNH HÀ GIANG", "SỞ TƯ PHÁP"]
    assert header.cell(1, 0).text.replace("\u00a0", " ").split() == ["Số:", "/BC-STP"]
    assert header.cell(1, 1).text == "Hà Giang, ngày 08 tháng 7 năm 2016"
    text = [p.text for p in document.paragraphs if p.text.strip()]
    assert text[3].startswith("Sở Tư pháp báo cáo tình hình thực hiện chương trình")
    signature = document.tables[-1]
    assert header_lines(signature.cell(0, 0)) == [
        "Nơi nhận:",
        "- UBND tỉnh Hà Giang (báo cáo);",
        "- Bộ Tư pháp;",
        "- Lưu: VT, PL.",
    ]
    assert header_lines(signature.cell(0, 1)) == ["GIÁM ĐỐC"]
    assert_no_demo_names(data)


def test_the_comment_synthesis_is_dated_in_the_province(index):
    department = factories.issuing_body(code="STP", name="Sở Tư pháp")
    page = factories.legal_document(
        index,
        slug="du-thao",
        live=False,
        title="Quy định về trợ giúp pháp lý",
        summary="Ban hành Quy định về trợ giúp pháp lý",
        issuing_body=factories.issuing_body(name="Ủy ban nhân dân tỉnh Hà Giang"),
        lead_agency=department,
    )
    workflow = DocumentWorkflow.objects.get(page=page)
    Comment.objects.create(
        workflow=workflow, source_kind=SourceKind.AGENCY, author="Sở Nội vụ", text="Đồng ý."
    )
    data = comment_synthesis_docx(workflow, today=datetime.date(2016, 2, 3))
    header = read(data).tables[0]
    assert header_lines(header.cell(0, 0)) == ["UBND TỈNH HÀ GIANG", "SỞ TƯ PHÁP"]
    assert header.cell(1, 1).text == "Hà Giang, ngày 03 tháng 02 năm 2016"
    assert_no_demo_names(data)
