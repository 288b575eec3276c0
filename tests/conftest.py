import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (portal pages, rate limits)."""
    cache.clear()
    yield
    cache.clear()
