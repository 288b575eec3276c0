"""``manage.py import_documents``: JSON Lines in, issued and published legal documents out."""

import datetime
import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_fsm_log.models import StateLog
from wagtail.models import Page, PageLogEntry

from cms.models import DocumentType, IssuingBody, LegalDocumentPage, Sector
from documents.corpus.inference import initials, is_normative, number_parts
from search.models import IndexChange
from tests import factories
from tests.search import fakes
from workflow.models import IssuedTextKind
from workflow.services import perform_transition
from workflow.states import State

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
JSONL = FIXTURES / "documents.jsonl"
JSONL_GZ = FIXTURES / "documents.jsonl.gz"
GOOD_LINES = (1, 2, 3, 7, 10, 13)  # the rest of documents.jsonl is bad on purpose


@pytest.fixture
def backend(monkeypatch):
    return fakes.install(monkeypatch)


@pytest.fixture
def index():
    return factories.site_tree()[1]


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_documents", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


def page(number: str) -> LegalDocumentPage:
    return LegalDocumentPage.objects.get(number=number)


def test_creates_issued_published_pages_with_imported_history(index, backend, client):
    out = run(JSONL, "--no-index")
    assert "14 records" not in out  # the blank line is not a record
    assert "13 records" in out and "6 created, 0 updated, 0 unchanged, 7 skipped" in out
    assert LegalDocumentPage.objects.count() == len(GOOD_LINES)
    law = page("57/2020/QH14")
    assert law.live and law.get_parent().pk == index.pk
    assert law.workflow.state == State.PUBLISHED
    assert str(law.issued_on) == "2020-06-16" and str(law.effective_on) == "2021-01-01"
    assert law.title == law.summary == "Luật Thanh niên"
    log = StateLog.objects.for_(law.workflow).get()
    assert (log.transition, log.source_state, log.state) == (
        "import_published",
        State.PLANNED,
        State.PUBLISHED,
    )
    assert log.description == "Nhập từ tệp documents.jsonl, dòng 1."
    # A Wagtail publication like any other: revision live, publish logged, page served.
    assert law.live_revision_id == law.latest_revision_id is not None
    assert not law.has_unpublished_changes and law.first_published_at is not None
    assert law.live_revision.as_object().title == "Luật Thanh niên"
    assert PageLogEntry.objects.filter(page=law, action="wagtail.publish").exists()
    # The official text is the published one, pinned as an import.
    pinned = law.workflow.current_text
    assert pinned.kind == IssuedTextKind.IMPORT and pinned.revision_id == law.live_revision_id
    response = client.get(law.url)
    assert response.status_code == 200
    assert "Thanh niên là công dân Việt Nam" in response.content.decode()
    # The page tree stays valid.
    assert not any(Page.find_problems())
    index.refresh_from_db()
    assert index.numchild == len(GOOD_LINES)


def test_articles_become_the_structured_body(index, backend):
    run(JSONL, "--no-index")
    decree = page("12/2011/NĐ-CP")
    articles = [item["article"] for item in decree.articles()]
    assert [(a["number"], a["heading"]) for a in articles] == [("1", ""), ("5a", "Chữ ký số")]
    assert articles[1]["text"] == "Văn bản điện tử được ký bằng chữ ký số."
    assert articles[1].anchor == "dieu-5a"
    assert decree.body.raw_data[0]["value"]["clauses"] == []
    assert {s.name for s in decree.sectors.all()} == {"Thanh niên"}


def test_text_only_record_is_split_by_the_structure_parser(index, backend):
    run(JSONL, "--no-index")
    law = page("22/2012/QH13")
    blocks = [block.block_type for block in law.body]
    assert blocks == ["chapter", "article", "article", "note"]
    assert law.body[3].value.startswith("Luật này đã được Quốc hội")  # the passing formula, kept
    second = list(law.articles())[1]["article"]
    assert second["heading"] == "Giải thích từ ngữ"
    assert second["clauses"][0]["text"].startswith("Dự trữ quốc gia là")
    assert law.preamble.startswith("Căn cứ Hiến pháp")
    assert law.signer == "Nguyễn Sinh Hùng" and law.signer_title == "CHỦ TỊCH QUỐC HỘI"


def test_text_only_record_keeps_its_text_without_the_parser(index, backend):
    out = run(JSONL, "--no-index", "--no-parse")
    law = page("22/2012/QH13")
    assert not law.body
    assert law.preamble.startswith("QUỐC HỘI\nLuật số: 22/2012/QH13")
    assert "Điều 2. Giải thích từ ngữ" in law.preamble
    assert "2 kept as text" in out


def test_record_without_a_title_anywhere_is_titled_by_type_and_number(index, backend):
    run(JSONL, "--no-index")
    law = page("06/2003/QH11")
    assert law.title == law.summary == "Luật số 06/2003/QH11"
    assert StateLog.objects.for_(law.workflow).get().description == (
        "Nhập từ tệp documents.jsonl, dòng 7. Tiêu đề lập từ loại và số văn bản."
    )


def test_bad_lines_are_reported_with_line_numbers(index, backend):
    out = run(JSONL, "--no-index")
    skipped = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert skipped == [
        "documents.jsonl:4: invalid JSON (Expecting value at column 58)",
        "documents.jsonl:6: missing number",
        "documents.jsonl:8: impossible date issued_on='2015-02-30'",
        "documents.jsonl:9: number 12/2011/NĐ-CP is already used in 2011 by another issuing "
        "body's document (documents.jsonl:2 of this import)",
        "documents.jsonl:11: issued_on 2099-01-01 is in the future",
        "documents.jsonl:12: not a JSON object",
        "documents.jsonl:14: number '1/0000/TT-BTP' is not a document number",
    ]


LAW_TEXT = (
    "QUỐC HỘI\n"
    "Luật số: 22/2012/QH13\n"
    "Hà Nội, ngày 20 tháng 11 năm 2012\n"
    "LUẬT\n"
    "DỰ TRỮ QUỐC GIA\n"
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    "Điều 1. Phạm vi điều chỉnh\n"
    "Luật này quy định về hoạt động dự trữ quốc gia.\n"
    "Điều 2. Đối tượng áp dụng\n"
    "Luật này áp dụng đối với cơ quan, tổ chức, cá nhân.\n"
    "CHỦ TỊCH QUỐC HỘI\n"
    "Nguyễn Sinh Hùng\n"
)


def jsonl(tmp_path, *records) -> Path:
    path = tmp_path / "records.jsonl"
    lines = (json.dumps(record, ensure_ascii=False) for record in records)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_what_the_record_lacks_is_read_from_its_text(index, backend, tmp_path):
    path = jsonl(tmp_path, {"id": "x-1", "number": "22/2012/QH13", "text": LAW_TEXT})
    out = run(path, "--no-index")
    assert "1 created" in out and "0 skipped" in out
    law = page("22/2012/QH13")
    assert law.title == law.summary == "Luật dự trữ quốc gia"
    assert str(law.issued_on) == "2012-11-20"
    assert law.document_type.name == "Luật" and law.issuing_body.name == "QUỐC HỘI"
    assert law.signer == "Nguyễn Sinh Hùng" and law.signer_title == "CHỦ TỊCH QUỐC HỘI"
    assert [a["article"]["number"] for a in law.articles()] == ["1", "2"]
    log = StateLog.objects.for_(law.workflow).get()
    assert log.description == (
        "Nhập từ tệp records.jsonl, dòng 1. Đọc từ văn bản: loại văn bản, tiêu đề, "
        "cơ quan ban hành, ngày ban hành, người ký."
    )


def test_a_type_named_by_the_number_code_is_taken(index, backend, tmp_path):
    DocumentType.objects.create(name="Nghị định", code="NĐ", is_normative=True)
    record = {
        "number": "12/2011/ND-CP",
        "title": "Về thanh niên xung phong",
        "issuer": "Chính phủ",
        "issued_on": "2011-01-30",
        "text": "Điều 1. Phạm vi",
    }
    out = run(jsonl(tmp_path, record), "--no-index")
    assert "1 created" in out
    decree = page("12/2011/ND-CP")
    assert decree.document_type.name == "Nghị định"
    assert StateLog.objects.for_(decree.workflow).get().description == (
        "Nhập từ tệp records.jsonl, dòng 1. Loại văn bản suy từ số văn bản."
    )


def test_a_record_with_nothing_to_import_is_refused(index, backend, tmp_path):
    complete = {
        "number": "1/2020/TT-BTP",
        "type": "Thông tư",
        "title": "Không có văn bản",
        "issuer": "Bộ Tư pháp",
        "issued_on": "2020-01-02",
    }
    path = jsonl(
        tmp_path,
        {**complete, "articles": [], "text": None},
        {"title": "Thiếu số", "text": "Điều 1. Không có phần đầu"},
    )
    out = run(path, "--no-index")
    skipped = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert skipped == [
        "records.jsonl:1: no text and no articles: nothing to import",
        "records.jsonl:2: missing number, not in the text either",
    ]
    assert not LegalDocumentPage.objects.exists()


RESERVES_LAW = {
    "number": "22/2012/QH13",
    "type": "Luật",
    "title": "Luật Dự trữ quốc gia",
    "issuer": "Quốc hội",
    "issued_on": "2012-11-20",
}


def test_of_duplicates_the_most_complete_text_is_kept(index, backend, tmp_path):
    record = RESERVES_LAW
    short = {**record, "text": "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về dự trữ."}
    path = jsonl(tmp_path, short, {**record, "text": LAW_TEXT})
    out = run(path, "--no-index")
    assert "1 created, 0 updated, 0 unchanged, 1 skipped" in out
    skipped = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert len(skipped) == 1
    assert skipped[0].startswith(
        "records.jsonl:1: same document as records.jsonl:2, whose text is more complete ("
    )
    assert skipped[0].endswith("): that one is kept")
    law = page("22/2012/QH13")
    assert [a["article"]["number"] for a in law.articles()] == ["1", "2"]
    assert StateLog.objects.for_(law.workflow).get().description == (
        "Nhập từ tệp records.jsonl, dòng 2. Đọc từ văn bản: người ký."
    )
    # A rerun keeps the same record: nothing changes.
    assert "0 created, 0 updated, 1 unchanged, 1 skipped" in run(path, "--no-index")


def test_a_later_import_does_not_replace_a_text_by_a_shorter_copy(index, backend, tmp_path):
    """The codification's extract of a law, imported after its full text, is not kept."""
    record = RESERVES_LAW
    full = tmp_path / "full"
    full.mkdir()
    run(jsonl(full, {**record, "text": LAW_TEXT}), "--no-index")
    law = page("22/2012/QH13")
    revision = law.live_revision_id
    extract = {**record, "articles": [{"number": "1", "heading": "Phạm vi", "text": "Ngắn."}]}
    out = run(jsonl(tmp_path, extract), "--no-index")
    assert "0 created, 0 updated, 0 unchanged, 1 skipped" in out
    assert f"records.jsonl:1: same document as page {law.pk}, whose text is more complete (" in out
    law.refresh_from_db()
    assert law.live_revision_id == revision
    assert [a["article"]["number"] for a in law.articles()] == ["1", "2"]


def test_import_twice_changes_nothing(index, backend):
    run(JSONL, JSONL_GZ, "--no-index")
    pages = LegalDocumentPage.objects.count()
    revisions = {p.pk: p.latest_revision_id for p in LegalDocumentPage.objects.all()}
    changes = IndexChange.objects.count()
    reference = (DocumentType.objects.count(), IssuingBody.objects.count(), Sector.objects.count())
    out = run(JSONL, JSONL_GZ, "--no-index")
    assert "0 created, 0 updated, 8 unchanged, 7 skipped" in out
    assert LegalDocumentPage.objects.count() == pages == 8
    assert {p.pk: p.latest_revision_id for p in LegalDocumentPage.objects.all()} == revisions
    assert IndexChange.objects.count() == changes
    assert (
        DocumentType.objects.count(),
        IssuingBody.objects.count(),
        Sector.objects.count(),
    ) == reference
    assert StateLog.objects.filter(transition="import_published").count() == 8


def test_a_changed_record_updates_the_page(index, backend, tmp_path):
    run(JSONL, "--no-index")
    law = page("57/2020/QH14")
    first_revision = law.live_revision_id
    record = json.loads(JSONL.read_text(encoding="utf-8").splitlines()[0])
    record["title"] = "Luật Thanh niên (sửa đổi)"
    record["number"] = "57 / 2020 / qh14"  # same number, typed differently
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out = run(changed, "--no-index")
    assert "0 created, 1 updated, 0 unchanged" in out
    law.refresh_from_db()
    assert law.title == "Luật Thanh niên (sửa đổi)" and law.live
    assert law.live_revision_id != first_revision
    assert law.workflow.current_text.revision_id == law.live_revision_id
    assert LegalDocumentPage.objects.filter(number_key=law.number_key).count() == 1
    assert IndexChange.objects.pending().filter(page_id=law.pk).count() == 2


def test_gzip_files_and_directories(index, backend, tmp_path):
    out = run(JSONL_GZ, "--no-index")
    assert "2 created" in out
    decision = page("629/QĐ-UBND")
    assert decision.document_type.name == "Quyết định"
    assert not decision.document_type.is_normative  # no year in the number: administrative
    # A directory means its .jsonl and .jsonl.gz files, by name.
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(JSONL.read_bytes())
    (folder / "notes.txt").write_text("ignored")
    with gzip.open(folder / "b.jsonl.gz", "wb") as handle:
        handle.write(gzip.decompress(JSONL_GZ.read_bytes()))
    out = run(folder, "--no-index")
    assert "2 file(s), 15 records" in out and "6 created, 0 updated, 2 unchanged" in out


def test_reference_data_is_created_once_with_codes_from_numbers(index, backend):
    run(JSONL, JSONL_GZ, "--no-index")
    decree = DocumentType.objects.get(name="Nghị định")
    assert (decree.code, decree.is_normative) == ("NĐ", True)
    law = DocumentType.objects.get(name="Luật")
    assert (law.code, law.is_normative) == ("L", True)
    assert DocumentType.objects.get(name="Thông tư").code == "TT"
    assert IssuingBody.objects.get(name="Chính phủ").code == "CP"
    assert IssuingBody.objects.get(name="Quốc hội").code == "QH"  # not "QH14"
    # "Ủy ban Thường vụ" and "Uỷ ban thường vụ" are one body.
    standing = IssuingBody.objects.filter(name__icontains="thường vụ quốc hội")
    assert standing.count() == 1 and standing.get().code == "UBTVQH"
    assert page("05/2008/PL-UBTVQH12").issuing_body == standing.get()
    codes = list(IssuingBody.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    # Central bodies date their documents in the capital; local ones at the deployment's place.
    assert IssuingBody.objects.get(name="Quốc hội").place == "Hà Nội"
    assert page("629/QĐ-UBND").issuing_body.place == ""


def test_index_is_updated_at_the_end_through_the_outbox(index, backend):
    out = run(JSONL)
    assert set(backend.records) == set(LegalDocumentPage.objects.values_list("pk", flat=True))
    assert IndexChange.objects.pending().count() == 0
    assert "Search index: 6 indexed" in out
    # Applied in batches at the end, not one call per page.
    assert len([call for call in backend.calls if call[0] == "index"]) == 1


def test_index_unreachable_leaves_changes_pending(index, backend):
    backend.fail = ConnectionError("Elasticsearch unreachable")
    out = run(JSONL)
    assert LegalDocumentPage.objects.count() == len(GOOD_LINES)  # imported all the same
    assert IndexChange.objects.pending().values("page_id").distinct().count() == len(GOOD_LINES)
    assert "6 left pending" in out and "ConnectionError" in out


def test_document_in_another_workflow_state_is_left_alone(index, backend):
    existing = factories.legal_document(
        index, slug="629", number="629/QĐ-UBND", issued_on=datetime.date(2015, 4, 20)
    )
    perform_transition(
        workflow_id=existing.workflow.pk, name="unpublish", user=None, system=True, note="Sửa."
    )
    out = run(JSONL_GZ, "--no-index")
    assert f"documents.jsonl.gz:1: page {existing.pk} with this number is in workflow state" in out
    existing.refresh_from_db()
    assert not existing.live and existing.title == "Văn bản 629"


def test_planned_document_with_the_number_is_issued_and_published(index, backend):
    planned = factories.legal_document(index, slug="629", live=False)
    LegalDocumentPage.objects.filter(pk=planned.pk).update(
        number="629/QĐ-UBND", number_key="629/qd-ubnd", number_year=2015
    )
    out = run(JSONL_GZ, "--no-index")
    assert "1 created, 1 updated" in out
    planned.refresh_from_db()
    assert planned.live and planned.workflow.state == State.PUBLISHED
    assert planned.title == "Thành lập Ban chỉ đạo ứng dụng công nghệ thông tin"
    assert str(planned.issued_on) == "2015-04-20"
    log = StateLog.objects.for_(planned.workflow).get()
    assert log.description == "Nhập từ tệp documents.jsonl.gz, dòng 1."


def test_wagtail_search_index_on_request(index, backend):
    from wagtail.search.backends import get_search_backend

    run(JSONL, "--no-index", "--wagtail-index")
    found = get_search_backend().search("thanh niên", LegalDocumentPage)
    assert page("57/2020/QH14") in list(found)


def test_missing_file_and_missing_index_page(backend, tmp_path):
    with pytest.raises(CommandError, match="Not found"):
        run(tmp_path / "nope.jsonl")
    with pytest.raises(CommandError, match="no document index page"):
        run(JSONL)


def test_truncated_gzip_is_reported_and_the_rest_kept(index, backend, tmp_path):
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(JSONL_GZ.read_bytes()[:-12])
    out = run(broken, "--no-index")
    assert "file unreadable after this line" in out


@pytest.mark.parametrize(
    ("number", "parts"),
    [
        ("03/2011/NĐ-CP", ("NĐ", "CP")),
        ("57/2020/QH14", (None, "QH14")),
        ("09/2002/TTLT/BTCCBCP-BLĐTBXH", ("TTLT", "BTCCBCP-BLĐTBXH")),
        ("629/QĐ-UBND", ("QĐ", "UBND")),
        ("56-CTr/TU", ("CTr", "TU")),
        ("không phải số", (None, None)),
    ],
)
def test_number_parts(number, parts):
    assert number_parts(number) == parts


def test_codes_and_normative_types():
    assert initials("Nghị định") == "NĐ" and initials("Bộ Tài chính") == "BTC"
    assert is_normative("Luật", "21-LCT/HĐNN8")
    assert is_normative("Quyết định", "05/2015/QĐ-UBND")
    assert not is_normative("Quyết định", "629/QĐ-UBND")


SHORT_LAW_TEXT = LAW_TEXT.split("Điều 2.")[0] + "CHỦ TỊCH QUỐC HỘI\nNguyễn Sinh Hùng\n"


@pytest.mark.parametrize("commit_every", ["1", "200"])  # the first one committed, or pending
def test_duplicates_known_only_from_their_text_keep_the_most_complete(
    index, backend, tmp_path, commit_every
):
    path = jsonl(tmp_path, {"text": SHORT_LAW_TEXT}, {"text": LAW_TEXT}, {"text": SHORT_LAW_TEXT})
    out = run(path, "--no-index", "--commit-every", commit_every)
    skipped = sorted(line.strip() for line in out.splitlines() if line.startswith("  "))
    assert skipped == [
        "records.jsonl:1: same document as records.jsonl:2, whose text is more complete "
        "(73 words against 55): that one is kept",
        "records.jsonl:3: same document as records.jsonl:2, already imported",
    ]
    law = page("22/2012/QH13")
    assert [a["article"]["number"] for a in law.articles()] == ["1", "2"]
    assert law.workflow.current_text.revision_id == law.live_revision_id
    assert LegalDocumentPage.objects.count() == 1


def test_an_issuer_named_by_the_number_code_is_taken_unless_local(index, backend, tmp_path):
    IssuingBody.objects.create(name="Chính phủ", code="CP")
    IssuingBody.objects.create(name="Ủy ban nhân dân tỉnh Cao Bằng", code="UBND")
    common = {"type": "Nghị định", "title": "Về thanh niên", "issued_on": "2011-01-30"}
    decree = {**common, "number": "12/2011/NĐ-CP", "text": "Điều 1. Phạm vi"}
    decision = {**common, "number": "5/2011/QĐ-UBND", "text": "Điều 1. Phạm vi"}
    out = run(jsonl(tmp_path, decree, decision), "--no-index")
    assert "1 created" in out
    assert "records.jsonl:2: missing issuer, not in the text either" in out
    created = page("12/2011/NĐ-CP")
    assert created.issuing_body.name == "Chính phủ"
    assert StateLog.objects.for_(created.workflow).get().description == (
        "Nhập từ tệp records.jsonl, dòng 1. Cơ quan ban hành suy từ số văn bản."
    )


def test_a_batch_that_fails_is_retried_one_by_one(index, backend, tmp_path, monkeypatch):
    from workflow import bulk_publication

    real = bulk_publication.publish_new_documents

    def refuse_the_decree(*, parent, documents):
        if any(d.page.number == "12/2011/NĐ-CP" for d in documents):
            raise ValueError("refused on purpose")
        return real(parent=parent, documents=documents)

    monkeypatch.setattr("documents.corpus.importer.publish_new_documents", refuse_the_decree)
    out = run(JSONL, "--no-index")
    assert f"{len(GOOD_LINES) - 1} created" in out
    assert "documents.jsonl:2: unexpected error: ValueError: refused on purpose" in out
    assert not LegalDocumentPage.objects.filter(number="12/2011/NĐ-CP").exists()
    assert Page.objects.get(pk=index.pk).numchild == len(GOOD_LINES) - 1


def test_an_interrupted_import_resumes_without_duplicates(index, backend, monkeypatch):
    from workflow import bulk_publication

    real, calls = bulk_publication.publish_new_documents, []

    def interrupted(*, parent, documents):
        calls.append(len(documents))
        if len(calls) == 2:  # Ctrl-C while the second batch is being written
            real(parent=parent, documents=documents)
            raise KeyboardInterrupt
        return real(parent=parent, documents=documents)

    monkeypatch.setattr("documents.corpus.importer.publish_new_documents", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(JSONL, "--no-index", "--commit-every", "2")
    # The first batch is committed whole; nothing of the second is left.
    done = LegalDocumentPage.objects.count()
    assert done == calls[0] == 2
    monkeypatch.undo()

    out = run(JSONL, "--no-index", "--commit-every", "2")
    assert f"{len(GOOD_LINES) - done} created, 0 updated, {done} unchanged" in out
    pages = LegalDocumentPage.objects.all()
    assert pages.count() == len(GOOD_LINES)
    assert len({(p.number_key, p.number_year) for p in pages}) == len(GOOD_LINES)
    assert Page.objects.get(pk=index.pk).numchild == len(GOOD_LINES)
    assert len({p.path for p in pages}) == len(GOOD_LINES)
    for document in pages:
        assert document.live and document.workflow.state == State.PUBLISHED
        assert document.revisions.count() == 1
        assert document.workflow.issued_texts.count() == 1
        assert StateLog.objects.for_(document.workflow).count() == 1
        assert PageLogEntry.objects.filter(page=document, action="wagtail.publish").count() == 1


def _document(index, number: str) -> LegalDocumentPage:
    doc_type = DocumentType.objects.get_or_create(name="Luật", code="L", is_normative=True)[0]
    body = IssuingBody.objects.get_or_create(name="Quốc hội", code="QH")[0]
    return LegalDocumentPage(
        title="Luật Thanh niên",
        slug=number.replace("/", "-").lower(),
        summary="Luật Thanh niên",
        document_type=doc_type,
        issuing_body=body,
        number=number,
        issued_on=datetime.date(2020, 6, 16),
        preamble="Căn cứ Hiến pháp;",
        body=[{"type": "article", "value": {"number": "1", "heading": "Phạm vi", "text": "…"}}],
        live=False,
    )


def test_a_bulk_published_document_ends_as_import_issued_leaves_one(index, backend):
    """The bulk form and the one-at-a-time form of the import's publication agree."""
    from workflow.bulk_publication import NewDocument, publish_new_documents
    from workflow.official_text import import_issued

    sector = Sector.objects.create(name="Thanh niên", slug="thanh-nien")
    single = _document(index, "57/2020/QH14")
    single.sectors.set([sector])
    index.add_child(instance=single)
    import_issued(page=single, note="Nhập từ tệp a.jsonl, dòng 1.")
    bulk = _document(index, "58/2020/QH14")
    publish_new_documents(
        parent=Page.objects.get(pk=index.pk),
        documents=[NewDocument(page=bulk, sectors=(sector,), note="Nhập từ tệp a.jsonl, dòng 2.")],
    )

    def state(number: str) -> dict:
        page = LegalDocumentPage.objects.get(number=number)
        log = StateLog.objects.for_(page.workflow).get()
        pinned = page.workflow.current_text
        content = page.live_revision.content
        return {
            "live": (page.live, page.has_unpublished_changes, page.expired),
            "revisions": (page.revisions.count(), page.live_revision_id == page.latest_revision_id),
            "published": page.first_published_at is not None and page.last_published_at is not None,
            "tree": (page.depth, page.numchild, page.url_path.count("/"), page.locale_id),
            "workflow": (page.workflow.state, log.transition, log.source_state, log.state),
            "pinned": (pinned.kind, pinned.revision_id == page.live_revision_id),
            "logs": sorted(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)),
            "sectors": [s.name for s in page.sectors.all()],
            "revision": sorted(content),
            "revision sectors": content["sectors"],
            "revision title": page.live_revision.as_object().title,
            "outbox": IndexChange.objects.filter(page_id=page.pk).count(),
        }

    assert state("58/2020/QH14") == state("57/2020/QH14")
    bulk = page("58/2020/QH14")
    assert (
        bulk.workflow.current_text.fingerprint
        != page("57/2020/QH14").workflow.current_text.fingerprint
    )
    bulk.full_clean()  # a valid page, as if saved through Wagtail
    assert Page.find_problems() == ([], [], [], [], [])
    assert Page.objects.get(pk=index.pk).numchild == 2
