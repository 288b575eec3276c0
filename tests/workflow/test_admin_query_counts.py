"""Constant cost (issue 14): the admin dashboard and a document's workflow page run a bounded
number of queries, whatever the number of documents and the length of a document's history.

Documents come from ``factories.spread_of_documents`` (every state, dossiers, rounds, comments,
audit rows), 5, then 10 (one of each kind), then 200. Each count is taken on a warm second
request; the panels are checked for content too, so a cheap page cannot pass by showing less.
"""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog

from tests import factories
from workflow.dashboard import PANEL_LIMIT
from workflow.models import Comment, DocumentWorkflow, DossierFile, PostponementRequest
from workflow.roles import Role

pytestmark = pytest.mark.django_db

MAX_QUERIES = 40
SIZES = (5, 10, 200)
# What each role finds awaiting it, by position in factories.SPREAD: (position, step, blocked).
DESK = {
    Role.DRAFTING_TEAM: [(0, "start_drafting", False)],
    Role.LEADERSHIP: [
        (1, "open_consultation", False),
        (3, "open_consultation", False),
        (3, "send_for_appraisal", False),
        (5, "submit", False),
    ],
    Role.APPRAISER: [(4, "complete_appraisal", True)],
    Role.COMMITTEE_OFFICE: [(6, "issue", False)],
    Role.PORTAL_EDITOR: [(7, "publish", True)],
}
# Positions late on some deadline: the planned month (every state before submission), the
# consultation's end, the appraisal report, the gazette (issued here, normative).
OVERDUE = {0, 1, 2, 3, 4, 5, 7}


def queries_of(client, user, url) -> tuple[int, BeautifulSoup]:
    client.force_login(user)
    assert client.get(url).status_code == 200  # warm: session, content types, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), BeautifulSoup(response.content, "html.parser")


def positions(n: int, wanted) -> list[int]:
    """Document numbers (1-based, as in the titles) among the first n at the wanted positions."""
    return [i + 1 for i in range(n) if i % len(factories.SPREAD) in wanted]


def expected_desk(role: Role | None, n: int) -> dict[str, list[tuple[str, bool]]]:
    """Title -> steps awaiting the role (None: a superuser, who holds every role)."""
    entries = [e for r in ([role] if role else Role) for e in DESK[r]]
    desk = {}
    for number in positions(n, {p for p, _step, _blocked in entries}):
        at = (number - 1) % len(factories.SPREAD)
        desk[f"Dự thảo số {number}"] = [(s, b) for p, s, b in entries if p == at]
    return desk


def check_panels(soup: BeautifulSoup, role: Role | None, n: int) -> None:
    awaiting = soup.select_one("#workflow-awaiting-section")
    rows = awaiting.select("table:not([aria-labelledby]) tbody tr")
    shown = {
        row.select_one("th a").get_text(strip=True): [
            (li["data-step"], li.has_attr("data-blocked")) for li in row.select("li[data-step]")
        ]
        for row in rows
    }
    desk = expected_desk(role, n)
    assert len(shown) == min(len(desk), PANEL_LIMIT)
    assert all(sorted(desk[title]) == sorted(steps) for title, steps in shown.items())
    more = len(desk) - PANEL_LIMIT
    assert (f"Còn {more} văn bản khác." in awaiting.get_text()) == (more > 0)
    requests = awaiting.select('table[aria-labelledby="workflow-postponements-heading"] tbody tr')
    deciding = role in (Role.LEADERSHIP, None)
    assert len(requests) == (min(len(positions(n, {0})), PANEL_LIMIT) if deciding else 0)

    late = len(positions(n, OVERDUE))
    overdue = soup.select_one("#workflow-overdue-section").get_text(" ", strip=True)
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"Đến ngày {today} có {late} văn bản quá hạn." in overdue

    programme = soup.select_one("#workflow-programme-section table.workflow-programme")
    assert programme.select("tfoot td")[-1].get_text(strip=True) == str(n)


@pytest.mark.parametrize("role", [*Role, None], ids=[*(r.value for r in Role), "superuser"])
def test_dashboard_queries_do_not_grow_with_documents(client, users, superuser, index, role):
    user = superuser if role is None else users[role]
    today = timezone.localdate()
    counts, built = {}, 0
    for size in SIZES:
        factories.spread_of_documents(index, size - built, today=today, start=built)
        built = size
        counts[size], soup = queries_of(client, user, "/admin/")
        check_panels(soup, role, size)
    assert max(counts.values()) <= MAX_QUERIES, counts
    # 5 documents do not reach every panel's lists (an empty list skips its prefetches).
    assert counts[5] <= counts[10] == counts[200], counts


def add_history(workflow: DocumentWorkflow, user, length: int) -> None:
    """``length`` audit rows, dossier files, comments and postponement requests, in bulk."""
    start = timezone.now() - datetime.timedelta(days=length)
    content_type = ContentType.objects.get_for_model(DocumentWorkflow)
    StateLog.objects.bulk_create(
        StateLog(
            content_type=content_type,
            object_id=workflow.pk,
            transition="start_drafting" if i % 2 else "close_consultation",
            source_state="consultation" if i % 2 else "planned",
            state="drafting",
            timestamp=start + datetime.timedelta(days=i),
            by=user,
            description=f"Bước {i}",
        )
        for i in range(length)
    )
    DossierFile.objects.bulk_create(
        DossierFile(
            workflow=workflow,
            kind="other",
            file=f"dossiers/{workflow.pk}/other/{i}.pdf",
            original_name=f"tai-lieu-{i}.pdf",
            size=4,
            version=100 + i,
            uploaded_by=user,
        )
        for i in range(length)
    )
    Comment.objects.bulk_create(
        Comment(
            workflow=workflow,
            source_kind="person",
            author=f"Công dân {i}",
            text="Góp ý.",
            response_kind="noted",
            response_text="Ghi nhận.",
            responded_by=user,
        )
        for i in range(length)
    )
    PostponementRequest.objects.bulk_create(
        PostponementRequest(
            workflow=workflow,
            reason="Chờ ý kiến.",
            previous_planned=datetime.date(2026, 1, 1),
            new_planned=datetime.date(2026, 3, 1),
            requested_by=user,
        )
        for i in range(length)
    )


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_workflow_page_queries_do_not_grow(client, users, index, role):
    """Neither with the number of documents nor with the document's own history."""
    today = timezone.localdate()
    ids = factories.spread_of_documents(index, 10, today=today)
    workflow = DocumentWorkflow.objects.get(pk=ids[2])  # in consultation, with comments
    url = f"/admin/workflow/document/{workflow.page_id}/"
    user = users[role]
    short, _soup = queries_of(client, user, url)

    add_history(workflow, users[Role.DRAFTING_TEAM], 60)
    factories.spread_of_documents(index, 190, today=today, start=10)
    long, soup = queries_of(client, user, url)

    assert short == long <= MAX_QUERIES, (short, long)
    text = soup.get_text(" ", strip=True)
    assert len(soup.select("ol.workflow-timeline li")) == 61
    assert "Bước 59" in text
    assert "tai-lieu-59.pdf" in text
    assert "Công dân 59" in text
    assert re.search(r"Ý kiến góp ý \(62\)", text)


@pytest.mark.parametrize("overdue", ["", "yes"])
def test_programme_report_queries_do_not_grow(client, users, index, overdue):
    """The report shares the dashboard's overdue helpers, and so their cost."""
    today = timezone.localdate()
    url = reverse("workflow_programme_report") + (f"?overdue={overdue}" if overdue else "")
    factories.spread_of_documents(index, 10, today=today)
    short, _soup = queries_of(client, users[Role.LEADERSHIP], url)
    factories.spread_of_documents(index, 190, today=today, start=10)
    long, soup = queries_of(client, users[Role.LEADERSHIP], url)

    assert short == long <= MAX_QUERIES, (short, long)
    rows = soup.select("table.listing tbody tr")
    assert len(rows) == 50  # one page
    if overdue:
        assert all("quá" in row.get_text() for row in rows)
