"""DOCX export in the official layout (Decree 30/2020/NĐ-CP Appendix I), read back with python-docx.

Each test builds its own documents; the downloads are checked as the public and the admin see
them, and ``export_docx`` as the command line sees it.
"""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import include, path, reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from cms.models import DeploymentIdentity, IssuingBody, LegalDocumentPage, central_body_place
from config.urls import urlpatterns as project_urlpatterns
from documents.export.official import issuer_header_lines
from tests import factories
from tests.whole_text import WHOLE_BODY
from workflow.roles import GROUP_NAMES, Role
from workflow.services import perform_transition

# The portal URLs ahead of the project's own (Wagtail's catch-all last), as config/urls.py
# includes them; the admin URLs come from documents' register_admin_urls hook.
urlpatterns = [path("", include("documents.urls")), *project_urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"

BODY = [
    {"type": "chapter", "value": {"number": "I", "heading": "QUY ĐỊNH CHUNG"}},
    {
        "type": "article",
        "value": {
            "number": "1",
            "heading": "Phạm vi điều chỉnh",
            "text": "Quyết định này quy định việc ứng dụng công nghệ thông tin.",
            "clauses": [],
        },
    },
    {
        "type": "article",
        "value": {
            "number": "2",
            "heading": "Trách nhiệm thi hành",
            "text": "",
            "clauses": [
                {
                    "number": "1",
                    "text": "Sở Thông tin và Truyền thông có trách nhiệm:",
                    "points": [
                        {"letter": "a", "text": "hướng dẫn thực hiện;"},
                        {"letter": "b", "text": "kiểm tra, báo cáo."},
                    ],
                },
                {"number": "2", "text": "Quyết định này có hiệu lực kể từ ngày ký.", "points": []},
            ],
        },
    },
]


def read(data: bytes):
    return Document(io.BytesIO(data))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def paragraph(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def cell_paragraph(cell, start: str):
    return next(p for p in cell.paragraphs if p.text.startswith(start))


def runs_with_text(paragraph):
    return [run for run in paragraph.runs if run.text.strip()]


def all_runs(paragraph, **flags) -> bool:
    """Every run with text has the given flags (bold=True, italic=True...)."""
    runs = runs_with_text(paragraph)
    return bool(runs) and all(
        getattr(run, name) == value for run in runs for name, value in flags.items()
    )


def sizes(paragraph) -> set[float]:
    return {run.font.size.pt for run in runs_with_text(paragraph)}


def borders(table) -> dict[str, str]:
    element = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert element is not None, "the table must state its borders"
    return {child.tag.split("}")[1]: child.get(qn("w:val")) for child in element}


@pytest.fixture
def index(db):
    return factories.site_tree()[1]


@pytest.fixture
def decision(index):
    """An issued and published administrative decision of the provincial committee."""
    return factories.legal_document(
        index,
        slug="629-qd-ubnd",
        number="629/QĐ-UBND",
        issued_on=datetime.date(2015, 5, 25),
        title="Quyết định thành lập Ban chỉ đạo ứng dụng công nghệ thông tin",
        summary="Về việc thành lập Ban chỉ đạo ứng dụng công nghệ thông tin tỉnh Cao Bằng",
        signer="Trần Văn Bình",
        signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        preamble=(
            "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;\n"
            "Xét đề nghị của Giám đốc Sở Thông tin và Truyền thông,"
        ),
        body=BODY,
        recipients="Như Điều 2;\nThường trực Tỉnh ủy;\nLưu: VT, VX.",
    )


@pytest.fixture
def draft(index):
    """A normative draft, still in the programme (never issued)."""
    return factories.legal_document(
        index,
        slug="du-thao-chu-ky-so",
        live=False,
        title="Quy định về quản lý, ứng dụng chữ ký số",
        summary="Ban hành Quy định về quản lý, ứng dụng chữ ký số",
        document_type=factories.document_type(is_normative=True),
        planned_submission=datetime.date(2015, 7, 1),
        preamble="Căn cứ Luật Giao dịch điện tử ngày 29 tháng 11 năm 2005;",
        body=BODY,
        recipients="Lưu: VT.",
    )


@pytest.fixture
def party_document(index):
    return factories.legal_document(
        index,
        slug="56-ctr-tu",
        number="56-CTr/TU",
        issued_on=datetime.date(2015, 5, 6),
        title="Chương trình hành động thực hiện Nghị quyết số 36-NQ/TW",
        summary="Thực hiện Nghị quyết số 36-NQ/TW về đẩy mạnh ứng dụng công nghệ thông tin",
        document_type=factories.document_type(code="CTr", name="Chương trình hành động"),
        issuing_body=factories.issuing_body(code="TU", name="Tỉnh ủy Cao Bằng", is_party=True),
        signer="Nguyễn Văn An",
        signer_title="T/M BAN THƯỜNG VỤ\nBÍ THƯ",
        body=BODY[1:2],
        recipients="Ban Bí thư (báo cáo);\nLưu Văn phòng Tỉnh ủy.",
    )


def export(page) -> bytes:
    from documents.export import export_document

    return export_document(page)


# -- page and fonts ----------------------------------------------------------------------------


def test_page_is_a4_portrait_with_the_decree_margins(decision):
    section = read(export(decision)).sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    assert 20 <= round(section.top_margin.mm, 1) <= 25
    assert 20 <= round(section.bottom_margin.mm, 1) <= 25
    assert 30 <= round(section.left_margin.mm, 1) <= 35
    assert 15 <= round(section.right_margin.mm, 1) <= 20
    # Page numbers in the top margin, not on the first page (PL I, I.7).
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml


def test_times_new_roman_for_every_script(decision):
    document = read(export(decision))
    normal = document.styles["Normal"].element
    fonts = normal.rPr.find(qn("w:rFonts"))
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert fonts.get(qn(f"w:{attr}")) == FONT, attr
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        assert fonts.get(qn(f"w:{attr}")) is None, attr  # a theme font would override the name
    assert 13 <= document.styles["Normal"].font.size.pt <= 14
    # The document defaults too (runs outside any style fall back to them).
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    default_fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {default_fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}


# -- header ------------------------------------------------------------------------------------


def test_header_table_is_borderless_with_issuer_and_national_motto(decision):
    document = read(export(decision))
    header = document.tables[0]
    assert set(borders(header).values()) <= {"nil", "none"}
    assert len(header.columns) == 2

    issuer = header.cell(0, 0)
    assert "ỦY BAN NHÂN DÂN" in issuer.text and "TỈNH CAO BẰNG" in issuer.text
    issuer_line = cell_paragraph(issuer, "ỦY BAN NHÂN DÂN")
    assert all_runs(issuer_line, bold=True)
    assert sizes(issuer_line) <= {12, 13}
    assert issuer_line.alignment == WD_ALIGN_PARAGRAPH.CENTER

    motto = header.cell(0, 1)
    name = cell_paragraph(motto, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert all_runs(name, bold=True) and sizes(name) <= {12, 13}
    slogan = cell_paragraph(motto, "Độc lập - Tự do - Hạnh phúc")
    assert all_runs(slogan, bold=True) and sizes(slogan) <= {13, 14}
    # A line under the slogan and under the issuing body (paragraph borders, not text).
    for cell in (issuer, motto):
        assert any(
            p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
            for p in cell.paragraphs
        )


def test_number_and_place_date_lines(decision):
    header = read(export(decision)).tables[0]
    number = cell_paragraph(header.cell(1, 0), "Số")
    assert number.text == "Số: 629/QĐ-UBND"
    assert sizes(number) == {13}
    place_date = cell_paragraph(header.cell(1, 1), "Cao Bằng")
    assert place_date.text == "Cao Bằng, ngày 25 tháng 5 năm 2015"
    assert all_runs(place_date, italic=True) and sizes(place_date) <= {13, 14}


def test_a_national_assembly_law_is_dated_where_the_assembly_sits(db):
    """The place is the issuing body's seat (PL I, II.4.a), not the deployment's province."""
    assembly = IssuingBody.objects.create(
        name="Quốc hội", code="QH", place=central_body_place("Quốc hội")
    )
    # As imported from the national corpus: issued, numbered as laws are (no type code).
    law = LegalDocumentPage(
        title="Luật Ban hành văn bản quy phạm pháp luật",
        summary="Ban hành văn bản quy phạm pháp luật",
        number="80/2015/QH13",
        issued_on=datetime.date(2015, 6, 22),
        document_type=factories.document_type(code="L", name="Luật", is_normative=True),
        issuing_body=assembly,
        signer="Nguyễn Sinh Hùng",
        signer_title="CHỦ TỊCH QUỐC HỘI",
        body=BODY[1:2],
    )
    header = read(export(law)).tables[0]
    assert header.cell(0, 0).paragraphs[0].text == "QUỐC HỘI"
    assert header.cell(1, 1).text == "Hà Nội, ngày 22 tháng 6 năm 2015"


def test_a_central_office_has_no_provincial_committee_above_it():
    office = IssuingBody(name="Văn phòng Chính phủ", code="VPCP", place="Hà Nội")
    department = IssuingBody(name="Sở Tư pháp", code="STP")
    identity = DeploymentIdentity.current()
    assert issuer_header_lines(office, identity) == ([], ["VĂN PHÒNG CHÍNH PHỦ"])
    assert issuer_header_lines(department, identity) == (["UBND TỈNH CAO BẰNG"], ["SỞ TƯ PHÁP"])


def test_the_command_may_name_another_place(decision, tmp_path):
    output = tmp_path / "qd.docx"
    call_command(
        "export_docx",
        "--number",
        "629/QĐ-UBND",
        "--place",
        "Hà Nội",
        "-o",
        str(output),
        stdout=io.StringIO(),
    )
    header = read(output.read_bytes()).tables[0]
    assert header.cell(1, 1).text == "Hà Nội, ngày 25 tháng 5 năm 2015"


def test_type_and_summary_centred_and_bold(decision):
    document = read(export(decision))
    kind = paragraph(document, "QUYẾT ĐỊNH")
    assert kind.text == "QUYẾT ĐỊNH"
    assert kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all_runs(kind, bold=True) and sizes(kind) <= {13, 14}
    summary = paragraph(document, "Về việc thành lập")
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all_runs(summary, bold=True)
    # A decision states its authority and "QUYẾT ĐỊNH:" around the preamble (PL III Mẫu 1.2).
    lines = texts(document)
    assert lines.index("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CAO BẰNG") < lines.index("QUYẾT ĐỊNH:")
    preamble = paragraph(document, "Căn cứ Luật Tổ chức")
    assert all_runs(preamble, italic=True)


# -- body --------------------------------------------------------------------------------------


def test_body_chapters_articles_clauses_points(decision):
    document = read(export(decision))
    chapter = paragraph(document, "Chương I")
    assert chapter.alignment == WD_ALIGN_PARAGRAPH.CENTER and all_runs(chapter, bold=True)
    assert all_runs(paragraph(document, "QUY ĐỊNH CHUNG"), bold=True)

    article = paragraph(document, "Điều 1.")
    assert article.text == "Điều 1. Phạm vi điều chỉnh"
    assert all_runs(article, bold=True) and sizes(article) <= {13, 14}
    assert article.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    text = paragraph(document, "Quyết định này quy định")
    assert text.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert not any(run.bold for run in text.runs)

    lines = texts(document)
    expected = [
        "Điều 2. Trách nhiệm thi hành",
        "1. Sở Thông tin và Truyền thông có trách nhiệm:",
        "a) hướng dẫn thực hiện;",
        "b) kiểm tra, báo cáo.",
        "2. Quyết định này có hiệu lực kể từ ngày ký./.",  # the content ends with "./."
    ]
    start = lines.index(expected[0])
    assert lines[start : start + len(expected)] == expected


def test_article_without_heading_runs_on_with_its_text(index):
    page = factories.legal_document(
        index,
        slug="1-qd-ubnd",
        number="1/QĐ-UBND",
        body=[
            {
                "type": "article",
                "value": {"number": "1", "heading": "", "text": "Thành lập Ban.", "clauses": []},
            }
        ],
    )
    line = paragraph(read(export(page)), "Điều 1.")
    assert line.text == "Điều 1. Thành lập Ban./."
    assert line.runs[0].bold and not line.runs[1].bold


# -- signature and recipients ------------------------------------------------------------------


def test_signature_block_and_recipients(decision):
    table = read(export(decision)).tables[-1]
    assert set(borders(table).values()) <= {"nil", "none"}
    recipients, signature = table.cell(0, 0), table.cell(0, 1)

    label = cell_paragraph(recipients, "Nơi nhận")
    assert label.text == "Nơi nhận:"
    assert all_runs(label, bold=True, italic=True) and sizes(label) == {12}
    items = [p for p in recipients.paragraphs if p.text.startswith("- ")]
    assert [p.text for p in items] == ["- Như Điều 2;", "- Thường trực Tỉnh ủy;", "- Lưu: VT, VX."]
    assert all(sizes(p) == {11} for p in items)

    lines = [p for p in signature.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]
    for line in lines:
        assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all_runs(line, bold=True) and sizes(line) <= {13, 14}


# -- drafts, Party documents -------------------------------------------------------------------


def test_draft_is_marked_and_has_blank_number_and_date(draft):
    page = draft.get_latest_revision_as_object()
    document = read(export(page))
    lines = texts(document)
    assert "DỰ THẢO" in lines
    assert lines.index("DỰ THẢO") < lines.index("QUYẾT ĐỊNH")
    header = document.tables[0]
    number = cell_paragraph(header.cell(1, 0), "Số").text
    assert number.replace("\u00a0", " ").split() == ["Số:", "/2015/QĐ-UBND"]
    date = cell_paragraph(header.cell(1, 1), "Cao Bằng").text
    assert date.replace("\u00a0", " ").split() == ["Cao", "Bằng,", "ngày", "tháng", "năm", "2015"]
    # Not signed yet: the committee's authority, no name.
    signature = [p.text for p in document.tables[-1].cell(0, 1).paragraphs if p.text.strip()]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_issued_document_is_not_marked_as_draft(decision):
    assert "DỰ THẢO" not in texts(read(export(decision)))


def test_party_document_uses_the_party_header(party_document):
    document = read(export(party_document))
    header = document.tables[0]
    assert set(borders(header).values()) <= {"nil", "none"}
    left, right = header.cell(0, 0).text, header.cell(0, 1).text
    assert "TỈNH ỦY CAO BẰNG" in left and "*" in left
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right
    assert "CỘNG HÒA" not in right and "Độc lập" not in right
    assert cell_paragraph(header.cell(1, 0), "Số").text == "Số 56-CTr/TU"
    assert "QUYẾT ĐỊNH:" not in texts(document)
    signature = [p.text for p in document.tables[-1].cell(0, 1).paragraphs if p.text.strip()]
    assert signature == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn An"]


# -- downloads ---------------------------------------------------------------------------------


def test_portal_download_of_a_published_document(client, decision):
    url = reverse("documents:download", args=[decision.pk])
    assert url == f"/van-ban/{decision.pk}/tai-ve.docx"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert "629-qd-ubnd.docx" in response["Content-Disposition"]
    document = read(response.content)
    assert cell_paragraph(document.tables[0].cell(1, 0), "Số").text == "Số: 629/QĐ-UBND"


def test_portal_download_is_404_for_anything_unpublished(client, draft, decision):
    assert client.get(reverse("documents:download", args=[draft.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[999_999])).status_code == 404
    # Taken off the portal through the workflow: issued, no longer published, no download.
    perform_transition(
        workflow_id=decision.workflow.pk, name="unpublish", user=None, system=True, note="Gỡ."
    )
    assert client.get(reverse("documents:download", args=[decision.pk])).status_code == 404


def _user(username: str, *, role: Role | None = None, admin_access: bool = False):
    user = get_user_model().objects.create_user(username=username, password="x")
    if role is not None:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    if admin_access:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return user


def test_admin_download_needs_a_role(client, draft):
    url = reverse("documents_admin:export", args=[draft.pk])
    assert url == f"/admin/documents-export/{draft.pk}.docx"

    response = client.get(url)  # anonymous: sent to the admin login
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    # Admin access without a role: Wagtail turns the refusal into a redirect to the dashboard.
    client.force_login(_user("no-role", admin_access=True))
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == "/admin/"

    client.force_login(_user("appraiser", role=Role.APPRAISER))
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "DỰ THẢO" in texts(read(response.content))


def test_admin_download_shows_the_latest_draft(client, draft):
    revision = draft.get_latest_revision_as_object()
    revision.summary = "Ban hành Quy định sửa lần hai"
    revision.save_revision()
    client.force_login(_user("drafter", role=Role.DRAFTING_TEAM))
    response = client.get(reverse("documents_admin:export", args=[draft.pk]))
    assert "Ban hành Quy định sửa lần hai" in texts(read(response.content))


def test_workflow_page_has_the_download_button(client, decision):
    # An issued text is not opened in the editor (it is frozen): its workflow page offers it.
    client.force_login(_user("editor", role=Role.PORTAL_EDITOR))
    response = client.get(reverse("workflow:document", args=[decision.pk]))
    assert response.status_code == 200
    assert reverse("documents_admin:export", args=[decision.pk]) in response.content.decode()
    # And in the "more" menu of the page listing.
    listing = client.get(reverse("wagtailadmin_explore", args=[decision.get_parent().pk]))
    assert reverse("documents_admin:export", args=[decision.pk]) in listing.content.decode()


# -- command -----------------------------------------------------------------------------------


def test_export_command_writes_the_file(decision, tmp_path):
    output = tmp_path / "qd.docx"
    call_command("export_docx", "--number", "629/qd-ubnd", "-o", str(output), stdout=io.StringIO())
    document = read(output.read_bytes())
    assert cell_paragraph(document.tables[0].cell(1, 0), "Số").text == "Số: 629/QĐ-UBND"


def test_export_command_fails_clearly(index, tmp_path):
    output = tmp_path / "none.docx"
    with pytest.raises(CommandError, match="No document has the number '999/QĐ-UBND'"):
        call_command("export_docx", "--number", "999/QĐ-UBND", "-o", str(output))
    assert not output.exists()

    # Administrative numbers restart every year: the same number twice needs --year.
    for year in (2014, 2015):
        factories.legal_document(
            index, slug=f"qd-{year}", number="7/QĐ-UBND", issued_on=datetime.date(year, 3, 1)
        )
    with pytest.raises(CommandError, match=r"ambiguous.*--year"):
        call_command("export_docx", "--number", "7/QĐ-UBND", "-o", str(output))
    call_command(
        "export_docx",
        "--number",
        "7/QĐ-UBND",
        "--year",
        "2014",
        "-o",
        str(output),
        stdout=io.StringIO(),
    )
    header = read(output.read_bytes()).tables[0]
    assert "năm 2014" in header.cell(1, 1).text


# -- round trip --------------------------------------------------------------------------------


def test_round_trip_through_the_parser(decision):
    parsing = pytest.importorskip("documents.parsing")
    parsed = parsing.parse_docx(io.BytesIO(export(decision)))
    assert [(a.number, a.heading) for a in parsed.articles()] == [
        ("1", "Phạm vi điều chỉnh"),
        ("2", "Trách nhiệm thi hành"),
    ]
    second = parsed.articles()[1]
    assert [c.number for c in second.clauses] == ["1", "2"]
    assert [p.letter for p in second.clauses[0].points] == ["a", "b"]
    header = parsed.header
    assert header.number == "629/QĐ-UBND"
    assert header.date == datetime.date(2015, 5, 25)
    assert header.doc_type == "QUYẾT ĐỊNH"
    assert parsed.recipients == ("Như Điều 2;", "Thường trực Tỉnh ủy;", "Lưu: VT, VX.")
    assert parsed.signature.name == "Trần Văn Bình"


# -- the whole text: tables, notes, attached texts, appendices --------------------------------


def body_order(document) -> list[str]:
    """The body's paragraphs' texts and "<table>" for each table, in document order."""
    order = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            order.append("<table>")
        elif child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text.strip():
                order.append(text)
    return order


def test_tables_notes_attached_texts_and_appendices(index):
    page = factories.legal_document(
        index,
        slug="12-2026-qd-ubnd",
        number="12/2026/QĐ-UBND",
        document_type=factories.document_type(is_normative=True),
        issued_on=datetime.date(2026, 3, 5),
        effective_on=datetime.date(2026, 3, 15),
        signer="Nguyễn Văn A",
        signer_title="CHỦ TỊCH",
        body=WHOLE_BODY,
    )
    document = read(export(page))
    order = body_order(document)
    start = order.index("Điều 2. Chỉ tiêu")
    assert order[start:] == [
        "Điều 2. Chỉ tiêu",
        "Giao chỉ tiêu như sau:",
        "Chỉ tiêu giao năm 2026",
        "<table>",  # the article's table
        "<table>",  # the table after the articles
        "Ghi chú: số liệu tạm tính.",
        "Nguồn: Sở Tài chính./.",  # the main text ends here
        "<table>",  # recipients and signature
        "QUY ĐỊNH",
        "Về quản lý cụm công nghiệp",
        "(Ban hành kèm theo Quyết định số 12/2026/QĐ-UBND ngày 05/3/2026)",
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy định này quy định việc quản lý cụm công nghiệp.",
        "Mục 1",
        "HỒ SƠ",
        "Điều 5. Hồ sơ",
        "Hồ sơ gồm các giấy tờ sau.",
        "QUY CHẾ",
        "Phối hợp",
        "Điều 1. Nguyên tắc phối hợp",
        "Phối hợp thường xuyên.",
        "PHỤ LỤC I",
        "DANH MỤC CỤM CÔNG NGHIỆP",
        "Danh mục gồm các cụm sau:",
        "Chỉ tiêu giao năm 2026",
        "<table>",
    ]
    # Real Word tables: rows and cells, a grid, the header row bold and repeated.
    article_table = next(t for t in document.tables if t.cell(0, 0).text == "STT")
    assert [[c.text for c in row.cells] for row in article_table.rows] == [
        ["STT", "Đơn vị", "Chỉ tiêu"],
        ["1", "Sở Tài chính", "120 hồ sơ"],
    ]
    assert set(borders(article_table).values()) == {"single"}
    assert all_runs(article_table.cell(0, 1).paragraphs[0], bold=True)
    assert not any(run.bold for run in article_table.cell(1, 1).paragraphs[0].runs)
    assert article_table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    plain = next(t for t in document.tables if t.cell(0, 0).text == "Mức phí")
    assert [[c.text for c in row.cells] for row in plain.rows] == [
        ["Mức phí", "50.000 đồng"],
        ["Lệ phí", ""],
    ]
    # Attached texts and appendices start on a new page, titled in the centre, in bold.
    for title in ("QUY ĐỊNH", "QUY CHẾ", "PHỤ LỤC I"):
        heading = next(p for p in document.paragraphs if p.text == title)
        assert heading.paragraph_format.page_break_before, title
        assert heading.alignment == WD_ALIGN_PARAGRAPH.CENTER and all_runs(heading, bold=True)
    note = paragraph(document, "(Ban hành kèm theo")
    assert note.alignment == WD_ALIGN_PARAGRAPH.CENTER and all_runs(note, italic=True)
