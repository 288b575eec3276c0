"""Hostile or broken files posted to the DOCX import and the dossier upload: each is refused with
a Vietnamese message, nothing is stored, and memory stays bounded (no decompression of bombs)."""

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.documents.test_import_into_draft import draft_docx
from workflow.models import DossierFile

pytestmark = pytest.mark.django_db

MEMORY_LIMIT = 50 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Điều 1. Phạm vi</w:t></w:r></w:p></w:body></w:document>"
)


# -- the files ------------------------------------------------------------------------------------


def text_as_docx() -> bytes:
    return "Điều 1. Đây chỉ là văn bản thuần, đổi tên thành .docx\n".encode() * 20


def truncated_docx() -> bytes:
    data = draft_docx()
    return data[: len(data) // 2]


def zip_bomb(megabytes: int = 300) -> bytes:
    """A DOCX-shaped zip with a member of ``megabytes`` MB of zeros, written in 1 MB chunks."""
    buffer = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", DOCUMENT_XML)
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return buffer.getvalue()


def encrypted_ole() -> bytes:
    """What Word writes for a password-protected DOCX: an OLE container with an
    "EncryptedPackage" stream (its UTF-16-LE name sits in a directory sector)."""
    header = OLE_MAGIC + b"\0" * (512 - len(OLE_MAGIC))
    name = "EncryptedPackage".encode("utf-16-le")
    directory = name + b"\0" * (128 - len(name))
    return header + b"\0" * 512 + directory + b"\0" * 1024


def xxe_docx() -> bytes:
    """A real DOCX whose main part declares an external entity on /etc/passwd and uses it."""
    source = zipfile.ZipFile(io.BytesIO(draft_docx()))
    xml = source.read("word/document.xml").decode()
    head, body = xml.split("<w:body>", 1)
    prolog, root = head.split("<w:document", 1)
    evil = (
        prolog
        + '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + "<w:document"
        + root
        + "<w:body><w:p><w:r><w:t>Điều 9. Nội dung &xxe; hết</w:t></w:r></w:p>"
        + body
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = evil.encode() if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item, data)
    return buffer.getvalue()


def oversized() -> bytes:
    return b"%PDF-1.4\n" + bytes(2 * 1024 * 1024)


# -- fixtures and helpers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


def imports_dir() -> set[Path]:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "imports"
    return set(folder.iterdir()) if folder.exists() else set()


def post_measured(client, url: str, data: dict):
    tracemalloc.start()
    try:
        response = client.post(url, data)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT, f"peak {peak / 1e6:.1f} MB"
    return response


def assert_refused(response, message: str, status: int = 400) -> str:
    """Import refusals are a 400 with the form and its message; dossier uploads re-show
    their form (200)."""
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert "root:" not in html
    return html


def assert_nothing_stored(draft, imports_before: set[Path]) -> None:
    assert not DossierFile.objects.filter(workflow=draft.workflow).exists()
    assert draft.revisions.count() == 1
    assert imports_dir() == imports_before


# -- import into a draft --------------------------------------------------------------------------

BAD_FILES = [
    ("text-renamed", "x.docx", text_as_docx, "Chỉ nhận tệp Word (.docx) hoặc PDF"),
    ("truncated", "x.docx", truncated_docx, "Tệp Word bị hỏng, không đọc được."),
    ("password", "x.docx", encrypted_ole, "Tệp Word có đặt mật khẩu."),
]


@pytest.mark.parametrize(
    ("name", "data", "message"), [f[1:] for f in BAD_FILES], ids=[f[0] for f in BAD_FILES]
)
def test_import_refuses_bad_files(client, drafter, draft, name, data, message):
    before = imports_dir()
    url = reverse("documents_import:upload", args=[draft.workflow.pk])
    response = post_measured(client, url, {"file": SimpleUploadedFile(name, data())})
    assert_refused(response, message)
    assert "preview" not in response.context
    assert_nothing_stored(draft, before)


def test_import_refuses_a_zip_bomb_before_decompressing(client, drafter, draft, bomb):
    assert len(bomb) < 2 * 1024 * 1024  # the test file itself stays small
    before = imports_dir()
    url = reverse("documents_import:upload", args=[draft.workflow.pk])
    response = post_measured(client, url, {"file": SimpleUploadedFile("bom.docx", bomb)})
    assert_refused(response, "nén quá mức")
    assert_nothing_stored(draft, before)


def test_import_refuses_an_oversized_file(client, drafter, draft, settings):
    settings.DOSSIER_MAX_UPLOAD_SIZE = 1024 * 1024
    before = imports_dir()
    url = reverse("documents_import:upload", args=[draft.workflow.pk])
    response = post_measured(client, url, {"file": SimpleUploadedFile("lon.docx", oversized())})
    assert_refused(response, "Tệp quá lớn (2,0 MB); dung lượng tối đa là 1,0 MB.")
    assert_nothing_stored(draft, before)


def test_import_never_resolves_external_entities(client, drafter, draft):
    before = imports_dir()
    url = reverse("documents_import:upload", args=[draft.workflow.pk])
    response = post_measured(client, url, {"file": SimpleUploadedFile("xxe.docx", xxe_docx())})
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert "root:" not in html
    preview = response.context.get("preview")
    if preview is None:  # refused: with a message, and nothing kept
        assert "Không đọc được tệp Word" in html
        assert_nothing_stored(draft, before)
        return
    # Parsed with the entity left unresolved: nothing from /etc/passwd anywhere.
    assert "root:" not in repr(preview.parsed) and "root:" not in repr(preview.content.blocks)
    assert "Phạm vi điều chỉnh" in html
    # A preview is kept aside but nothing is stored in the dossier or the page yet.
    assert not DossierFile.objects.filter(workflow=draft.workflow).exists()
    assert draft.revisions.count() == 1
    client.post(
        reverse("documents_import:accept", args=[draft.workflow.pk]),
        {"token": preview.token, "filename": "xxe.docx", "decision": "cancel"},
    )
    assert imports_dir() == before


# -- dossier upload -------------------------------------------------------------------------------


def test_dossier_upload_refuses_an_oversized_file(client, drafter, draft, settings):
    settings.DOSSIER_MAX_UPLOAD_SIZE = 1024 * 1024
    url = reverse("workflow:upload", args=[draft.workflow.pk])
    upload = SimpleUploadedFile("lon.docx", oversized())
    response = post_measured(client, url, {"kind": "draft", "file": upload})
    assert_refused(response, "Tệp quá lớn (2,0 MB); dung lượng tối đa là 1,0 MB.", 200)
    assert not DossierFile.objects.filter(workflow=draft.workflow).exists()


def test_dossier_upload_refuses_a_zip_bomb(client, drafter, draft, bomb):
    url = reverse("workflow:upload", args=[draft.workflow.pk])
    upload = SimpleUploadedFile("bom.docx", bomb)
    response = post_measured(client, url, {"kind": "draft", "file": upload})
    assert_refused(response, "nén quá mức", 200)
    assert not DossierFile.objects.filter(workflow=draft.workflow).exists()
