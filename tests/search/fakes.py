"""A small in-memory search backend for the outbox, import, API and page tests.

It records every call, can be told to fail (``fail``: an exception raised by index/delete, or
``fail_for``: page ids whose indexing fails), and answers searches by naive folded substring
matching, with facets, so the views can be tested without any real engine.
"""

from collections import Counter

from django.utils.html import escape

from cms.text import fold
from search.backends.base import (
    FACETS,
    ArticleHit,
    FacetValue,
    Hit,
    IndexRecord,
    Results,
    SearchBackend,
    SearchRequest,
)


class FakeBackend(SearchBackend):
    name = "fake"

    def __init__(self):
        self.records: dict[int, IndexRecord] = {}
        self.calls: list[tuple[str, tuple[int, ...]]] = []
        self.requests: list[SearchRequest] = []
        self.fail: BaseException | None = None
        self.fail_for: set[int] = set()
        self.search_error: BaseException | None = None

    # -- writing ----------------------------------------------------------------------------

    def index(self, records):
        records = list(records)
        self.calls.append(("index", tuple(r.page_id for r in records)))
        if self.fail is not None:
            raise self.fail
        bad = self.fail_for.intersection(r.page_id for r in records)
        if bad:
            raise ValueError(f"cannot index page {min(bad)}")
        for record in records:
            self.records[record.page_id] = record
        return len(records)

    def delete(self, page_ids):
        page_ids = tuple(page_ids)
        self.calls.append(("delete", page_ids))
        if self.fail is not None:
            raise self.fail
        for page_id in page_ids:
            self.records.pop(page_id, None)

    def clear(self):
        self.calls.append(("clear", ()))
        self.records.clear()

    def optimize(self):
        self.calls.append(("optimize", ()))

    def indexed(self) -> list[int]:
        return [page_id for kind, ids in self.calls if kind == "index" for page_id in ids]

    def deleted(self) -> list[int]:
        return [page_id for kind, ids in self.calls if kind == "delete" for page_id in ids]

    # -- searching --------------------------------------------------------------------------

    def document_frequencies(self, words):
        return {
            word: sum(word in fold(_haystack(record)) for record in self.records.values())
            for word in words
        }

    def search(self, request: SearchRequest) -> Results:
        self.requests.append(request)
        if self.search_error is not None:
            raise self.search_error
        query = request.query
        words = [word.folded for word in (*query.terms, *(w for p in query.phrases for w in p))]
        matches = []
        for record in self.records.values():
            haystack = fold(_haystack(record))
            if all(word in haystack for word in words) and _passes(record, request):
                matches.append(record)
        if request.sort == "oldest":
            matches.sort(key=lambda r: (r.issued_on, r.page_id))
        else:
            matches.sort(key=lambda r: (r.issued_on, r.page_id), reverse=True)
        start = (request.page - 1) * request.page_size
        shown = matches[start : start + request.page_size]
        return Results(
            total=len(matches),
            hits=[_hit(record, words) for record in shown],
            facets=_facets(matches),
            took_ms=1.25,
            page=request.page,
            page_size=request.page_size,
        )


def _haystack(record: IndexRecord) -> str:
    return " ".join(
        [record.number, record.title, record.summary, record.text]
        + [f"{a.heading} {a.text}" for a in record.articles]
    )


def _passes(record: IndexRecord, request: SearchRequest) -> bool:
    year = record.issued_on.year if record.issued_on else None
    return (
        (request.type_id is None or record.type_id == request.type_id)
        and (request.issuer_id is None or record.issuer_id == request.issuer_id)
        and (request.sector is None or request.sector in dict(record.sectors))
        and (request.year_from is None or (year is not None and year >= request.year_from))
        and (request.year_to is None or (year is not None and year <= request.year_to))
    )


def _mark(text: str, words) -> str:
    html = escape(text)
    for word in words:
        if word and word in html:
            html = html.replace(word, f"<mark>{word}</mark>")
    return html


def _hit(record: IndexRecord, words) -> Hit:
    articles = tuple(
        ArticleHit(a.number, a.heading, a.anchor, _mark(a.text[:200], words))
        for a in record.articles
        if any(word in fold(f"{a.heading} {a.text}") for word in words)
    )[:3]
    return Hit(
        page_id=record.page_id,
        number=record.number,
        title=record.title,
        type_name=record.type_name,
        issuer_name=record.issuer_name,
        issued_on=record.issued_on,
        url=record.url,
        score=1.5,
        highlight=_mark(record.summary, words),
        articles=articles,
    )


def _facets(records: list[IndexRecord]) -> dict[str, list[FacetValue]]:
    def ranked(pairs):
        counts = Counter(pairs)
        return [FacetValue(str(v), label, n) for (v, label), n in counts.most_common()]

    facets = {
        "type": ranked((r.type_id, r.type_name) for r in records),
        "issuer": ranked((r.issuer_id, r.issuer_name) for r in records),
        "sector": ranked(pair for r in records for pair in r.sectors),
        "year": ranked((r.issued_on.year, str(r.issued_on.year)) for r in records if r.issued_on),
        "validity": [FacetValue("in_force", "Còn hiệu lực", len(records))] if records else [],
    }
    return {name: facets[name] for name in FACETS}


def install(monkeypatch) -> FakeBackend:
    """Make ``get_backend()`` return a new fake backend (for the outbox and the API alike)."""
    backend = FakeBackend()
    # search.api first: imported after the first patch, it would bind the fake as its own
    # get_backend, and the undo would restore the fake for every later test.
    monkeypatch.setattr("search.api.get_backend", lambda: backend)
    monkeypatch.setattr("search.backends.get_backend", lambda: backend)
    return backend
