"""The portal search page ``/tim-kiem/``."""

import datetime
import html

import pytest

from cms.models import Sector
from search import outbox
from search.views import safe_highlight
from tests import factories
from tests.search import fakes

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.search.urls")]
URL = "/tim-kiem/"


@pytest.fixture
def backend(monkeypatch):
    return fakes.install(monkeypatch)


@pytest.fixture
def documents(backend):
    index = factories.site_tree()[1]
    sector = Sector.objects.create(name="Công nghệ thông tin", slug="cong-nghe-thong-tin")
    pages = []
    for n, (day, title) in enumerate(
        [
            (datetime.date(2015, 3, 2), "Quy định về chữ ký số trong văn bản điện tử"),
            (datetime.date(2016, 5, 9), "Chữ ký số chuyên dùng trong cơ quan nhà nước"),
            (datetime.date(2017, 8, 1), "Hướng dẫn chữ ký số cho văn bản đi"),
        ],
        start=1,
    ):
        page = factories.legal_document(
            index,
            slug=f"{n}-qd-ubnd",
            number=f"{n}/QĐ-UBND",
            title=title,
            summary=title,
            issued_on=day,
            body=[
                {
                    "type": "article",
                    "value": {
                        "number": "2",
                        "heading": "Sử dụng chữ ký số",
                        "text": "Văn bản điện tử được ký bằng chữ ký số.",
                        "clauses": [],
                    },
                }
            ],
            sectors=[sector],
        )
        pages.append(page)
    outbox.apply_pending()
    return pages


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_empty_page_shows_the_form_and_help(client, backend):
    response = client.get(URL)
    assert response.status_code == 200
    body = text(response)
    assert "Tìm kiếm văn bản" in body and 'name="q"' in body
    assert "không dấu" in body
    assert backend.requests == []


def test_results_with_highlights_articles_and_dates(client, documents):
    first = documents[0]
    response = client.get(URL, {"q": "chu ky so"})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    body = response.content.decode()
    assert "Tìm thấy 3 văn bản" in body
    assert f'href="{first.url}"' in body and "Quyết định 1/QĐ-UBND" in body
    assert '<p class="hit-snippet">' in body
    assert "02/03/2015" in body  # dd/mm/yyyy
    assert f'href="{first.url}#dieu-2"' in body and "Điều 2. Sử dụng chữ ký số" in body
    assert 'value="chu ky so"' in body


def test_facets_with_counts_link_to_filters(client, documents):
    body = text(client.get(URL, {"q": "chu ky so"}))
    assert "Loại văn bản" in body and "Cơ quan ban hành" in body and "Năm ban hành" in body
    assert 'Công nghệ thông tin</a> <span class="count">(3)</span>' in body
    assert "?q=chu+ky+so&sector=cong-nghe-thong-tin" in body
    assert "?q=chu+ky+so&year_from=2016&year_to=2016" in body


def test_a_chosen_filter_is_shown_and_can_be_removed(client, backend, documents):
    response = client.get(URL, {"q": "chu ky so", "year_from": "2016", "year_to": "2016"})
    body = text(response)
    assert backend.requests[-1].year_from == 2016
    assert "Tìm thấy 1 văn bản" in body
    assert "Năm ban hành: 2016 ✕" in body
    assert 'href="?q=chu+ky+so"' in body  # removing the filter keeps the query
    assert 'type="hidden" name="year_from" value="2016"' in body  # kept on a new query


def test_sort_links_and_select(client, backend, documents):
    body = text(client.get(URL, {"q": "chu ky so", "sort": "oldest"}))
    assert backend.requests[-1].sort == "oldest"
    assert '<option value="oldest" selected>Cũ nhất</option>' in body
    assert 'href="?q=chu+ky+so&sort=newest"' in body
    assert body.index("1/QĐ-UBND") < body.index("3/QĐ-UBND")


def test_pagination(client, documents):
    body = text(client.get(URL, {"q": "chu ky so", "page_size": "1"}))
    assert 'href="?q=chu+ky+so&page_size=1&page=2" rel="next"' in body
    assert 'aria-current="page">1</a>' in body
    second = text(client.get(URL, {"q": "chu ky so", "page_size": "1", "page": "2"}))
    assert "Quyết định 2/QĐ-UBND" in second and 'rel="prev"' in second
    assert "Quyết định 3/QĐ-UBND" not in second


def test_a_query_over_the_word_limit_says_which_words_it_left_out(client, documents):
    unknown = [f"x{n}" for n in range(30)]  # in no document: the most selective
    typed = " ".join([*unknown, "chữ", "ký", "số", "văn", "bản"])  # in every document

    page = text(client.get(URL, {"q": typed}))

    assert (
        "Câu tìm kiếm dài hơn 32 từ: đã tìm theo 32 từ ít gặp nhất, bỏ qua: số, văn, bản." in page
    )


def test_a_query_within_the_word_limit_has_no_such_line(client, documents):
    assert "Câu tìm kiếm dài hơn" not in text(client.get(URL, {"q": "chữ ký số"}))


def test_no_results(client, documents):
    body = text(client.get(URL, {"q": "khong co gi"}))
    assert "Tìm thấy 0 văn bản" in body and "Không tìm thấy văn bản phù hợp" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 501}, "Câu tìm kiếm quá dài (tối đa 500 ký tự)."),
        ({"q": "thuế", "page": "0"}, "Số trang không hợp lệ."),
        ({"year_from": "năm ngoái"}, "Năm phải là số từ 1900 đến 2100."),
    ],
)
def test_bad_parameters_show_the_message_with_400(client, backend, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    body = text(response)
    assert f'<p class="search-error" role="alert">{message}</p>' in body
    assert backend.requests == []


def test_backend_down_shows_a_message_with_503(client, backend):
    backend.search_error = ConnectionError("unreachable")
    response = client.get(URL, {"q": "chu ky so"})
    assert response.status_code == 503
    assert "Dịch vụ tìm kiếm tạm thời gián đoạn" in text(response)


def test_highlights_are_trusted_only_when_they_hold_nothing_but_mark():
    assert safe_highlight("a &lt;b&gt; <mark>c</mark>") == "a &lt;b&gt; <mark>c</mark>"
    assert safe_highlight('<mark onclick="x">c</mark>') == (
        "&lt;mark onclick=&quot;x&quot;&gt;c&lt;/mark&gt;"
    )
    assert safe_highlight("<script>alert(1)</script>") == ("&lt;script&gt;alert(1)&lt;/script&gt;")


def test_hostile_highlight_is_escaped_on_the_page(client, backend, documents, monkeypatch):
    # A backend breaking its contract (unescaped text in the snippet) cannot inject markup.
    monkeypatch.setattr(fakes, "_mark", lambda text, words: text + "<script>alert(1)</script>")
    body = client.get(URL, {"q": "chu"}).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
