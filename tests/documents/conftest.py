"""The parser tests are plain Python and must also run without Django (pytest -p no:django)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Replaces the cache reset of tests/conftest.py: nothing here uses Django's cache."""
    yield
