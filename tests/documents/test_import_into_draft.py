"""Uploading a DOCX to a draft: preview, then accept (new dossier version, new revision)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

pytestmark = pytest.mark.django_db


def draft_docx() -> bytes:
    document = Document()
    for line in [
        "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG",
        "Số: /2026/QĐ-UBND",
        "Cao Bằng, ngày 01 tháng 12 năm 2026",
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế phát ngôn",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy chế này quy định việc phát ngôn.",
        "Điều 2. Người phát ngôn",
        "1. Chủ tịch Ủy ban nhân dân tỉnh.",
        "a) trong trường hợp đột xuất;",
    ]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_preview_then_accept_replaces_the_body_and_keeps_history(client, drafter, draft):
    workflow = draft.workflow
    revisions_before = draft.revisions.count()
    upload = SimpleUploadedFile("du-thao.docx", draft_docx())
    preview = client.post(reverse("documents_import:upload", args=[workflow.pk]), {"file": upload})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Phạm vi điều chỉnh" in html and "Người phát ngôn" in html
    assert "Ban hành Quy chế phát ngôn" in html
    token = preview.context["preview"].token
    # Nothing changed yet.
    assert not workflow.dossier_files.exists()

    response = client.post(
        reverse("documents_import:accept", args=[workflow.pk]),
        {"token": token, "filename": "du-thao.docx", "decision": "accept"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    latest = draft.get_latest_revision_as_object()
    articles = [a["article"] for a in latest.articles()]
    assert [(a["number"], a["heading"]) for a in articles] == [
        ("1", "Phạm vi điều chỉnh"),
        ("2", "Người phát ngôn"),
    ]
    assert articles[1]["clauses"][0]["points"][0]["letter"] == "a"
    assert draft.revisions.count() == revisions_before + 1
    assert workflow.dossier_files.get().kind == "draft"


def test_bad_files_are_refused_and_nothing_is_stored(client, drafter, draft):
    url = reverse("documents_import:upload", args=[draft.workflow.pk])
    for name, data, message in [
        ("x.docx", b"plain text", "Chỉ nhận tệp Word"),
        ("x.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word 97-2003"),
        ("x.pdf", b"%PDF-1.4 test", "Chỉ nhập được nội dung từ tệp Word"),
    ]:
        response = client.post(url, {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not draft.workflow.dossier_files.exists()
    assert draft.revisions.count() == 1


def test_cancel_leaves_the_draft_alone(client, drafter, draft):
    workflow = draft.workflow
    preview = client.post(
        reverse("documents_import:upload", args=[workflow.pk]),
        {"file": SimpleUploadedFile("d.docx", draft_docx())},
    )
    token = preview.context["preview"].token
    client.post(
        reverse("documents_import:accept", args=[workflow.pk]),
        {"token": token, "filename": "d.docx", "decision": "cancel"},
    )
    assert not workflow.dossier_files.exists()
    response = client.post(
        reverse("documents_import:accept", args=[workflow.pk]),
        {"token": token, "filename": "d.docx", "decision": "accept"},
        follow=True,
    )
    assert "hết hạn" in response.content.decode()
