"""Judged relevance: for each query of search/relevance.json, the document it is about must be
in the top 3 for at least 95 % of the queries, on every reachable backend.

The documents are a fixed subset of the shared corpus (every 13th record of
phapdien-documents.jsonl.gz), indexed straight from the JSON records (no pages: fast).
"""

import datetime
import gzip
import json
from functools import cache
from pathlib import Path

import pytest

from cms.numbers import number_key
from search.backends.base import ArticleRecord, IndexRecord, SearchRequest
from search.check import JUDGEMENTS
from search.query import parse_query
from tests.search.backends.conftest import backend  # noqa: F401  (the parametrised fixture)

CORPUS = Path("/work/shared/corpus/phapdien-documents.jsonl.gz")
EVERY = 13

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CORPUS.exists(), reason=f"{CORPUS} is not available"),
]


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _anchor(number: str) -> str:
    return "dieu-" + "".join(ch for ch in number.lower() if ch.isalnum())


@cache
def subset() -> tuple[IndexRecord, ...]:
    """Every 13th corpus record as an IndexRecord (page id = line number + 1)."""
    types: dict[str, int] = {}
    issuers: dict[str, int] = {}
    records = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line_number, line in enumerate(lines):
            if line_number % EVERY:
                continue
            raw = json.loads(line)
            number = raw["number"] or ""
            records.append(
                IndexRecord(
                    page_id=line_number + 1,
                    url=f"/van-ban/{raw['id']}/",
                    number=number,
                    number_key=number_key(number) if number else "",
                    title=raw["title"] or "",
                    summary="",
                    type_id=types.setdefault(raw["type"], len(types) + 1),
                    type_name=raw["type"],
                    issuer_id=issuers.setdefault(raw["issuer"] or "", len(issuers) + 1),
                    issuer_name=raw["issuer"] or "",
                    sectors=tuple((topic.split(" ", 1)[0], topic) for topic in raw["topics"] or ()),
                    issued_on=_date(raw["issued_on"]),
                    effective_on=_date(raw["effective_on"]),
                    expires_on=None,
                    terminated_on=None,
                    partly_terminated_on=None,
                    validity_evidence="issued",
                    text=raw["text"] or "",
                    articles=tuple(
                        ArticleRecord(
                            number=article["number"] or "",
                            heading=article["heading"] or "",
                            anchor=_anchor(article["number"] or ""),
                            text=article["text"] or "",
                        )
                        for article in raw["articles"] or ()
                    ),
                )
            )
            _IDS[raw["id"]] = line_number + 1
    return tuple(records)


_IDS: dict[str, int] = {}


def judgements() -> dict:
    return json.loads(JUDGEMENTS.read_text(encoding="utf-8"))


def test_judgements_are_well_formed():
    data = judgements()
    queries = data["queries"]
    assert len(queries) >= 40
    kinds = {q["kind"].split(",")[0] for q in queries}
    assert {"title", "number", "article"} <= kinds
    assert sum("no diacritics" in q["kind"] for q in queries) >= 10
    assert sum(q["kind"].startswith("number") for q in queries) >= 10
    records = subset()
    assert len(records) == 306
    assert all(q["id"] in _IDS for q in queries), "every judged document is in the subset"


def test_right_document_in_the_top_3(backend):  # noqa: F811
    data = judgements()
    assert backend.index(subset()) == 306
    if hasattr(backend, "optimize"):
        backend.optimize()
    misses = []
    for judged in data["queries"]:
        request = SearchRequest(query=parse_query(judged["query"]), page_size=data["top"])
        found = [hit.page_id for hit in backend.search(request).hits]
        if _IDS[judged["id"]] not in found:
            misses.append(f"{judged['query']!r} -> {found} (wanted {_IDS[judged['id']]})")
    share = 1 - len(misses) / len(data["queries"])
    assert share >= data["threshold"], f"{share:.0%} in the top 3; misses:\n" + "\n".join(misses)
