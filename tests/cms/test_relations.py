import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.models import DocumentRelation
from cms.relation_kinds import RelationKind
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def index():
    return factories.site_tree()[1]


def test_a_relation_reads_from_both_ends(client, index):
    basis = factories.legal_document(
        index,
        slug="56-ctr-tu",
        number="56-CTr/TU",
        issued_on=D(2015, 5, 6),
        document_type=factories.document_type(code="CTr", name="Chương trình hành động"),
        issuing_body=factories.issuing_body(code="TU", name="Tỉnh ủy Cao Bằng", is_party=True),
    )
    decision = factories.legal_document(
        index, slug="629-qd-ubnd", number="629/QĐ-UBND", issued_on=D(2015, 5, 25)
    )
    DocumentRelation.objects.create(source=decision, target=basis, kind=RelationKind.LEGAL_BASIS)
    DocumentRelation.objects.create(
        source=decision, kind=RelationKind.LEGAL_BASIS, citation="Nghị quyết số 36-NQ/TW"
    )

    from_source = client.get(decision.url).content.decode()
    assert "Căn cứ:" in from_source
    assert 'href="/van-ban/56-ctr-tu/"' in from_source
    assert "Nghị quyết số 36-NQ/TW" in from_source

    from_target = client.get(basis.url).content.decode()
    assert "Là căn cứ của:" in from_target
    assert 'href="/van-ban/629-qd-ubnd/"' in from_target


def test_relations_to_and_from_drafts_are_not_shown_publicly(client, index):
    issued = factories.legal_document(
        index, slug="issued", number="1/QĐ-UBND", issued_on=D(2015, 1, 1)
    )
    draft = factories.legal_document(index, slug="secret-draft", title="Dự thảo mật", live=False)
    DocumentRelation.objects.create(source=draft, target=issued, kind=RelationKind.AMENDS)
    DocumentRelation.objects.create(source=issued, target=draft, kind=RelationKind.GUIDES)

    html = client.get(issued.url).content.decode()
    assert "Dự thảo mật" not in html
    assert "secret-draft" not in html
    assert "Văn bản liên quan" not in html


def test_relation_validation_messages(index):
    doc = factories.legal_document(index, slug="doc")
    with pytest.raises(ValidationError, match="Chọn văn bản liên quan"):
        DocumentRelation(source=doc, kind=RelationKind.AMENDS).clean()
    with pytest.raises(ValidationError, match="chính nó"):
        DocumentRelation(source=doc, target=doc, kind=RelationKind.AMENDS).clean()
    with pytest.raises(ValidationError, match="thay thế hoặc bãi bỏ"):
        DocumentRelation(
            source=doc, kind=RelationKind.GUIDES, partial=True, citation="Luật X"
        ).clean()
