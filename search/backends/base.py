"""The search interface every backend implements (embedded SQLite/PostgreSQL, Elasticsearch).

Indexing takes ``IndexRecord``s prepared from published documents (search/index_records.py); a
search takes a ``SearchRequest`` (query already parsed, filters validated) and returns
``Results``. Backends never see raw user input.
"""

import datetime
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cms.text import nfc
from search.query import ParsedQuery

SORTS = ("relevance", "newest", "oldest")
FACETS = ("type", "issuer", "sector", "year", "validity")


@dataclass(frozen=True)
class ArticleRecord:
    number: str  # "5a"; as cited in an attached text: "5 của Quy định ban hành kèm theo"
    heading: str
    anchor: str  # "dieu-5a"; in an attached text "kt-dieu-5a", "kt2-dieu-5a"
    text: str  # NFC, original diacritics


@dataclass(frozen=True)
class IndexRecord:
    """A published document as the index sees it (everything NFC, original spelling)."""

    page_id: int
    url: str
    number: str
    number_key: str  # cms.numbers.number_key(number)
    title: str
    summary: str
    type_id: int
    type_name: str
    issuer_id: int
    issuer_name: str
    sectors: tuple[tuple[str, str], ...]  # (slug, name)
    issued_on: datetime.date | None
    effective_on: datetime.date | None  # None: in force from issued_on
    expires_on: datetime.date | None
    # Effective dates of later documents ending it wholly / in part (validity is derived at
    # query time from these dates, so it never goes stale in the index).
    terminated_on: datetime.date | None
    partly_terminated_on: datetime.date | None
    validity_evidence: str | None  # cms.validity.ValidityEvidence value; None: none
    text: str  # preamble and any text outside articles
    articles: tuple[ArticleRecord, ...] = ()


def head_text(record) -> str:
    """Number, title, summary and type name of ``record`` (an ``IndexRecord``, or the
    embedded catalog's ``Doc``): the head, where title matches are looked for."""
    parts = (record.number, record.title, record.summary, record.type_name)
    return nfc("\n".join(dict.fromkeys(part for part in parts if part)))


@dataclass(frozen=True)
class SearchRequest:
    query: ParsedQuery
    type_id: int | None = None
    issuer_id: int | None = None
    sector: str | None = None  # sector slug
    year_from: int | None = None
    year_to: int | None = None
    validity: str | None = None  # cms.validity.Validity value
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    today: datetime.date | None = None  # validity reference day; None means today


@dataclass(frozen=True)
class ArticleHit:
    number: str
    heading: str
    anchor: str
    highlight: str  # HTML-escaped text with <mark>…</mark> around matches


@dataclass(frozen=True)
class Hit:
    page_id: int
    number: str
    title: str
    type_name: str
    issuer_name: str
    issued_on: datetime.date | None
    url: str
    score: float
    highlight: str  # HTML-escaped snippet with <mark>…</mark>
    articles: tuple[ArticleHit, ...] = ()


@dataclass(frozen=True)
class FacetValue:
    value: str  # id, slug, year or validity value, as a string
    label: str
    count: int


@dataclass
class Results:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    took_ms: float = 0.0
    page: int = 1
    page_size: int = 20
    dropped_words: tuple[str, ...] = ()  # left out of a query over the word limit


class SearchBackend(ABC):
    name: str

    @abstractmethod
    def index(self, records: Iterable[IndexRecord]) -> int:
        """Add or replace these documents; returns how many were written."""

    @abstractmethod
    def delete(self, page_ids: Iterable[int]) -> None:
        """Remove these documents (missing ones are ignored)."""

    @abstractmethod
    def clear(self) -> None:
        """Remove everything (before a full rebuild)."""

    def optimize(self) -> None:  # noqa: B027 (nothing to do unless a backend says so)
        """Make searching fast again after a full rebuild."""

    def rebuild(self, records: Iterable[IndexRecord]) -> int:
        """Replace the whole index by ``records``; returns how many were written.

        Here: empty, write, optimise (searches meanwhile see a partial index; optimised even
        when writing fails, so the embedded engines' bulk settings never outlive a rebuild).
        A backend that can build a new index beside the live one and switch to it when
        complete overrides it.
        """
        self.clear()
        try:
            return self.index(records)
        finally:
            self.optimize()

    @abstractmethod
    def document_frequencies(self, words: Sequence[str]) -> dict[str, int]:
        """For each folded word, the documents holding it, counted up to
        ``ranking_policy.FREQUENCY_CAP`` (to shorten long queries: ``search.query.shorten``)."""

    @abstractmethod
    def search(self, request: SearchRequest) -> Results:
        """Matching documents, best first (or by date), with facets over all matches."""
