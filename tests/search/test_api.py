"""``GET /api/search/``: parameters, validation messages, JSON shape, caching headers."""

import datetime

import pytest
from django.conf import settings

from cms.models import Sector
from search import outbox
from search.forms import MAX_PARAMETER_LENGTH
from search.query import MAX_QUERY_LENGTH
from tests import factories
from tests.search import fakes

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.search.urls")]
URL = "/api/search/"


@pytest.fixture
def backend(monkeypatch):
    return fakes.install(monkeypatch)


@pytest.fixture
def documents(backend):
    index = factories.site_tree()[1]
    sector = Sector.objects.create(name="Công nghệ thông tin", slug="cong-nghe-thong-tin")
    first = factories.legal_document(
        index,
        slug="05-2015-qd-ubnd",
        number="05/2015/QĐ-UBND",
        title="Quy định về chữ ký số trong văn bản điện tử",
        summary="Ban hành Quy định về sử dụng chữ ký số trong văn bản điện tử",
        document_type=factories.document_type(is_normative=True),
        issued_on=datetime.date(2015, 3, 2),
        effective_on=datetime.date(2015, 3, 20),
        body=[
            {
                "type": "article",
                "value": {
                    "number": "5a",
                    "heading": "Chữ ký số",
                    "text": "Văn bản điện tử phải được ký bằng chữ ký số.",
                    "clauses": [],
                },
            }
        ],
        sectors=[sector],
    )
    second = factories.legal_document(
        index,
        slug="629-qd-ubnd",
        number="629/QĐ-UBND",
        title="Thành lập Ban chỉ đạo ứng dụng công nghệ thông tin",
        summary="Thành lập Ban chỉ đạo ứng dụng công nghệ thông tin",
        issued_on=datetime.date(2015, 4, 20),
    )
    outbox.apply_pending()
    return first, second


def test_json_shape(client, documents):
    first, _ = documents
    response = client.get(URL, {"q": "chu ky so"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"total", "took_ms", "page", "page_size", "dropped_words", "hits", "facets"}
    assert data["dropped_words"] == []
    assert (data["total"], data["page"], data["page_size"]) == (1, 1, 20)
    assert isinstance(data["took_ms"], float)
    hit = data["hits"][0]
    assert hit == {
        "number": "05/2015/QĐ-UBND",
        "title": "Quy định về chữ ký số trong văn bản điện tử",
        "type": "Quyết định",
        "issuer": "Ủy ban nhân dân tỉnh Cao Bằng",
        "issued_on": "2015-03-02",
        "url": settings.PORTAL_BASE_URL + first.url,
        "score": 1.5,
        "highlight": hit["highlight"],
        "articles": [
            {
                "number": "5a",
                "heading": "Chữ ký số",
                "anchor": "dieu-5a",
                "highlight": hit["articles"][0]["highlight"],
            }
        ],
    }
    assert set(data["facets"]) == {"type", "issuer", "sector", "year", "validity"}
    assert data["facets"]["sector"] == [
        {"value": "cong-nghe-thong-tin", "label": "Công nghệ thông tin", "count": 1}
    ]
    assert data["facets"]["year"] == [{"value": "2015", "label": "2015", "count": 1}]


def test_cache_headers(client, documents):
    response = client.get(URL, {"q": "ban chi dao"})
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert response["Server-Timing"].startswith("search;dur=")
    error = client.get(URL, {"page": "0"})
    assert error["Cache-Control"] == "no-store"


def test_parameters_reach_the_backend(client, backend, documents):
    response = client.get(
        URL,
        {
            "q": ' "chữ ký số" -nháp 629/qd-ubnd ',
            "type": "3",
            "issuer": "4",
            "sector": "cong-nghe-thong-tin",
            "year_from": "2010",
            "year_to": "2015",
            "validity": "in_force",
            "sort": "newest",
            "page": "2",
            "page_size": "5",
        },
    )
    assert response.status_code == 200
    request = backend.requests[-1]
    assert [w.folded for w in request.query.phrases[0]] == ["chu", "ky", "so"]
    assert [w[0].folded for w in request.query.excluded] == ["nhap"]
    assert request.query.numbers == ("629/qd-ubnd",)
    assert (request.type_id, request.issuer_id, request.sector) == (3, 4, "cong-nghe-thong-tin")
    assert (request.year_from, request.year_to, request.validity) == (2010, 2015, "in_force")
    assert (request.sort, request.page, request.page_size) == ("newest", 2, 5)


def test_defaults_and_empty_parameters(client, backend, documents):
    response = client.get(URL, {"q": "", "type": "", "sort": "", "page": "", "validity": ""})
    assert response.status_code == 200
    request = backend.requests[-1]
    assert request.query.is_empty and request.type_id is None and request.validity is None
    assert (request.sort, request.page, request.page_size) == ("relevance", 1, 20)
    assert response.json()["total"] == 2  # no query, no filter: every published document


def test_unknown_parameters_are_ignored(client, documents):
    assert client.get(URL, {"q": "so", "callback": "alert(1)", "format": "xml"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * (MAX_QUERY_LENGTH + 1)}, "Câu tìm kiếm quá dài (tối đa 500 ký tự)."),
        ({"type": "abc"}, "Loại văn bản không hợp lệ."),
        ({"type": "0"}, "Loại văn bản không hợp lệ."),
        ({"type": "-1"}, "Loại văn bản không hợp lệ."),
        ({"type": "1.5"}, "Loại văn bản không hợp lệ."),
        ({"type": "99999999999999999999"}, "Loại văn bản không hợp lệ."),
        ({"type": "١٢"}, "Loại văn bản không hợp lệ."),  # Arabic-Indic digits
        ({"issuer": "UBND"}, "Cơ quan ban hành không hợp lệ."),
        ({"sector": "Công nghệ"}, "Lĩnh vực không hợp lệ."),
        ({"sector": "a/../b"}, "Lĩnh vực không hợp lệ."),
        ({"year_from": "20x5"}, "Năm phải là số từ 1900 đến 2100."),
        ({"year_to": "1800"}, "Năm phải là số từ 1900 đến 2100."),
        ({"year_from": "2016", "year_to": "2015"}, "Năm kết thúc không được trước năm bắt đầu."),
        ({"validity": "valid"}, "Tình trạng hiệu lực không hợp lệ."),
        ({"sort": "score desc"}, "Cách sắp xếp không hợp lệ."),
        ({"page": "0"}, "Số trang không hợp lệ."),
        ({"page": "many"}, "Số trang không hợp lệ."),
        ({"page_size": "51"}, "Số kết quả mỗi trang phải từ 1 đến 50."),
        ({"page_size": "0"}, "Số kết quả mỗi trang phải từ 1 đến 50."),
        (
            {"page": "501", "page_size": "20"},
            "Chỉ xem được 10.000 kết quả đầu tiên; vui lòng thu hẹp tìm kiếm.",
        ),
        (
            {"sector": "a" * (MAX_PARAMETER_LENGTH + 1)},
            "Tham số “sector” quá dài (tối đa 100 ký tự).",
        ),
    ],
)
def test_bad_parameters_get_400_with_a_message(client, backend, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["error"] == message
    assert message in [m for messages in data["errors"].values() for m in messages]
    assert backend.requests == []  # nothing invalid reaches the backend


def test_a_query_over_the_word_limit_is_answered_with_its_rarest_words(client, backend):
    filler = [f"tu{n}" for n in range(40)]
    backend.document_frequencies = lambda words: {w: 1 if w in "chu ky so" else 500 for w in words}

    response = client.get(URL, {"q": " ".join([*filler, "chữ", "ký", "số"])})

    assert response.status_code == 200
    (asked,) = backend.requests
    assert [term.exact for term in asked.query.terms] == [*filler[:29], "chữ", "ký", "số"]
    assert response.json()["dropped_words"] == filler[29:]


def test_only_get(client, documents):
    response = client.post(URL, {"q": "so"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {"error": "Chỉ hỗ trợ phương thức GET."}


def test_backend_failure_is_503_with_a_message(client, backend):
    backend.search_error = ConnectionError("Elasticsearch unreachable")
    response = client.get(URL, {"q": "chu ky so"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and response["Cache-Control"] == "no-store"
    assert response.json()["error"].startswith("Dịch vụ tìm kiếm tạm thời gián đoạn")
