"""The import screens under the limits: the crafted million-paragraph file is a 400 with a
reason and leaves nothing behind; a long document is previewed on a bounded page and imported
whole."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.documents import crafted
from workflow.models import DossierFile

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def million_paragraphs() -> bytes:
    """The reported file: 6 MB uploaded, 84 MB of XML (a million tiny paragraphs, compressed
    about 14 to 1, so every zip check of the upload passes)."""
    return crafted.docx(crafted.tiny_paragraphs(1_000_000))


def stored_previews() -> set[Path]:
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "imports"
    return set(folder.iterdir()) if folder.exists() else set()


def test_the_million_paragraph_file_is_refused_and_nothing_is_stored(
    client, drafter, draft, million_paragraphs
):
    before = stored_previews()
    response = client.post(
        reverse("documents_import:upload", args=[draft.workflow.pk]),
        {"file": SimpleUploadedFile("du-thao.docx", million_paragraphs)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không nhập được tệp Word vì phần nội dung word/document.xml có 80 MB" in html
    assert "vượt giới hạn 32 MB" in html and "Tệp chưa được lưu" in html
    assert "preview" not in response.context
    assert len(response.content) < 200_000
    assert stored_previews() == before
    assert not DossierFile.objects.filter(workflow=draft.workflow).exists()
    assert draft.revisions.count() == 1


def long_decision(articles: int, stray: int) -> bytes:
    """A decision with ``articles`` articles (two clauses each) and ``stray`` paragraphs before
    the first article that the page body has no place for."""
    head = ["ỦY BAN NHÂN DÂN TỈNH CAO BẰNG", "Số: /2026/QĐ-UBND", "QUYẾT ĐỊNH", "Về việc thử"]
    preamble = [f"Căn cứ văn bản số {n};" for n in range(80)]
    lines = [*head, *preamble, "QUYẾT ĐỊNH:"]
    lines += ["Chương I", "QUY ĐỊNH CHUNG"] + [f"Đoạn lẻ {n}" for n in range(stray)]
    for number in range(1, articles + 1):
        lines += [f"Điều {number}. Điều khoản {number}", "1. Khoản một.", "2. Khoản hai."]
    return crafted.docx(crafted.paragraph(line) for line in lines)


def test_a_long_document_is_previewed_on_a_bounded_page_and_imported_whole(client, drafter, draft):
    workflow = draft.workflow
    data = long_decision(articles=1500, stray=400)
    response = client.post(
        reverse("documents_import:upload", args=[workflow.pk]),
        {"file": SimpleUploadedFile("dai.docx", data)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    preview = response.context["preview"]
    assert len(preview.content.blocks) == 1501  # the chapter and every article
    # The page lists the first items and says how many more there are.
    assert html.count("Điều khoản") == 199 and "Điều khoản 199" in html
    assert "… và 1301 chương, mục, điều khác không hiển thị ở đây" in html
    # 80 preamble lines and the 400 stray lines before the first article (they join it), 50 shown
    assert "… và 430 dòng khác không hiển thị ở đây" in html
    assert html.count("Đoạn lẻ") == 100 and "… và 300 điểm cần kiểm tra khác" in html
    assert len(response.content) < 300_000

    accepted = client.post(
        reverse("documents_import:accept", args=[workflow.pk]),
        {"token": preview.token, "filename": "dai.docx", "decision": "accept"},
        follow=True,
    )
    assert "Đã thay nội dung văn bản" in accepted.content.decode()
    draft.refresh_from_db()
    page = draft.get_latest_revision_as_object()
    numbers = [item["article"]["number"] for item in page.articles()]
    assert numbers == [str(n) for n in range(1, 1501)]
