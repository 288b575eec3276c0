"""The parser tests are plain Python and must also run without Django (pytest -p no:django)."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Replaces the cache reset of tests/conftest.py: nothing here uses Django's cache."""
    yield


# Django fixtures import lazily, so the parser tests still run without Django.


@pytest.fixture
def drafter(client):
    """A member of the drafting team, logged in."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from workflow.roles import GROUP_NAMES, Role

    user = get_user_model().objects.create_user("soanthao", password="x")
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.DRAFTING_TEAM]))
    client.force_login(user)
    return user


@pytest.fixture
def draft():
    from tests import factories

    _home, index = factories.site_tree()
    return factories.legal_document(index, slug="du-thao", live=False)
