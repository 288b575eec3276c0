"""Does another backend answer like the embedded engine? ``manage.py search_check`` asks both the
judged queries (``relevance.json``, the set the relevance test holds every backend to) and
reports every query whose totals or first hits differ."""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from search.backends.base import SearchBackend, SearchRequest
from search.query import QueryError, parse_query

JUDGEMENTS = Path(__file__).with_name("relevance.json")


def judged_queries(path: Path = JUDGEMENTS) -> list[str]:
    """The query strings of a judgements file, in order, each once."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return list(dict.fromkeys(judged["query"] for judged in data["queries"]))


@dataclass(frozen=True)
class Answer:
    total: int
    top: tuple[int, ...]  # page ids, best first


@dataclass(frozen=True)
class Comparison:
    query: str
    reference: Answer
    checked: Answer

    @property
    def differences(self) -> tuple[str, ...]:
        """What differs, for a person: the total, the first hits, or only their order."""
        found = []
        if self.reference.total != self.checked.total:
            found.append(f"total {self.reference.total} ≠ {self.checked.total}")
        if set(self.reference.top) != set(self.checked.top):
            found.append(f"first hits {list(self.reference.top)} ≠ {list(self.checked.top)}")
        elif self.reference.top != self.checked.top:
            found.append(f"order {list(self.reference.top)} ≠ {list(self.checked.top)}")
        return tuple(found)


def _answer(backend: SearchBackend, request: SearchRequest) -> Answer:
    results = backend.search(request)
    return Answer(results.total, tuple(hit.page_id for hit in results.hits))


def compare_backends(
    *, reference: SearchBackend, checked: SearchBackend, queries: Iterable[str], top: int = 10
) -> list[Comparison]:
    """Each query asked of both backends (first ``top`` hits, same reference day)."""
    compared = []
    for query in queries:
        try:
            request = SearchRequest(query=parse_query(query), page_size=top)
        except QueryError:
            continue  # refused alike by every backend: the parser comes before them
        compared.append(Comparison(query, _answer(reference, request), _answer(checked, request)))
    return compared
