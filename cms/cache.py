"""Anonymous portal pages from the cache, until anything is published or unpublished.

Document and index pages mark their response as cacheable (``serve_cached``); the middleware,
last in ``MIDDLEWARE``, stores it on the way out and answers later anonymous GETs for the same
URL and language before Wagtail routes the request at all. Every publish, unpublish, page
deletion or reference-data change bumps one version number that is part of every key, so a
stale page is never served after a change (old entries simply expire).

A cached page is shown to everyone, so it must hold nothing of the visitor who rendered it:
a response is not stored when its rendering used the CSRF token or a CSP nonce, set a cookie,
or said it must not be cached (Wagtail marks pages behind a view restriction that way). Every
header an outer middleware adds (security headers, CSP, Vary, Content-Language) is added to a
hit as to a miss; the headers the page itself set are stored and replayed.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_max_age

VERSION_KEY = "portal:version"
# Pages stored by earlier releases (as "portal:<version>:…", holding a visitor's CSRF token and
# no headers) live in the shared file cache across a deploy: they are never read again.
PAGE_PREFIX = "portal:page"
# Headers a page may set that are the same for every visitor; anything else is not replayed.
REPLAYED_HEADERS = ("Content-Type", "Content-Language", "Vary", "Last-Modified", "Link")
NOT_SHARED = ("private", "no-cache", "no-store")


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
    return f"{PAGE_PREFIX}:{portal_version()}:{translation.get_language()}:{path_hash}"


def serve_cached(request, render):
    """``render()``, marked for the portal cache (stored only for anonymous GETs)."""
    response = render()
    response.portal_cacheable = True
    return response


def _storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(response, "portal_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        # {% csrf_token %} or get_token(): the page holds this visitor's token.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # A CSP nonce belongs to one response; the next one's header would not match.
        and not getattr(request, "_csp_nonce", None)
        and not any(word in cache_control for word in NOT_SHARED)
        and get_max_age(response) != 0
    )


class PortalCacheMiddleware:
    """Store marked anonymous pages; answer later anonymous GETs for them from the cache.

    Last in ``MIDDLEWARE``: every other middleware treats a hit like a miss on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable(request):
            return self.get_response(request)
        # The key is read before rendering: a publish during the render leaves the entry
        # under the old version, never a stale page under the new one.
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            response = HttpResponse(cached["content"])
            for name, value in cached["headers"].items():
                response[name] = value
            response["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _storable(request, response):
            headers = {name: response[name] for name in REPLAYED_HEADERS if name in response}
            cache.set(
                key,
                {"content": response.content, "headers": headers},
                timeout=settings.PORTAL_CACHE_SECONDS,
            )
        return response
