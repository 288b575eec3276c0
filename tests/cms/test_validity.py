import datetime

import pytest

from cms.models import DocumentRelation
from cms.relation_kinds import RelationKind
from cms.validity import Termination, Validity, ValidityEvidence, derive_validity
from tests import factories

D = datetime.date
TODAY = D(2016, 1, 1)


def status(**kwargs):
    fields = {
        "issued_on": D(2015, 5, 25),
        "effective_on": None,
        "expires_on": None,
        "validity_evidence": ValidityEvidence.ISSUED,
    }
    return derive_validity(**{**fields, **kwargs}, on=TODAY)


def test_a_document_not_issued_has_no_validity():
    assert status(issued_on=None) is None


def test_in_force_from_signing_when_no_effective_date():
    assert status() == Validity.IN_FORCE
    assert status(issued_on=D(2016, 1, 2)) == Validity.NOT_YET


def test_not_yet_in_force_before_the_effective_date():
    assert status(effective_on=D(2016, 1, 2)) == Validity.NOT_YET
    assert status(effective_on=TODAY) == Validity.IN_FORCE


def test_expired_on_its_expiry_date():
    assert status(expires_on=TODAY) == Validity.EXPIRED
    assert status(expires_on=D(2016, 1, 2)) == Validity.IN_FORCE


def test_replaced_wholly_or_in_part_by_a_document_in_force():
    whole = Termination(effective_on=D(2015, 12, 1), partial=False)
    part = Termination(effective_on=D(2015, 12, 1), partial=True)
    later = Termination(effective_on=D(2016, 2, 1), partial=False)
    assert status(terminations=[whole]) == Validity.EXPIRED
    assert status(terminations=[part]) == Validity.PARTLY_EXPIRED
    assert status(terminations=[part, whole]) == Validity.EXPIRED
    # A repeal that has not taken effect yet changes nothing today.
    assert status(terminations=[later]) == Validity.IN_FORCE


@pytest.mark.django_db
def test_page_validity_follows_incoming_replace_and_repeal_relations():
    _home, index = factories.site_tree()
    old = factories.legal_document(index, slug="old", number="1/QĐ-UBND", issued_on=D(2014, 1, 1))
    partial = factories.legal_document(
        index,
        slug="partial",
        number="2/QĐ-UBND",
        issued_on=D(2014, 6, 1),
        effective_on=D(2014, 6, 15),
    )
    assert old.validity_on(TODAY) == Validity.IN_FORCE

    repealer = factories.legal_document(
        index, slug="repealer", number="3/QĐ-UBND", issued_on=D(2015, 1, 1)
    )
    DocumentRelation.objects.create(
        source=repealer, target=partial, kind=RelationKind.REPEALS, partial=True
    )
    DocumentRelation.objects.create(source=repealer, target=old, kind=RelationKind.REPLACES)
    assert partial.validity_on(TODAY) == Validity.PARTLY_EXPIRED
    assert old.validity_on(TODAY) == Validity.EXPIRED
    # Before the replacing document took effect, the old one was still in force.
    assert old.validity_on(D(2014, 12, 31)) == Validity.IN_FORCE
    # Amending or guiding does not end validity.
    DocumentRelation.objects.create(source=old, target=repealer, kind=RelationKind.AMENDS)
    assert repealer.validity_on(TODAY) == Validity.IN_FORCE


@pytest.mark.django_db
def test_an_unissued_draft_cannot_end_a_document():
    _home, index = factories.site_tree()
    issued = factories.legal_document(index, slug="a", number="1/QĐ-UBND", issued_on=D(2014, 1, 1))
    draft = factories.legal_document(index, slug="draft", live=False)
    DocumentRelation.objects.create(source=draft, target=issued, kind=RelationKind.REPEALS)
    assert issued.validity_on(TODAY) == Validity.IN_FORCE
