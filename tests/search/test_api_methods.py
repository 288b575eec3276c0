"""``/api/search/`` refuses other methods with the documented JSON 405, CSRF token or not."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.search.urls")]
URL = "/api/search/"
MESSAGE = "Chỉ hỗ trợ phương thức GET."


@pytest.fixture
def csrf_client():
    """A client that enforces CSRF like a browser or curl meets it in production."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_get_json_405_without_a_csrf_token(csrf_client, method):
    response = getattr(csrf_client, method)(URL, {"q": "chu ky so"})
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET, HEAD"
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {"error": MESSAGE}


def test_405_message_in_english(csrf_client):
    csrf_client.cookies["django_language"] = "en"
    response = csrf_client.post(URL, {"q": "chu ky so"})
    assert response.status_code == 405
    assert response.json()["error"] == "Only the GET method is supported."
