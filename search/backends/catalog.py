"""The indexed documents of the embedded backends, in memory, as columns.

Every search needs, for all of its matches, the facet values (type, issuer, sector, year,
validity), the newest-first order and the lengths the ranking uses. Reading them from the
database per search would cost more than the matching; they are read once per index version
(``DocumentCache``) into NumPy columns, one row per document in page-id order, so that filters,
facet counts and scores over tens of thousands of matches are a few vector operations.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from cms.validity import Validity, ValidityDates


@dataclass(slots=True)
class Doc:
    """The stored columns of one indexed document.

    Dates are ISO strings (SQLite) or dates (PostgreSQL): compared only with each other and
    with the reference day in the same type.
    """

    page_id: int
    number: str
    title: str
    summary: str
    type_id: int
    type_name: str
    issuer_id: int
    issuer_name: str
    year: int | None
    issued_on: object
    effective_on: object
    expires_on: object
    terminated_on: object
    partly_terminated_on: object
    validity_evidence: str | None
    url: str
    unit_count: int
    head_tokens: int
    sectors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def issued_date(self) -> datetime.date | None:
        if self.issued_on is None or isinstance(self.issued_on, datetime.date):
            return self.issued_on
        return datetime.date.fromisoformat(self.issued_on)


DOC_COLUMNS = (
    "page_id, number, title, summary, type_id, type_name, issuer_id, issuer_name, year, "
    "issued_on, effective_on, expires_on, terminated_on, partly_terminated_on, validity_evidence, "
    "url, "
    "unit_count, head_tokens"
)

# Validity codes of the ``validity`` column: 0 for an undated document, then Validity's order.
VALIDITY_VALUES: tuple[str | None, ...] = (None, *(choice.value for choice in Validity))


def validity_of(doc: Doc, today) -> str | None:
    """``cms.validity``'s rule on the indexed dates (``today`` in the dates' type)."""
    validity = ValidityDates(
        issued_on=doc.issued_on,
        effective_on=doc.effective_on,
        expires_on=doc.expires_on,
        terminated_on=doc.terminated_on,
        partly_terminated_on=doc.partly_terminated_on,
        validity_evidence=doc.validity_evidence,
    ).status_on(today)
    return validity.value if validity is not None else None


def as_ids(page_ids: Iterable[int]) -> np.ndarray:
    """Page ids as an int64 array (without copying one)."""
    if isinstance(page_ids, np.ndarray):
        return page_ids.astype(np.int64, copy=False)
    return np.fromiter(page_ids, dtype=np.int64)


def _coded(values: list) -> tuple[list, np.ndarray]:
    """The distinct values (None first) and each row's index among them."""
    distinct = sorted(set(values), key=lambda value: (value is not None, value))
    index = {value: code for code, value in enumerate(distinct)}
    return distinct, np.fromiter(map(index.__getitem__, values), np.int32, len(values))


class Catalog:
    """Every indexed document of one index version: ``docs`` by page id for building hits,
    and the columns rows are filtered, counted and ranked by (row ``i`` is ``ids[i]``)."""

    def __init__(self, docs: dict[int, Doc]) -> None:
        self.docs = docs
        rows = [docs[page_id] for page_id in sorted(docs)]
        self.ids = np.array([doc.page_id for doc in rows], dtype=np.int64)
        self.size = len(rows)
        self.type_names = {doc.type_id: doc.type_name for doc in rows}
        self.issuer_names = {doc.issuer_id: doc.issuer_name for doc in rows}
        self.sector_names = {slug: name for doc in rows for slug, name in doc.sectors}
        self.type_values, self.type_code = _coded([doc.type_id for doc in rows])
        self.issuer_values, self.issuer_code = _coded([doc.issuer_id for doc in rows])
        self.year_values, self.year_code = _coded([doc.year for doc in rows])
        self.sector_values = sorted(self.sector_names)
        sector_index = {slug: code for code, slug in enumerate(self.sector_values)}
        links = [
            (row, sector_index[slug]) for row, doc in enumerate(rows) for slug, _ in doc.sectors
        ]
        self.sector_row = np.array([row for row, _ in links], dtype=np.int64)
        self.sector_code = np.array([code for _, code in links], dtype=np.int32)
        self.unit_count = np.array([doc.unit_count for doc in rows], dtype=np.float64)
        self.head_tokens = np.array([max(doc.head_tokens, 1) for doc in rows], dtype=np.float64)
        newest = sorted(
            range(self.size),
            key=lambda row: (
                rows[row].issued_on is not None,
                str(rows[row].issued_on or ""),
                rows[row].page_id,
            ),
            reverse=True,
        )
        # 0 for the most recently issued document; undated ones last.
        self.newest_rank = np.empty(self.size, dtype=np.int64)
        self.newest_rank[newest] = np.arange(self.size)
        self._validity: tuple[object, np.ndarray] = (None, np.zeros(0, dtype=np.int8))

    def locate(self, page_ids: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
        """For each of ``page_ids``: its row, and whether it is indexed at all."""
        wanted = as_ids(page_ids)
        if not self.size:
            return np.zeros(wanted.size, dtype=np.int64), np.zeros(wanted.size, dtype=bool)
        at = np.minimum(np.searchsorted(self.ids, wanted), self.size - 1)
        return at, self.ids[at] == wanted

    def rows(self, page_ids: Iterable[int]) -> np.ndarray:
        """The rows of those of ``page_ids`` that are indexed."""
        at, found = self.locate(page_ids)
        return at[found]

    def mask(self, page_ids: Iterable[int]) -> np.ndarray:
        """A row mask: True for the rows of ``page_ids``."""
        mask = np.zeros(self.size, dtype=bool)
        mask[self.rows(page_ids)] = True
        return mask

    def page_ids(self, rows: np.ndarray) -> list[int]:
        return self.ids[rows].tolist()

    def sector_mask(self, slug: str) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        if slug in self.sector_names:
            code = self.sector_values.index(slug)
            mask[self.sector_row[self.sector_code == code]] = True
        return mask

    def validity(self, today) -> np.ndarray:
        """Each row's validity code (an index into ``VALIDITY_VALUES``) on ``today``."""
        day, codes = self._validity
        if day != today:
            index = {value: code for code, value in enumerate(VALIDITY_VALUES)}
            codes = np.fromiter(
                (index[validity_of(self.docs[page_id], today)] for page_id in self.ids.tolist()),
                np.int8,
                self.size,
            )
            self._validity = (today, codes)
        return codes


class DocumentCache:
    """The ``Catalog`` per process, reloaded when the index version changes.

    Each write to the index stores a new random version in the same transaction, so a search
    compares one stored value with the cached one and reads the documents only after a change
    (never from a rolled-back or another database's index: versions are never reused).
    """

    def __init__(self) -> None:
        self._state: tuple[str | None, Catalog] = (None, Catalog({}))

    def catalog(self, version: str | None, load) -> Catalog:
        cached_version, catalog = self._state
        if version is None or version != cached_version:
            catalog = Catalog(load())
            self._state = (version, catalog)
        return catalog
