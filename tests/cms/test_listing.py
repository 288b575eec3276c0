"""The document index's filters, facet counts and sorts, worked out over one row per document."""

import datetime

import pytest

from cms.listing import Row, facets, matching_ids
from tests import factories

DAY = datetime.date


def row(pk: int, *, type_id=1, issuer=1, sectors=(), issued_on=None, validity=None, title="x"):
    return Row(
        pk=pk,
        title=title,
        issued_on=issued_on,
        values={
            "type": type_id,
            "issuer": issuer,
            "sector": set(sectors),
            "year": issued_on.year if issued_on else None,
            "validity": validity,
        },
    )


ROWS = [
    row(1, type_id=1, sectors={"a"}, issued_on=DAY(2015, 5, 1), validity="in_force", title="B"),
    row(2, type_id=2, sectors={"a", "b"}, issued_on=DAY(2016, 1, 1), validity="expired", title="A"),
    row(3, type_id=1, sectors={"b"}, issued_on=DAY(2016, 3, 1), validity="in_force", title="C"),
    row(4, type_id=2, issued_on=None, title="A"),
]


def test_sorts_put_undated_documents_last_and_break_ties_by_id():
    assert matching_ids(ROWS, {}) == [3, 2, 1, 4]
    assert matching_ids(ROWS, {"sort": "oldest"}) == [1, 2, 3, 4]
    assert matching_ids(ROWS, {"sort": "title"}) == [2, 4, 1, 3]


def test_every_filter_applies_a_sector_among_several():
    assert matching_ids(ROWS, {"sector": "a"}) == [2, 1]
    assert matching_ids(ROWS, {"sector": "b", "year": 2016, "type": 1}) == [3]
    assert matching_ids(ROWS, {"validity": "expired"}) == [2]


@pytest.mark.django_db
def test_each_facet_counts_with_every_other_filter_applied():
    kinds = [factories.document_type(), factories.document_type(code="NQ", name="Nghị quyết")]
    body = factories.issuing_body()
    rows = [
        Row(
            pk=r.pk,
            title=r.title,
            issued_on=r.issued_on,
            values={
                **r.values,
                "type": kinds[r.values["type"] - 1].pk,
                "issuer": body.pk,
            },
        )
        for r in ROWS
    ]
    counted = {
        facet.name: {option["value"]: option["count"] for option in facet.options}
        for facet in facets(rows, {"type": kinds[0].pk, "sector": "b"})
    }
    # The type facet ignores the type filter (sector b: documents 2 and 3); the others apply
    # both (document 3).
    assert counted["type"] == {kinds[0].pk: 1, kinds[1].pk: 1}
    assert counted["issuer"] == {body.pk: 1}
    assert counted["year"] == {2016: 1}
    assert counted["validity"] == {"in_force": 1}
