"""Open legal data on the portal: the Akoma Ntoso XML of a published document (linked from its
page and from the API), and the bulk download of every published document, which
``import_documents`` loads back into an empty database with the same documents and articles."""

import datetime
import gzip
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from lxml import etree

from cms.blocks import article_plain_text, placed_articles
from cms.models import IssuingBody, LegalDocumentPage
from documents.akn import AKN_NAMESPACE
from tests import factories
from tests.documents.test_akn import CORPUS, LAWS

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents():
    index = factories.site_tree()[1]
    published = factories.legal_document(
        index,
        slug="05-2015-qd-ubnd",
        number="05/2015/QĐ-UBND",
        issued_on=datetime.date(2015, 3, 2),
        effective_on=datetime.date(2015, 3, 12),
        document_type=factories.document_type(is_normative=True),
        body=[
            {
                "type": "article",
                "value": {
                    "number": "1",
                    "heading": "Phạm vi",
                    "text": "Quy định này.",
                    "clauses": [],
                },
            }
        ],
    )
    draft = factories.legal_document(index, slug="du-thao", live=False)
    return published, draft


def test_akn_of_a_published_document_only(client, documents):
    published, draft = documents
    response = client.get(reverse("documents:akn", args=[published.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/akn+xml; charset=utf-8"
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{AKN_NAMESPACE}}}akomaNtoso"
    # Unchanged text: the client's copy is still good.
    again = client.get(
        reverse("documents:akn", args=[published.pk]), HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    assert client.get(reverse("documents:akn", args=[draft.pk])).status_code == 404
    assert client.get(reverse("documents:akn", args=[999999])).status_code == 404


def test_akn_names_resolve_to_the_document(client, documents):
    published, _draft = documents
    akn = reverse("documents:akn", args=[published.pk])
    work = "/akn/vn-caobang/act/quyet-dinh/2015/05-2015-qd-ubnd"
    for name in (work, f"{work}/vie@2015-03-02", f"{work}/vie@2015-03-02.xml"):
        response = client.get(name)
        assert (response.status_code, response["Location"]) == (302, akn), name
    assert client.get("/akn/vn-caobang/act/quyet-dinh/2015/06-2015-qd-ubnd").status_code == 404
    assert client.get("/akn/../../etc/passwd").status_code == 404


def test_linked_from_the_page_the_index_and_the_api(client, documents):
    published, _draft = documents
    akn = reverse("documents:akn", args=[published.pk])
    assert f'href="{akn}"' in client.get(published.url).content.decode()
    assert (
        reverse("documents:bulk_jsonl") in client.get(published.get_parent().url).content.decode()
    )
    items = client.get("/api/v2/van-ban/").json()["items"]
    assert [item["meta"]["akn_url"] for item in items] == [settings.PORTAL_BASE_URL + akn]


@pytest.mark.usefixtures("documents")
def test_bulk_download_lists_published_documents(client):
    response = client.get(reverse("documents:bulk_jsonl"))
    records = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    assert [r["number"] for r in records] == ["05/2015/QĐ-UBND"]
    assert records[0]["articles"] == [
        {"number": "1", "heading": "Phạm vi", "text": "Quy định này."}
    ]
    assert records[0]["id"] == "/akn/vn-caobang/act/quyet-dinh/2015/05-2015-qd-ubnd"
    compressed = client.get(reverse("documents:bulk_jsonl_gz"))
    assert gzip.decompress(b"".join(compressed.streaming_content)).decode().count("\n") == 1


def snapshot() -> dict:
    """What must survive the round trip: each document's metadata and its articles."""
    return {
        (page.number, page.issued_on): {
            "title": page.title,
            "type": page.document_type.name,
            "issuer": page.issuing_body.name,
            "effective_on": page.effective_on,
            "articles": [
                (
                    a.number,
                    " ".join(str(a.article.get("heading") or "").split()),
                    article_plain_text(a.article),
                )
                for a in placed_articles(page.body.raw_data)
            ],
        }
        for page in LegalDocumentPage.objects.live().select_related("document_type", "issuing_body")
    }


class _Discard(Exception):
    """Rolls back what the portal held, leaving an empty database for the re-import."""


@pytest.mark.skipif(not CORPUS.exists(), reason=f"corpus not found: {CORPUS}")
def test_export_reimports_into_an_empty_database(tmp_path):
    exported = tmp_path / "export.jsonl.gz"
    try:
        with transaction.atomic():
            call_command("load_demo", stdout=io.StringIO())
            with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
                records = [line for line in lines if json.loads(line)["number"] in LAWS]
            laws = tmp_path / "laws.jsonl"
            laws.write_text("".join(records), encoding="utf-8")
            call_command(
                "import_documents",
                str(laws),
                "--workers=0",
                stdout=io.StringIO(),
                stderr=io.StringIO(),
            )
            before = snapshot()
            call_command("export_documents", "--jsonl", str(exported), stderr=io.StringIO())
            raise _Discard
    except _Discard:
        pass
    assert len(before) >= 3 + len(LAWS)
    assert not LegalDocumentPage.objects.exists()
    assert not IssuingBody.objects.exists()

    factories.site_tree()
    out = io.StringIO()
    call_command("import_documents", str(exported), "--workers=0", stdout=out, stderr=io.StringIO())
    assert f"{len(before)} created" in out.getvalue()
    assert snapshot() == before
