"""End to end on two real records of the shared corpus (laws-vlc): Luật Doanh nghiệp
68/2014/QH13 and the law that ends it, 59/2020/QH14 (Article 217, clause 2: "… hết hiệu lực
kể từ ngày Luật này có hiệu lực thi hành", in force from 01/01/2021).

Imported with ``import_documents`` (which reads the relations after the import and indexes at
the end), 68/2014/QH13 is "Hết hiệu lực toàn bộ" from 01/01/2021 on the portal, in the search
facets and in the Wagtail API; 59/2020/QH14 itself, imported without any status in its record
and ended by nothing, is "Chưa xác định".
"""

import gzip
import io
import json
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from cms.models import DocumentRelation, LegalDocumentPage
from tests import factories

CORPUS = Path(os.environ.get("LEGAL_CORPUS_DIR", "/work/shared/corpus")) / "laws-vlc.jsonl.gz"
NUMBERS = ("68/2014/QH13", "59/2020/QH14")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CORPUS.exists(), reason=f"corpus not found: {CORPUS}"),
]


@pytest.fixture
def imported(tmp_path):
    factories.site_tree()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        records = [line for line in lines if json.loads(line)["number"] in NUMBERS]
    assert len(records) == 2
    path = tmp_path / "two-laws.jsonl"
    path.write_text("".join(records), encoding="utf-8")
    out = io.StringIO()
    call_command("import_documents", str(path), stdout=out, stderr=io.StringIO())
    assert "2 created" in out.getvalue()
    return out.getvalue()


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_68_2014_qh13_is_expired_by_59_2020_qh14(imported, client):
    assert "Relations read from the texts: 2 documents read" in imported
    old = LegalDocumentPage.objects.get(number="68/2014/QH13")
    new = LegalDocumentPage.objects.get(number="59/2020/QH14")
    relation = DocumentRelation.objects.get(source=new, target=old)
    assert (relation.kind, relation.partial, relation.source_article) == ("repeals", False, "217")

    # The portal's document page: the status, and who ends it, from when, by which article.
    page = text(client.get(old.url).content.decode())
    assert "Tình trạng hiệu lực Hết hiệu lực toàn bộ" in page
    assert "Bị bãi bỏ bởi: Luật 59/2020/QH14 (Điều 217)" in page
    assert "từ ngày 01/01/2021" in page
    assert "Tình trạng hiệu lực Chưa xác định" in text(client.get(new.url).content.decode())

    # The search API's facets and filter.
    data = client.get("/api/search/", {"q": ""}).json()
    facet = {
        value["value"]: (value["label"], value["count"]) for value in data["facets"]["validity"]
    }
    assert facet == {"expired": ("Hết hiệu lực toàn bộ", 1), "unknown": ("Chưa xác định", 1)}
    expired = client.get("/api/search/", {"q": "", "validity": "expired"}).json()
    assert [hit["number"] for hit in expired["hits"]] == ["68/2014/QH13"]

    # The Wagtail API.
    api = client.get(f"/api/v2/van-ban/{old.pk}/").json()
    assert api["validity_status"] == "expired"
    assert api["validity_terminations"] == [
        {
            "kind": "repeals",
            "partial": False,
            "source_number": "59/2020/QH14",
            "source_article": "217",
            "from": "2021-01-01",
        }
    ]
    assert client.get(f"/api/v2/van-ban/{new.pk}/").json()["validity_status"] == "unknown"
