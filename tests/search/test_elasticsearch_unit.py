"""The Elasticsearch backend without a server: its mapping, the request bodies it builds for
parsed queries and filters, the documents it sends, and how it reads a response."""

import datetime
import json

import pytest

from cms.validity import Validity
from search.backends import elasticsearch as es
from search.backends.base import FACETS, ArticleRecord, IndexRecord, SearchRequest
from search.query import parse_query

TODAY = datetime.date(2025, 6, 1)


def body(query: str, **options) -> dict:
    options.setdefault("today", TODAY)
    return es.build_search(SearchRequest(query=parse_query(query), **options), "idx").to_dict()


def find(node, key):
    """Every value under ``key`` anywhere in a JSON-like structure."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            yield from find(v, key)
    elif isinstance(node, list):
        for item in node:
            yield from find(item, key)


RECORD = IndexRecord(
    page_id=7,
    url="/van-ban/7/",
    number="629/QĐ-UBND",
    number_key="629/qd-ubnd",
    title="Quyết định 629/QĐ-UBND",
    summary="Ban hành Quy chế sử dụng chữ ký số",
    type_id=1,
    type_name="Quyết định",
    issuer_id=2,
    issuer_name="Ủy ban nhân dân tỉnh",
    sectors=(("cntt", "Công nghệ thông tin"),),
    issued_on=datetime.date(2020, 1, 15),
    effective_on=None,
    expires_on=None,
    terminated_on=datetime.date(2024, 1, 1),
    partly_terminated_on=None,
    validity_evidence="issued",
    text="Căn cứ Luật Giao dịch điện tử.",
    articles=(ArticleRecord("1", "Phạm vi", "dieu-1", "Quy chế này quy định việc hòa giải."),),
)


# --- Mapping -----------------------------------------------------------------------------------


def test_analyzers():
    analysis = es.index_definition("idx").to_dict()["settings"]["analysis"]
    folded = analysis["analyzer"]["folded"]
    assert folded["filter"] == ["lowercase", "asciifolding"]
    assert folded["char_filter"] == ["vi_d_with_stroke"]
    assert "đ => d" in analysis["char_filter"]["vi_d_with_stroke"]["mappings"]
    assert "Đ => d" in analysis["char_filter"]["vi_d_with_stroke"]["mappings"]
    assert analysis["analyzer"]["exact"] == {
        "tokenizer": "vi_words",
        "filter": ["lowercase"],
        "type": "custom",
    }
    assert analysis["tokenizer"]["vi_words"]["type"] == "pattern"
    assert analysis["normalizer"]["number_key"]["filter"] == ["lowercase", "asciifolding"]


def test_field_types():
    properties = es.index_definition("idx").to_dict()["mappings"]["properties"]
    assert properties["number_key"] == {"normalizer": "number_key", "type": "keyword"}
    for name in ("head", "title", "summary", "content"):
        assert properties[name] == {"analyzer": "folded", "type": "text"}
    for name in ("head_exact", "content_exact"):
        assert properties[name] == {"analyzer": "exact", "type": "text"}
    for name in ("issued_on", "start_on", "expires_on", "terminated_on", "partly_terminated_on"):
        assert properties[name]["type"] == "date"
    assert properties["type_id"]["type"] == "long"
    assert properties["sectors"]["type"] == "keyword"
    units = properties["units"]
    assert units["type"] == "nested"
    assert units["properties"]["text"]["analyzer"] == "folded"
    assert units["properties"]["text"]["copy_to"] == "units.content"
    assert units["properties"]["exact"]["analyzer"] == "exact"
    assert units["properties"]["anchor"] == {"index": False, "type": "keyword"}


def test_prepared_document():
    doc = es.LegalDocumentIndex.from_record(RECORD).to_dict()
    assert doc["head"].splitlines() == [
        "629/QĐ-UBND",
        "Quyết định 629/QĐ-UBND",
        "Ban hành Quy chế sử dụng chữ ký số",
        "Quyết định",
    ]
    assert doc["start_on"] == RECORD.issued_on  # no effective date: in force when signed
    assert doc["sector_labels"] == ["cntt\x1fCông nghệ thông tin"]
    assert [u["position"] for u in doc["units"]] == [0, 1]
    assert doc["units"][1]["anchor"] == "dieu-1"
    assert "hoà giải" in doc["units"][1]["exact"]  # exact_form: new-style tone placement
    assert doc["content"][0] == doc["head"]
    assert len(doc["content"]) == 3


def test_index_sends_one_bulk_action_per_record(monkeypatch):
    sent = []

    def fake_bulk(client, actions, **options):
        sent.extend(actions)
        return len(sent), []

    monkeypatch.setattr(es, "bulk", fake_bulk)
    backend = es.ElasticsearchBackend(url="http://localhost:9200", index="idx", client=FakeClient())
    assert backend.index([RECORD]) == 1
    assert sent[0]["_id"] == 7 and sent[0]["_index"] == "idx"
    assert sent[0]["_source"]["number_key"] == "629/qd-ubnd"


# --- Query bodies ------------------------------------------------------------------------------


def test_every_word_phrase_and_number_must_match():
    query = body('chữ ký "văn bản điện tử" 629/QD-UBND -"ban giay" -nhap')["query"]["bool"]
    matching = query["filter"][0]["bool"]
    assert matching["filter"][:2] == [
        {"match": {"content": {"query": "chu", "operator": "and"}}},
        {"match": {"content": {"query": "ky", "operator": "and"}}},
    ]
    assert {"match_phrase": {"content": "van ban dien tu"}} in matching["filter"]
    number = matching["filter"][3]["bool"]["should"]
    assert {"terms": {"number_key": ["629/qd-ubnd"]}} in number
    assert {"match_phrase": {"content": "629/qd-ubnd"}} in number
    assert matching["must_not"] == [
        {"match_phrase": {"content": "ban giay"}},
        {"match_phrase": {"content": "nhap"}},
    ]


def test_signals_are_constant_scores_by_priority():
    query = body("chữ ký số 629/QD-UBND")["query"]["bool"]
    boosts = {
        clause["constant_score"].get("_name"): clause["constant_score"]["boost"]
        for clause in query["should"]
        if "constant_score" in clause
    }
    assert boosts == {
        "number": 1e6,
        "head": 1e5,
        "head_exact": 5e4,
        "head_phrase": 2.5e4,
        "exact": 5e3,
    }
    exact = next(c for c in query["should"] if c.get("constant_score", {}).get("_name") == "exact")
    assert list(find(exact, "query")) == ["chữ", "ký", "số"]
    nested = [c["nested"] for c in query["should"] if "nested" in c]
    assert {n["query"]["constant_score"]["boost"] for n in nested if "inner_hits" not in n} == {
        2.5e3,
        1e3,
        1.0,
    }


def test_diacritic_free_query_has_no_exact_signal():
    names = set(find(body("chu ky so")["query"], "_name"))
    assert "exact" not in names and "head_exact" not in names


def test_tone_placement_is_canonical_in_exact_queries():
    exact = [
        c
        for c in body("hòa giải")["query"]["bool"]["should"]
        if c.get("constant_score", {}).get("_name") == "exact"
    ]
    assert list(find(exact, "query")) == ["hoà", "giải"]


def test_articles_come_as_highlighted_inner_hits():
    query = body("chu ky so")["query"]["bool"]
    inner = next(c["nested"] for c in query["should"] if "inner_hits" in c.get("nested", {}))
    options = inner["inner_hits"]
    assert options["size"] == 4
    highlight = options["highlight"]
    assert highlight["pre_tags"] == ["<mark>"] and highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert highlight["fields"]["units.text"]["fragment_size"] == 240


def test_filters_are_post_filters_and_facets_ignore_their_own():
    request = body("chu ky so", type_id=2, issuer_id=3, sector="cntt", year_from=2019)
    filters = request["post_filter"]["bool"]["filter"]
    assert {"term": {"type_id": 2}} in filters
    assert {"term": {"issuer_id": 3}} in filters
    assert {"term": {"sectors": "cntt"}} in filters
    assert {"range": {"year": {"gte": 2019}}} in filters
    aggs = request["aggs"]
    assert set(aggs) == set(FACETS)
    type_filters = aggs["type"]["filter"]["bool"]["filter"]
    assert {"term": {"type_id": 2}} not in type_filters
    assert {"term": {"issuer_id": 3}} in type_filters
    assert aggs["type"]["aggs"]["values"]["terms"]["field"] == "type_id"
    assert set(aggs["validity"]["aggs"]["values"]["filters"]["filters"]) == set(Validity.values)


def test_validity_filter_uses_the_reference_day():
    request = body("", validity=Validity.IN_FORCE, today=datetime.date(2025, 1, 2))
    text = json.dumps(request["post_filter"])
    assert '"start_on": {"gt": "2025-01-02"}' in text
    assert "terminated_on" in text and "partly_terminated_on" in text
    # In force needs evidence: a document without it is unknown (cms.validity.RULE).
    assert '"exists": {"field": "validity_evidence"}' in text


def test_unknown_validity_is_a_filter_and_a_facet_value():
    request = body("", validity=Validity.UNKNOWN, today=datetime.date(2025, 1, 2))
    ((unknown,),) = find(request["post_filter"], "should")
    no_evidence = {"bool": {"must_not": [{"exists": {"field": "validity_evidence"}}]}}
    assert unknown["bool"]["filter"] == [no_evidence]
    assert {"range": {"terminated_on": {"lte": "2025-01-02"}}} in unknown["bool"]["must_not"]
    assert "unknown" in request["aggs"]["validity"]["aggs"]["values"]["filters"]["filters"]


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("relevance", "_score"),
        ("newest", {"issued_on": {"order": "desc", "missing": "_last"}}),
        ("oldest", {"issued_on": {"order": "asc", "missing": "_last"}}),
    ],
)
def test_sort_and_pagination(sort, first):
    request = body("chu ky so", sort=sort, page=3, page_size=10)
    assert request["sort"][0] == first
    assert request["from"] == 20 and request["size"] == 10
    assert request["track_total_hits"] is True


def test_empty_query_matches_everything_but_exclusions():
    query = body("-nhap")["query"]["bool"]
    assert query["filter"][0]["bool"]["filter"] == [{"match_all": {}}]
    assert query["filter"][0]["bool"]["must_not"] == [{"match_phrase": {"content": "nhap"}}]
    assert "should" not in query


def test_user_text_stays_inside_query_values():
    request = json.dumps(body('title:x* OR "a" AND ( NEAR )'))
    assert "query_string" not in request and "simple_query_string" not in request


# --- Reading a response --------------------------------------------------------------------------


class FakeIndices:
    def exists(self, index):
        return True

    def exists_alias(self, name):
        return False  # no rebuild in progress


class FakeClient:
    def __init__(self, response=None):
        self.response = response
        self.bodies = []
        self.indices = FakeIndices()

    def search(self, index, body):
        self.bodies.append(body)
        return self.response


RESPONSE = {
    "hits": {
        "total": {"value": 1},
        "hits": [
            {
                "_score": 105000.5,
                "matched_queries": ["head"],
                "_source": {
                    "page_id": 7,
                    "number": "629/QĐ-UBND",
                    "title": "Quyết định 629/QĐ-UBND",
                    "summary": "Ban hành Quy chế sử dụng chữ ký số",
                    "type_name": "Quyết định",
                    "issuer_name": "Ủy ban nhân dân tỉnh",
                    "issued_on": "2020-01-15",
                    "url": "/van-ban/7/",
                },
                "highlight": {"summary": ["Ban hành Quy chế sử dụng <mark>chữ ký số</mark>"]},
                "inner_hits": {
                    "units": {
                        "hits": {
                            "hits": [
                                {
                                    "_source": {
                                        "position": 5,
                                        "number": "5",
                                        "heading": "Chữ ký số",
                                        "anchor": "dieu-5",
                                    },
                                    "highlight": {"units.text": ["Dùng <mark>chữ ký số</mark>"]},
                                }
                            ]
                        }
                    }
                },
            }
        ],
    },
    "aggregations": {
        "type": {
            "values": {
                "buckets": [
                    {"key": 1, "doc_count": 1, "label": {"buckets": [{"key": "Quyết định"}]}}
                ]
            }
        },
        "issuer": {"values": {"buckets": []}},
        "sector": {"values": {"buckets": [{"key": "cntt\x1fCông nghệ thông tin", "doc_count": 1}]}},
        "year": {
            "values": {"buckets": [{"key": 2019, "doc_count": 2}, {"key": 2020, "doc_count": 1}]}
        },
        "validity": {
            "values": {"buckets": {"in_force": {"doc_count": 1}, "expired": {"doc_count": 0}}}
        },
    },
}


def test_response_becomes_results():
    client = FakeClient(RESPONSE)
    backend = es.ElasticsearchBackend(url="http://localhost:9200", index="idx", client=client)
    results = backend.search(SearchRequest(query=parse_query("chu ky so"), today=TODAY))
    assert results.total == 1
    hit = results.hits[0]
    assert hit.page_id == 7 and hit.issued_on == datetime.date(2020, 1, 15)
    assert hit.highlight == "Ban hành Quy chế sử dụng <mark>chữ ký số</mark>"
    assert hit.articles[0].anchor == "dieu-5"
    assert hit.articles[0].highlight == "Dùng <mark>chữ ký số</mark>"
    assert [(f.value, f.label, f.count) for f in results.facets["type"]] == [("1", "Quyết định", 1)]
    assert [(f.value, f.label) for f in results.facets["sector"]] == [
        ("cntt", "Công nghệ thông tin")
    ]
    assert [f.value for f in results.facets["year"]] == ["2020", "2019"]
    assert [(f.value, f.count) for f in results.facets["validity"]] == [("in_force", 1)]
    assert client.bodies[0]["query"]["bool"]["filter"]


def test_missing_url_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(ImproperlyConfigured):
        es.ElasticsearchBackend.from_settings()


def test_document_frequencies_ask_one_counting_search_per_word():
    client = FakeClient()
    client.msearch = lambda searches: (
        client.bodies.append(searches)
        or {"responses": [{"hits": {"total": {"value": 3}}}, {"hits": {"total": {"value": 1000}}}]}
    )
    backend = es.ElasticsearchBackend(url="http://localhost:9200", index="idx", client=client)

    assert backend.document_frequencies(["chu", "ky", "chu"]) == {"chu": 3, "ky": 1000}

    (searches,) = client.bodies
    assert searches[0] == {"index": "idx"}
    assert searches[1] == {
        "size": 0,
        "track_total_hits": 1000,
        "query": {"match": {"content": {"query": "chu", "operator": "and"}}},
    }
    assert len(searches) == 4
