"""The "Văn bản" listing runs a bounded number of queries, whatever the number of documents."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from workflow.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db

LIMIT = 40
# The plain listing, searches and filters; "overdue" asks workflow.dashboard.overdue_map (the one
# home of the overdue rule), whose deadlines come from annotations (with_deadline_facts).
REQUESTS = [
    {},
    {"q": "ha tang vien thong"},
    {"q": "12/2026/QD-UBND"},
    {"state": "planned", "has_deadline": "yes", "ordering": "-issued_on"},
    {"year": "2026", "planned_submission_from": "01/01/2015", "ordering": "workflow__state"},
    {"overdue": "yes"},
    {"overdue": "no", "q": "vien thong"},
]


def add_documents(index, start: int, stop: int) -> None:
    normative = factories.document_type(is_normative=True)
    for n in range(start, stop):
        factories.legal_document(
            index,
            slug=f"vb-{n}",
            live=n % 10 == 1,  # some issued texts among the drafts
            number=f"{n}/2026/QĐ-UBND",
            issued_on=datetime.date(2026, 1, 1),
            effective_on=datetime.date(2026, 2, 1),
            title=f"Quy định {n} về hạ tầng viễn thông thụ động",
            document_type=normative,
            planned_submission=datetime.date(2015 + n % 20, 1 + n % 12, 1),
        )


def counts(client) -> list[int]:
    result = []
    for params in REQUESTS:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("legal_documents:index"), params)
        assert response.status_code == 200
        result.append(len(captured))
    return result


def test_listing_queries_do_not_grow_with_documents(client):
    _home, index = factories.site_tree()
    user = get_user_model().objects.create_user(username="vanphong")
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.COMMITTEE_OFFICE]))
    client.force_login(user)
    add_documents(index, 1, 6)
    few = counts(client)
    add_documents(index, 6, 201)
    many = counts(client)
    assert max(few + many) <= LIMIT, (few, many)
    assert many == few
