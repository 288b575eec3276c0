"""Storing the relations read from published documents: linking, idempotence, reviews kept,
and the official text untouched."""

import datetime
import io

import pytest
from django.core.management import call_command

from cms.models import DocumentRelation, LegalDocumentPage
from cms.record import canonical_text, fingerprint
from cms.relation_kinds import RelationKind, RelationReview
from cms.validity import Validity
from documents.relations.service import extract_relations
from search.models import IndexChange
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def effect_article(*clauses: str) -> list[dict]:
    return [
        {
            "type": "article",
            "value": {
                "number": "217",
                "heading": "Điều khoản thi hành",
                "text": "",
                "clauses": [
                    {"number": str(n), "text": text, "points": []}
                    for n, text in enumerate(clauses, start=1)
                ],
            },
        }
    ]


@pytest.fixture
def index():
    return factories.site_tree()[1]


@pytest.fixture
def old_law(index):
    return old_decision(index)


def old_decision(index):
    return factories.legal_document(
        index,
        slug="12-2014",
        number="12/2014/QĐ-UBND",
        issued_on=D(2014, 11, 26),
        effective_on=D(2014, 12, 10),
        document_type=factories.document_type(is_normative=True),
    )


def new_law(index, *clauses, number="05/2020/QĐ-UBND"):
    return factories.legal_document(
        index,
        slug=number.replace("/", "-").lower(),
        number=number,
        issued_on=D(2020, 6, 17),
        effective_on=D(2021, 1, 1),
        body=effect_article(*clauses),
        document_type=factories.document_type(is_normative=True),
    )


REPEAL = (
    "Quyết định số 12/2014/QĐ - UBND ngày 26/11/2014 hết hiệu lực kể từ ngày Quyết định này có "
    "hiệu lực thi hành."
)


def test_a_repeal_is_linked_by_number_and_ends_the_document(index, old_law):
    law = new_law(index, "Quyết định này có hiệu lực thi hành từ ngày 01/01/2021.", REPEAL)
    report = extract_relations()
    assert (report.created, report.statements) == (1, 1)
    relation = DocumentRelation.objects.get(source=law)
    assert relation.target_id == old_law.pk  # "12/2014/QĐ - UBND" written with spaces
    assert (relation.kind, relation.partial, relation.review) == (
        RelationKind.REPEALS,
        False,
        RelationReview.EXTRACTED,
    )
    assert relation.source_article == "217" and relation.source_sentence == REPEAL
    assert relation.citation == "Quyết định số 12/2014/QĐ - UBND"
    old_law = LegalDocumentPage.objects.get(pk=old_law.pk)
    assert old_law.validity_on(D(2020, 12, 31)) == Validity.IN_FORCE
    assert old_law.validity_on(D(2021, 1, 1)) == Validity.EXPIRED
    # The search index learns that the old law's validity changed.
    assert IndexChange.objects.filter(page_id=old_law.pk, action="upsert").exists()


def test_a_citation_is_kept_then_linked_when_its_document_arrives(index):
    law = new_law(index, REPEAL)
    extract_relations()
    relation = DocumentRelation.objects.get(source=law)
    assert relation.target is None and relation.citation.endswith("12/2014/QĐ - UBND")
    old = old_decision(index)
    report = extract_relations(source_ids=[old.pk])  # as after importing it
    assert report.relinked == 1
    relation.refresh_from_db()
    assert relation.target_id == old.pk


def test_reading_again_duplicates_nothing_and_keeps_reviews(index, old_law):
    law = new_law(
        index,
        REPEAL,
        "Bãi bỏ Điều 5 của Quyết định số 3/2019/QĐ-UBND.",
        "Bãi bỏ Quyết định số 4/2019/QĐ-UBND.",
    )
    extract_relations()
    confirmed, rejected, _unreviewed = DocumentRelation.objects.filter(source=law).order_by("pk")
    DocumentRelation.objects.filter(pk=confirmed.pk).update(review=RelationReview.CONFIRMED)
    DocumentRelation.objects.filter(pk=rejected.pk).update(review=RelationReview.REJECTED)

    again = extract_relations()
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert DocumentRelation.objects.filter(source=law).count() == 3

    # The texts no longer state any of them: only the unreviewed one goes.
    LegalDocumentPage.objects.filter(pk=law.pk).update(body=[])
    gone = extract_relations()
    assert gone.removed == 1
    assert set(DocumentRelation.objects.filter(source=law).values_list("pk", "review")) == {
        (confirmed.pk, RelationReview.CONFIRMED),
        (rejected.pk, RelationReview.REJECTED),
    }


def test_a_rejected_relation_is_no_evidence(index, old_law):
    new_law(index, REPEAL)
    extract_relations()
    DocumentRelation.objects.update(review=RelationReview.REJECTED)
    assert LegalDocumentPage.objects.get(pk=old_law.pk).validity_on(D(2022, 1, 1)) == (
        Validity.IN_FORCE
    )


def test_relations_leave_the_official_text_alone_and_survive_a_publication(index, old_law):
    law = new_law(index, REPEAL)
    pinned = law.workflow.current_text
    extract_relations()
    law = LegalDocumentPage.objects.get(pk=law.pk)
    assert fingerprint(canonical_text(law)) == pinned.fingerprint
    # Publishing the pinned revision again (a correction does) keeps the extracted relation.
    pinned.revision.publish(skip_permission_checks=True)
    assert DocumentRelation.objects.filter(source=law, target=old_law).count() == 1


def test_the_command_reports_and_is_idempotent(index, old_law):
    new_law(index, REPEAL)
    out = io.StringIO()
    call_command("extract_relations", stdout=out, stderr=io.StringIO())
    assert "1 relations stated: 1 new" in out.getvalue()
    out = io.StringIO()
    call_command("extract_relations", stdout=out, stderr=io.StringIO())
    assert "1 relations stated: 0 new, 0 changed, 0 removed" in out.getvalue()
    assert DocumentRelation.objects.count() == 1


def test_batches_cost_the_same_queries(index, old_law, django_assert_max_num_queries):
    for n in range(5):
        new_law(index, REPEAL, number=f"{n + 1}/2020/QĐ-UBND")
    with django_assert_max_num_queries(12):
        extract_relations(batch_size=100)
