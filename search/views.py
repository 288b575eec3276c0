"""The portal search page ``/tim-kiem/``: search box, facets, highlighted hits, pagination.

Same code path as the API (``SearchForm`` -> ``run_search``); the page adds links. A
parameter the form refuses is shown as a message with status 400; an unavailable backend
gives 503 with a message. The backend's highlights are HTML-escaped text with ``<mark>``
only (``safe_highlight`` checks that before marking them safe).
"""

import math
from urllib.parse import urlencode

from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseNotAllowed, QueryDict
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from search.api import SearchUnavailable, cacheable, not_cacheable, run_search, unavailable_message
from search.backends.base import FACETS
from search.forms import MAX_RESULTS_WINDOW, SORT_LABELS, SearchForm
from search.query import MAX_QUERY_LENGTH, MAX_TERMS

FACET_TITLES = {
    "type": _("Loại văn bản"),
    "issuer": _("Cơ quan ban hành"),
    "sector": _("Lĩnh vực"),
    "year": _("Năm ban hành"),
    "validity": _("Tình trạng hiệu lực"),
}
FACET_SHOWN = 8  # values per facet before "more"
PAGE_WINDOW = 2  # page links on each side of the current page


def safe_highlight(html: str) -> str:
    """The backend's snippet as safe HTML if it holds no tag but <mark>; else escaped."""
    bare = html.replace("<mark>", "").replace("</mark>", "")
    if "<" in bare or ">" in bare:
        return escape(html)
    return mark_safe(html)  # escaped text and <mark> only, checked above


def _link(params: dict[str, str], **changes) -> str:
    """A query string: the current parameters (never the page) with ``changes`` applied."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _facets(results, params: dict[str, str]) -> list[dict]:
    facets = []
    for name in FACETS:
        values = []
        for facet in results.facets.get(name, ()):
            if name == "year":
                selected = params.get("year_from") == facet.value == params.get("year_to")
                change = (
                    {"year_from": None, "year_to": None}
                    if selected
                    else {"year_from": facet.value, "year_to": facet.value}
                )
            else:
                selected = params.get(name) == facet.value
                change = {name: None if selected else facet.value}
            values.append(
                {
                    "label": facet.label,
                    "count": facet.count,
                    "selected": selected,
                    "url": _link(params, **change),
                }
            )
        if values:
            facets.append(
                {
                    "name": name,
                    "title": FACET_TITLES[name],
                    "shown": values[:FACET_SHOWN],
                    "more": values[FACET_SHOWN:],
                }
            )
    return facets


def _active_filters(results, params: dict[str, str]) -> list[dict]:
    labels = {
        (name, facet.value): facet.label
        for name in FACETS
        for facet in results.facets.get(name, ())
    }
    active = []
    for name in ("type", "issuer", "sector", "validity"):
        value = params.get(name)
        if value:
            active.append(
                {
                    "title": FACET_TITLES[name],
                    "label": labels.get((name, value), value),
                    "url": _link(params, **{name: None}),
                }
            )
    year_from, year_to = params.get("year_from"), params.get("year_to")
    if year_from or year_to:
        label = year_from if year_from == year_to else f"{year_from or '…'}–{year_to or '…'}"
        active.append(
            {
                "title": FACET_TITLES["year"],
                "label": label,
                "url": _link(params, year_from=None, year_to=None),
            }
        )
    return active


def _pagination(results, params: dict[str, str]) -> dict | None:
    size = results.page_size
    pages = min(math.ceil(results.total / size), math.ceil(MAX_RESULTS_WINDOW / size))
    if pages <= 1:
        return None
    current = results.page
    window = range(max(1, current - PAGE_WINDOW), min(pages, current + PAGE_WINDOW) + 1)
    numbers = sorted({1, pages, *window})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {"number": number, "url": _link(params, page=str(number)), "current": number == current}
        )
        previous = number
    return {
        "pages": pages,
        "links": links,
        "previous": _link(params, page=str(current - 1)) if current > 1 else None,
        "next": _link(params, page=str(current + 1)) if current < pages else None,
    }


def _hits(results) -> list[dict]:
    return [
        {
            "hit": hit,
            "heading": f"{hit.type_name} {hit.number}".strip() if hit.number else hit.title,
            "highlight": safe_highlight(hit.highlight),
            "articles": [
                {"article": article, "highlight": safe_highlight(article.highlight)}
                for article in hit.articles
            ],
        }
        for hit in results.hits
    ]


def search_page(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        data = request.GET
    except SuspiciousOperation:  # e.g. more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters
        data = QueryDict("page=0")  # refused below with a message
    form = SearchForm(data)
    context = {
        "q": data.get("q", "")[: MAX_QUERY_LENGTH + 1],
        "sort": "relevance",
        "sort_labels": SORT_LABELS,
        "error": None,
        "searched": False,
        "hidden": {},
    }
    status = 200
    if not form.is_valid():
        context["error"] = form.first_error()
        status = 400
    elif form.has_query or form.has_filters:
        params = form.params()
        context["sort"] = form.cleaned_data["sort"]
        context["hidden"] = {k: v for k, v in params.items() if k in SearchForm.FILTERS}
        try:
            results = run_search(form.search_request())
        except SearchUnavailable:
            context["error"] = unavailable_message()
            status = 503
        else:
            context.update(
                searched=True,
                results=results,
                hits=_hits(results),
                facets=_facets(results, params),
                active_filters=_active_filters(results, params),
                pagination=_pagination(results, params),
                seconds=results.took_ms / 1000,
                dropped_words=", ".join(results.dropped_words),
                max_terms=MAX_TERMS,
                sort_links=[
                    {
                        "label": label,
                        "url": _link(params, sort=None if value == "relevance" else value),
                        "current": context["sort"] == value,
                    }
                    for value, label in SORT_LABELS.items()
                ],
            )
    response = render(request, "search/search.html", context, status=status)
    if status == 200:
        return cacheable(response, public=False)
    if status == 503:
        response["Retry-After"] = "30"
    return not_cacheable(response)
