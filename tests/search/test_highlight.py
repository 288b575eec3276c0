import re
import unicodedata

import pytest

from cms.text import fold
from search.highlight import ELLIPSIS, Matcher, fold_with_offsets, snippet
from search.query import parse_query


def matcher(query: str) -> Matcher:
    return Matcher.for_query(parse_query(query))


def marks(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def plain(html: str) -> str:
    return re.sub(r"</?mark>", "", html)


@pytest.mark.parametrize("query", ["chu ky so", "chữ ký số", "CHỮ KÝ SỐ", '"chu ky so"'])
def test_marks_go_around_the_original_letters(query):
    html = snippet("Văn bản có Chữ Ký Số hợp lệ.", matcher(query))
    assert html == "Văn bản có <mark>Chữ Ký Số</mark> hợp lệ."


def test_whole_words_only():
    html = snippet("Song song, số sổ sơ.", matcher("so"))
    assert marks(html) == ["số sổ sơ"]  # folded "so" three times, merged; not "song"


def test_adjacent_marks_merge_only_across_whitespace():
    assert marks(snippet("chữ ký, số", matcher("chu ky so"))) == ["chữ ký", "số"]


def test_phrase_marks_only_the_words_in_order():
    html = snippet("văn bản điện tử và bản văn tử điện", matcher('"van ban dien tu"'))
    assert marks(html) == ["văn bản điện tử"]


def test_everything_but_the_marks_is_escaped():
    html = snippet('<script>alert("chữ ký")</script> & chữ ký', matcher("chu ky"))
    assert plain(html) == "&lt;script&gt;alert(&quot;chữ ký&quot;)&lt;/script&gt; &amp; chữ ký"
    assert marks(html) == ["chữ ký", "chữ ký"]


def test_query_text_cannot_inject_markup():
    html = snippet("a <b> c", matcher("<b>"))
    assert "<b>" not in html


def test_decomposed_and_odd_characters_keep_offsets_right():
    text = unicodedata.normalize("NFD", "Điều 5. Chữ ký số") + " İstanbul ǅ chữ"
    folded, starts = fold_with_offsets(text)
    assert starts is not None and len(starts) == len(folded) + 1
    html = snippet(text, matcher("chu ky so"))
    assert [unicodedata.normalize("NFC", m) for m in marks(html)] == ["Chữ ký số", "chữ"]


def test_aligned_text_needs_no_offset_map():
    folded, starts = fold_with_offsets("Quyết định số 629/QĐ-UBND")
    assert starts is None and folded == fold("Quyết định số 629/QĐ-UBND")


def test_numbers_ignore_case_dashes_and_leading_zeros():
    text = "theo Quyết định số 05/2015/QĐ-UBND ngày 5/3/2015"
    assert marks(snippet(text, matcher("5/2015/qd-ubnd"))) == ["05/2015/QĐ-UBND"]
    assert marks(snippet(text, matcher("05/2015/QĐ–UBND"))) == ["05/2015/QĐ-UBND"]


def test_given_folded_text_is_used_when_it_lines_up():
    text = "Chữ ký số"
    assert snippet(text, matcher("chu"), folded=fold(text)) == "<mark>Chữ</mark> ký số"
    # A folded text that does not line up is ignored, not trusted.
    assert snippet(text, matcher("chu"), folded="xxx ky so") == "<mark>Chữ</mark> ký số"


def test_short_text_snippet_is_the_whole_text():
    assert snippet("  Chữ ký số.\n Hết.  ", matcher("chu ky so")) == "<mark>Chữ ký số</mark>. Hết."


def test_snippet_window_around_the_best_match():
    before = "Mở đầu văn bản. " * 30
    after = " Phần cuối văn bản." * 30
    text = before + "Người dùng chữ ký số và khóa bí mật." + after
    html = snippet(text, matcher("chu ky so khoa bi mat"))
    assert html.startswith(ELLIPSIS) and html.endswith(ELLIPSIS)
    assert marks(html) == ["chữ ký số", "khóa bí mật"]
    body = plain(html).strip(ELLIPSIS)
    assert 200 <= len(body) <= 240
    assert body in " ".join(text.split())  # cut at word boundaries
    assert text.split(body)[0][-1:] in ("", " ")


def test_snippet_prefers_the_window_with_most_distinct_words():
    text = "chữ " * 100 + "x " * 200 + "chữ ký số " + "y " * 200
    html = snippet(text, matcher("chu ky so"))
    assert "<mark>chữ ký số</mark>" in html


def test_snippet_without_match_is_the_start():
    text = "Một hai ba bốn. " * 40
    html = snippet(text, matcher("khong co"))
    assert html.startswith("Một hai ba") and html.endswith(ELLIPSIS)
    assert "<mark>" not in html and len(html) <= 241


def test_empty_inputs():
    assert snippet("", matcher("chu")) == ""
    assert snippet("Chữ ký", matcher("")) == "Chữ ký"
    assert snippet("Chữ ký", matcher("-chu")) == "Chữ ký"  # excluded words are not marked
