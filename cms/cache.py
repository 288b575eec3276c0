"""Anonymous portal pages from the cache, until anything is published or unpublished.

Every publish, unpublish, page deletion or reference-data change bumps one version number that
is part of every key, so stale pages are never served after a change (old entries expire).
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


def serve_cached(request, render):
    """``render()`` once per URL, language and version for anonymous GETs; a copy otherwise."""
    if request.method != "GET" or request.user.is_authenticated:
        return render()
    path_hash = hashlib.sha1(request.get_full_path().encode()).hexdigest()
    key = f"portal:{portal_version()}:{translation.get_language()}:{path_hash}"
    cached = cache.get(key)
    if cached is not None:
        response = HttpResponse(cached["content"], content_type=cached["content_type"])
        response["X-Portal-Cache"] = "hit"
        return response
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200:
        cache.set(
            key,
            {"content": response.content, "content_type": response["Content-Type"]},
            timeout=settings.PORTAL_CACHE_SECONDS,
        )
    return response
