"""A small fixed-window rate limit per client address, in the Django cache.

Only attempts that did something count: the caller asks ``allows()`` before acting and calls
``count()`` once the action succeeded, so a visitor's typo or a refused request costs nothing.
"""

import ipaddress
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is neither an IP address nor a network."
            ) from None
    return tuple(networks)


def trusted_proxies() -> tuple[Network, ...]:
    """``settings.TRUSTED_PROXIES`` (IP addresses or CIDR networks) as networks."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


@checks.register(checks.Tags.security)
def check_trusted_proxies(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A mistyped proxy list stops ``manage.py check`` rather than the first comment."""
    try:
        trusted_proxies()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="cms.E001")]
    return []


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: Address, proxies: tuple[Network, ...]) -> bool:
    return any(address in network for network in proxies)


def client_address(request) -> str:
    """The address a request came from.

    ``X-Forwarded-For`` is read only when the request comes from a trusted proxy, and then from
    the right: each proxy appends the address it saw, while anything to the left of the nearest
    untrusted entry was written by the client and may be forged. A malformed entry stops the
    walk, and the proxy's own address is used.
    """
    remote_text = request.META.get("REMOTE_ADDR", "")
    remote = _address(remote_text)
    if remote is None:
        return remote_text or "unknown"
    proxies = trusted_proxies()
    if not _trusted(remote, proxies):
        return str(remote)
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        forwarded = _address(entry)
        if forwarded is None:
            break
        if not _trusted(forwarded, proxies):
            return str(forwarded)
    return str(remote)


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` counted attempts per client address in each ``window_seconds``."""

    scope: str
    limit: int
    window_seconds: int

    def _key(self, request) -> str:
        return f"ratelimit:{self.scope}:{client_address(request)}"

    def allows(self, request) -> bool:
        """Whether one more attempt may be made; counts nothing."""
        return cache.get(self._key(request), 0) < self.limit

    def count(self, request) -> None:
        """Count one attempt; the window starts at the first one."""
        key = self._key(request)
        if cache.add(key, 1, timeout=self.window_seconds):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=self.window_seconds)
