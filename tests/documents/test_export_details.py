"""Export details of issue 15: the name under the type, the recipients block, the DOCX
properties and the stored DOCX of a published revision."""

import datetime
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from cms.models import DeploymentIdentity, IssuingBody, LegalDocumentPage, central_body_place
from documents.export import export_document, stored
from documents.parsing import parse_docx
from documents.reports.programme import programme_report_docx
from tests import factories
from workflow.official_text import import_issued

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


# -- properties --------------------------------------------------------------------------------


def properties(data: bytes):
    return Document(io.BytesIO(data)).core_properties


def test_the_properties_are_the_documents_own():
    data = export_document(law())
    core = properties(data)
    assert core.title == "Luật 59/2020/QH14"
    assert core.subject == "Luật Doanh nghiệp"
    assert core.author == core.last_modified_by == "Quốc hội"
    assert core.language == "vi-VN"
    assert core.comments == core.keywords == ""
    # Midnight of 17/06/2020 in Hà Nội is 17:00 UTC the day before.
    issued = datetime.datetime(2020, 6, 16, 17, 0, tzinfo=datetime.UTC)
    assert core.created == core.modified == issued
    app_xml = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    assert "<Application>Văn bản pháp luật</Application>" in app_xml
    assert "Macintosh" not in app_xml
    package = Document(io.BytesIO(data)).part.package
    assert RT.THUMBNAIL not in {rel.reltype for rel in package.rels.values()}


def test_a_draft_is_dated_when_written(db):
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    page = law(number="", issued_on=None)
    core = properties(export_document(page))
    assert core.title == "Luật Doanh nghiệp"
    assert core.created >= before


def test_a_report_gets_its_own_properties_too(db):
    data = programme_report_docx(
        date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 6, 30)
    )
    core = properties(data)
    assert core.title.startswith("Báo cáo")
    assert core.author and core.author != "python-docx"
    assert core.created.year >= 2025


# -- stored DOCX of a published revision -------------------------------------------------------


@pytest.fixture
def counted_exports(monkeypatch, settings, tmp_path):
    """The exports the portal builds, into a storage of this test's own (ids repeat between
    tests)."""
    settings.MEDIA_ROOT = tmp_path
    calls = []

    def counting(page, **kwargs):
        calls.append(page.live_revision_id)
        return export_document(page, **kwargs)

    monkeypatch.setattr(stored, "export_document", counting)
    return calls


@pytest.fixture
def published(db):
    index = factories.site_tree()[1]
    return factories.legal_document(
        index,
        slug="629-qd-ubnd",
        number="629/QĐ-UBND",
        issued_on=datetime.date(2015, 5, 25),
        summary="Về việc thành lập Ban chỉ đạo",
        body=[ARTICLE],
    )


def download(client, page) -> bytes:
    response = client.get(reverse("documents:download", args=[page.pk]))
    assert response.status_code == 200
    return response.content


def test_a_published_revision_is_built_once(client, published, counted_exports):
    first = download(client, published)
    assert download(client, published) == first
    assert counted_exports == [published.live_revision_id]
    identity = DeploymentIdentity.current()
    assert default_storage.exists(stored.stored_name(published, identity))


def test_a_new_revision_or_reference_value_gives_a_new_file(client, published, counted_exports):
    download(client, published)
    published.summary = "Về việc kiện toàn Ban chỉ đạo"
    import_issued(page=published, note="Bản mới.")
    published.refresh_from_db()
    assert "Về việc kiện toàn Ban chỉ đạo" in texts(download(client, published))
    # Reference data edited in place (not in the revision) is part of the key too.
    IssuingBody.objects.filter(pk=published.issuing_body_id).update(place="Hà Nội")
    published = LegalDocumentPage.objects.get(pk=published.pk)
    assert (
        "Hà Nội, ngày 25 tháng 5 năm 2015"
        in Document(io.BytesIO(download(client, published))).tables[0].cell(1, 1).text
    )
    assert len(counted_exports) == 3
    assert len(set(counted_exports[:2])) == 2  # two revisions


def test_storing_a_new_file_deletes_the_superseded_ones(client, published, counted_exports):
    download(client, published)
    first = stored.stored_name(published, DeploymentIdentity.current())
    import_issued(page=published, note="Bản mới.")
    published = LegalDocumentPage.objects.get(pk=published.pk)
    download(client, published)
    latest = stored.stored_name(published, DeploymentIdentity.current())
    assert latest != first
    assert default_storage.listdir(f"{stored.FOLDER}/{published.pk}")[1] == [latest.split("/")[-1]]


def test_a_law_reads_back_as_type_and_name():
    parsed = parse_docx(io.BytesIO(export_document(law(recipients=""))))
    assert (parsed.header.doc_type, parsed.header.summary) == ("LUẬT", "DOANH NGHIỆP")
    assert parsed.header.number == "59/2020/QH14"
    assert not parsed.recipients
    assert [a.number for a in parsed.articles()] == ["1"]
