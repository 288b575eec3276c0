"""A full rebuild of the search index: ``manage.py search_reindex``, the benchmark and tests
call the same function."""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from search import backends
from search.backends.base import IndexRecord, SearchBackend
from search.index_records import indexable_documents, records_for


@dataclass(frozen=True)
class Rebuilt:
    documents: int
    articles: int
    seconds: float

    @property
    def documents_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


class _Counted:
    """The records as they pass to the backend, counted (and reported to ``progress``)."""

    def __init__(self, records: Iterable[IndexRecord], progress: Callable[[int], None] | None):
        self.records = records
        self.progress = progress
        self.documents = self.articles = 0

    def __iter__(self) -> Iterator[IndexRecord]:
        for record in self.records:
            self.documents += 1
            self.articles += len(record.articles)
            if self.progress is not None:
                self.progress(1)
            yield record


def rebuild_index(
    *,
    backend: SearchBackend | None = None,
    queryset=None,
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
) -> Rebuilt:
    """Replace the index by every published document (``queryset``: other pages).

    The records go to the backend as one stream, read ``batch_size`` pages at a time: the
    backend prepares its rows for the next batch while the database writes the current one.
    """
    backend = backend or backends.get_backend()
    pages = indexable_documents() if queryset is None else queryset
    started = time.perf_counter()
    records = _Counted(records_for(pages, batch_size=batch_size), progress)
    backend.rebuild(records)
    return Rebuilt(records.documents, records.articles, time.perf_counter() - started)
