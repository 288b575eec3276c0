"""The article-aware comparison of two bodies (documents.comparison.diff): added, removed,
moved, renumbered and changed articles and clauses, with word-level changes inside them."""

import copy
import io

from docx import Document

from documents.comparison.diff import Kind, compare
from documents.comparison.pairing import pair_up
from documents.comparison.table import COLUMNS, comparison_docx
from documents.comparison.words import Op, word_ops
from tests import factories
from tests.whole_text import WHOLE_BODY


def article(number, heading, text="", clauses=()):
    return {
        "type": "article",
        "value": {
            "number": number,
            "heading": heading,
            "text": text,
            "clauses": [
                {
                    "number": n,
                    "text": t,
                    "points": [{"letter": letter, "text": text} for letter, text in points],
                }
                for n, t, *points in clauses
            ],
        },
    }


SCOPE = article("1", "Phạm vi điều chỉnh", "Quy định này quy định việc quản lý chữ ký số.")
SUBJECTS = article(
    "2",
    "Đối tượng áp dụng",
    clauses=[("1", "Cơ quan nhà nước cấp tỉnh."), ("2", "Cán bộ, công chức.")],
)
TERMS = article("3", "Giải thích từ ngữ", "Chữ ký số là một dạng chữ ký điện tử.")
DUTIES = article("4", "Trách nhiệm thi hành", "Sở Thông tin và Truyền thông chủ trì thực hiện.")


def kinds(comparison):
    return [(row.kind, row.old_label, row.new_label) for row in comparison.rows]


def test_identical_bodies_have_no_change():
    assert compare([SCOPE, SUBJECTS], [SCOPE, SUBJECTS]).rows == ()


def test_whole_text_compares_with_itself_unchanged():
    assert compare(WHOLE_BODY, WHOLE_BODY).rows == ()


def test_added_and_removed_articles():
    comparison = compare([SCOPE, TERMS], [SCOPE, DUTIES])
    assert kinds(comparison) == [
        (Kind.REMOVED, "Điều 3", ""),
        (Kind.ADDED, "", "Điều 4"),
    ]
    removed, added = comparison.rows
    assert removed.old_text.startswith("Điều 3. Giải thích từ ngữ")
    assert removed.explanation == "Bãi bỏ Điều 3."
    assert (
        added.new_text
        == "Điều 4. Trách nhiệm thi hành\nSở Thông tin và Truyền thông chủ trì thực hiện."
    )
    assert added.explanation == "Bổ sung Điều 4."
    assert comparison.count(Kind.ADDED) == comparison.count(Kind.REMOVED) == 1


def test_word_level_change_inside_an_article():
    changed = article(
        "1", "Phạm vi điều chỉnh", "Quy định này quy định việc quản lý, ứng dụng chữ ký số."
    )
    (row,) = compare([SCOPE], [changed]).rows
    assert row.kind == Kind.CHANGED
    assert (Op.INSERT, ", ứng dụng") in row.ops
    assert not [op for op, _text in row.ops if op == Op.DELETE]
    assert (
        row.old_text == "Điều 1. Phạm vi điều chỉnh\nQuy định này quy định việc quản lý chữ ký số."
    )
    assert row.new_text.endswith("việc quản lý, ứng dụng chữ ký số.")


def test_word_ops_replace_words_and_keep_punctuation():
    ops = word_ops("Thời hạn là 15 ngày.", "Thời hạn là 10 ngày làm việc.")
    assert ops == (
        (Op.EQUAL, "Thời hạn là"),
        (Op.DELETE, " 15"),
        (Op.INSERT, " 10"),
        (Op.EQUAL, " ngày"),
        (Op.INSERT, " làm việc"),
        (Op.EQUAL, "."),
    )


def test_an_article_inserted_renumbers_the_next_ones():
    """Article 2 is new: old 2 and 3 become 3 and 4, found by their text, not their number."""
    new_two = article("2", "Nguyên tắc", "Bảo đảm an toàn thông tin khi sử dụng chữ ký số.")
    old = [SCOPE, SUBJECTS, TERMS]
    new = [
        SCOPE,
        new_two,
        article("3", *_heading_text(SUBJECTS)),
        article("4", *_heading_text(TERMS)),
    ]
    comparison = compare(old, new)
    assert kinds(comparison) == [
        (Kind.ADDED, "", "Điều 2"),
        (Kind.RENUMBERED, "Điều 2", "Điều 3"),
        (Kind.RENUMBERED, "Điều 3", "Điều 4"),
    ]
    assert comparison.rows[1].explanation == (
        "Đánh số lại Điều 2 của dự thảo trước thành Điều 3; nội dung không đổi."
    )


def _heading_text(block):
    value = block["value"]
    clauses = [(c["number"], c["text"]) for c in value["clauses"]]
    return value["heading"], value["text"], clauses


def test_a_moved_article_is_found_by_its_text():
    """Duties move before the terms and take number 3: a move, not a removal and an addition."""
    old = [SCOPE, SUBJECTS, TERMS, DUTIES]
    new = [
        SCOPE,
        SUBJECTS,
        article("3", *_heading_text(DUTIES)),
        article("4", *_heading_text(TERMS)),
    ]
    comparison = compare(old, new)
    assert kinds(comparison) == [
        (Kind.MOVED, "Điều 4", "Điều 3"),
        (Kind.RENUMBERED, "Điều 3", "Điều 4"),
    ]
    assert comparison.rows[0].explanation == (
        "Chuyển vị trí Điều 4 của dự thảo trước, nay là Điều 3; nội dung không đổi."
    )
    assert comparison.count(Kind.MOVED) == 1


def test_clauses_added_removed_and_changed():
    new = article(
        "2",
        "Đối tượng áp dụng",
        clauses=[
            ("1", "Cơ quan nhà nước cấp tỉnh, cấp huyện."),
            ("2", "Viên chức."),
            ("3", "Cán bộ, công chức."),
        ],
    )
    comparison = compare([SUBJECTS], [new])
    assert kinds(comparison) == [
        (Kind.CHANGED, "Khoản 1 Điều 2", "Khoản 1 Điều 2"),
        (Kind.ADDED, "", "Khoản 2 Điều 2"),
    ]
    changed, added = comparison.rows
    assert (Op.INSERT, ", cấp huyện") in changed.ops
    assert added.new_text == "2. Viên chức."
    # "Cán bộ, công chức" only went from clause 2 to clause 3: not reported.
    assert comparison.count(Kind.CHANGED, clauses=True) == 1
    assert comparison.count(Kind.ADDED, clauses=True) == 1
    assert comparison.count(Kind.CHANGED) == 0


def test_removed_clause_and_changed_point():
    old = article(
        "5",
        "Hồ sơ",
        clauses=[
            ("1", "Hồ sơ gồm:", ("a", "Đơn đề nghị;"), ("b", "Bản sao giấy phép.")),
            ("2", "Nộp trực tiếp."),
        ],
    )
    new = article(
        "5",
        "Hồ sơ",
        clauses=[("1", "Hồ sơ gồm:", ("a", "Đơn đề nghị;"), ("b", "Bản chụp giấy phép."))],
    )
    comparison = compare([old], [new])
    assert kinds(comparison) == [
        (Kind.CHANGED, "Khoản 1 Điều 5", "Khoản 1 Điều 5"),
        (Kind.REMOVED, "Khoản 2 Điều 5", ""),
    ]
    changed = comparison.rows[0]
    assert (Op.DELETE, " sao") in changed.ops and (Op.INSERT, " chụp") in changed.ops
    assert comparison.rows[1].explanation == "Bãi bỏ Khoản 2 Điều 5."


def test_blocks_other_than_articles_are_compared_too():
    old = [{"type": "chapter", "value": {"number": "I", "heading": "QUY ĐỊNH CHUNG"}}, SCOPE]
    new = [{"type": "chapter", "value": {"number": "I", "heading": "NHỮNG QUY ĐỊNH CHUNG"}}, SCOPE]
    (row,) = compare(old, new).rows
    assert (row.kind, row.unit_kind, row.new_label) == (Kind.CHANGED, "chapter", "Chương I")
    assert (Op.INSERT, " NHỮNG") in row.ops


def test_pair_up_prefers_identical_text_then_similar_then_number():
    old = ["alpha beta gamma delta", "một hai ba bốn năm", "x"]
    new = ["một hai ba bốn năm sáu", "alpha beta gamma delta", "y"]
    pairs = pair_up(old, new, key=lambda s: str(len(s) > 1), text=lambda s: s)
    assert pairs == [(1, 0), (0, 1), (2, 2)]


def test_comparison_table_docx_reads_back(db):
    _home, index = factories.site_tree()
    page = factories.legal_document(index, slug="chu-ky-so", live=False, title="Quy định chữ ký số")
    changed = article(
        "1", "Phạm vi điều chỉnh", "Quy định này quy định việc quản lý, ứng dụng chữ ký số."
    )
    comparison = compare([SCOPE, TERMS], [changed, DUTIES])
    data = comparison_docx(
        page, comparison, old_label="Dự thảo gửi thẩm định", new_label="Bản hiện tại"
    )
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    table = document.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == [label for label, _w in COLUMNS]
    assert [label for label, _w in COLUMNS][1:] == ["Dự thảo trước", "Dự thảo mới", "Giải thích"]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[0] for row in rows] == ["1", "2", "3"]
    assert rows[0][1].endswith("việc quản lý chữ ký số.")
    assert rows[0][2].endswith("việc quản lý, ứng dụng chữ ký số.")
    assert rows[0][3] == "Sửa đổi Điều 1."
    assert "Bãi bỏ Điều 3." in [row[3] for row in rows]
    assert "Bổ sung Điều 4." in [row[3] for row in rows]
    inserted = [run.text for run in table.rows[1].cells[2].paragraphs[1].runs if run.font.bold]
    assert inserted == [", ứng dụng"]
    fonts = {
        run.font.name or document.styles["Normal"].font.name
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
    }
    assert fonts == {"Times New Roman"}


def test_removed_words_are_struck_through_in_the_docx(db):
    _home, index = factories.site_tree()
    page = factories.legal_document(index, slug="chu-ky-so", live=False)
    shorter = article("1", "Phạm vi điều chỉnh", "Quy định này quy định việc chữ ký số.")
    data = comparison_docx(page, compare([SCOPE], [shorter]), old_label="A", new_label="B")
    table = Document(io.BytesIO(data)).tables[-1]
    struck = [
        run.text
        for paragraph in table.rows[1].cells[1].paragraphs
        for run in paragraph.runs
        if run.font.strike
    ]
    assert struck == [" quản lý"]


def test_articles_of_an_attached_text_are_told_apart_from_the_decision():
    """Article 1 of the decision and article 1 of the attached regulation are different
    units; a change in the regulation's article is cited as such."""
    new = copy.deepcopy(WHOLE_BODY)
    regulation_scope = next(
        block
        for block in new
        if block["type"] == "article" and block["value"]["heading"] == "Phạm vi điều chỉnh"
    )
    regulation_scope["value"]["text"] = (
        "Quy định này quy định việc quản lý, phát triển cụm công nghiệp."
    )
    (row,) = compare(WHOLE_BODY, new).rows
    assert row.new_label == "Điều 1 của Quy định ban hành kèm theo"
    assert row.explanation == "Sửa đổi Điều 1 của Quy định ban hành kèm theo."
    assert (Op.INSERT, ", phát triển") in row.ops
