"""Reading what a document's articles state about other documents (plain Python).

The sentences are excerpts of laws in the shared corpus (laws-vlc), shortened where marked.
"""

import datetime

from cms.relation_kinds import RelationKind
from documents.relations.reading import Article, articles_of, numbers_in, read_statements

REPEALS, REPLACES, AMENDS = RelationKind.REPEALS, RelationKind.REPLACES, RelationKind.AMENDS


def read(*texts, heading="Điều khoản thi hành", number="217", own=""):
    return read_statements([Article(number, heading, texts)], own_number=own)


def summary(statements):
    return [(s.kind, s.partial, s.number, s.effective_from) for s in statements]


def test_article_217_of_59_2020_qh14():
    statements = read(
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.",
        "2. Luật Doanh nghiệp số 68/2014/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực "
        "thi hành.",
        "3. Thay thế cụm từ “doanh nghiệp nhà nước” bằng cụm từ “doanh nghiệp do Nhà nước nắm "
        "giữ 100% vốn điều lệ” quy định tại điểm m khoản 1 Điều 35 của Luật Ngân sách nhà nước "
        "số 83/2015/QH13; điểm a khoản 3 Điều 23 của Luật Thủy lợi số 08/2017/QH14 đã được sửa "
        "đổi, bổ sung một số điều theo Luật số 35/2018/QH14.",
        own="59/2020/QH14",
    )
    assert summary(statements) == [
        (REPEALS, False, "68/2014/QH13", None),  # from the day the law takes effect
        (AMENDS, False, "83/2015/QH13", None),
        (AMENDS, False, "08/2017/QH14", None),  # 35/2018/QH14 is only described
    ]
    repeal = statements[0]
    assert repeal.citation == "Luật Doanh nghiệp số 68/2014/QH13"
    assert repeal.article == "217"
    assert repeal.sentence.startswith("2. Luật Doanh nghiệp số 68/2014/QH13 hết hiệu lực")


def test_several_documents_end_and_amending_laws_only_described_do_not():
    statements = read(
        "2. Luật Điện ảnh số 62/2006/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số "
        "31/2009/QH12, Luật số 35/2018/QH14 và Luật số 61/2020/QH14 hết hiệu lực kể từ ngày "
        "Luật này có hiệu lực thi hành."
    )
    assert summary(statements) == [(REPEALS, False, "62/2006/QH11", None)]


def test_parts_of_documents_and_exceptions_are_partial():
    statements = read(
        "Những quy định về tiếp công dân tại Chương V của Luật khiếu nại, tố cáo số 09/1998/QH10 "
        "hết hiệu lực thi hành kể từ ngày Luật này có hiệu lực.",
        "Pháp lệnh tổ chức Tòa án quân sự số 04/2002/PL-UBTVQH11 hết hiệu lực kể từ ngày Luật "
        "này có hiệu lực thi hành, trừ các quy định tại các điều 3, 4, 5 tiếp tục có hiệu lực.",
    )
    assert summary(statements) == [
        (REPEALS, True, "09/1998/QH10", None),
        (REPEALS, True, "04/2002/PL-UBTVQH11", None),
    ]


def test_a_citation_phrase_starts_after_what_only_describes():
    (statement,) = read(
        "Luật tổ chức Viện kiểm sát nhân dân số 34/2002/QH10 đã được sửa đổi, bổ sung một số điều "
        "theo Pháp lệnh số 15/2011/PL-UBTVQH12, Pháp lệnh tổ chức Viện kiểm sát quân sự số "
        "05/2002/PL-UBTVQH11 hết hiệu lực kể từ ngày Luật này có hiệu lực."
    )[1:]
    assert statement.citation == "Pháp lệnh tổ chức Viện kiểm sát quân sự số 05/2002/PL-UBTVQH11"


def test_repeals_of_articles_and_an_explicit_day():
    statements = read(
        "2. Bãi bỏ Điều 57 của Luật hàng không dân dụng Việt Nam số 66/2006/QH11; "
        "Điều 264 của Luật tố tụng hành chính số 64/2010/QH12.",
        "Bãi bỏ Quyết định số 12/2015/QĐ-UBND kể từ ngày 01/7/2016.",
    )
    assert summary(statements) == [
        (REPEALS, True, "66/2006/QH11", None),
        (REPEALS, True, "64/2010/QH12", None),
        (REPEALS, False, "12/2015/QĐ-UBND", datetime.date(2016, 7, 1)),
    ]
    assert statements[1].citation == "Luật tố tụng hành chính số 64/2010/QH12"


def test_removing_words_is_an_amendment_and_typos_of_descriptions_are_tolerated():
    statements = read(
        'Sửa đổi, bãi bỏ các quy định sau đây: Bỏ cụm từ "lệ phí tuyển sinh" tại Điều 101 '
        "của Luật giáo dục số 38/2005/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số "
        "44/2009/QH12, Điều 64 của Luật giáo dục đại học số 08/2012/QH13;",
        "Thay thế một số cụm từ tại một số điều của Luật Thương mại số 36/2005/QH11 đã dược sửa "
        "đổi, bổ sung một số điều theo Luật số 05/2017/QH14 như sau:",
    )
    assert summary(statements) == [
        (AMENDS, False, "38/2005/QH11", None),
        (AMENDS, False, "08/2012/QH13", None),
        (AMENDS, False, "36/2005/QH11", None),
    ]
    assert statements[1].citation == "Luật giáo dục đại học số 08/2012/QH13"


def test_replacements_both_ways():
    assert summary(read("Luật này thay thế Luật thuế thu nhập doanh nghiệp số 09/2003/QH11.")) == [
        (REPLACES, False, "09/2003/QH11", None)
    ]
    assert summary(read("Nghị định số 12/2015/NĐ-CP được thay thế bằng Nghị định này.")) == [
        (REPLACES, False, "12/2015/NĐ-CP", None)
    ]


def test_an_amending_article_heading():
    statements = read(
        "1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:",
        heading="Sửa đổi, bổ sung một số điều của Luật xử lý vi phạm hành chính số 15/2012/QH13",
        number="102",
    )
    assert summary(statements) == [(AMENDS, False, "15/2012/QH13", None)]


def test_spelling_variants_of_numbers():
    statements = read(
        "2. Các quy định về bưu chính của Pháp lệnh bưu chính, viễn thông số 43/2002/PL- UBTVQH10 "
        "hết hiệu lực kể từ ngày Luật này có hiệu lực."
    )
    assert summary(statements) == [(REPEALS, True, "43/2002/PL-UBTVQH10", None)]
    assert numbers_in("số 68/2014/QH13, ngày 26/11/2014") == ["68/2014/QH13"]


def test_nothing_is_read_without_a_cited_number_or_from_descriptions():
    assert read("Luật khoáng sản ngày 20 tháng 3 năm 1996 hết hiệu lực.") == []
    assert read("Giấy phép đã cấp theo Luật số 62/2006/QH11 hết hiệu lực kể từ ngày cấp lại.") == []
    assert (
        read("Căn cứ Luật số 80/2015/QH13 đã được sửa đổi, bổ sung theo Luật số 63/2020/QH14;")
        == []
    )
    # The document's own number is never a target.
    assert read("Luật số 59/2020/QH14 hết hiệu lực từ ngày 01/01/2030.", own="59/2020/QH14") == []


def test_articles_of_a_body_with_clauses_and_points():
    body = [
        {"type": "chapter", "value": {"number": "I", "heading": "Chung"}},
        {
            "type": "article",
            "value": {
                "number": "3",
                "heading": "Hiệu lực thi hành",
                "text": "",
                "clauses": [
                    {
                        "number": "1",
                        "text": "Quyết định này có hiệu lực từ ngày 01/3/2026.",
                        "points": [],
                    },
                    {
                        "number": "2",
                        "text": "Bãi bỏ các văn bản sau:",
                        "points": [
                            {"letter": "a", "text": "Quyết định số 5/2019/QĐ-UBND."},
                        ],
                    },
                ],
            },
        },
    ]
    (article,) = articles_of(body)
    assert article.number == "3"
    assert article.texts[-1] == "Bãi bỏ các văn bản sau: Quyết định số 5/2019/QĐ-UBND."
    assert summary(read_statements([article])) == [(REPEALS, False, "5/2019/QĐ-UBND", None)]


def test_a_list_of_documents_that_expire():
    statements = read(
        "Các văn bản sau hết hiệu lực kể từ ngày Quyết định này có hiệu lực: "
        "a) Quyết định số 7/2018/QĐ-UBND."
    )
    assert summary(statements) == [(REPEALS, False, "7/2018/QĐ-UBND", None)]


def test_numbers_in_the_title_of_a_cited_document_are_not_targets():
    # Excerpts of circulars in phapdien (17/2006 and 21/2018/TT-BNNPTNT, 13/2021/TT-BGDĐT).
    statements = read(
        "2. Thông tư số 11/2016/TT-BTC ngày 19 tháng 01 năm 2016 của Bộ trưởng Bộ Tài chính "
        "hướng dẫn một số điều của Nghị định số 42/2015/NĐ-CP ngày 05 tháng 5 năm 2015 của Chính "
        "phủ hết hiệu lực kể từ ngày Thông tư này có hiệu lực.",
        "3. Thông tư này bãi bỏ Điều 1 Thông tư số 02/2018/TT-BNNPTNT ngày 31 tháng 01 năm 2018 "
        "sửa đổi, bổ sung Thông tư 50/2015/TT-BNNPTNT, Thông tư 02/2006/TT-BTS.",
        "Thông tư này thay thế Thông tư số 17/2017/TT-BGDĐT về việc sửa đổi cụm từ “Vụ Hợp tác "
        "quốc tế”.",
    )
    assert summary(statements) == [
        (REPEALS, False, "11/2016/TT-BTC", None),
        (REPEALS, True, "02/2018/TT-BNNPTNT", None),
        (REPLACES, False, "17/2017/TT-BGDĐT", None),
    ]


def test_the_basis_of_something_and_form_codes_are_not_targets():
    assert summary(
        read(
            "c) Điều 1 Thông tư số 20/2011/TT-BNNPTNT sửa đổi, bổ sung, bãi bỏ một số quy định về "
            "thủ tục hành chính theo Nghị quyết 57/NQ-CP ngày 15/10/2010;",
            "a) Ra quyết định bãi bỏ quyết định tạm dừng, đồng thời phải thông báo theo quy định "
            "tại Khoản 4 Điều 10 Nghị định số 34/2014/NĐ-CP;",
            "3. Bãi bỏ các Mẫu biểu số: 04a-ĐK/TSC, 06d-ĐK/TSC ban hành kèm theo Thông tư "
            "144/2017/TT-BTC.",
        )
    ) == [(REPEALS, True, "144/2017/TT-BTC", None)]  # the forms "ban hành kèm theo" it
