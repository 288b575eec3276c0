"""``search.ranking_policy``: every engine reads its weights and sizes from there.

Each row changes one number of the policy (monkeypatch) and checks that each engine that uses
it follows: the Elasticsearch request body (built without a server), the embedded scores
(``search.backends.ranking``: SQLite and PostgreSQL alike) and the embedded engine of the test
database, and the hits both build (``search.backends.hits``).
"""

import datetime
import re

import numpy as np
import pytest

from search import ranking_policy as policy
from search.backends import elasticsearch as es
from search.backends.base import SearchRequest
from search.backends.catalog import Catalog, Doc
from search.backends.plan import QueryPlan
from search.backends.ranking import Signals, select
from search.highlight import ELLIPSIS, Matcher
from search.query import parse_query
from tests.search.backends.conftest import embedded_backend, make_record

TODAY = datetime.date(2025, 6, 1)

# Weights, heaviest first.
WEIGHTS = (
    "NUMBER",
    "HEADING",
    "HEAD",
    "HEAD_EXACT",
    "HEAD_PHRASE",
    "HEAD_COVER",
    "EXACT",
    "PHRASE_UNITS",
    "ALL_UNITS",
    "UNIT_SHARE",
)


def test_each_weight_outranks_all_lighter_ones_together():
    weights = [getattr(policy, name) for name in WEIGHTS]
    for at, weight in enumerate(weights):
        assert weight > sum(weights[at + 1 :]), WEIGHTS[at]


def test_the_article_count_stays_below_its_share():
    assert 0 < policy.unit_share(1, 0, 1) < policy.unit_share(50, 50, 1) < policy.UNIT_SHARE


# --- Elasticsearch: the request body ----------------------------------------------------------


def es_body(query: str) -> dict:
    request = SearchRequest(query=parse_query(query), today=TODAY)
    return es.build_search(request, "idx").to_dict()


def named_boosts(body: dict) -> dict[str, float]:
    """The constant scores of the ranking signals, by name."""
    return {
        clause["constant_score"]["_name"]: clause["constant_score"]["boost"]
        for clause in body["query"]["bool"]["should"]
        if "_name" in clause.get("constant_score", {})
    }


def article_boosts(body: dict) -> set[float]:
    """The constant scores of the article signals (best unit of each document)."""
    return {
        clause["nested"]["query"]["constant_score"]["boost"]
        for clause in body["query"]["bool"]["should"]
        if clause.get("nested", {}).get("score_mode") == "max"
        and "constant_score" in clause["nested"]["query"]
    }


def inner_hits(body: dict) -> dict:
    return next(
        clause["nested"]["inner_hits"]
        for clause in body["query"]["bool"]["should"]
        if "inner_hits" in clause.get("nested", {})
    )


@pytest.mark.parametrize(
    ("weight", "signal"),
    [
        ("NUMBER", "number"),
        ("HEAD", "head"),
        ("HEAD_EXACT", "head_exact"),
        ("HEAD_PHRASE", "head_phrase"),
        ("EXACT", "exact"),
    ],
)
def test_elasticsearch_boosts_are_the_policy_weights(monkeypatch, weight, signal):
    query = "chữ ký số 629/QĐ-UBND"
    assert named_boosts(es_body(query))[signal] == getattr(policy, weight)
    monkeypatch.setattr(policy, weight, 7.25)
    assert named_boosts(es_body(query))[signal] == 7.25


def test_elasticsearch_heading_boost_is_the_policy_weight(monkeypatch):
    body = es_body("Thẩm quyền giải quyết tố cáo")
    assert named_boosts(body)["heading"] == policy.HEADING
    (heading,) = [
        clause["constant_score"]["filter"]
        for clause in body["query"]["bool"]["should"]
        if clause.get("constant_score", {}).get("_name") == "heading"
    ]
    assert heading == {"term": {"heading_keys": "tham quyen giai quyet to cao"}}
    monkeypatch.setattr(policy, "HEADING", 7.25)
    assert named_boosts(es_body("tham quyen giai quyet to cao"))["heading"] == 7.25
    assert "heading" not in named_boosts(es_body("to cao 25/2018/QH14"))


@pytest.mark.parametrize("weight", ["PHRASE_UNITS", "ALL_UNITS"])
def test_elasticsearch_article_boosts_are_the_policy_weights(monkeypatch, weight):
    assert getattr(policy, weight) in article_boosts(es_body("chu ky so"))
    monkeypatch.setattr(policy, weight, 7.25)
    assert 7.25 in article_boosts(es_body("chu ky so"))


def test_elasticsearch_hit_sizes_are_the_policy_sizes(monkeypatch):
    options = inner_hits(es_body("chu ky so"))
    assert options["size"] == policy.UNITS_PER_HIT == policy.ARTICLES_PER_HIT + 1
    assert options["highlight"]["fields"]["units.text"]["fragment_size"] == policy.SNIPPET_SIZE
    monkeypatch.setattr(policy, "UNITS_PER_HIT", 9)
    monkeypatch.setattr(policy, "SNIPPET_SIZE", 99)
    options = inner_hits(es_body("chu ky so"))
    field = options["highlight"]["fields"]["units.text"]
    assert (options["size"], field["fragment_size"], field["no_match_size"]) == (9, 99, 99)


# --- Embedded scores (SQLite and PostgreSQL) ---------------------------------------------------


def doc(page_id: int, **columns) -> Doc:
    values = {
        "number": "",
        "title": "Văn bản",
        "summary": "",
        "type_id": 1,
        "type_name": "Quyết định",
        "issuer_id": 1,
        "issuer_name": "Ủy ban",
        "year": 2020,
        "issued_on": "2020-01-15",
        "effective_on": None,
        "expires_on": None,
        "terminated_on": None,
        "partly_terminated_on": None,
        "validity_evidence": "issued",
        "url": f"/van-ban/{page_id}/",
        "unit_count": 10,
        "head_tokens": 3,
    }
    values.update(columns)
    return Doc(page_id=page_id, **values)


def score_of(signal: str, query: str = "chu ky so") -> float:
    """The embedded score of a document that has ``signal`` alone (head marks need the head)."""
    catalog = Catalog({1: doc(1)})
    signals = Signals()
    signals.add([1])
    if signal in ("phrase_units", "all_units"):
        signals.count(signal, [1])
    else:
        if signal.startswith("head_"):
            signals.mark("head", [1])
        signals.mark(signal, [1])
    return float(signals.scores(catalog, QueryPlan(parse_query(query)))[0])


HEAD_ALONE = policy.HEAD + policy.HEAD_COVER  # three words over a head of three tokens


@pytest.mark.parametrize(
    ("weight", "signal", "besides"),
    [
        ("NUMBER", "number", 0.0),
        ("HEADING", "heading", 0.0),
        ("HEAD", "head", policy.HEAD_COVER),
        ("HEAD_COVER", "head", policy.HEAD),
        ("HEAD_EXACT", "head_exact", HEAD_ALONE),
        ("HEAD_PHRASE", "head_phrase", HEAD_ALONE),
        ("EXACT", "exact", 0.0),
        ("PHRASE_UNITS", "phrase_units", policy.unit_share(0, 1, 10)),
        ("ALL_UNITS", "all_units", policy.unit_share(1, 0, 10)),
    ],
)
def test_embedded_scores_are_the_policy_weights(monkeypatch, weight, signal, besides):
    assert score_of(signal) == pytest.approx(getattr(policy, weight) + besides)
    monkeypatch.setattr(policy, weight, 7.25)
    assert score_of(signal) == pytest.approx(7.25 + besides)


def test_embedded_article_count_is_the_policy_share(monkeypatch):
    assert score_of("all_units") == pytest.approx(policy.ALL_UNITS + policy.unit_share(1, 0, 10))
    monkeypatch.setattr(policy, "UNIT_SHARE", 10.0)
    assert score_of("all_units") == pytest.approx(policy.ALL_UNITS + 10.0 / (1 + 1 + 1))


def test_rescoring_window_is_the_policy_size(monkeypatch):
    """Matches tied on their bound: the pending signals are read for the window's only."""
    catalog = Catalog({page_id: doc(page_id) for page_id in range(1, 101)})

    def read_for(window: int) -> int:
        monkeypatch.setattr(policy, "RESCORE_WINDOW", window)
        signals = Signals()
        signals.add(range(1, 101))
        asked: list[list[int]] = []
        signals.pending.append((policy.EXACT, asked.append))
        request = SearchRequest(query=parse_query("chu ky so"), page_size=10, today=TODAY)
        plan = QueryPlan(request.query)
        select(request, signals, np.ones(100, dtype=bool), plan, catalog, "2025-06-01")
        return len(asked[0])

    assert read_for(policy.RESCORE_WINDOW) == policy.RESCORE_WINDOW
    assert read_for(25) == 25


def test_each_match_comes_on_one_page_only(monkeypatch):
    """Tied bounds, a pending signal that lifts every third match: the window is the same
    for every page, so deeper pages neither repeat nor skip a match."""
    monkeypatch.setattr(policy, "RESCORE_WINDOW", 15)
    catalog = Catalog({page_id: doc(page_id) for page_id in range(1, 101)})
    lifted = set(range(1, 101, 3))

    def page(number: int) -> list[int]:
        signals = Signals()
        signals.add(range(1, 101))

        def mark(page_ids: list[int]) -> None:
            signals.mark("exact", [i for i in page_ids if i in lifted])

        signals.pending.append((policy.EXACT, mark))
        request = SearchRequest(
            query=parse_query("chu ky so"), page=number, page_size=10, today=TODAY
        )
        plan = QueryPlan(request.query)
        return select(request, signals, np.ones(100, dtype=bool), plan, catalog, "2025-06-01").page

    pages = [page(number) for number in range(1, 11)]
    shown = [page_id for hits in pages for page_id in hits]
    assert sorted(shown) == list(range(1, 101))
    # The window (the 15 newest, five of them lifted) first, by whole score; then the others
    # by their bound (unread: a lifted one among them is not lifted), newest first.
    assert set(shown[:15]) == set(range(86, 101))
    assert set(shown[:5]) <= lifted and not set(shown[5:15]) & lifted
    assert shown[15:] == list(range(85, 0, -1))


# --- The embedded engine of the test database ----------------------------------------------------


CHU_KY_SO = "Chữ ký số được dùng trong giao dịch điện tử."


@pytest.fixture
def engine(db):
    backend = embedded_backend()
    backend.clear()
    return backend


def search(backend, query: str, **options):
    return backend.search(SearchRequest(query=parse_query(query), today=TODAY, **options))


@pytest.mark.parametrize(
    ("query", "weight"),
    [
        ("629/QĐ-UBND", "NUMBER"),
        ("chữ ký số", "HEAD"),
        ("chữ ký số", "HEAD_EXACT"),
        ("chữ ký số", "HEAD_PHRASE"),
        ("chữ ký số", "EXACT"),
        ("chữ ký số", "PHRASE_UNITS"),
        ("chữ ký số", "ALL_UNITS"),
    ],
)
def test_engine_scores_follow_the_policy(engine, monkeypatch, query, weight):
    record = make_record(
        number="629/QĐ-UBND", title="Quy chế chữ ký số", articles=(("1", "", CHU_KY_SO),)
    )
    engine.index([record])
    before = search(engine, query).hits[0].score
    monkeypatch.setattr(policy, weight, getattr(policy, weight) + 7)
    assert search(engine, query).hits[0].score == pytest.approx(before + 7)


def test_engine_broad_queries_follow_the_policy(engine, monkeypatch):
    """A broad query (one or two words in more than BROAD_MATCHES documents) does not count
    the articles holding all its words."""
    records = [
        make_record(title=f"Văn bản {n}", articles=(("1", "", CHU_KY_SO),)) for n in range(3)
    ]
    engine.index(records)
    narrow = search(engine, "ký số").hits[0].score
    monkeypatch.setattr(policy, "BROAD_MATCHES", 2)
    assert search(engine, "ký số").hits[0].score <= narrow - policy.ALL_UNITS


def test_engine_articles_and_snippets_follow_the_policy(engine, monkeypatch):
    long_text = "Văn bản quy định chung. " * 40 + CHU_KY_SO + " Điều khoản cuối." * 40
    articles = tuple((str(n), "", long_text) for n in range(1, 6))
    engine.index([make_record(title="Quy chế", articles=articles)])

    hit = search(engine, "chu ky so").hits[0]
    assert len(hit.articles) == policy.ARTICLES_PER_HIT
    assert len(plain(hit.articles[0].highlight)) <= policy.SNIPPET_SIZE + 2 * len(ELLIPSIS)

    monkeypatch.setattr(policy, "ARTICLES_PER_HIT", 2)
    monkeypatch.setattr(policy, "SNIPPET_SIZE", 80)
    hit = search(engine, "chu ky so").hits[0]
    assert len(hit.articles) == 2
    assert len(plain(hit.articles[0].highlight)) <= 80 + 2 * len(ELLIPSIS)
    assert "<mark>" in hit.articles[0].highlight


def test_engine_reads_the_policy_share_of_an_article_for_its_snippet(engine, monkeypatch):
    far = "Văn bản quy định chung. " * 250 + CHU_KY_SO  # the words after 6,000 characters
    engine.index([make_record(title="Quy chế", articles=(("1", "", far),))])
    assert "<mark>" not in search(engine, "chu ky so").hits[0].articles[0].highlight
    monkeypatch.setattr(policy, "SNIPPET_SOURCE_SIZE", 10_000)
    assert "<mark>" in search(engine, "chu ky so").hits[0].articles[0].highlight


# --- Hits: one snippet policy for both -----------------------------------------------------------


def plain(html: str) -> str:
    return re.sub(r"</?mark>", "", html)


def es_hit(positions: list[int]) -> dict:
    return {
        "_score": 1.0,
        "_source": {"page_id": 7, "title": "Quy chế", "summary": ""},
        "inner_hits": {
            "units": {
                "hits": {
                    "hits": [
                        {
                            "_source": {"position": p, "number": str(p), "heading": f"Điều {p}"},
                            "highlight": {"units.text": [f"<mark>chữ</mark> {p}"]},
                        }
                        for p in positions
                    ]
                }
            }
        },
    }


def test_elasticsearch_hits_follow_the_policy(monkeypatch):
    matcher = Matcher.for_query(parse_query("chu"))
    hit = es.parse_hit(es_hit([0, 1, 2, 3, 4]), matcher)
    assert [a.number for a in hit.articles] == ["1", "2", "3"][: policy.ARTICLES_PER_HIT]
    assert hit.highlight == "<mark>chữ</mark> 0"  # the text outside articles
    monkeypatch.setattr(policy, "ARTICLES_PER_HIT", 2)
    hit = es.parse_hit(es_hit([2, 1, 3]), matcher)
    assert [a.number for a in hit.articles] == ["2", "1"]
    assert hit.highlight == "<mark>chữ</mark> 2"  # no text outside articles: the first article
