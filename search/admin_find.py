"""Finding documents in the admin: what a role may see, and which of them a query matches.

Staff search drafts and issued texts alike, so the public index (issued texts only) cannot
answer alone. A document matches when each word, phrase and number of the query occurs in its
head (number, title, summary), folded as the public search folds (``search.highlight.Matcher``
over ``cms.text.fold``: "ha tang" finds "hạ tầng", "12/2026/QD-UBND" finds "12/2026/QĐ-UBND"),
and no excluded phrase does. Texts outside the public index (drafts) match on their preamble and
body as well; issued texts on theirs through the public index. Reasons: docs/search.md, "Admin
search (issue 14)".
"""

import json
from collections.abc import Iterator

from django.db.models import TextField
from django.db.models.functions import Cast

from cms.models import LegalDocumentPage
from cms.text import fold
from search.api import SearchUnavailable, run_search
from search.backends.base import SearchRequest
from search.forms import MAX_PAGE_SIZE
from search.highlight import Matcher
from search.index_records import indexable_documents
from search.query import ParsedQuery, parse_query
from workflow.rights import see_workflow

# Issued texts matched through the public index's text and articles, best first.
INDEX_HITS = MAX_PAGE_SIZE


def visible_documents(user):
    """The documents ``user`` may find in the admin: all of them for a workflow role (every
    role follows every document, ``workflow.rights.see_workflow``), none otherwise."""
    if not see_workflow(user):
        return LegalDocumentPage.objects.none()
    return LegalDocumentPage.objects.all()


def _head(row: tuple[str, ...]) -> str:
    return "\n".join(part for part in row if part)


class QueryMatcher:
    """Whether a text matches a query: every term, phrase and number, no exclusion."""

    def __init__(self, parsed: ParsedQuery):
        self.clauses = (
            *(Matcher.build(words=[term.folded]) for term in parsed.terms),
            *(Matcher.build(phrases=[[w.folded for w in phrase]]) for phrase in parsed.phrases),
            *(Matcher.build(numbers=[number]) for number in parsed.numbers),
        )
        self.excluded = Matcher.build(
            phrases=[[w.folded for w in phrase] for phrase in parsed.excluded]
        )

    def __call__(self, text: str) -> bool:
        folded = fold(text)
        return all(clause.occurs_in(folded) for clause in self.clauses) and not (
            self.excluded.occurs_in(folded)
        )


HEAD = ("number", "title", "draft_title", "summary")
# Block keys whose values are not text (a block's kind, its id).
_NOT_TEXT = frozenset(("type", "id"))


def head_matches(documents, parsed: ParsedQuery) -> set[int]:
    """Ids of ``documents`` whose head matches ``parsed`` (one query, matched in Python)."""
    matches = QueryMatcher(parsed)
    rows = documents.values_list("pk", *HEAD)
    return {row[0] for row in rows.iterator() if matches(_head(row[1:]))}


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def text_matches(documents, parsed: ParsedQuery) -> set[int]:
    """Ids of ``documents`` whose head, preamble and body together match ``parsed`` (one
    query; the body read as its JSON text, not as blocks)."""
    rows = documents.annotate(body_json=Cast("body", TextField())).values_list(
        "pk", *HEAD, "preamble", "body_json"
    )
    matches, found = QueryMatcher(parsed), set()
    for pk, *head, preamble, body_json in rows.iterator():
        body = "\n".join(_strings(json.loads(body_json or "[]")))
        if matches(_head((*head, preamble, body))):
            found.add(pk)
    return found


def index_matches(parsed: ParsedQuery) -> set[int]:
    """Ids of issued texts the public index finds (their articles and text included)."""
    try:
        results = run_search(SearchRequest(query=parsed, page_size=INDEX_HITS))
    except SearchUnavailable:
        return set()  # the heads still answer; the failure is logged by run_search
    return {hit.page_id for hit in results.hits}


def find(documents, raw: str):
    """The documents of ``documents`` matching what the user typed (all for an empty query).

    Raises ``search.query.QueryError`` (a message for the user) for a query too long."""
    parsed = parse_query(raw or "")
    if parsed.is_empty:
        return documents
    indexed = indexable_documents().values("pk")
    # Issued texts: the head here, the rest in the public index; drafts: all their text here.
    found = head_matches(documents.filter(pk__in=indexed), parsed)
    found |= text_matches(documents.exclude(pk__in=indexed), parsed)
    found |= index_matches(parsed)
    return documents.filter(pk__in=found)
