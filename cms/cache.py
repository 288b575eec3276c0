"""Anonymous portal pages from the cache, until anything is published or unpublished.

Document and index pages store their rendered HTML (``serve_cached``); the middleware answers
later anonymous GETs for the same URL before Wagtail routes the request at all. Every publish,
unpublish, page deletion or reference-data change bumps one version number that is part of
every key, so a stale page is never served after a change (old entries simply expire).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

VERSION_KEY = "portal:version"


def portal_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def invalidate_portal(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _cacheable(request) -> bool:
    return request.method == "GET" and not request.user.is_authenticated


def _key(request) -> str:
    path_hash = hashlib.sha1(request.get_full_path().encode()).hexdigest()
    return f"portal:{portal_version()}:{translation.get_language()}:{path_hash}"


def serve_cached(request, render):
    """``render()`` and keep the result for anonymous GETs; uncached for everyone else."""
    response = render()
    if not _cacheable(request):
        return response
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200:
        cache.set(
            _key(request),
            {"content": response.content, "content_type": response["Content-Type"]},
            timeout=settings.PORTAL_CACHE_SECONDS,
        )
    return response


class PortalCacheMiddleware:
    """Answer an anonymous GET from the cache when its page stored itself there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _cacheable(request):
            cached = cache.get(_key(request))
            if cached is not None:
                response = HttpResponse(cached["content"], content_type=cached["content_type"])
                response["X-Portal-Cache"] = "hit"
                return response
        return self.get_response(request)
