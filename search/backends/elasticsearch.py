"""Search on Elasticsearch (8.x or 9.x server; the 8.19 client) through ``elasticsearch.dsl``.

One alias (``settings.ELASTICSEARCH_INDEX``, default "ldt-documents") over a versioned index
(a rebuild swaps the alias when the new version is complete) of ``LegalDocumentIndex``
documents: the head (number, title, summary, type) and every text of the document folded
(``search.analyzers.folded``) and in ``exact_form`` (``exact``), the number as a normalised
keyword, filter and facet fields, and the units (articles, and the text outside articles at
position 0) as nested documents for article hits and highlights.

Matching and ranking follow the embedded backends (see ``search.backends.plan``): every
word, phrase and number must occur in the document (a number also matches its
``number_key``), no excluded phrase may; the score is a sum of constant scores for the same
signals, by the same weights (``search.ranking_policy``), with Elasticsearch's own relevance
on the head as the last tie-breaker. Filters are a ``post_filter``; each facet is an
aggregation under every filter but its own.
"""

import contextlib
import datetime
import time
from collections.abc import Iterable, Sequence

from django.conf import settings
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.dsl import (
    A,
    Date,
    Document,
    Index,
    InnerDoc,
    Integer,
    Keyword,
    Long,
    Nested,
    Q,
    Search,
    Text,
)
from elasticsearch.dsl.query import Query
from elasticsearch.helpers import bulk

from cms.text import exact_form, fold, nfc
from cms.validity import OTHERWISE, RULE, Clause, Comparison, Validity, start_of
from search import analyzers
from search import ranking_policy as policy
from search.backends.base import (
    FACETS,
    FacetValue,
    Hit,
    IndexRecord,
    Results,
    SearchBackend,
    SearchRequest,
    head_text,
)
from search.backends.embedded import heading_rows, reference_day
from search.backends.hits import article_hit, elapsed_ms, hit_highlight, hit_units
from search.backends.plan import QueryPlan
from search.highlight import Matcher

DEFAULT_INDEX = "ldt-documents"
FACET_SIZE = 1000
MARK = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
_LABEL_SEPARATOR = "\x1f"


class UnitDoc(InnerDoc):
    """An article (position >= 1) or the text outside articles (position 0)."""

    position = Integer()
    number = Keyword()
    anchor = Keyword(index=False)
    heading = Text(analyzer=analyzers.folded, copy_to="units.content")
    text = Text(analyzer=analyzers.folded, copy_to="units.content")
    content = Text(analyzer=analyzers.folded)  # heading and text, for matching
    exact = Text(analyzer=analyzers.exact)


class LegalDocumentIndex(Document):
    page_id = Long()
    url = Keyword(index=False)
    number = Keyword()
    number_key = Keyword(normalizer=analyzers.number_key)
    title = Text(analyzer=analyzers.folded)
    summary = Text(analyzer=analyzers.folded)
    head = Text(analyzer=analyzers.folded)
    head_exact = Text(analyzer=analyzers.exact)
    content = Text(analyzer=analyzers.folded)  # head, text and articles, one value each
    content_exact = Text(analyzer=analyzers.exact)
    type_id = Long()
    type_name = Keyword()
    issuer_id = Long()
    issuer_name = Keyword()
    sectors = Keyword()
    sector_labels = Keyword(index=False, doc_values=True)
    year = Integer()
    issued_on = Date()
    effective_on = Date()
    start_on = Date()  # effective_on, or issued_on without one
    expires_on = Date()
    terminated_on = Date()
    partly_terminated_on = Date()
    validity_evidence = Keyword()
    heading_keys = Keyword()  # title and article headings as whole queries (plan.heading_key)
    units = Nested(UnitDoc)

    # --- prepare_* (one per prepared field, from an IndexRecord) -----------------------------

    @classmethod
    def prepare_units(cls, record: IndexRecord) -> list[dict]:
        units = []
        other = nfc(record.text).strip()
        if other:
            units.append({"position": 0, "number": "", "anchor": "", "heading": "", "text": other})
        for position, article in enumerate(record.articles, start=1):
            units.append(
                {
                    "position": position,
                    "number": article.number,
                    "anchor": article.anchor,
                    "heading": nfc(article.heading),
                    "text": nfc(article.text),
                }
            )
        for unit in units:
            unit["exact"] = exact_form(f"{unit['heading']}\n{unit['text']}")
        return units

    @classmethod
    def prepare_content(cls, record: IndexRecord, units: list[dict]) -> list[str]:
        return [head_text(record)] + [f"{u['heading']}\n{u['text']}" for u in units]

    @staticmethod
    def prepare_sector_labels(record: IndexRecord) -> list[str]:
        return [f"{slug}{_LABEL_SEPARATOR}{name}" for slug, name in record.sectors]

    @staticmethod
    def prepare_heading_keys(record: IndexRecord) -> list[str]:
        return [key for key, _page_id in heading_rows(record)]

    @staticmethod
    def prepare_start_on(record: IndexRecord):
        return start_of(issued_on=record.issued_on, effective_on=record.effective_on)

    @classmethod
    def from_record(cls, record: IndexRecord) -> "LegalDocumentIndex":
        head = head_text(record)
        units = cls.prepare_units(record)
        content = cls.prepare_content(record, units)
        return cls(
            meta={"id": record.page_id},
            page_id=record.page_id,
            url=record.url,
            number=record.number,
            number_key=record.number_key,
            title=record.title,
            summary=record.summary,
            head=head,
            head_exact=exact_form(head),
            content=content,
            content_exact=[u["exact"] for u in units] + [exact_form(head)],
            type_id=record.type_id,
            type_name=record.type_name,
            issuer_id=record.issuer_id,
            issuer_name=record.issuer_name,
            sectors=[slug for slug, _ in record.sectors],
            sector_labels=cls.prepare_sector_labels(record),
            year=record.issued_on.year if record.issued_on else None,
            issued_on=record.issued_on,
            effective_on=record.effective_on,
            start_on=cls.prepare_start_on(record),
            expires_on=record.expires_on,
            terminated_on=record.terminated_on,
            partly_terminated_on=record.partly_terminated_on,
            validity_evidence=record.validity_evidence,
            heading_keys=cls.prepare_heading_keys(record),
            units=units,
        )


def index_definition(name: str) -> Index:
    """The index with its settings, analysis and mapping (``.to_dict()`` to see them)."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, max_inner_result_window=100)
    index.document(LegalDocumentIndex)
    return index


# --- Queries -----------------------------------------------------------------------------------


def _word(field: str, word: str) -> Query:
    return Q("match", **{field: {"query": word, "operator": "and"}})


def _phrase(field: str, words: Iterable[str]) -> Query:
    return Q("match_phrase", **{field: " ".join(words)})


def _constant(query: Query, boost: float, name: str | None = None) -> Query:
    options = {"filter": query, "boost": boost}
    if name:
        options["_name"] = name
    return Q("constant_score", **options)


def _clauses(plan: QueryPlan, field: str, *, numbers: bool = True) -> list[Query]:
    """One query per term, phrase and (with ``numbers``) number, on ``field``."""
    parsed = plan.parsed
    queries = [_word(field, term.folded) for term in parsed.terms]
    queries += [_phrase(field, [w.folded for w in phrase]) for phrase in parsed.phrases]
    if numbers:
        for number in parsed.numbers:
            keys = [key for key, value in plan.keys.items() if value == number]
            text = _phrase(field, [fold(number)])
            queries.append(Q("bool", should=[Q("terms", number_key=keys), text]))
    return queries


def _exact(plan: QueryPlan, field: str) -> Query | None:
    """The words typed with diacritics, so spelt (``exact_form``), all on ``field``."""
    words = [variants[0] for variants in plan.exact_words]
    if not words:
        return None
    return Q("bool", filter=[_word(field, word) for word in words])


def matching_query(plan: QueryPlan) -> Query:
    """Documents holding every word, phrase and number, and no excluded phrase."""
    parsed = plan.parsed
    excluded = [_phrase("content", [w.folded for w in phrase]) for phrase in parsed.excluded]
    must = _clauses(plan, "content") if not parsed.is_empty else [Q("match_all")]
    return Q("bool", filter=must, must_not=excluded)


def ranking_queries(plan: QueryPlan) -> list[Query]:
    """The signals of ``search.backends.Signals`` as constant scores (summed)."""
    parsed = plan.parsed
    if parsed.is_empty:
        return []
    keys = list(plan.keys)
    should = []
    if keys:
        should.append(_constant(Q("terms", number_key=keys), policy.NUMBER, "number"))
    if plan.heading_key:
        should.append(
            _constant(Q("term", heading_keys=plan.heading_key), policy.HEADING, "heading")
        )
    if plan.has_words:
        head = Q("bool", filter=_clauses(plan, "head", numbers=False))
    else:
        head = Q("bool", should=[Q("terms", number_key=keys), *_clauses(plan, "head")])
    should.append(_constant(head, policy.HEAD, "head"))
    # Elasticsearch's relevance on the head orders documents within a tier (a shorter title
    # holding the words scores higher, as the embedded backends' share of the title does).
    should.append(Q("bool", filter=[head], should=_clauses(plan, "head")))
    if plan.whole_phrase is not None:
        whole = [term.folded for term in parsed.terms]
        should.append(_constant(_phrase("head", whole), policy.HEAD_PHRASE, "head_phrase"))
        phrase_units = _phrase("units.content", whole)
        should.append(
            Q(
                "nested",
                path="units",
                query=_constant(phrase_units, policy.PHRASE_UNITS),
                score_mode="max",
            )
        )
        should.append(
            Q("nested", path="units", query=_constant(phrase_units, 1.0), score_mode="sum")
        )
    exact_head, exact_any = _exact(plan, "head_exact"), _exact(plan, "content_exact")
    if exact_head is not None:
        should.append(_constant(exact_head, policy.HEAD_EXACT, "head_exact"))
        should.append(_constant(exact_any, policy.EXACT, "exact"))
    if plan.has_words and (len(parsed.terms) > 1 or parsed.phrases):
        all_units = Q("bool", filter=_clauses(plan, "units.content", numbers=False))
        should.append(
            Q(
                "nested",
                path="units",
                query=_constant(all_units, policy.ALL_UNITS),
                score_mode="max",
            )
        )
        should.append(Q("nested", path="units", query=_constant(all_units, 1.0), score_mode="sum"))
    should.append(units_query(plan))
    return should


def units_query(plan: QueryPlan) -> Query:
    """The matching units of each hit, best first, highlighted: a nested query whose inner
    hits are the articles (it adds next to nothing to the score)."""
    parsed = plan.parsed
    tiers = []
    if plan.whole_phrase is not None:
        tiers.append(_constant(_phrase("units.content", [t.folded for t in parsed.terms]), 100))
    if plan.has_words:
        every = Q("bool", filter=_clauses(plan, "units.content", numbers=False))
        tiers.append(_constant(every, 10))
    tiers += [_constant(query, 1) for query in _clauses(plan, "units.content")]
    highlight_query = Q("bool", should=_clauses(plan, "units.text"))
    return Q(
        "nested",
        path="units",
        score_mode="max",
        boost=1e-6,
        query=Q("bool", should=tiers, minimum_should_match=1),
        inner_hits={
            "name": "units",
            "size": policy.UNITS_PER_HIT,
            "_source": ["units.position", "units.number", "units.heading", "units.anchor"],
            "sort": [{"_score": "desc"}, {"units.position": "asc"}],
            "highlight": {
                **MARK,
                "fields": {
                    "units.text": {
                        "highlight_query": highlight_query.to_dict(),
                        "fragment_size": policy.SNIPPET_SIZE,
                        "number_of_fragments": 1,
                        "no_match_size": policy.SNIPPET_SIZE,
                    }
                },
            },
        },
    )


def _holds(clause: Clause, day: str) -> Query:
    if clause.test is Comparison.MISSING:
        return Q("bool", must_not=[Q("exists", field=clause.field)])
    bound = "gt" if clause.test is Comparison.AFTER else "lte"
    return Q("range", **{clause.field: {bound: day}})


def _validity_queries(today) -> dict[str, Query]:
    """A query per status, translated from ``cms.validity.RULE`` over the indexed dates (the
    rule's fields): a clause's status where it holds and no earlier clause does."""
    day = today.isoformat()
    branches: dict[str, list[Query]] = {choice.value: [] for choice in Validity}
    earlier: list[Query] = []
    for clause in RULE:
        holds = _holds(clause, day)
        if clause.status is not None:
            branches[clause.status].append(Q("bool", filter=[holds], must_not=list(earlier)))
        earlier.append(holds)
    branches[OTHERWISE].append(Q("bool", must_not=earlier))
    return {
        value: Q("bool", should=queries, minimum_should_match=1)
        for value, queries in branches.items()
    }


def filter_queries(request: SearchRequest, today) -> dict[str, Query]:
    """The request's filters, by facet name."""
    filters = {}
    if request.type_id is not None:
        filters["type"] = Q("term", type_id=request.type_id)
    if request.issuer_id is not None:
        filters["issuer"] = Q("term", issuer_id=request.issuer_id)
    if request.sector is not None:
        filters["sector"] = Q("term", sectors=request.sector)
    if request.year_from is not None or request.year_to is not None:
        bounds = {}
        if request.year_from is not None:
            bounds["gte"] = request.year_from
        if request.year_to is not None:
            bounds["lte"] = request.year_to
        filters["year"] = Q("range", year=bounds)
    if request.validity is not None:
        filters["validity"] = _validity_queries(today)[request.validity]
    return filters


def build_search(request: SearchRequest, index: str, today=None) -> Search:
    """The whole search request (``.to_dict()`` is the body sent)."""
    today = today or reference_day(request)
    plan = QueryPlan(request.query)
    query = Q("bool", filter=[matching_query(plan)], should=ranking_queries(plan))
    search = Search(index=index).query(query).extra(track_total_hits=True, track_scores=True)
    filters = filter_queries(request, today)
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for name in FACETS:
        others = [q for facet, q in filters.items() if facet != name]
        bucket = A("filter", filter=Q("bool", filter=others))
        if name == "type":
            bucket.bucket("values", "terms", field="type_id", size=FACET_SIZE).bucket(
                "label", "terms", field="type_name", size=1
            )
        elif name == "issuer":
            bucket.bucket("values", "terms", field="issuer_id", size=FACET_SIZE).bucket(
                "label", "terms", field="issuer_name", size=1
            )
        elif name == "sector":
            bucket.bucket("values", "terms", field="sector_labels", size=FACET_SIZE)
        elif name == "year":
            bucket.bucket("values", "terms", field="year", size=FACET_SIZE)
        else:
            bucket.bucket("values", "filters", filters=_validity_queries(today))
        search.aggs.bucket(name, bucket)
    if request.sort == "newest":
        search = search.sort({"issued_on": {"order": "desc", "missing": "_last"}}, "-page_id")
    elif request.sort == "oldest":
        search = search.sort({"issued_on": {"order": "asc", "missing": "_last"}}, "page_id")
    else:
        search = search.sort(
            "_score", {"issued_on": {"order": "desc", "missing": "_last"}}, "-page_id"
        )
    size = max(request.page_size, 1)
    start = (max(request.page, 1) - 1) * size
    search = search[start : start + size]
    search = search.source(
        ["page_id", "number", "title", "summary", "type_name", "issuer_name", "issued_on", "url"]
    )
    return search.highlight_options(**MARK).highlight("summary", "title", number_of_fragments=0)


# --- Results -------------------------------------------------------------------------------------


def _facets(aggregations: dict) -> dict[str, list[FacetValue]]:
    facets: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        values = aggregations.get(name, {}).get("values", {})
        if name == "validity":
            buckets = values.get("buckets", {})
            facets[name] = [
                FacetValue(choice.value, str(choice.label), buckets[choice.value]["doc_count"])
                for choice in Validity
                if buckets.get(choice.value, {}).get("doc_count")
            ]
            continue
        found = []
        for bucket in values.get("buckets", []):
            key = str(bucket["key"])
            if name in ("type", "issuer"):
                labels = bucket.get("label", {}).get("buckets", [])
                label = labels[0]["key"] if labels else key
            elif name == "sector":
                key, _, label = key.partition(_LABEL_SEPARATOR)
            else:
                label = key
            found.append(FacetValue(key, label, bucket["doc_count"]))
        if name == "year":
            found.sort(key=lambda facet: -int(facet.value))
        else:
            found.sort(key=lambda facet: (-facet.count, facet.label))
        facets[name] = found
    return facets


def _fragment(unit: dict) -> str:
    """The highlighted fragment of a unit's text (inner hit), or ""."""
    fragments = unit.get("highlight", {}).get("units.text", [])
    return fragments[0] if fragments else ""


def parse_hit(hit: dict, matcher: Matcher) -> Hit:
    source = hit["_source"]
    highlights = hit.get("highlight", {})
    inner = hit.get("inner_hits", {}).get("units", {}).get("hits", {}).get("hits", [])
    other, shown = hit_units(inner, lambda unit: unit["_source"].get("position", 0))
    articles = [
        article_hit(
            number=unit["_source"].get("number", ""),
            heading=unit["_source"].get("heading", ""),
            anchor=unit["_source"].get("anchor", ""),
            highlight=_fragment(unit),
            matcher=matcher,
        )
        for unit in shown
    ]
    head = source.get("summary") or source.get("title") or ""
    field = "summary" if source.get("summary") else "title"
    head_matched = "head" in hit.get("matched_queries", ()) and highlights.get(field)
    other_fragment = _fragment(other) if other is not None else ""
    highlight = hit_highlight(
        head=head,
        matcher=matcher,
        head_snippet=(lambda: highlights[field][0]) if head_matched else None,
        other_snippet=(lambda: other_fragment) if other_fragment else None,
        articles=articles,
    )
    issued_on = source.get("issued_on")
    return Hit(
        page_id=int(source["page_id"]),
        number=source.get("number", ""),
        title=source.get("title", ""),
        type_name=source.get("type_name", ""),
        issuer_name=source.get("issuer_name", ""),
        issued_on=datetime.date.fromisoformat(issued_on[:10]) if issued_on else None,
        url=source.get("url", ""),
        score=round(float(hit.get("_score") or 0.0), 3),
        highlight=highlight,
        articles=tuple(articles),
    )


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, *, url: str, index: str = DEFAULT_INDEX, refresh: bool = False, client=None):
        self.url = url
        self.index_name = index
        self.refresh = refresh  # make writes visible at once (tests, small rebuilds)
        self.client = client or Elasticsearch(url, request_timeout=30, retry_on_timeout=True)

    @classmethod
    def from_settings(cls) -> "ElasticsearchBackend":
        url = getattr(settings, "ELASTICSEARCH_URL", "")
        if not url:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                "SEARCH_BACKEND is 'elasticsearch' but ELASTICSEARCH_URL is empty."
            )
        return cls(url=url, index=getattr(settings, "ELASTICSEARCH_INDEX", DEFAULT_INDEX))

    # --- Writing ---------------------------------------------------------------------------
    #
    # ``index_name`` is an alias over one versioned index ("<alias>-<UTC timestamp>"). A rebuild
    # fills a new version, reachable meanwhile as "<alias>-next" so that live writes reach it
    # too, then moves the alias in one atomic request and deletes the old version: searches
    # never see an empty or partial index.

    @property
    def next_alias(self) -> str:
        return f"{self.index_name}-next"

    def _new_version(self) -> str:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        name = f"{self.index_name}-{stamp}"
        index_definition(name).create(using=self.client)
        return name

    def _versions(self, alias: str) -> list[str]:
        """The indices behind ``alias`` (none when it does not exist)."""
        try:
            return sorted(self.client.indices.get_alias(name=alias))
        except NotFoundError:
            return []

    def ensure_index(self) -> None:
        if not self.client.indices.exists(index=self.index_name):
            self.client.indices.put_alias(index=self._new_version(), name=self.index_name)

    def _targets(self) -> list[str]:
        """Where a live write goes: the alias, and the version being rebuilt if any."""
        self.ensure_index()
        if self.client.indices.exists_alias(name=self.next_alias):
            return [self.index_name, self.next_alias]
        return [self.index_name]

    def _bulk(self, actions: Iterable[dict], *, tolerated: int) -> int:
        """Send ``actions``; errors with status ``tolerated`` are expected, others raise."""
        written, errors = bulk(
            self.client,
            actions,
            chunk_size=500,
            raise_on_error=False,
            refresh="wait_for" if self.refresh else False,
        )
        failed = [
            error for error in errors if next(iter(error.values()), {}).get("status") != tolerated
        ]
        if failed:
            raise RuntimeError(f"Elasticsearch refused {len(failed)} actions: {failed[:3]}")
        return written

    @staticmethod
    def _index_actions(records: Iterable[IndexRecord], targets: list[str], op_type: str):
        for record in records:
            source = LegalDocumentIndex.from_record(record).to_dict(skip_empty=False)
            for target in targets:
                yield {
                    "_op_type": op_type,
                    "_index": target,
                    "_id": record.page_id,
                    "_source": source,
                }

    def index(self, records: Iterable[IndexRecord]) -> int:
        targets = self._targets()
        # Counted per document, not per copy.
        return self._bulk(self._index_actions(records, targets, "index"), tolerated=0) // len(
            targets
        )

    def delete(self, page_ids: Iterable[int]) -> None:
        targets = self._targets()
        actions = [
            {"_op_type": "delete", "_index": target, "_id": page_id}
            for page_id in dict.fromkeys(page_ids)
            for target in targets
        ]
        if actions:
            self._bulk(actions, tolerated=404)

    def rebuild(self, records: Iterable[IndexRecord]) -> int:
        """Fill a new version, then move the alias to it; on failure the live index stays."""
        self.ensure_index()
        for stale in self._versions(self.next_alias):  # left by a rebuild that died
            self.client.indices.delete(index=stale)
        new = self._new_version()
        self.client.indices.put_alias(index=new, name=self.next_alias)
        try:
            # "create": a live write that reached the new version first is newer; keep it.
            written = self._bulk(self._index_actions(records, [new], "create"), tolerated=409)
            self.client.indices.refresh(index=new)
            self._swap(new)
        except BaseException:
            with contextlib.suppress(NotFoundError):
                self.client.indices.delete(index=new)
            raise
        return written

    def _swap(self, new: str) -> None:
        old = self._versions(self.index_name)
        actions = [{"remove": {"index": name, "alias": self.index_name}} for name in old]
        if not old and self.client.indices.exists(index=self.index_name):
            # A concrete index of the alias's name (before versions): replaced in the same step.
            actions.append({"remove_index": {"index": self.index_name}})
        actions += [
            {"add": {"index": new, "alias": self.index_name}},
            {"remove": {"index": new, "alias": self.next_alias}},
        ]
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            with contextlib.suppress(NotFoundError):
                self.client.indices.delete(index=name)

    def clear(self) -> None:
        self.rebuild(())

    def drop(self) -> None:
        names = self._versions(self.index_name) + self._versions(self.next_alias)
        if not names and self.client.indices.exists(index=self.index_name):
            names = [self.index_name]
        for name in dict.fromkeys(names):
            with contextlib.suppress(NotFoundError):
                self.client.indices.delete(index=name)

    def optimize(self) -> None:
        self.client.indices.refresh(index=self.index_name)

    # --- Searching -------------------------------------------------------------------------

    def document_frequencies(self, words: Sequence[str]) -> dict[str, int]:
        words = list(dict.fromkeys(words))
        if not words:
            return {}
        searches = []
        for word in words:
            searches.append({"index": self.index_name})
            query = _word("content", word).to_dict()
            searches.append({"size": 0, "track_total_hits": policy.FREQUENCY_CAP, "query": query})
        responses = self.client.msearch(searches=searches)["responses"]
        return {
            word: min(response["hits"]["total"]["value"], policy.FREQUENCY_CAP)
            for word, response in zip(words, responses, strict=True)
        }

    def search(self, request: SearchRequest) -> Results:
        started = time.perf_counter()
        body = build_search(request, self.index_name)
        response = self.client.search(index=self.index_name, body=body.to_dict())
        matcher = Matcher.for_query(request.query)
        hits = [parse_hit(hit, matcher) for hit in response["hits"]["hits"]]
        return Results(
            total=response["hits"]["total"]["value"],
            hits=hits,
            facets=_facets(response.get("aggregations", {})),
            took_ms=elapsed_ms(started),
            page=request.page,
            page_size=request.page_size,
        )
