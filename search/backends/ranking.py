"""Scores, filters, facets and the requested page, for the embedded backends.

The engine finds the matches and their signals (``Signals``); everything after that works on
the catalog's columns (``search.backends.catalog``): a match is a row, a set of matches a row
mask, so a query matching most of the index costs a few vector operations here.

Some signals are costly to read for every match (how many articles hold the words, or the
words as a phrase: the FTS5 backend reads them per document). They are left ``pending``: the
scores without them are lower bounds, and they add at most their bonus, so only the matches
whose bound can still reach the ``RESCORE_WINDOW``-th place have them read, at most the best
``RESCORE_WINDOW`` by their bound (a rescoring window, as Elasticsearch's rescorer): the title,
number and diacritic signals decide which documents get there, the article signals their
order. The window is the same for every page: its matches come first, then the others by
their bound (a window widened for deeper pages would reorder the first ones: a later page
would repeat some hits and others would never be shown). Weights and sizes:
``search.ranking_policy``.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from cms.validity import Validity
from search import ranking_policy as policy
from search.backends.base import FACETS, FacetValue, SearchRequest
from search.backends.catalog import VALIDITY_VALUES, Catalog, as_ids

# Signals that documents have or not (besides "matched").
MARKS = ("number", "heading", "head", "head_exact", "head_phrase", "exact")


@dataclass
class Signals:
    """What the engine found for a query: the matching documents and, per signal, which
    documents have it (only matches are ever scored, so a signal may name others).

    Marks, by name: ``matched``; ``number`` (its number_key is a number of the query);
    ``heading`` (the whole query is its title or an article heading, ``plan.heading_key``);
    ``head`` (all words in its number, title, summary or type); ``head_exact`` (the words
    typed with diacritics, so spelt, in the head); ``head_phrase`` (the plain terms as one
    phrase in the head); ``exact`` (the diacritic words, so spelt, anywhere). Page ids come
    in as arrays or iterables and are kept as NumPy arrays (tens of thousands per query).
    """

    marks: dict[str, list[np.ndarray]] = field(
        default_factory=lambda: {name: [] for name in ("matched", *MARKS)}
    )
    phrase_units: Counter = field(default_factory=Counter)  # units with the terms as a phrase
    all_units: Counter = field(default_factory=Counter)  # units with all the words
    # Signals still to be read: (the most they add to a score, reader); a reader is called
    # with the page ids whose signals are needed once the others have narrowed them down.
    pending: list[tuple[float, Callable[[list[int]], None]]] = field(default_factory=list)
    _ids: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def resolve(self, page_ids: list[int]) -> None:
        """Read the pending signals of ``page_ids``."""
        pending, self.pending = self.pending, []
        for _, read in pending:
            read(page_ids)

    def add(self, page_ids: Iterable[int]) -> None:
        self.mark("matched", page_ids)

    def mark(self, name: str, page_ids: Iterable[int]) -> None:
        self.marks[name].append(as_ids(page_ids))
        self._ids.pop(name, None)

    def ids(self, name: str) -> np.ndarray:
        """The page ids marked ``name``, sorted, without repeats."""
        ids = self._ids.get(name)
        if ids is None:
            parts = self.marks[name]
            ids = self._ids[name] = _distinct(np.concatenate(parts)) if parts else as_ids(())
        return ids

    @property
    def matched(self) -> np.ndarray:
        return self.ids("matched")

    def has(self, name: str, page_id: int) -> bool:
        ids = self.ids(name)
        at = int(np.searchsorted(ids, page_id))
        return at < ids.size and int(ids[at]) == page_id

    def count(self, attribute: str, page_ids: Iterable[int]) -> None:
        """Count units per document (``page_ids``: one entry per unit)."""
        getattr(self, attribute).update(page_ids)

    def scores(self, catalog: Catalog, plan) -> np.ndarray:
        """Every row's score (meaningful for matches): signals by decreasing weight, as
        ``search.ranking_policy`` lists them."""
        scores = np.zeros(catalog.size)
        counted = list(self.phrase_units.keys() | self.all_units.keys())
        if counted:
            at, found = catalog.locate(counted)
            phrases = np.array([self.phrase_units[p] for p in counted], dtype=np.float64)[found]
            alls = np.array([self.all_units[p] for p in counted], dtype=np.float64)[found]
            at = at[found]
            scores[at] = (
                policy.unit_share(alls, phrases, catalog.unit_count[at])
                + policy.PHRASE_UNITS * (phrases > 0)
                + policy.ALL_UNITS * (alls > 0)
            )
        scores[catalog.rows(self.ids("exact"))] += policy.EXACT
        scores[catalog.rows(self.ids("number"))] += policy.NUMBER
        scores[catalog.rows(self.ids("heading"))] += policy.HEADING
        head = catalog.mask(self.ids("head"))
        # The share of the title the words cover.
        cover = policy.HEAD + policy.HEAD_COVER * np.minimum(
            1.0, plan.word_count / catalog.head_tokens
        )
        scores[head] += cover[head]
        scores[head & catalog.mask(self.ids("head_exact"))] += policy.HEAD_EXACT
        scores[head & catalog.mask(self.ids("head_phrase"))] += policy.HEAD_PHRASE
        return scores


@dataclass
class Selection:
    """The filtered matches: how many, the requested page (page ids, in order), the page's
    scores (relevance order only) and the facets."""

    total: int
    page: list[int]
    scores: dict[int, float]
    facets: dict[str, list[FacetValue]]


def select(
    request: SearchRequest,
    signals: Signals | None,
    matched: np.ndarray,
    plan,
    catalog: Catalog,
    today,
) -> Selection:
    """Filter the matches (a row mask), count facets over all of them and pick the page.

    ``signals`` is None when the query is empty (every row in ``matched`` matches, newest
    first). Each facet counts the matches passing every filter but its own, so choosing a
    value still shows how many the others would give.
    """
    passes = _filters(request, catalog, today)
    kept = matched.copy()
    for mask in passes.values():
        kept &= mask
    scopes = {}
    for name in FACETS:
        scope = kept
        if name in passes:
            scope = matched.copy()
            for other, mask in passes.items():
                if other != name:
                    scope &= mask
        scopes[name] = scope
    facets = _facets(scopes, catalog, today)
    rows = np.flatnonzero(kept)
    total = int(rows.size)
    size = max(request.page_size, 1)
    start = (max(request.page, 1) - 1) * size
    end = start + size
    rank = catalog.newest_rank
    scores = None
    if request.sort == "oldest":
        page = _first(rows, end, -rank, rank)[start:]
    elif request.sort == "newest" or signals is None:
        page = _first(rows, end, rank, rank)[start:]
    else:
        scores = signals.scores(catalog, plan)
        if signals.pending:
            # The window is the same whatever the page: every match comes once across the
            # pages (the window's first, by their whole score; then the others by their bound,
            # which is their score unread), as a window widened for deeper pages would reorder.
            window = _window(rows, scores, signals, rank)
            signals.resolve(catalog.page_ids(window))
            scores = signals.scores(catalog, plan)
            page = _first(window, end, -scores, rank)
            if end > page.size:
                others = np.setdiff1d(rows, window, assume_unique=True)
                page = np.concatenate((page, _first(others, end - page.size, -scores, rank)))
            page = page[start:]
        else:
            page = _first(rows, end, -scores, rank)[start:]
    if signals is not None and signals.pending:
        signals.resolve(catalog.page_ids(page))  # articles of the page's hits
    page_ids = catalog.page_ids(page)
    return Selection(
        total=total,
        page=page_ids,
        scores={} if scores is None else dict(zip(page_ids, scores[page].tolist(), strict=True)),
        facets=facets,
    )


def _distinct(ids: np.ndarray) -> np.ndarray:
    """Sorted, without repeats (``np.unique`` hashes, slower on sorted runs of ids)."""
    ids = np.sort(ids)
    keep = np.ones(ids.size, dtype=bool)
    keep[1:] = ids[1:] != ids[:-1]
    return ids[keep]


def _window(rows: np.ndarray, scores: np.ndarray, signals: Signals, rank: np.ndarray) -> np.ndarray:
    """The matches whose pending signals are read: those whose lower bound plus the most
    the pending signals add reaches the RESCORE_WINDOW-th best bound, at most that many."""
    size = policy.RESCORE_WINDOW
    # The most the article count adds (see Signals.scores), plus rounding.
    margin = policy.UNIT_SHARE + 2.0 + sum(bonus for bonus, _ in signals.pending)
    if rows.size > size:
        bounds = scores[rows]
        nth = -np.partition(-bounds, size - 1)[size - 1]
        rows = rows[bounds >= nth - margin]
    if rows.size > size:
        rows = _first(rows, size, -scores, rank)
    return rows


def _first(rows: np.ndarray, count: int, primary: np.ndarray, secondary: np.ndarray):
    """The ``count`` rows smallest by (``primary``, ``secondary``), in that order
    (``secondary`` tells every row apart)."""
    if rows.size > count > 0:
        keys = primary[rows]
        kth = np.partition(keys, count - 1)[count - 1]
        tied = rows[keys == kth]
        rows = rows[keys < kth]
        need = count - rows.size
        if tied.size > need:
            ties = secondary[tied]
            tied = tied[ties <= np.partition(ties, need - 1)[need - 1]]
        rows = np.concatenate((rows, tied))
    order = np.lexsort((secondary[rows], primary[rows]))
    return rows[order][: max(count, 0)]


def _filters(request: SearchRequest, catalog: Catalog, today) -> dict[str, np.ndarray]:
    """The request's filters, as row masks, by facet name."""
    passes = {}
    if request.type_id is not None:
        passes["type"] = _equals(catalog.type_values, catalog.type_code, request.type_id)
    if request.issuer_id is not None:
        passes["issuer"] = _equals(catalog.issuer_values, catalog.issuer_code, request.issuer_id)
    if request.sector is not None:
        passes["sector"] = catalog.sector_mask(request.sector)
    if request.year_from is not None or request.year_to is not None:
        low = request.year_from if request.year_from is not None else -1
        high = request.year_to if request.year_to is not None else 1 << 30
        years = [
            code
            for code, year in enumerate(catalog.year_values)
            if year is not None and low <= year <= high
        ]
        passes["year"] = np.isin(catalog.year_code, years)
    if request.validity is not None:
        passes["validity"] = _equals(VALIDITY_VALUES, catalog.validity(today), request.validity)
    return passes


def _equals(values: Sequence, codes: np.ndarray, value) -> np.ndarray:
    if value not in values:
        return np.zeros(codes.size, dtype=bool)
    return codes == values.index(value)


def _facets(scopes: dict[str, np.ndarray], catalog: Catalog, today) -> dict[str, list[FacetValue]]:

    def counted(codes: np.ndarray, values: Sequence) -> list[tuple[object, int]]:
        counts = np.bincount(codes, minlength=len(values)).tolist()
        return [(values[code], n) for code, n in enumerate(counts) if n]

    def ranked(pairs: list[tuple[object, int]], labels: dict) -> list[FacetValue]:
        facet = [FacetValue(str(value), labels[value], n) for value, n in pairs]
        facet.sort(key=lambda value: (-value.count, value.label))
        return facet

    sectors = catalog.sector_code[scopes["sector"][catalog.sector_row]]
    years = counted(catalog.year_code[scopes["year"]], catalog.year_values)
    validity = dict(counted(catalog.validity(today)[scopes["validity"]], VALIDITY_VALUES))
    return {
        "type": ranked(
            counted(catalog.type_code[scopes["type"]], catalog.type_values), catalog.type_names
        ),
        "issuer": ranked(
            counted(catalog.issuer_code[scopes["issuer"]], catalog.issuer_values),
            catalog.issuer_names,
        ),
        "sector": ranked(counted(sectors, catalog.sector_values), catalog.sector_names),
        "year": [
            FacetValue(str(year), str(year), n)
            for year, n in reversed(years)  # newest first; undated ones have no year
            if year is not None
        ],
        "validity": [
            FacetValue(choice.value, str(choice.label), validity[choice.value])
            for choice in Validity
            if validity.get(choice.value)
        ],
    }
