import json
import unicodedata

import pytest

from cms.models import IssuingBody
from tests import factories

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_snippet_text_is_stored_as_nfc():
    body = IssuingBody.objects.create(name=nfd("Sở Tư pháp"), code="STP")
    body.refresh_from_db()
    assert body.name == "Sở Tư pháp"
    assert unicodedata.is_normalized("NFC", body.name)


def test_page_fields_and_structured_body_are_stored_as_nfc():
    _home, index = factories.site_tree()
    page = factories.legal_document(
        index,
        slug="nfd",
        number=nfd("629/QĐ-UBND"),
        summary=nfd("Về việc thành lập Ban chỉ đạo"),
        body=[
            {
                "type": "article",
                "value": {
                    "number": "1",
                    "heading": nfd("Phạm vi điều chỉnh"),
                    "text": nfd("Quyết định này có hiệu lực kể từ ngày ký."),
                    "clauses": [],
                },
            }
        ],
    )
    page.refresh_from_db()
    assert page.summary == "Về việc thành lập Ban chỉ đạo"
    assert page.number == "629/QĐ-UBND"
    assert page.number_key == "629/qd-ubnd"
    article = next(page.articles()).article
    assert article["heading"] == "Phạm vi điều chỉnh"
    assert article["text"] == "Quyết định này có hiệu lực kể từ ngày ký."
    # Revisions (what the editor reopens) are normalised too.
    revision_body = json.loads(page.get_latest_revision().content["body"])
    assert revision_body[0]["value"]["heading"] == "Phạm vi điều chỉnh"
