"""A small fixed-window rate limit per client address, in the Django cache."""

from django.core.cache import cache


def client_address(request) -> str:
    # Behind a reverse proxy, configure it to set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False once ``limit`` attempts were made within the window."""
    key = f"ratelimit:{scope}:{client_address(request)}"
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds)
        return True
    return count <= limit
