"""One behaviour suite for every search backend (see conftest.py for which ones run).

Documents are ``IndexRecord``s built here, except where real pages are the point (only
published documents reach the index).
"""

import datetime
import re

import pytest

from cms.validity import Validity
from search import api, ranking_policy
from search.backends.base import FACETS, SearchRequest
from search.index_records import indexable_documents, records_for
from search.query import parse_query
from tests import factories
from workflow import services

from .conftest import TODAY, make_record

pytestmark = pytest.mark.django_db

CHU_KY_SO = "Chữ ký số là chữ ký điện tử được tạo lập bằng khóa bí mật."


def search(backend, query: str = "", **options):
    options.setdefault("today", TODAY)
    return backend.search(SearchRequest(query=parse_query(query), **options))


def ids(results) -> list[int]:
    return [hit.page_id for hit in results.hits]


def facet(results, name: str) -> dict[str, int]:
    return {value.value: value.count for value in results.facets[name]}


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


# --- Normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["chu ky so", "chữ ký số", "CHỮ KÝ SỐ", "Chữ Ký Số", "CHU KY SO", "chữ ky so"],
)
def test_diacritics_and_case_do_not_matter(backend, query):
    wanted = make_record(title="Quy định về giao dịch điện tử", text=CHU_KY_SO)
    other = make_record(title="Quy định về lưu trữ", text="Hồ sơ giấy được lưu trữ tại kho.")
    backend.index([wanted, other])
    assert ids(search(backend, query)) == [wanted.page_id]


@pytest.mark.parametrize(
    ("indexed", "decoy", "query"),
    [
        # New-style tone placement indexed, old-style typed, and the other way round.
        ("Hội đồng hoà giải", "Hội đồng hóa giải", "hòa giải"),
        ("Hội đồng hòa giải", "Hội đồng hoá giải", "hoà giải"),
        ("Ủy ban nhân dân tỉnh", "Uy bàn nhân dân tỉnh", "uỷ ban"),
        ("Sở Y tế bảo đảm sức khoẻ", "Sở Y tế bảo đảm sục khóe", "sức khỏe"),
    ],
)
def test_old_and_new_tone_placement_are_the_same_word(backend, indexed, decoy, query):
    record = make_record(title="Văn bản", text=indexed)
    # Same folded form, other diacritics: found too, but below the text spelt as typed.
    other = make_record(title="Văn bản", text=decoy, issued_on=datetime.date(2024, 1, 1))
    backend.index([record, other])
    assert ids(search(backend, query)) == [record.page_id, other.page_id]


def test_letter_d_with_stroke_folds_to_d(backend):
    record = make_record(text="Đăng ký đất đai lần đầu.")
    backend.index([record])
    assert ids(search(backend, "dang ky dat dai")) == [record.page_id]
    assert ids(search(backend, "ĐĂNG KÝ ĐẤT ĐAI")) == [record.page_id]


def test_every_word_must_match_somewhere_in_the_document(backend):
    spread = make_record(
        title="Luật Thanh niên",
        articles=(("1", "Phạm vi", "Luật này quy định về quyền và nghĩa vụ."),),
    )
    partial = make_record(title="Luật Thanh niên", articles=(("1", "", "Không liên quan."),))
    backend.index([spread, partial])
    # "luat thanh nien" in the title, "quyen nghia vu" in an article.
    assert ids(search(backend, "luat thanh nien quyen nghia vu")) == [spread.page_id]


# --- Ranking --------------------------------------------------------------------------------


def test_title_match_ranks_above_body_match(backend):
    body = make_record(title="Quy định về lưu trữ", text=CHU_KY_SO, issued_on=TODAY)
    title = make_record(title="Quy chế sử dụng chữ ký số", issued_on=datetime.date(2001, 1, 1))
    backend.index([body, title])
    assert ids(search(backend, "chu ky so")) == [title.page_id, body.page_id]


def test_number_ranks_first_and_cited_numbers_match_too(backend):
    citing = make_record(
        title="Quyết định sửa đổi Quyết định số 629/QĐ-UBND về chữ ký số",
        articles=(("1", "", "Sửa đổi Điều 3 Quyết định số 629/QĐ-UBND."),),
        issued_on=TODAY,
    )
    own = make_record(title="Quyết định ban hành Quy chế", number="629/QĐ-UBND")
    backend.index([citing, own])
    assert ids(search(backend, "629/QĐ-UBND")) == [own.page_id, citing.page_id]


def test_own_diacritics_rank_above_folded_only_matches(backend):
    hoa = make_record(title="Văn bản A", text="Tổ hòa giải ở cơ sở.", issued_on=TODAY)
    hoa_spelt_else = make_record(title="Văn bản B", text="Tổ hóa giải ở cơ sở.")
    backend.index([hoa, hoa_spelt_else])
    assert ids(search(backend, "hóa giải")) == [hoa_spelt_else.page_id, hoa.page_id]
    assert ids(search(backend, "hòa giải")) == [hoa.page_id, hoa_spelt_else.page_id]
    assert set(ids(search(backend, "hoa giai"))) == {hoa.page_id, hoa_spelt_else.page_id}


def test_words_together_rank_above_words_apart(backend):
    apart = make_record(
        title="Văn bản A",
        articles=(("1", "", "Văn bản được ký. Chữ viết trên giấy điện tử hóa; khóa số."),),
        issued_on=TODAY,
    )
    together = make_record(title="Văn bản B", articles=(("1", "", CHU_KY_SO),))
    backend.index([apart, together])
    assert ids(search(backend, "chu ky so")) == [together.page_id, apart.page_id]


def test_broad_queries_rank_and_find_articles_the_same_way(backend, monkeypatch):
    monkeypatch.setattr(ranking_policy, "BROAD_MATCHES", 1)  # every query of 1-2 words is broad
    apart = make_record(
        title="Văn bản A",
        articles=(("1", "", "Thanh toán bằng thẻ; niên độ kế toán."),),
        issued_on=TODAY,
    )
    together = make_record(
        title="Văn bản B",
        articles=(
            ("1", "", "Thanh tra viên; niên khóa."),
            ("2", "Đoàn", "Đoàn thanh niên cộng sản."),
        ),
    )
    titled = make_record(title="Luật Thanh niên", issued_on=datetime.date(2000, 1, 1))
    backend.index([apart, together, titled])
    results = search(backend, "thanh nien")
    assert ids(results) == [titled.page_id, together.page_id, apart.page_id]
    assert [a.number for a in results.hits[1].articles] == ["2", "1"]
    assert marked(results.hits[1].articles[0].highlight) == ["thanh niên"]


def test_signals_read_for_candidates_only_rank_the_same_way(backend, monkeypatch):
    """With many matches, the embedded backends read the article and diacritic signals for
    the matches that can still reach the page only (a rescoring window)."""
    if hasattr(backend, "eager_matches"):
        monkeypatch.setattr(backend, "eager_matches", 0)
    apart = make_record(
        title="Văn bản A",
        articles=(("1", "", "Văn bản được ký. Chữ viết trên giấy điện tử hóa; khóa số."),),
        issued_on=TODAY,
    )
    together = make_record(title="Văn bản B", articles=(("1", "", CHU_KY_SO),))
    hoa = make_record(title="Văn bản C", text="Tổ hòa giải ở cơ sở.", issued_on=TODAY)
    hoa_spelt_else = make_record(title="Văn bản D", text="Tổ hóa giải ở cơ sở.")
    backend.index([apart, together, hoa, hoa_spelt_else])
    results = search(backend, "chu ky so")
    assert ids(results) == [together.page_id, apart.page_id]
    assert [a.number for a in results.hits[0].articles] == ["1"]
    assert ids(search(backend, "hòa giải")) == [hoa.page_id, hoa_spelt_else.page_id]
    assert ids(search(backend, "hóa giải", page_size=1)) == [hoa_spelt_else.page_id]
    assert search(backend, "hóa giải", page_size=1).total == 2


def test_equal_matches_come_newest_first(backend):
    old = make_record(text=CHU_KY_SO, issued_on=datetime.date(2010, 1, 1))
    new = make_record(text=CHU_KY_SO, issued_on=datetime.date(2020, 1, 1))
    backend.index([old, new])
    assert ids(search(backend, "chu ky so")) == [new.page_id, old.page_id]


# --- Phrases, exclusions, numbers -------------------------------------------------------------


def test_quoted_phrase_needs_the_words_in_order(backend):
    phrase = make_record(text="Gửi văn bản điện tử qua mạng.")
    scattered = make_record(text="Văn bản giấy; bản điện tử; tử tế.")
    backend.index([phrase, scattered])
    assert ids(search(backend, '"van ban dien tu"')) == [phrase.page_id]
    assert ids(search(backend, '"văn bản điện tử"')) == [phrase.page_id]
    assert set(ids(search(backend, "van ban dien tu"))) == {phrase.page_id, scattered.page_id}


def test_excluded_words_and_phrases(backend):
    signature = make_record(text=CHU_KY_SO)
    paper = make_record(text="Chữ ký số hóa bản giấy.")
    backend.index([signature, paper])
    assert ids(search(backend, "chu ky -dien")) == [paper.page_id]
    assert ids(search(backend, 'chu ky so -"ban giay"')) == [signature.page_id]
    assert ids(search(backend, "chu ky NOT giay")) == [signature.page_id]
    assert ids(search(backend, "chu ky -dien -giay")) == []


@pytest.mark.parametrize(
    "query",
    ["629/QĐ-UBND", "629/QD-UBND", "629/qđ-ubnd", "629/qd-ubnd", "629/QĐ–UBND", "629/QD_UBND"],
)
def test_number_spellings(backend, query):
    own = make_record(title="Quyết định về chữ ký số", number="629/QĐ-UBND")
    other = make_record(title="Quyết định khác", number="630/QĐ-UBND")
    backend.index([own, other])
    assert ids(search(backend, query)) == [own.page_id]


def test_number_with_leading_zeros_and_words(backend):
    own = make_record(title="Quy định về chữ ký số", number="05/2015/QĐ-UBND")
    backend.index([own, make_record(title="Quy định về chữ ký số", number="06/2015/QĐ-UBND")])
    assert ids(search(backend, "5/2015/qd-ubnd")) == [own.page_id]
    assert ids(search(backend, "5/2015/QĐ-UBND chữ ký")) == [own.page_id]
    assert ids(search(backend, "5/2015/QĐ-UBND -chu")) == []


# --- Filters and facets -------------------------------------------------------------------------


@pytest.fixture
def catalogue(backend):
    """Five documents matching "chu ky so", of various types, issuers, sectors, years, states."""
    decision, plan = (1, "Quyết định"), (2, "Kế hoạch")
    committee, department = (1, "Ủy ban nhân dân tỉnh"), (2, "Sở Thông tin và Truyền thông")
    it, admin = ("cong-nghe-thong-tin", "Công nghệ thông tin"), ("hanh-chinh", "Hành chính")
    docs = {
        "in_force": make_record(
            type=decision, issuer=committee, sectors=(it,), issued_on=datetime.date(2020, 3, 1)
        ),
        "not_yet": make_record(
            type=decision,
            issuer=department,
            sectors=(it, admin),
            issued_on=datetime.date(2025, 5, 1),
            effective_on=datetime.date(2025, 7, 1),
        ),
        "expired": make_record(
            type=plan,
            issuer=committee,
            sectors=(admin,),
            issued_on=datetime.date(2018, 1, 1),
            expires_on=datetime.date(2024, 12, 31),
        ),
        "replaced": make_record(
            type=plan,
            issuer=department,
            issued_on=datetime.date(2019, 1, 1),
            terminated_on=datetime.date(2025, 1, 1),
        ),
        "amended": make_record(
            type=decision,
            issuer=committee,
            sectors=(it,),
            issued_on=datetime.date(2020, 6, 1),
            partly_terminated_on=datetime.date(2024, 1, 1),
        ),
    }
    docs = {
        key: record.__class__(**{**record.__dict__, "text": CHU_KY_SO})
        for key, record in docs.items()
    }
    backend.index(docs.values())
    backend.index([make_record(text="Không liên quan.", type=plan, issuer=department)])
    return docs


def pages(catalogue, *keys) -> set[int]:
    return {catalogue[key].page_id for key in keys}


def test_filters(backend, catalogue):
    def found(**filters):
        return set(ids(search(backend, "chu ky so", **filters)))

    assert found() == pages(catalogue, *catalogue)
    assert found(type_id=2) == pages(catalogue, "expired", "replaced")
    assert found(issuer_id=2) == pages(catalogue, "not_yet", "replaced")
    assert found(sector="hanh-chinh") == pages(catalogue, "not_yet", "expired")
    assert found(year_from=2020) == pages(catalogue, "in_force", "not_yet", "amended")
    assert found(year_to=2019) == pages(catalogue, "expired", "replaced")
    assert found(year_from=2019, year_to=2019) == pages(catalogue, "replaced")
    assert found(validity=Validity.IN_FORCE) == pages(catalogue, "in_force")
    assert found(validity=Validity.NOT_YET) == pages(catalogue, "not_yet")
    assert found(validity=Validity.EXPIRED) == pages(catalogue, "expired", "replaced")
    assert found(validity=Validity.PARTLY_EXPIRED) == pages(catalogue, "amended")
    assert found(type_id=1, issuer_id=1, sector="cong-nghe-thong-tin") == pages(
        catalogue, "in_force", "amended"
    )
    assert found(type_id=2, sector="cong-nghe-thong-tin") == set()


def test_validity_follows_the_reference_day(backend, catalogue):
    later = datetime.date(2025, 7, 1)
    assert set(ids(search(backend, "chu ky so", validity=Validity.IN_FORCE, today=later))) == (
        pages(catalogue, "in_force", "not_yet")
    )
    earlier = datetime.date(2023, 1, 1)
    assert set(ids(search(backend, "chu ky so", validity=Validity.IN_FORCE, today=earlier))) == (
        pages(catalogue, "in_force", "replaced", "expired", "amended")
    )


def test_facet_counts_cover_every_match(backend, catalogue):
    results = search(backend, "chu ky so", page_size=2)
    assert results.total == 5 and len(results.hits) == 2
    assert set(results.facets) == set(FACETS)
    assert facet(results, "type") == {"1": 3, "2": 2}
    assert facet(results, "issuer") == {"1": 3, "2": 2}
    assert facet(results, "sector") == {"cong-nghe-thong-tin": 3, "hanh-chinh": 2}
    assert facet(results, "year") == {"2018": 1, "2019": 1, "2020": 2, "2025": 1}
    assert facet(results, "validity") == {
        Validity.IN_FORCE: 1,
        Validity.NOT_YET: 1,
        Validity.EXPIRED: 2,
        Validity.PARTLY_EXPIRED: 1,
    }
    labels = {value.value: value.label for value in results.facets["type"]}
    assert labels == {"1": "Quyết định", "2": "Kế hoạch"}
    assert [value.value for value in results.facets["type"]] == ["1", "2"]  # most first
    assert [v.value for v in results.facets["year"]] == ["2025", "2020", "2019", "2018"]
    assert {v.label for v in results.facets["validity"]} >= {"Còn hiệu lực"}


def test_a_facet_ignores_its_own_filter(backend, catalogue):
    results = search(backend, "chu ky so", type_id=2)
    assert results.total == 2
    assert facet(results, "type") == {"1": 3, "2": 2}  # the other type stays choosable
    assert facet(results, "issuer") == {"1": 1, "2": 1}  # other facets follow the filter
    results = search(backend, "chu ky so", type_id=2, issuer_id=2)
    assert facet(results, "type") == {"1": 1, "2": 1}
    assert facet(results, "issuer") == {"1": 1, "2": 1}
    assert facet(results, "year") == {"2019": 1}


# --- Highlights and articles --------------------------------------------------------------------


def test_highlight_marks_the_original_text(backend):
    record = make_record(
        title="Quy định",
        articles=(("5", "Giá trị pháp lý", "Văn bản có <b>chữ ký số</b> & dấu; " * 3),),
    )
    backend.index([record])
    hit = search(backend, "chu ky so").hits[0]
    article = hit.articles[0]
    assert marked(article.highlight) == ["chữ ký số"] * 3
    assert "&lt;b&gt;" in article.highlight and "&amp;" in article.highlight
    assert "<b>" not in article.highlight
    assert re.sub(r"</?mark>", "", article.highlight).count("<") == 0


def test_title_match_highlights_the_summary(backend):
    record = make_record(
        title="Quyết định 12/QĐ-UBND",
        summary="Ban hành Quy chế sử dụng chữ ký số",
        number="12/QĐ-UBND",
    )
    backend.index([record])
    hit = search(backend, "quy che chu ky so").hits[0]
    assert hit.title == "Quyết định 12/QĐ-UBND"
    assert marked(hit.highlight) == ["Quy chế", "chữ ký số"]


def test_snippet_is_a_window_around_the_match(backend):
    filler = "Nội dung khác của điều này. " * 40
    record = make_record(articles=(("7", "", filler + CHU_KY_SO + " " + filler),))
    backend.index([record])
    snippet = search(backend, "khoa bi mat").hits[0].articles[0].highlight
    assert marked(snippet) == ["khóa bí mật"]
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(re.sub(r"</?mark>", "", snippet)) <= 260


def test_matching_articles_with_anchors_best_first(backend):
    record = make_record(
        title="Nghị định về giao dịch điện tử",
        articles=(
            ("1", "Phạm vi điều chỉnh", "Nghị định này quy định về giao dịch."),
            ("2", "Giải thích từ ngữ", "Khóa bí mật dùng để tạo chữ viết, ký tên và số hóa hồ sơ."),
            ("5a", "Chữ ký số", CHU_KY_SO),
            ("7", "Hiệu lực", "Chữ ký số có hiệu lực như chữ ký tay."),
            ("9", "Chứng thư", "Chứng thư chữ ký số do tổ chức cung cấp."),
            ("12", "Khác", "Chữ ký số nước ngoài."),
        ),
    )
    backend.index([record])
    hit = search(backend, "chu ky so").hits[0]
    assert len(hit.articles) == 3
    assert hit.articles[0].number == "5a"
    assert hit.articles[0].anchor == "dieu-5a"
    assert hit.articles[0].heading == "Chữ ký số"
    assert [a.number for a in hit.articles] == ["5a", "7", "9"]
    assert all(marked(a.highlight) for a in hit.articles)
    assert hit.url == record.url and hit.number == record.number


def test_articles_holding_some_of_the_words(backend):
    record = make_record(
        title="Luật Thanh niên",
        articles=(("1", "", "Quy định chung."), ("3", "Quyền", "Quyền của thanh niên.")),
    )
    backend.index([record])
    hit = search(backend, "luat thanh nien quyen").hits[0]
    assert [a.anchor for a in hit.articles] == ["dieu-3"]


# --- Pagination, sorting, empty queries -------------------------------------------------------


def test_pagination(backend):
    records = [
        make_record(text=CHU_KY_SO, issued_on=datetime.date(2000 + i, 1, 1)) for i in range(25)
    ]
    backend.index(records)
    seen = []
    for page in (1, 2, 3):
        results = search(backend, "chu ky so", page=page, page_size=10)
        assert results.total == 25 and results.page == page and results.page_size == 10
        seen += ids(results)
    assert len(seen) == 25 and len(set(seen)) == 25
    assert seen == [r.page_id for r in reversed(records)]  # equal scores: newest first
    assert ids(search(backend, "chu ky so", page=4, page_size=10)) == []


def test_sort_by_date(backend):
    old = make_record(title="Chữ ký số", issued_on=datetime.date(2010, 1, 1))
    new = make_record(text=CHU_KY_SO, issued_on=datetime.date(2022, 1, 1))
    middle = make_record(text=CHU_KY_SO, issued_on=datetime.date(2015, 1, 1))
    backend.index([old, new, middle])
    assert ids(search(backend, "chu ky so")) == [old.page_id, new.page_id, middle.page_id]
    newest = search(backend, "chu ky so", sort="newest")
    assert ids(newest) == [new.page_id, middle.page_id, old.page_id]
    assert ids(search(backend, "chu ky so", sort="oldest")) == ids(newest)[::-1]
    assert [hit.issued_on for hit in newest.hits] == [
        datetime.date(2022, 1, 1),
        datetime.date(2015, 1, 1),
        datetime.date(2010, 1, 1),
    ]


def test_empty_query_lists_everything_newest_first(backend):
    a = make_record(issued_on=datetime.date(2010, 1, 1), text="Một")
    b = make_record(issued_on=datetime.date(2020, 1, 1), text="Hai", type=(2, "Kế hoạch"))
    backend.index([a, b])
    results = search(backend, "")
    assert ids(results) == [b.page_id, a.page_id]
    assert facet(results, "type") == {"1": 1, "2": 1}
    assert ids(search(backend, "", type_id=2)) == [b.page_id]
    assert ids(search(backend, "-hai")) == [a.page_id]


def test_no_match(backend):
    backend.index([make_record(text=CHU_KY_SO)])
    results = search(backend, "thuế thu nhập")
    assert results.total == 0 and results.hits == []
    assert set(results.facets) == set(FACETS)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "chu*",
        "NEAR(chu ky)",
        "title:chu",
        "chu AND ky OR so",
        "(chu",
        "^",
        "'",
        "chu\x00ky",
        "-",
        "--so",
        '"chu ky',
        "\\",
        "%",
        "_",
        "a" * 400,
        '"629/QĐ-UBND"',
        '"x² ký"',
        "ký-tự",
        "Ð",
        "đ/đ-đ",
    ],
)
def test_hostile_queries_are_plain_text(backend, query):
    backend.index([make_record(text=CHU_KY_SO)])
    results = search(backend, query)
    assert results.total >= 0


# --- What reaches the index ---------------------------------------------------------------------


def test_reindexing_replaces_and_delete_removes(backend):
    record = make_record(text=CHU_KY_SO)
    backend.index([record])
    backend.index([record.__class__(**{**record.__dict__, "text": "Thuế thu nhập cá nhân."})])
    assert ids(search(backend, "chu ky so")) == []
    assert ids(search(backend, "thue thu nhap")) == [record.page_id]
    assert search(backend, "").total == 1
    backend.delete([record.page_id, 999999])
    assert ids(search(backend, "thue thu nhap")) == []
    assert search(backend, "").total == 0


def test_clear_empties_the_index(backend):
    backend.index([make_record(text=CHU_KY_SO), make_record(text=CHU_KY_SO)])
    backend.clear()
    assert search(backend, "chu ky so").total == 0


def test_only_published_documents_are_indexed(backend):
    _, index = factories.site_tree()
    published = factories.legal_document(
        index, slug="cong-bo", number="12/QĐ-UBND", title="Quy chế về chữ ký số"
    )
    factories.legal_document(index, slug="du-thao", title="Dự thảo quy chế chữ ký số", live=False)
    unpublished = factories.legal_document(
        index, slug="da-go", number="13/QĐ-UBND", title="Quy chế chữ ký số cũ"
    )
    services.perform_transition(
        workflow_id=unpublished.workflow.pk,
        name="unpublish",
        user=None,
        system=True,
        note="Gỡ để kiểm thử.",
    )
    written = backend.index(records_for(indexable_documents()))
    assert written == 1
    results = search(backend, "chu ky so")
    assert ids(results) == [published.page_ptr_id]
    assert results.hits[0].url == published.get_url()
    assert ids(search(backend, "du thao")) == []
    backend.delete([published.pk])
    assert search(backend, "chu ky so").total == 0


def test_document_frequencies_count_documents_up_to_the_cap(backend, monkeypatch):
    backend.index(
        [
            make_record(title="Chữ ký số", text="Chữ ký số, chữ ký số."),
            make_record(text=CHU_KY_SO),
            make_record(title="Thuế thu nhập", articles=(("1", "Thuế", "Thu nhập chịu thuế."),)),
        ]
    )
    frequencies = backend.document_frequencies(["chu", "thue", "khong_co", "chu"])
    assert frequencies == {"chu": 2, "thue": 1, "khong_co": 0}  # documents, not occurrences

    monkeypatch.setattr(ranking_policy, "FREQUENCY_CAP", 1)
    assert backend.document_frequencies(["chu"]) == {"chu": 1}
    assert backend.document_frequencies([]) == {}


def test_a_pasted_sentence_over_the_word_limit_finds_its_article(backend, monkeypatch):
    """A 40-word paste: the search keeps its 32 rarest words and finds the article."""
    heading = "Thẩm quyền giải quyết tố cáo đối với hành vi vi phạm pháp luật"
    text = (
        "Tố cáo hành vi vi phạm pháp luật trong việc thực hiện nhiệm vụ, công vụ của cán bộ, "
        "công chức, viên chức do người đứng đầu cơ quan, tổ chức có thẩm quyền quản lý "
        "giải quyết theo quy định của Luật này."
    )
    wanted = make_record(title="Luật Tố cáo", articles=(("13", heading, text),))
    backend.index([wanted, make_record(text=CHU_KY_SO), make_record(text="Giải quyết tố cáo.")])
    monkeypatch.setattr(api, "get_backend", lambda: backend)
    pasted = f"{heading} {text}"
    assert parse_query(pasted).word_count > 32

    results = api.run_search(SearchRequest(query=parse_query(pasted), today=TODAY))

    assert ids(results) == [wanted.page_id] and results.dropped_words
    assert len(results.dropped_words) == parse_query(pasted).word_count - 32


def test_a_heading_typed_whole_ranks_its_document_first(backend):
    """Typed without diacritics, an article's heading outranks titles holding all its words."""
    heading = "Thẩm quyền giải quyết tố cáo đối với hành vi vi phạm của cán bộ"
    wanted = make_record(
        title="Luật Tố cáo",
        articles=(
            ("12", "Giải thích từ ngữ", "Tố cáo là việc báo cho cơ quan có thẩm quyền."),
            ("13", heading, "Người đứng đầu cơ quan có thẩm quyền giải quyết tố cáo."),
        ),
        issued_on=datetime.date(2018, 6, 12),
    )
    decoys = [
        make_record(title=f"Quy định {heading.lower()} xã {n}", issued_on=datetime.date(2024, 1, n))
        for n in range(1, 4)
    ]
    longer = make_record(articles=(("1", f"{heading} và viên chức", "Nội dung."),))
    backend.index([*decoys, longer, wanted])

    for query in ("tham quyen giai quyet to cao doi voi hanh vi vi pham cua can bo", heading):
        assert ids(search(backend, query))[0] == wanted.page_id, query
    assert ids(search(backend, f'"{heading}"'))[0] == wanted.page_id
    # The heading within a longer one, or the query within the heading: no such rank.
    assert ids(search(backend, "tham quyen giai quyet to cao"))[0] != wanted.page_id


def test_a_title_typed_whole_ranks_first_too(backend):
    wanted = make_record(title="Luật Tố cáo", issued_on=datetime.date(2010, 1, 1))
    other = make_record(
        title="Nghị định hướng dẫn Luật Tố cáo", issued_on=datetime.date(2020, 1, 1)
    )
    backend.index([other, wanted])
    assert ids(search(backend, "luat to cao")) == [wanted.page_id, other.page_id]
