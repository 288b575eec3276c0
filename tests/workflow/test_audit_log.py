"""The audit log in the admin: Vietnamese labels, each row's own states, local times."""

import datetime
import re
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django_fsm_log.models import StateLog

from tests import factories
from workflow import services
from workflow.roles import GROUP_NAMES, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_client(client):
    user = get_user_model().objects.create_user(username="lanhdao", password="x")
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.LEADERSHIP]))
    client.force_login(user)
    return client


@pytest.fixture
def two_steps():
    """A document taken through two steps, the first logged at 23:30 UTC on 1 March."""
    _home, index = factories.site_tree()
    workflow = factories.legal_document(index, slug="quy-che", live=False).workflow
    for name in ("start_drafting", "withdraw"):
        services.perform_transition(
            workflow_id=workflow.pk, name=name, user=None, note="Lý do", system=True
        )
    first = StateLog.objects.filter(transition="start_drafting").get()
    StateLog.objects.filter(pk=first.pk).update(
        timestamp=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    )
    return first


def _text(html: str) -> str:
    """What the page shows (tags dropped: option values are codes on purpose)."""
    return re.sub(r"<[^>]+>", " ", html)


def _cells(html: str) -> list[list[str]]:
    """The listing's body rows, cell texts."""
    body = html.split('<table class="listing">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("</thead>")[-1], re.S)
    return [
        [
            re.sub(r"<[^>]+>|\s+", " ", cell).strip()
            for cell in re.findall(r"<td.*?</td>", row, re.S)
        ]
        for row in rows
    ]


def test_listing_is_in_vietnamese_with_each_rows_own_states(leader_client, two_steps):
    html = leader_client.get(reverse("audit_log:index")).content.decode()
    for english in ("State logs", "Timestamp", "Source state", "Target state", "start_drafting"):
        assert english not in _text(html)
    assert "Nhật ký quy trình" in html
    rows = _cells(html)
    assert [row[2:5] for row in rows] == [
        ["Đang soạn thảo", "Đã rút khỏi chương trình", "Rút khỏi chương trình"],
        ["Đã đăng ký", "Đang soạn thảo", "Bắt đầu soạn thảo"],
    ]
    # Nothing in the earlier row (cells, links, screen-reader labels) names the current state.
    body = html.split('<table class="listing">', 1)[1].split("</table>", 1)[0]
    earlier = re.findall(r"<tr[^>]*>.*?</tr>", body.split("</thead>")[-1], re.S)[1]
    assert "Văn bản quy-che" in earlier and "Đã rút khỏi chương trình" not in earlier
    # 23:30 UTC is 06:30 the next day in Asia/Ho_Chi_Minh.
    assert rows[1][0].startswith("02/03/2026 06:30")


def test_inspect_view_shows_local_time_and_labels(leader_client, two_steps):
    html = leader_client.get(reverse("audit_log:inspect", args=[two_steps.pk])).content.decode()
    assert "02/03/2026 06:30" in html
    for label in ("Thời gian", "Trạng thái trước", "Trạng thái sau", "Bước xử lý", "Hệ thống"):
        assert label in html
    assert "Timestamp" not in _text(html) and "start_drafting" not in _text(html)


def test_filters_are_labelled_in_vietnamese_and_filter(leader_client, two_steps):
    response = leader_client.get(reverse("audit_log:index"), {"transition": "start_drafting"})
    html = response.content.decode()
    assert "Lấy ý kiến dự thảo" in html  # offered as a choice, never taken
    rows = [row for row in _cells(html) if row]
    assert [row[4] for row in rows] == ["Bắt đầu soạn thảo"]
    assert "Transition" not in _text(html)
