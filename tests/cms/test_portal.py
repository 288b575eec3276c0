import datetime

import pytest

from cms.validity import Validity
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date

BODY = [
    {"type": "chapter", "value": {"number": "I", "heading": "QUY ĐỊNH CHUNG"}},
    {
        "type": "article",
        "value": {
            "number": "5a",
            "heading": "Người phát ngôn",
            "text": "",
            "clauses": [
                {
                    "number": "1",
                    "text": "Chủ tịch là người phát ngôn.",
                    "points": [{"letter": "đ", "text": "trường hợp đột xuất;"}],
                }
            ],
        },
    },
]


@pytest.fixture
def index():
    return factories.site_tree()[1]


def test_document_page_shows_metadata_text_and_anchors(client, index):
    page = factories.legal_document(
        index,
        slug="05-2015-qd-ubnd",
        number="05/2015/QĐ-UBND",
        document_type=factories.document_type(is_normative=True),
        issued_on=D(2015, 3, 2),
        effective_on=D(2015, 3, 12),
        signer="Nguyễn Văn A",
        signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        recipients="Bộ Tư pháp;\nLưu: VT.",
        body=BODY,
    )
    html = client.get(page.url).content.decode()
    assert "Quyết định 05/2015/QĐ-UBND" in html
    assert "02/03/2015" in html and "12/03/2015" in html
    assert str(Validity.IN_FORCE.label) in html
    assert 'id="dieu-5a"' in html and 'href="#dieu-5a"' in html
    assert "Chương I" in html
    assert "đ) trường hợp đột xuất;" in html
    assert "KT. CHỦ TỊCH" in html and "PHÓ CHỦ TỊCH" in html
    assert "Lưu: VT." in html


def test_index_lists_live_documents_newest_first_and_paginates(client, index):
    for day in range(1, 23):
        factories.legal_document(
            index, slug=f"doc-{day}", number=f"{day}/QĐ-UBND", issued_on=D(2015, 1, day)
        )
    factories.legal_document(index, slug="hidden", title="Dự thảo chưa ban hành", live=False)
    first = client.get(index.url).content.decode()
    assert "22 văn bản" in first
    assert first.index("22/QĐ-UBND") < first.index("21/QĐ-UBND")
    assert "Dự thảo chưa ban hành" not in first
    second = client.get(index.url, {"page": 2}).content.decode()
    assert "2/QĐ-UBND" in second and "22/QĐ-UBND" not in second
    # A page number out of range or malformed shows a valid page, not an error.
    assert client.get(index.url, {"page": "abc"}).status_code == 200
    assert client.get(index.url, {"page": "999"}).status_code == 200


def test_unpublished_documents_are_not_served(client, index):
    draft = factories.legal_document(index, slug="draft", title="Dự thảo mật", live=False)
    response = client.get("/van-ban/draft/")
    assert response.status_code == 404
    assert "Dự thảo mật" not in response.content.decode()
    assert "Dự thảo mật" not in client.get("/").content.decode()
    assert draft.pk


def test_english_is_available_through_the_language_switch(client, index):
    factories.legal_document(index, slug="doc", number="1/QĐ-UBND", issued_on=D(2015, 1, 1))
    response = client.get("/i18n/en/", {"next": "/van-ban/doc/"})
    assert response.status_code == 302 and response["Location"] == "/van-ban/doc/"
    html = client.get("/van-ban/doc/").content.decode()
    assert 'lang="en"' in html
    assert "Issuing body" in html
    assert "01/01/2015" in html
