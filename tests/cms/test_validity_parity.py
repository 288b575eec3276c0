"""One table of validity cases, checked against every engine that computes validity.

The rule lives in ``cms.validity`` (``RULE``, ``TERMINATING_KINDS``, ``terminating``); each
engine evaluates it in its own way, and each case below must come out the same in all of them:

- ``derive_validity``, on the case as plain values (no database);
- on pages and relations in the database (built with ``tests.factories``):
  ``LegalDocumentPage.validity_on`` (Python over the relations read by ``terminating``), the SQL
  annotation behind the portal's listing (``with_validity``), the embedded search backend of the
  test database (the page's index record indexed, then its validity facet and filter), and
  Elasticsearch.

Elasticsearch: no server runs here. What the backend decides is (1) the document it indexes,
``LegalDocumentIndex.from_record`` of the page's index record (the dates the rule reads) and
(2) the request body it sends, ``build_search`` (the validity ``post_filter`` for each status,
and the validity facet's ``filters`` aggregation). The test evaluates those queries, as JSON, on
that document with ``es_matches`` below: a small evaluator of the part of the query DSL they use
(``bool`` with ``filter``/``must``/``must_not``/``should``/``minimum_should_match``, ``range``,
``exists``) that raises on anything else, so a new query shape fails here instead of being
approximated. Dates are ``date`` fields holding days: comparing ISO ``YYYY-MM-DD`` strings is
comparing those days. Whether a real server reads the DSL as the evaluator does is what
``tests/search/backends/test_behaviour.py`` checks when ``ELASTICSEARCH_URL`` is set.

Cases marked "whole" / "part" below fail when the whole / partial termination is dropped from
any engine (verified by deleting each in turn when the table was written).
"""

import datetime
import operator
from dataclasses import dataclass
from itertools import count

import pytest

from cms.models import DocumentRelation, LegalDocumentPage
from cms.relation_kinds import RelationKind, RelationReview
from cms.validity import (
    TERMINATING_KINDS,
    Termination,
    Validity,
    ValidityEvidence,
    derive_validity,
)
from search.backends import get_backend
from search.backends.base import SearchRequest
from search.backends.elasticsearch import LegalDocumentIndex, build_search
from search.index_records import prepare_record
from search.query import parse_query
from tests import factories

D = datetime.date
ON = D(2016, 1, 1)  # the day asked, unless a case says otherwise
ISSUED = D(2015, 1, 1)  # the document's signing day, unless a case says otherwise
PAST = D(2015, 6, 1)
FUTURE = D(2016, 3, 1)


@dataclass(frozen=True)
class End:
    """A relation from a later document to the case's document."""

    kind: RelationKind
    partial: bool
    issued_on: datetime.date | None  # None: the later document is an unissued draft
    effective_on: datetime.date | None = None  # None: in force from its signing
    effective_from: datetime.date | None = None  # the relation's own day (None: the source's)
    review: RelationReview = RelationReview.CONFIRMED

    @property
    def counts(self) -> bool:
        return (
            self.kind in TERMINATING_KINDS
            and self.issued_on is not None
            and self.review != RelationReview.REJECTED
        )

    @property
    def ends_on(self) -> datetime.date | None:
        return self.effective_from or self.effective_on or self.issued_on


@dataclass(frozen=True)
class Case:
    expected: Validity | None
    issued_on: datetime.date | None = ISSUED
    effective_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    ends: tuple[End, ...] = ()
    on: datetime.date = ON
    evidence: ValidityEvidence | None = ValidityEvidence.ISSUED  # None: no evidence of in force


REPLACES, REPEALS, AMENDS = RelationKind.REPLACES, RelationKind.REPEALS, RelationKind.AMENDS
NOT_YET, IN_FORCE = Validity.NOT_YET, Validity.IN_FORCE
PARTLY_EXPIRED, EXPIRED = Validity.PARTLY_EXPIRED, Validity.EXPIRED
UNKNOWN = Validity.UNKNOWN
EXTRACTED, REJECTED = RelationReview.EXTRACTED, RelationReview.REJECTED

CASES = {
    "not issued": Case(None, issued_on=None),
    "in force from signing": Case(IN_FORCE),
    "signed after the day": Case(NOT_YET, issued_on=FUTURE),
    "effective after the day": Case(NOT_YET, effective_on=FUTURE),
    "effective on the day": Case(IN_FORCE, effective_on=ON),
    "expires on the day": Case(EXPIRED, expires_on=ON),
    "expires after the day": Case(IN_FORCE, expires_on=FUTURE),
    "whole: replaced, in force": Case(EXPIRED, ends=(End(REPLACES, False, PAST),)),
    "whole: repealed from the day": Case(EXPIRED, ends=(End(REPEALS, False, PAST, ON),)),
    "repealed from a later day": Case(IN_FORCE, ends=(End(REPEALS, False, PAST, FUTURE),)),
    "repealed from the day after": Case(
        IN_FORCE, ends=(End(REPEALS, False, PAST, ON + datetime.timedelta(days=1)),)
    ),
    "replaced by a document signed later": Case(IN_FORCE, ends=(End(REPLACES, False, FUTURE),)),
    "replaced by an unissued draft": Case(IN_FORCE, ends=(End(REPLACES, False, None),)),
    "asked before the replacement": Case(
        IN_FORCE, ends=(End(REPLACES, False, PAST),), on=D(2015, 3, 1)
    ),
    "part: repealed in part, in force": Case(PARTLY_EXPIRED, ends=(End(REPEALS, True, PAST),)),
    "part: replaced in part from the day": Case(
        PARTLY_EXPIRED, ends=(End(REPLACES, True, PAST, ON),)
    ),
    "repealed in part from a later day": Case(IN_FORCE, ends=(End(REPEALS, True, PAST, FUTURE),)),
    "repealed in part by an unissued draft": Case(IN_FORCE, ends=(End(REPEALS, True, None),)),
    "whole: in part and wholly": Case(
        EXPIRED, ends=(End(REPEALS, True, PAST), End(REPLACES, False, PAST))
    ),
    "part: in part now, wholly later": Case(
        PARTLY_EXPIRED, ends=(End(REPEALS, True, PAST), End(REPLACES, False, PAST, FUTURE))
    ),
    "whole: the earlier of two replacements counts": Case(
        EXPIRED, ends=(End(REPLACES, False, PAST, FUTURE), End(REPEALS, False, PAST))
    ),
    "part: the earlier of two partial repeals counts": Case(
        PARTLY_EXPIRED, ends=(End(REPEALS, True, PAST, FUTURE), End(REPEALS, True, PAST))
    ),
    "repealed before it takes effect itself": Case(
        NOT_YET, effective_on=FUTURE, ends=(End(REPEALS, False, PAST),)
    ),
    "expired and repealed in part": Case(
        EXPIRED, expires_on=PAST, ends=(End(REPEALS, True, PAST),)
    ),
    "part: expires later, repealed in part now": Case(
        PARTLY_EXPIRED, expires_on=FUTURE, ends=(End(REPEALS, True, PAST),)
    ),
    "amended only": Case(IN_FORCE, ends=(End(AMENDS, False, PAST),)),
    # Evidence (docs/documents.md, "Validity that is true").
    "unknown: no evidence": Case(UNKNOWN, evidence=None),
    "no evidence, the source says in force": Case(IN_FORCE, evidence=ValidityEvidence.SOURCE),
    "unknown: no evidence, not issued": Case(None, issued_on=None, evidence=None),
    "unknown: no evidence, effective later": Case(NOT_YET, effective_on=FUTURE, evidence=None),
    "unknown: no evidence, expired by date": Case(EXPIRED, expires_on=ON, evidence=None),
    "unknown: no evidence, expires later": Case(UNKNOWN, expires_on=FUTURE, evidence=None),
    "unknown: no evidence, repealed": Case(
        EXPIRED, evidence=None, ends=(End(REPEALS, False, PAST),)
    ),
    "unknown: no evidence, repealed in part": Case(
        PARTLY_EXPIRED, evidence=None, ends=(End(REPEALS, True, PAST),)
    ),
    "unknown: no evidence, repealed later": Case(
        UNKNOWN, evidence=None, ends=(End(REPEALS, False, PAST, FUTURE),)
    ),
    "unknown: no evidence, amended only": Case(
        UNKNOWN, evidence=None, ends=(End(AMENDS, False, PAST),)
    ),
    # Relations read from the texts: their own day, their review.
    "review: extracted, not yet reviewed, counts": Case(
        EXPIRED, ends=(End(REPEALS, False, PAST, review=EXTRACTED),)
    ),
    "review: rejected does not count": Case(
        IN_FORCE, ends=(End(REPEALS, False, PAST, review=REJECTED),)
    ),
    "review: rejected, no evidence": Case(
        UNKNOWN, evidence=None, ends=(End(REPLACES, False, PAST, review=REJECTED),)
    ),
    "day: the relation's own day comes first": Case(
        EXPIRED, ends=(End(REPEALS, False, PAST, FUTURE, effective_from=ON),)
    ),
    "day: the relation's own later day": Case(
        IN_FORCE, ends=(End(REPEALS, False, PAST, effective_from=FUTURE),)
    ),
}


# --- derive_validity --------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
def test_derive_validity(name):
    case = CASES[name]
    terminations = [
        Termination(effective_on=end.ends_on, partial=end.partial)
        for end in case.ends
        if end.counts
    ]
    assert (
        derive_validity(
            issued_on=case.issued_on,
            effective_on=case.effective_on,
            expires_on=case.expires_on,
            validity_evidence=case.evidence,
            terminations=terminations,
            on=case.on,
        )
        == case.expected
    )


# --- the engines over the database -------------------------------------------------------------


def build(case: Case) -> LegalDocumentPage:
    """The case's document and the documents ending it, as pages and relations."""
    _home, index = factories.site_tree()
    numbers = count(1)

    def document(slug, *, issued_on, effective_on=None, **fields):
        if issued_on is None:
            return factories.legal_document(index, slug=slug, live=False, **fields)
        return factories.legal_document(
            index,
            slug=slug,
            number=f"{next(numbers)}/QĐ-UBND",
            issued_on=issued_on,
            effective_on=effective_on,
            **fields,
        )

    page = document(
        "case",
        issued_on=case.issued_on,
        effective_on=case.effective_on,
        expires_on=case.expires_on,
    )
    LegalDocumentPage.objects.filter(pk=page.pk).update(validity_evidence=case.evidence)
    for at, end in enumerate(case.ends):
        source = document(f"end-{at}", issued_on=end.issued_on, effective_on=end.effective_on)
        DocumentRelation.objects.create(
            source=source,
            target=page,
            kind=end.kind,
            partial=end.partial,
            effective_from=end.effective_from,
            review=end.review,
        )
    return LegalDocumentPage.objects.get(pk=page.pk)


def sql_validity(page: LegalDocumentPage, on: datetime.date) -> Validity | None:
    value = LegalDocumentPage.objects.filter(pk=page.pk).with_validity(on).get().validity_value
    return Validity(value) if value else None


def _one(values: set[str]) -> Validity | None:
    """The single status an engine gave (None for none; several is a failure of its own)."""
    assert len(values) <= 1, f"more than one status: {sorted(values)}"
    return Validity(values.pop()) if values else None


def embedded_validity(page: LegalDocumentPage, on: datetime.date) -> Validity | None:
    backend = get_backend()
    backend.clear()
    backend.index([prepare_record(page)])
    everything = backend.search(SearchRequest(query=parse_query(""), today=on))
    in_facet = {value.value for value in everything.facets["validity"] if value.count}
    filtered = {
        choice.value
        for choice in Validity
        if backend.search(SearchRequest(query=parse_query(""), validity=choice, today=on)).total
    }
    assert in_facet == filtered, "the validity facet and the validity filter disagree"
    return _one(filtered)


# ES: the subset of the query DSL the validity queries use.
_RANGE = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}
_BOOL = {"filter", "must", "must_not", "should", "minimum_should_match"}


def es_matches(query: dict, doc: dict) -> bool:
    """Whether the query (JSON) matches the indexed document (JSON source)."""
    ((kind, body),) = query.items()
    if kind == "bool":
        if set(body) - _BOOL:
            raise NotImplementedError(f"bool with {sorted(set(body) - _BOOL)}")

        def clauses(occur):
            found = body.get(occur, [])
            return found if isinstance(found, list) else [found]

        required = clauses("filter") + clauses("must")
        should = clauses("should")
        # Elasticsearch's default: one should clause when there is no filter or must clause.
        minimum = body.get("minimum_should_match", 0 if required or not should else 1)
        return (
            all(es_matches(q, doc) for q in required)
            and not any(es_matches(q, doc) for q in clauses("must_not"))
            and sum(es_matches(q, doc) for q in should) >= minimum
        )
    if kind == "range":
        ((field, bounds),) = body.items()
        if set(bounds) - set(_RANGE):
            raise NotImplementedError(f"range with {sorted(set(bounds) - set(_RANGE))}")
        value = doc.get(field)
        return value is not None and all(_RANGE[op](value, bound) for op, bound in bounds.items())
    if kind == "exists":
        return doc.get(body["field"]) not in (None, [])
    raise NotImplementedError(kind)


def es_validity(page: LegalDocumentPage, on: datetime.date) -> Validity | None:
    doc = {
        field: value.isoformat() if isinstance(value, datetime.date) else value
        for field, value in LegalDocumentIndex.from_record(prepare_record(page)).to_dict().items()
    }

    def body(**options):
        request = SearchRequest(query=parse_query(""), today=on, **options)
        return build_search(request, index="parity", today=on).to_dict()

    facet = body()["aggs"]["validity"]["aggs"]["values"]["filters"]["filters"]
    in_facet = {value for value, query in facet.items() if es_matches(query, doc)}
    filtered = {
        choice.value
        for choice in Validity
        if es_matches(body(validity=choice.value)["post_filter"], doc)
    }
    assert in_facet == filtered, "the validity facet and the validity filter disagree"
    return _one(filtered)


ENGINES = {
    "LegalDocumentPage.validity_on": lambda page, on: page.validity_on(on),
    "SQL annotation (with_validity)": sql_validity,
    "embedded search backend": embedded_validity,
    "Elasticsearch query": es_validity,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", CASES)
def test_every_engine_over_the_database(name):
    case = CASES[name]
    page = build(case)
    found = {engine: validity(page, case.on) for engine, validity in ENGINES.items()}
    wrong = {engine: status for engine, status in found.items() if status != case.expected}
    assert not wrong, f"expected {case.expected}, got {wrong}"
