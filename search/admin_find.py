"""Finding documents in the admin: what a role may see, and which of them a query matches.

Staff search drafts and issued texts alike, so the public index (issued texts only) cannot
answer alone. A document matches when each word, phrase and number of the query occurs in its
head (number, title, summary), folded as the public search folds (``search.highlight.Matcher``
over ``cms.text.fold``: "ha tang" finds "hạ tầng", "12/2026/QD-UBND" finds "12/2026/QĐ-UBND"),
and no excluded phrase does; issued texts also match through the public index (their articles
and whole text). Reasons: docs/search.md, "Admin search (issue 14)".
"""

import logging

from cms.models import LegalDocumentPage
from search.api import SearchUnavailable, run_search
from search.backends.base import SearchRequest
from search.forms import MAX_PAGE_SIZE
from search.highlight import Matcher
from search.query import ParsedQuery, QueryError, parse_query
from workflow.rights import see_workflow

logger = logging.getLogger(__name__)

# Issued texts matched through the public index's text and articles, best first.
INDEX_HITS = MAX_PAGE_SIZE


def visible_documents(user):
    """The documents ``user`` may find in the admin: all of them for a workflow role (every
    role follows every document, ``workflow.rights.see_workflow``), none otherwise."""
    if not see_workflow(user):
        return LegalDocumentPage.objects.none()
    return LegalDocumentPage.objects.all()


def parse(raw: str) -> ParsedQuery:
    """The query, or an empty one when it is refused (too long, too many words)."""
    try:
        return parse_query(raw or "")
    except QueryError:
        return ParsedQuery()


def _head(row: tuple[str, ...]) -> str:
    return "\n".join(part for part in row if part)


def _matches(parsed: ParsedQuery, text: str) -> bool:
    clauses = (
        *(Matcher.build(words=[term.folded]) for term in parsed.terms),
        *(Matcher.build(phrases=[[w.folded for w in phrase]]) for phrase in parsed.phrases),
        *(Matcher.build(numbers=[number]) for number in parsed.numbers),
    )
    excluded = Matcher.build(phrases=[[w.folded for w in phrase] for phrase in parsed.excluded])
    return all(clause.spans(text, limit=1) for clause in clauses) and not excluded.spans(
        text, limit=1
    )


def head_matches(documents, parsed: ParsedQuery) -> set[int]:
    """Ids of ``documents`` whose head matches ``parsed`` (one query, matched in Python)."""
    rows = documents.values_list("pk", "number", "title", "draft_title", "summary")
    return {row[0] for row in rows.iterator() if _matches(parsed, _head(row[1:]))}


def index_matches(parsed: ParsedQuery) -> set[int]:
    """Ids of issued texts the public index finds (their articles and text included)."""
    try:
        results = run_search(SearchRequest(query=parsed, page_size=INDEX_HITS))
    except SearchUnavailable:
        return set()  # the heads still answer; the failure is logged by run_search
    return {hit.page_id for hit in results.hits}


def find(documents, raw: str):
    """The documents of ``documents`` matching what the user typed (all for an empty query)."""
    parsed = parse(raw)
    if parsed.is_empty:
        return documents
    found = head_matches(documents, parsed) | index_matches(parsed)
    return documents.filter(pk__in=found)
