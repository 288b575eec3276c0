"""``GET /api/search/``: the search as JSON (parameters and shape in docs/search.md).

The portal page (``search.views``) runs the same code path: ``SearchForm`` validates,
``run_search`` asks the backend, ``results_json`` serialises.
"""

import dataclasses
import logging
import time

from django.core.exceptions import SuspiciousOperation
from django.http import JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from cms.public_url import absolute_url
from search.backends import get_backend
from search.backends.base import FACETS, Results, SearchRequest
from search.forms import SearchForm
from search.labels import in_visitor_language
from search.query import MAX_TERMS, Shortened, shorten

logger = logging.getLogger(__name__)

CACHE_SECONDS = 60
RETRY_AFTER_SECONDS = 30


class SearchUnavailable(Exception):
    """The backend failed (Elasticsearch unreachable, a database error): answer 503."""


def run_search(request: SearchRequest) -> Results:
    """The backend's results; any failure of the backend becomes ``SearchUnavailable``.

    A query of more than ``MAX_TERMS`` words is asked with its most selective ones (by the
    backend's document frequencies); the results name the words left out.
    """
    try:
        backend = get_backend()
        shortened = Shortened(request.query)
        if request.query.word_count > MAX_TERMS:
            words = [term.folded for term in request.query.terms]
            shortened = shorten(request.query, backend.document_frequencies(words))
        results = in_visitor_language(
            backend.search(dataclasses.replace(request, query=shortened.query))
        )
    except Exception as exc:
        logger.exception("Search failed for %r", request)
        raise SearchUnavailable(str(exc)) from exc
    return dataclasses.replace(results, dropped_words=shortened.dropped)


def unavailable_message() -> str:
    return _("Dịch vụ tìm kiếm tạm thời gián đoạn. Vui lòng thử lại sau ít phút.")


def hit_json(hit) -> dict:
    return {
        "number": hit.number,
        "title": hit.title,
        "type": hit.type_name,
        "issuer": hit.issuer_name,
        "issued_on": hit.issued_on.isoformat() if hit.issued_on else None,
        "url": absolute_url(hit.url),
        "score": round(float(hit.score), 3),
        "highlight": hit.highlight,
        "articles": [
            {
                "number": article.number,
                "heading": article.heading,
                "anchor": article.anchor,
                "highlight": article.highlight,
            }
            for article in hit.articles
        ],
    }


def results_json(results: Results) -> dict:
    return {
        "total": results.total,
        "took_ms": round(float(results.took_ms), 1),
        "page": results.page,
        "page_size": results.page_size,
        "dropped_words": list(results.dropped_words),
        "hits": [hit_json(hit) for hit in results.hits],
        "facets": {
            name: [
                {"value": facet.value, "label": str(facet.label), "count": facet.count}
                for facet in results.facets.get(name, ())
            ]
            for name in FACETS
        },
    }


def cacheable(response, *, public: bool):
    """Results may be reused for a minute; the language comes from a cookie (labels)."""
    if public:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    else:
        patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
    patch_vary_headers(response, ("Cookie",))
    return response


def not_cacheable(response):
    patch_cache_control(response, no_store=True)
    return response


def _json_error(message: str, status: int, **extra) -> JsonResponse:
    response = JsonResponse(
        {"error": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    return not_cacheable(response)


# Read-only: every method but GET/HEAD is refused before anything happens, so the CSRF
# check would only replace the documented JSON 405 with Django's HTML 403 page.
@csrf_exempt
def search_api(request):
    if request.method not in ("GET", "HEAD"):
        response = _json_error(_("Chỉ hỗ trợ phương thức GET."), 405)
        response["Allow"] = "GET, HEAD"
        return response
    try:
        data = request.GET
    except SuspiciousOperation:  # e.g. more than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters
        return _json_error(_("Tham số tìm kiếm không hợp lệ."), 400)
    form = SearchForm(data)
    if not form.is_valid():
        errors = {
            name: [str(message) for message in messages] for name, messages in form.errors.items()
        }
        return _json_error(form.first_error(), 400, errors=errors)
    started = time.perf_counter()
    try:
        results = run_search(form.search_request())
    except SearchUnavailable:
        response = _json_error(unavailable_message(), 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    data = results_json(results)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Server-Timing"] = (
        f"search;dur={results.took_ms:.1f}, total;dur={(time.perf_counter() - started) * 1000:.1f}"
    )
    return cacheable(response, public=True)
