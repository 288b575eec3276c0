"""Search backends: ``get_backend()`` picks the configured one.

Settings:

- ``SEARCH_BACKEND``: ``"embedded"`` (default: SQLite FTS5 or PostgreSQL full text, following
  the database) or ``"elasticsearch"``;
- ``ELASTICSEARCH_URL`` and ``ELASTICSEARCH_INDEX`` for the latter.

The modules: ``base`` (the interface), ``plan`` (what a query asks of the embedded engines),
``embedded`` (what they share around their engines), ``sqlite`` and ``postgres`` (the
engines), ``catalog`` and ``ranking`` (the indexed documents as columns; scores, filters,
facets and the page), ``hits`` (what a hit shows, also for ``elasticsearch``). Weights and
sizes: ``search.ranking_policy``.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from search.backends.base import SearchBackend

DEFAULT_BACKEND = "embedded"
BACKENDS = ("embedded", "elasticsearch")

_cache: dict[tuple[str, str], SearchBackend] = {}


def get_backend() -> SearchBackend:
    """The configured backend (``settings.SEARCH_BACKEND``), created once per process."""
    name = getattr(settings, "SEARCH_BACKEND", DEFAULT_BACKEND) or DEFAULT_BACKEND
    if name not in BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}."
        )
    if name == "embedded":
        return embedded_backend()
    backend = _cache.get((name, ""))
    if backend is None:
        backend = _cache[(name, "")] = _create(name, "")
    return backend


def embedded_backend() -> SearchBackend:
    """The embedded engine of the database, whatever ``SEARCH_BACKEND`` says."""
    key = ("embedded", connection.vendor)
    backend = _cache.get(key)
    if backend is None:
        backend = _cache[key] = _create(*key)
    return backend


def reset_backend() -> None:
    """Forget the created backends (after changing settings, in tests)."""
    _cache.clear()


def _create(name: str, vendor: str) -> SearchBackend:
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_settings()
    if vendor == "sqlite":
        from search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    if vendor == "postgresql":
        from search.backends.postgres import PostgresBackend

        return PostgresBackend()
    raise ImproperlyConfigured(f"The embedded search backend does not support {vendor}.")
