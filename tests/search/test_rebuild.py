"""``search.rebuild.rebuild_index``: the full rebuild behind ``manage.py search_reindex``."""

import pytest

from search.rebuild import rebuild_index
from tests import factories
from tests.search.fakes import FakeBackend

pytestmark = pytest.mark.django_db

ARTICLE = {"number": "1", "heading": "", "text": "Nội dung.", "clauses": []}


def test_rebuild_writes_the_published_documents_and_counts_them():
    index = factories.site_tree()[1]
    first = factories.legal_document(
        index, slug="mot", number="1/QĐ-UBND", body=[("article", ARTICLE)] * 3
    )
    second = factories.legal_document(index, slug="hai", number="2/QĐ-UBND", body=[])
    factories.legal_document(index, slug="du-thao", number="3/QĐ-UBND", live=False)
    backend = FakeBackend()
    backend.records[999] = None  # left from before: the rebuild starts empty
    advanced = []

    rebuilt = rebuild_index(backend=backend, batch_size=1, progress=advanced.append)

    assert set(backend.records) == {first.pk, second.pk}
    assert (rebuilt.documents, rebuilt.articles) == (2, 3)
    assert advanced == [1, 1]
    assert [kind for kind, _ in backend.calls] == ["clear", "index", "optimize"]
    assert rebuilt.seconds > 0 and rebuilt.articles_per_s == 3 / rebuilt.seconds


def test_rebuild_of_chosen_pages():
    index = factories.site_tree()[1]
    chosen = factories.legal_document(index, slug="mot", number="1/QĐ-UBND")
    factories.legal_document(index, slug="hai", number="2/QĐ-UBND")
    backend = FakeBackend()
    rebuilt = rebuild_index(backend=backend, queryset=type(chosen).objects.filter(pk=chosen.pk))
    assert set(backend.records) == {chosen.pk} and rebuilt.documents == 1
