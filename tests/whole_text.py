"""A body holding the whole text (common schema of issue 13): a decision whose articles hold
a table, a note after the articles, a regulation attached after the signature with its own
chapter, section and articles, a second attached text, and an appendix of a paragraph and a
table."""

import copy
import datetime

TABLE = {
    "data": [["STT", "Đơn vị", "Chỉ tiêu"], ["1", "Sở Tài chính", "120 hồ sơ"]],
    "first_row_is_table_header": True,
    "first_col_is_header": False,
    "table_caption": "Chỉ tiêu giao năm 2026",
}

PLAIN_TABLE = {
    "data": [["Mức phí", "50.000 đồng"], ["Lệ phí", ""]],
    "first_row_is_table_header": False,
    "first_col_is_header": False,
    "table_caption": "",
}


def article(number: str, heading: str, text: str, **more) -> dict:
    return {
        "type": "article",
        "value": {"number": number, "heading": heading, "text": text, "clauses": [], **more},
    }


WHOLE_BODY = [
    article("1", "Ban hành Quy định", "Ban hành kèm theo Quyết định này Quy định về quản lý."),
    article("2", "Chỉ tiêu", "Giao chỉ tiêu như sau:", tables=[TABLE]),
    {"type": "table", "value": PLAIN_TABLE},
    {"type": "note", "value": "Ghi chú: số liệu tạm tính.\nNguồn: Sở Tài chính."},
    {
        "type": "attachment",
        "value": {
            "title": "QUY ĐỊNH",
            "heading": "Về quản lý cụm công nghiệp",
            "note": "(Ban hành kèm theo Quyết định số 12/2026/QĐ-UBND ngày 05/3/2026)",
        },
    },
    {"type": "chapter", "value": {"number": "I", "heading": "QUY ĐỊNH CHUNG"}},
    article("1", "Phạm vi điều chỉnh", "Quy định này quy định việc quản lý cụm công nghiệp."),
    {"type": "section", "value": {"number": "1", "heading": "Hồ sơ"}},
    article("5", "Hồ sơ", "Hồ sơ gồm các giấy tờ sau."),
    {
        "type": "attachment",
        "value": {"title": "QUY CHẾ", "heading": "Phối hợp", "note": ""},
    },
    article("1", "Nguyên tắc phối hợp", "Phối hợp thường xuyên."),
    {
        "type": "appendix",
        "value": {
            "number": "I",
            "title": "DANH MỤC CỤM CÔNG NGHIỆP",
            "content": [
                {"type": "paragraph", "value": "Danh mục gồm các cụm sau:"},
                {"type": "table", "value": TABLE},
            ],
        },
    },
]


def whole_text_decision(index, **fields):
    """Decision 12/2026/QĐ-UBND, published under ``index`` with ``WHOLE_BODY`` (``fields``
    override the page's)."""
    from tests import factories

    return factories.legal_document(
        index,
        **{
            "slug": "12-2026-qd-ubnd",
            "number": "12/2026/QĐ-UBND",
            "issued_on": datetime.date(2026, 3, 5),
            "effective_on": datetime.date(2026, 3, 15),
            "document_type": factories.document_type(is_normative=True),
            "signer": "Nguyễn Văn A",
            "signer_title": "CHỦ TỊCH",
            "recipients": "Lưu: VT.",
            "body": copy.deepcopy(WHOLE_BODY),
            **fields,
        },
    )
