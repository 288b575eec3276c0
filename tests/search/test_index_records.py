"""``search.index_records``: what the index receives from a published legal document page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.blocks import LegalBodyBlock, article_plain_text
from cms.models import DocumentRelation, LegalDocumentPage, Sector
from cms.record import body_lines
from cms.relation_kinds import RelationKind
from search.backends.base import ArticleRecord
from search.index_records import (
    indexable_documents,
    prepare_record,
    prepare_terminations,
    prepare_text,
    records_for,
)
from tests import factories
from tests.whole_text import WHOLE_BODY

pytestmark = pytest.mark.django_db
D = datetime.date

BODY = [
    ("chapter", {"number": "I", "heading": "Những quy định chung"}),
    (
        "article",
        {
            "number": "1",
            "heading": "Phạm vi điều chỉnh",
            "text": "Quy chế này quy định việc sử dụng chữ ký số.",
            "clauses": [],
        },
    ),
    ("section", {"number": "1", "heading": "Chữ ký số"}),
    (
        "article",
        {
            "number": "5a",
            "heading": "",
            "text": "Cơ quan có trách nhiệm:",
            "clauses": [
                {
                    "number": "1",
                    "text": "Quản lý chứng thư số;",
                    "points": [
                        {"letter": "a", "text": "Cấp mới;"},
                        {"letter": "đ", "text": "Thu hồi."},
                    ],
                },
                {"number": "2", "text": "Báo cáo định kỳ.", "points": []},
            ],
        },
    ),
]


@pytest.fixture
def index():
    return factories.site_tree()[1]


@pytest.fixture
def document(index):
    page = factories.legal_document(
        index,
        slug="quy-che-chu-ky-so",
        number="12/2020/QĐ-UBND",
        issued_on=D(2020, 3, 1),
        effective_on=D(2020, 3, 15),
        title="Quyết định ban hành Quy chế sử dụng chữ ký số",
        summary="Ban hành Quy chế sử dụng chữ ký số trong cơ quan nhà nước",
        preamble="Căn cứ Luật Giao dịch điện tử;\nCăn cứ Nghị định số 130/2018/NĐ-CP;",
        body=BODY,
        document_type=factories.document_type(code="QĐ", is_normative=True),
    )
    page.sectors.set(
        [
            Sector.objects.create(name="Hành chính", slug="hanh-chinh"),
            Sector.objects.create(name="Công nghệ thông tin", slug="cntt"),
        ]
    )
    page.save()
    return page


def test_record_of_a_published_page(document):
    record = prepare_record(document)
    assert record.page_id == document.pk
    assert record.url == "/van-ban/quy-che-chu-ky-so/" == document.get_url()
    assert record.number == "12/2020/QĐ-UBND"
    assert record.number_key == "12/2020/qd-ubnd"
    assert record.title == "Quyết định ban hành Quy chế sử dụng chữ ký số"
    assert record.summary.startswith("Ban hành Quy chế")
    assert (record.type_id, record.type_name) == (document.document_type_id, "Quyết định")
    assert record.issuer_name == "Ủy ban nhân dân tỉnh Cao Bằng"
    assert record.sectors == (("cntt", "Công nghệ thông tin"), ("hanh-chinh", "Hành chính"))
    assert (record.issued_on, record.effective_on, record.expires_on) == (
        D(2020, 3, 1),
        D(2020, 3, 15),
        None,
    )
    assert record.terminated_on is None and record.partly_terminated_on is None


def test_articles_with_anchors_and_plain_text(document):
    first, second = prepare_record(document).articles
    assert first == ArticleRecord(
        number="1",
        heading="Phạm vi điều chỉnh",
        anchor="dieu-1",
        text="Quy chế này quy định việc sử dụng chữ ký số.",
    )
    assert second.anchor == "dieu-5a" and second.heading == ""
    assert second.text.splitlines() == [
        "Cơ quan có trách nhiệm:",
        "1. Quản lý chứng thư số;",
        "a) Cấp mới;",
        "đ) Thu hồi.",
        "2. Báo cáo định kỳ.",
    ]


def test_text_is_the_preamble_and_everything_outside_articles(document):
    assert prepare_text(document).splitlines() == [
        "Căn cứ Luật Giao dịch điện tử;",
        "Căn cứ Nghị định số 130/2018/NĐ-CP;",
        "Chương I. Những quy định chung",
        "Mục 1. Chữ ký số",
    ]


def test_terminations_come_from_issued_documents_replacing_or_repealing(index, document):
    def later(slug, number, issued_on, effective_on=None):
        return factories.legal_document(
            index, slug=slug, number=number, issued_on=issued_on, effective_on=effective_on
        )

    partly = later("bai-bo-mot-phan", "1/QĐ-UBND", D(2021, 1, 1), D(2021, 2, 1))
    partly_early = later("bai-bo-som", "2/QĐ-UBND", D(2020, 12, 1))
    whole = later("thay-the", "3/QĐ-UBND", D(2022, 1, 1), D(2022, 3, 1))
    amends = later("sua-doi", "4/QĐ-UBND", D(2020, 6, 1))
    draft = factories.legal_document(index, slug="du-thao-thay-the", live=False)
    for source, kind, partial in [
        (partly, RelationKind.REPEALS, True),
        (partly_early, RelationKind.REPLACES, True),
        (whole, RelationKind.REPLACES, False),
        (amends, RelationKind.AMENDS, False),
        (draft, RelationKind.REPLACES, False),  # not issued: does not count
    ]:
        DocumentRelation.objects.create(source=source, target=document, kind=kind, partial=partial)
    record = prepare_record(LegalDocumentPage.objects.get(pk=document.pk))
    # The earliest of each kind: a document issued without an effective date counts from
    # its issue date, as in LegalDocumentPage.validity_on.
    assert record.partly_terminated_on == D(2020, 12, 1)
    assert record.terminated_on == D(2022, 3, 1)
    # Prefetched relations give the same dates.
    prefetched = next(records_for(LegalDocumentPage.objects.filter(pk=document.pk)))
    assert (prefetched.terminated_on, prefetched.partly_terminated_on) == (
        record.terminated_on,
        record.partly_terminated_on,
    )
    assert prepare_terminations(whole) == (None, None)


def test_records_for_many_pages_in_a_fixed_number_of_queries(index, document):
    def queries_for(count: int) -> int:
        for i in range(count - len(indexable_documents())):
            factories.legal_document(index, slug=f"vb-{count}-{i}", number=f"{count}{i}/QĐ-UBND")
        list(records_for(indexable_documents()))  # site root paths reach the cache
        with CaptureQueriesContext(connection) as captured:
            records = list(records_for(indexable_documents()))
        assert len(records) == count
        return len(captured)

    assert queries_for(2) == queries_for(6)


def test_only_published_issued_documents_are_indexable(index, document):
    factories.legal_document(index, slug="du-thao", live=False)
    assert list(indexable_documents()) == [document.specific]


def test_page_without_articles(index):
    page = factories.legal_document(index, slug="khong-dieu", number="9/QĐ-UBND", preamble="")
    record = prepare_record(page)
    assert record.articles == () and record.text == ""


def test_records_read_in_batches_equal_records_of_single_pages(index, document):
    # records_for reads the body as JSON text and makes records in a worker thread;
    # prepare_record reads the page's own body: the same record either way.
    other = factories.legal_document(index, slug="khac", number="7/QĐ-UBND", body=BODY[:2])
    single = [
        prepare_record(LegalDocumentPage.objects.get(pk=pk)) for pk in (document.pk, other.pk)
    ]
    assert list(records_for(indexable_documents(), batch_size=1)) == single


def test_article_text_from_raw_data_is_the_blocks_text(document):
    article = document.body[3].value
    raw = document.body.raw_data[3]["value"]
    assert article_plain_text(raw) == article.plain_text()
    assert article.plain_text().splitlines() == [
        "Cơ quan có trách nhiệm:",
        "1. Quản lý chứng thư số;",
        "a) Cấp mới;",
        "đ) Thu hồi.",
        "2. Báo cáo định kỳ.",
    ]
    # Lists saved before Wagtail 2.16 hold the values alone.
    old_style = {**raw, "clauses": [item["value"] for item in raw["clauses"]]}
    old_style["clauses"][0] = {
        **old_style["clauses"][0],
        "points": [item["value"] for item in raw["clauses"][0]["value"]["points"]],
    }
    assert article_plain_text(old_style) == article.plain_text()


def test_every_kind_of_body_block_reaches_the_index(index):
    # The whole-text body has every kind of block: each word of its canonical text is in the
    # record, in the text outside articles or in an article (a new kind of block must be
    # taught to prepare_text or prepare_articles, and added to WHOLE_BODY).
    assert {block["type"] for block in WHOLE_BODY} == set(LegalBodyBlock.base_blocks)
    page = factories.legal_document(index, slug="toan-van", number="12/QĐ-UBND", body=WHOLE_BODY)
    record = prepare_record(page)
    indexed = [record.text] + [f"{a.number} {a.heading}\n{a.text}" for a in record.articles]

    def words(text: str) -> set[str]:
        return {word.strip(".") for word in text.split()} - {"Điều", "|"}

    assert words(" ".join(body_lines(WHOLE_BODY))) <= words(" ".join(indexed))


def test_articles_of_attached_texts_are_indexed_with_anchor_and_citation(index):
    page = factories.legal_document(index, slug="toan-van", number="12/QĐ-UBND", body=WHOLE_BODY)
    articles = prepare_record(page).articles
    assert [(a.number, a.anchor) for a in articles] == [
        ("1", "dieu-1"),
        ("2", "dieu-2"),
        ("1 của Quy định ban hành kèm theo", "kt-dieu-1"),
        ("5 của Quy định ban hành kèm theo", "kt-dieu-5"),
        ("1 của Quy chế ban hành kèm theo", "kt2-dieu-1"),
    ]
    assert articles[3].heading == "Hồ sơ" and articles[3].text == "Hồ sơ gồm các giấy tờ sau."
    # An article's tables are part of its text, row by row.
    assert articles[1].text.splitlines() == [
        "Giao chỉ tiêu như sau:",
        "Chỉ tiêu giao năm 2026",
        "STT | Đơn vị | Chỉ tiêu",
        "1 | Sở Tài chính | 120 hồ sơ",
    ]


def test_tables_notes_attachments_and_appendices_are_in_the_document_text(index):
    page = factories.legal_document(
        index, slug="toan-van", number="12/QĐ-UBND", preamble="", body=WHOLE_BODY
    )
    assert prepare_text(page).splitlines() == [
        "Mức phí | 50.000 đồng",
        "Lệ phí |",
        "Ghi chú: số liệu tạm tính.",
        "Nguồn: Sở Tài chính.",
        "QUY ĐỊNH",
        "Về quản lý cụm công nghiệp",
        "(Ban hành kèm theo Quyết định số 12/2026/QĐ-UBND ngày 05/3/2026)",
        "Chương I. QUY ĐỊNH CHUNG",
        "Mục 1. Hồ sơ",
        "QUY CHẾ",
        "Phối hợp",
        "Phụ lục I",
        "DANH MỤC CỤM CÔNG NGHIỆP",
        "Danh mục gồm các cụm sau:",
        "Chỉ tiêu giao năm 2026",
        "STT | Đơn vị | Chỉ tiêu",
        "1 | Sở Tài chính | 120 hồ sơ",
    ]
