"""Every reachable search backend, for one behaviour suite (``test_behaviour.py``).

The embedded backend of the test database (SQLite FTS5 or PostgreSQL full text) always runs;
Elasticsearch runs when ``ELASTICSEARCH_URL`` is set (environment or settings), in an index of
its own that is dropped afterwards.
"""

import datetime
import os
import uuid

import pytest
from django.conf import settings as django_settings
from django.db import connection

from cms.numbers import number_key
from search.backends.base import ArticleRecord, IndexRecord

TODAY = datetime.date(2025, 6, 1)


def elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL") or getattr(django_settings, "ELASTICSEARCH_URL", "")


def embedded_backend():
    if connection.vendor == "sqlite":
        from search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend()
    pytest.skip(f"no embedded search backend for {connection.vendor}")


@pytest.fixture(params=["embedded", "elasticsearch"])
def backend(request, db):
    """A fresh, empty backend; Elasticsearch makes writes visible at once here."""
    if request.param == "embedded":
        backend = embedded_backend()
        backend.clear()
        yield backend
        return
    url = elasticsearch_url()
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch server to test against")
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(url=url, index=f"ldt-test-{uuid.uuid4().hex[:12]}", refresh=True)
    backend.clear()
    yield backend
    backend.drop()


_ids = iter(range(1000, 10**6))


def make_record(
    *,
    title: str = "Văn bản",
    number: str = "",
    summary: str = "",
    text: str = "",
    articles: tuple = (),
    type: tuple[int, str] = (1, "Quyết định"),
    issuer: tuple[int, str] = (1, "Ủy ban nhân dân tỉnh Cao Bằng"),
    sectors: tuple = (),
    issued_on: datetime.date | None = datetime.date(2020, 1, 15),
    effective_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
    terminated_on: datetime.date | None = None,
    partly_terminated_on: datetime.date | None = None,
    validity_evidence: str | None = "issued",
    page_id: int | None = None,
) -> IndexRecord:
    """An ``IndexRecord`` without any page; ``articles``: (number, heading, text) triples."""
    page_id = page_id if page_id is not None else next(_ids)
    return IndexRecord(
        page_id=page_id,
        url=f"/van-ban/{page_id}/",
        number=number,
        number_key=number_key(number) if number else "",
        title=title,
        summary=summary,
        type_id=type[0],
        type_name=type[1],
        issuer_id=issuer[0],
        issuer_name=issuer[1],
        sectors=tuple(sectors),
        issued_on=issued_on,
        effective_on=effective_on,
        expires_on=expires_on,
        terminated_on=terminated_on,
        partly_terminated_on=partly_terminated_on,
        validity_evidence=validity_evidence,
        text=text,
        articles=tuple(
            ArticleRecord(number=n, heading=h, anchor=f"dieu-{n.lower()}", text=t)
            for n, h, t in articles
        ),
    )
