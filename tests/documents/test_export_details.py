"""Export details of issue 15: the name under the type, the recipients block, the DOCX
properties and the stored DOCX of a published revision."""

import datetime
import io

import pytest
from docx import Document

from cms.models import IssuingBody, LegalDocumentPage, central_body_place
from documents.export import export_document
from tests import factories

pytestmark = pytest.mark.django_db

ARTICLE = {
    "type": "article",
    "value": {
        "number": "1",
        "heading": "Phạm vi điều chỉnh",
        "text": "Luật này quy định.",
        "clauses": [],
    },
}


def texts(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def law(**fields) -> LegalDocumentPage:
    """A law as the corpus import makes it: issued, its summary the law's whole name."""
    values = {
        "title": "Luật Doanh nghiệp",
        "summary": "Luật Doanh nghiệp",
        "number": "59/2020/QH14",
        "issued_on": datetime.date(2020, 6, 17),
        "document_type": factories.document_type(code="L", name="Luật", is_normative=True),
        "issuing_body": IssuingBody.objects.get_or_create(
            code="QH", defaults={"name": "Quốc hội", "place": central_body_place("Quốc hội")}
        )[0],
        "signer": "Nguyễn Thị Kim Ngân",
        "signer_title": "CHỦ TỊCH QUỐC HỘI",
        "body": [ARTICLE],
        **fields,
    }
    return LegalDocumentPage(**values)


# -- the name under the type -------------------------------------------------------------------


def test_a_law_is_not_named_twice():
    lines = texts(export_document(law()))
    start = lines.index("LUẬT")
    assert lines[start + 1] == "DOANH NGHIỆP"
    assert not any("Luật Doanh nghiệp" in line for line in lines)


def test_the_type_is_matched_folded_and_removed_once():
    # Another case of the type's name is still the type; only the leading one goes.
    assert "DOANH NGHIỆP" in texts(export_document(law(summary="LUẬT doanh nghiệp")))
    lines = texts(export_document(law(summary="Luật Luật sư")))
    assert lines[lines.index("LUẬT") + 1] == "LUẬT SƯ"


def test_a_decision_keeps_its_summary_case_without_the_type(db):
    page = law(
        summary="Quyết định về việc thành lập Ban chỉ đạo",
        number="629/QĐ-UBND",
        document_type=factories.document_type(code="QĐ", name="Quyết định"),
    )
    lines = texts(export_document(page))
    assert lines[lines.index("QUYẾT ĐỊNH") + 1] == "Về việc thành lập Ban chỉ đạo"


# -- recipients --------------------------------------------------------------------------------


def test_no_recipients_label_without_recipients():
    table = Document(io.BytesIO(export_document(law(recipients="")))).tables[-1]
    assert table.cell(0, 0).text.strip() == ""
    assert "CHỦ TỊCH QUỐC HỘI" in table.cell(0, 1).text


def test_recipients_label_with_recipients():
    page = law(recipients="Văn phòng Chủ tịch nước;\nLưu: VT.")
    recipients = Document(io.BytesIO(export_document(page))).tables[-1].cell(0, 0)
    assert [p.text for p in recipients.paragraphs] == [
        "Nơi nhận:",
        "- Văn phòng Chủ tịch nước;",
        "- Lưu: VT.",
    ]
