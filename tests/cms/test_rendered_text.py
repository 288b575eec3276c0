"""A published revision's text rendered once and then read from storage
(``cms.rendered_text``, ``{% stored_text %}``, ``cms.stored_once``)."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage

from cms import rendered_text
from cms.stored_once import built_once
from tests import factories

pytestmark = pytest.mark.django_db

ARTICLE = {"number": "1", "heading": "Phạm vi", "text": "Quy định này áp dụng.", "clauses": []}


@pytest.fixture
def document():
    index = factories.site_tree()[1]
    return factories.legal_document(
        index, slug="quy-dinh", number="12/QĐ-UBND", body=[("article", ARTICLE)]
    )


def stored_files(page, language: str = "vi") -> list[str]:
    folder = f"{rendered_text.FOLDER}/{page.pk}/{language}"
    return default_storage.listdir(folder)[1] if default_storage.exists(folder) else []


def test_the_text_is_rendered_once_then_read_from_storage(client, document):
    first = client.get(document.url).content.decode()
    assert "Quy định này áp dụng." in first
    (name,) = stored_files(document)
    stored = f"{rendered_text.FOLDER}/{document.pk}/vi/{name}"
    with default_storage.open(stored, "wb") as file:  # what a second request reads
        file.write("<p>Đọc từ bản đã lưu.</p>".encode())
    cache.clear()  # not the anonymous page cache (cms.cache): the page is rendered again

    again = client.get(document.url).content.decode()

    assert "Đọc từ bản đã lưu." in again and "Quy định này áp dụng." not in again
    assert "12/QĐ-UBND" in again  # the page around the text is rendered as usual


def test_each_language_has_its_own_file(client, document):
    client.get(document.url)
    client.get("/i18n/en/", {"next": "/"})
    client.get(document.url)
    assert len(stored_files(document, "vi")) == len(stored_files(document, "en")) == 1


def test_previews_drafts_and_unpublished_pages_are_never_stored():
    live = SimpleNamespace(live=True, live_revision_id=3, last_published_at=datetime.datetime.now())
    assert rendered_text.is_storable(live, SimpleNamespace())
    assert not rendered_text.is_storable(live, SimpleNamespace(is_preview=True))
    assert not rendered_text.is_storable(live, None)
    draft = SimpleNamespace(live=False, live_revision_id=None, last_published_at=None)
    assert not rendered_text.is_storable(draft, SimpleNamespace())


def test_the_name_holds_revision_publication_language_and_code(document):
    name = rendered_text.stored_name(document, "vi")
    assert name.startswith(f"{rendered_text.FOLDER}/{document.pk}/vi/r{document.live_revision_id}-")
    assert name.endswith(f"-{rendered_text.code_digest()}.html")
    restored = SimpleNamespace(
        pk=document.pk,
        live_revision_id=document.live_revision_id,
        last_published_at=document.last_published_at + datetime.timedelta(seconds=1),
    )
    assert rendered_text.stored_name(restored, "vi") != name  # same ids, another publication


def test_storing_a_new_name_deletes_the_folders_older_files():
    built = []
    assert built_once("x/7/a.html", lambda: built.append(1) or b"a") == b"a"
    assert built_once("x/7/a.html", lambda: built.append(2) or b"?") == b"a"
    assert built_once("x/7/b.html", lambda: b"b") == b"b"
    assert built == [1] and default_storage.listdir("x/7")[1] == ["b.html"]
