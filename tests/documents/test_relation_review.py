"""The admin review of relations read from the texts: who may, what confirming and rejecting
do, and that they take POST only."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.models import DocumentRelation, LegalDocumentPage
from cms.relation_kinds import RelationKind, RelationReview
from cms.validity import Validity
from search.models import IndexChange
from tests import factories
from workflow.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db
D = datetime.date
INDEX = reverse("relation_review:index")
SENTENCE = "Quyết định số 1/QĐ-UBND hết hiệu lực kể từ ngày Quyết định này có hiệu lực."


def user_with(role: Role | None, name: str):
    user = get_user_model().objects.create_user(name, password="x")
    if role is not None:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user


@pytest.fixture
def relation():
    _home, index = factories.site_tree()
    old = factories.legal_document(index, slug="old", number="1/QĐ-UBND", issued_on=D(2015, 1, 1))
    new = factories.legal_document(index, slug="new", number="2/QĐ-UBND", issued_on=D(2016, 1, 1))
    return DocumentRelation.objects.create(
        source=new,
        target=old,
        kind=RelationKind.REPEALS,
        citation="Quyết định số 1/QĐ-UBND",
        review=RelationReview.EXTRACTED,
        source_article="3",
        source_sentence=SENTENCE,
    )


def decide(relation, decision):
    return reverse("relation_review:decide", args=[relation.pk, decision])


@pytest.mark.parametrize("role", [None, Role.DRAFTING_TEAM, Role.APPRAISER])
def test_only_portal_editors_review(client, relation, role):
    client.force_login(user_with(role, "khac"))
    assert client.get(INDEX).status_code in (302, 403)
    assert client.post(decide(relation, "reject")).status_code in (302, 403)
    relation.refresh_from_db()
    assert relation.review == RelationReview.EXTRACTED


def test_anonymous_is_sent_to_login(client, relation):
    response = client.get(INDEX)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_list_shows_the_sentence_and_filters_by_state(client, relation):
    client.force_login(user_with(Role.PORTAL_EDITOR, "bientap"))
    html = client.get(INDEX).content.decode()  # unreviewed first
    assert SENTENCE in html and "Điều 3" in html and "Chờ xem xét" in html
    assert SENTENCE not in client.get(INDEX, {"review": "confirmed"}).content.decode()
    assert SENTENCE in client.get(INDEX, {"review": ""}).content.decode()


def test_actions_take_post_only(client, relation):
    client.force_login(user_with(Role.PORTAL_EDITOR, "bientap"))
    assert client.get(decide(relation, "reject")).status_code == 405
    assert client.post(decide(relation, "delete")).status_code == 404


def test_reject_then_confirm(client, relation):
    editor = user_with(Role.PORTAL_EDITOR, "bientap")
    client.force_login(editor)
    target = LegalDocumentPage.objects.get(pk=relation.target_id)
    assert target.validity_on(D(2017, 1, 1)) == Validity.EXPIRED

    response = client.post(decide(relation, "reject"), {"next": f"{INDEX}?review=extracted"})
    assert response.status_code == 302 and response["Location"] == f"{INDEX}?review=extracted"
    relation.refresh_from_db()
    assert relation.review == RelationReview.REJECTED
    assert target.validity_on(D(2017, 1, 1)) == Validity.IN_FORCE  # no longer evidence
    entry = PageLogEntry.objects.get(
        page_id=relation.source_id, action="documents.relation_rejected"
    )
    assert entry.user == editor and entry.data["relation"] == relation.pk
    assert IndexChange.objects.filter(page_id=target.pk, action="upsert").exists()

    response = client.post(decide(relation, "confirm"), {"next": "https://elsewhere.example/"})
    assert response["Location"] == INDEX  # never to another site
    relation.refresh_from_db()
    assert relation.review == RelationReview.CONFIRMED
    assert target.validity_on(D(2017, 1, 1)) == Validity.EXPIRED
    assert PageLogEntry.objects.filter(action="documents.relation_confirmed").count() == 1


def test_relations_entered_by_staff_are_not_in_the_review(client, relation):
    relation.source_sentence = ""
    relation.save()
    client.force_login(user_with(Role.PORTAL_EDITOR, "bientap"))
    assert client.post(decide(relation, "reject")).status_code == 404
