"""Hits: what a result shows of each matching document, and the result without any.

The snippet policy (``hit_units``, ``article_hit``, ``hit_highlight``) is shared by the
embedded backends (``build_hits``) and Elasticsearch (``parse_hit``): a hit shows up to
``ARTICLES_PER_HIT`` matching articles, best first (holding the phrase, then all words, then,
for hits with none, any); its snippet is from the head when all the words are there, else
from the text outside articles, else its first article's.
"""

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from search import ranking_policy as policy
from search.backends.base import FACETS, ArticleHit, Hit, Results, SearchRequest
from search.backends.catalog import Doc
from search.backends.plan import QueryPlan
from search.backends.ranking import Signals
from search.highlight import Matcher, snippet

U = TypeVar("U")


@dataclass(slots=True)
class Unit:
    """An article (position >= 1) or the text outside articles (position 0) of a hit.

    ``folded`` is the indexed folded form of ``heading + "\n" + text`` (or of ``text`` alone
    without a heading) when the engine stores it, for highlighting without folding again.
    """

    position: int
    number: str
    heading: str
    anchor: str
    text: str
    folded: str | None = None

    @property
    def folded_text(self) -> str | None:
        """The folded form of ``text`` alone, when it can be cut out of ``folded``."""
        if self.folded is None:
            return None
        if not self.heading:
            return self.folded
        return self.folded[len(self.heading) + 1 :]


def hit_units(units: Iterable[U], position: Callable[[U], int]) -> tuple[U | None, list[U]]:
    """Of a hit's matching units, best first: the first one outside articles (position 0),
    and the first ``ARTICLES_PER_HIT`` articles (repeats skipped)."""
    seen: set[int] = set()
    other: U | None = None
    articles: list[U] = []
    for unit in units:
        at = position(unit)
        if at in seen:
            continue
        seen.add(at)
        if at == 0:
            other = unit if other is None else other
        elif len(articles) < policy.ARTICLES_PER_HIT:
            articles.append(unit)
    return other, articles


def article_hit(
    *, number: str, heading: str, anchor: str, highlight: str, matcher: Matcher
) -> ArticleHit:
    """An article of a hit: ``highlight`` (its text's snippet), or its heading's when the
    article has no text."""
    return ArticleHit(
        number=number,
        heading=heading,
        anchor=anchor,
        highlight=highlight or snippet(heading, matcher),
    )


def hit_highlight(
    *,
    head: str,
    matcher: Matcher,
    head_snippet: Callable[[], str] | None,
    other_snippet: Callable[[], str] | None,
    articles: Sequence[ArticleHit],
) -> str:
    """A hit's snippet: ``head_snippet`` when all the words are in the head (None otherwise),
    else ``other_snippet`` when the text outside articles matches (None otherwise), else the
    first article's, else the start of ``head`` (its summary, or its title). The snippets are
    made only when chosen."""
    for chosen in (head_snippet, other_snippet):
        if chosen is not None:
            return chosen()
    if articles:
        return articles[0].highlight
    return snippet(head, matcher)


def build_hits(
    page: Sequence[Doc],  # the documents of the requested page, in order
    units: dict[int, list[Unit]],
    signals: Signals | None,
    scores: dict[int, float],
    plan: QueryPlan,
) -> list[Hit]:
    """Hits in ``page`` order, with a snippet and their matching articles.

    ``units`` holds each document's matching units best first (repeats are skipped).
    """
    matcher = plan.matcher
    hits = []
    for doc in page:
        other, shown = hit_units(units.get(doc.page_id, ()), lambda unit: unit.position)
        articles = [
            article_hit(
                number=unit.number,
                heading=unit.heading,
                anchor=unit.anchor,
                highlight=snippet(unit.text, matcher, folded=unit.folded_text),
                matcher=matcher,
            )
            for unit in shown
        ]
        head = doc.summary or doc.title
        head_matched = signals is not None and signals.has("head", doc.page_id)
        highlight = hit_highlight(
            head=head,
            matcher=matcher,
            head_snippet=partial(snippet, head, matcher) if head_matched else None,
            other_snippet=(
                partial(snippet, other.text, matcher, folded=other.folded)
                if other is not None
                else None
            ),
            articles=articles,
        )
        hits.append(
            Hit(
                page_id=doc.page_id,
                number=doc.number,
                title=doc.title,
                type_name=doc.type_name,
                issuer_name=doc.issuer_name,
                issued_on=doc.issued_date,
                url=doc.url,
                score=round(scores.get(doc.page_id, 0.0), 3),
                highlight=highlight,
                articles=tuple(articles),
            )
        )
    return hits


def empty_results(request: SearchRequest, started: float) -> Results:
    return Results(
        total=0,
        hits=[],
        facets={name: [] for name in FACETS},
        took_ms=elapsed_ms(started),
        page=request.page,
        page_size=request.page_size,
    )


def elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
