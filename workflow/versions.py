"""The versions of a document's text a reader may compare (issue 14): its milestones and its
saved versions, each named by a key that the comparison screen puts in its URL.

- Milestones: the text sent for consultation, for appraisal, submitted (``MilestoneText``;
  for steps taken before it was recorded, the latest revision at or before the step's time),
  each issued or corrected text (``IssuedText``), and the current draft.
- Saved versions: the page's revisions with autosave noise collapsed. Revisions saved by one
  person less than ``SESSION_GAP`` apart are one editing session; only its last one is offered.
"""

import datetime
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from .models import MILESTONE_STEPS, DocumentWorkflow, IssuedTextKind

SESSION_GAP = datetime.timedelta(minutes=10)
# Older sessions are not offered: the list stays readable on a long-lived draft.
MAX_SAVED = 100
CURRENT = "current"


@dataclass(frozen=True)
class Version:
    key: str  # "m<state log id>", "i<issued text id>", "r<revision id>", "current"
    label: str
    at: datetime.datetime | None = None


def _when(at: datetime.datetime | None) -> str:
    return f"{timezone.localtime(at):%d/%m/%Y %H:%M}" if at else ""


def _step_label(step: str, round_number: int) -> str:
    label = {
        "open_consultation": _("Dự thảo lấy ý kiến"),
        "send_for_appraisal": _("Dự thảo gửi thẩm định"),
        "submit": _("Dự thảo trình UBND tỉnh"),
    }[step]
    return (
        _("%(label)s lần %(round)d") % {"label": label, "round": round_number}
        if round_number > 1
        else label
    )


def _issued_label(kind: str) -> str:
    return {
        IssuedTextKind.ISSUE: _("Văn bản ban hành"),
        IssuedTextKind.IMPORT: _("Văn bản đã ban hành (nhập)"),
        IssuedTextKind.CORRECTION: _("Văn bản sau đính chính"),
    }.get(kind, _("Văn bản chính thức"))


def _labelled(label: str, at) -> str:
    return f"{label} ({_when(at)})" if at else label


def _step_logs(workflow: DocumentWorkflow):
    return workflow.state_logs().filter(transition__in=MILESTONE_STEPS)


def milestones(workflow: DocumentWorkflow) -> list[Version]:
    """The milestones, oldest first, then the current draft."""
    versions, rounds = [], {}
    for log in _step_logs(workflow):
        rounds[log.transition] = rounds.get(log.transition, 0) + 1
        label = _step_label(log.transition, rounds[log.transition])
        versions.append(Version(f"m{log.pk}", _labelled(label, log.timestamp), log.timestamp))
    for text in workflow.issued_texts.order_by("recorded_at", "pk"):
        label = _labelled(_issued_label(text.kind), text.recorded_at)
        versions.append(Version(f"i{text.pk}", label, text.recorded_at))
    versions.sort(key=lambda version: version.at)
    versions.append(Version(CURRENT, _("Bản hiện tại")))
    return versions


def _revisions(workflow: DocumentWorkflow):
    return Revision.objects.filter(
        base_content_type=workflow.page.get_base_content_type(), object_id=str(workflow.page_id)
    )


def saved_versions(workflow: DocumentWorkflow) -> list[Version]:
    """The last revision of each editing session, newest first."""
    rows = list(
        _revisions(workflow)
        .order_by("created_at", "pk")
        .values_list("pk", "created_at", "user_id", "user__username")
    )
    kept = [
        row
        for row, following in zip(rows, [*rows[1:], None], strict=True)
        if following is None or following[2] != row[2] or following[1] - row[1] >= SESSION_GAP
    ]
    versions = []
    for pk, created_at, _user_id, username in reversed(kept[-MAX_SAVED:]):
        label = _("Phiên bản lưu lúc %(when)s") % {"when": _when(created_at)}
        versions.append(
            Version(f"r{pk}", f"{label} — {username}" if username else label, created_at)
        )
    return versions


def _body(content: dict) -> list:
    body = (content or {}).get("body") or []
    return json.loads(body) if isinstance(body, str) else body


def version_body(workflow: DocumentWorkflow, key: str) -> list | None:
    """The raw body of a version of this document, or None when the key names none of its
    versions (a malformed key, another document's revision)."""
    kind, number = key[:1], key[1:]
    if key == CURRENT:
        latest = workflow.page.__class__.objects.filter(pk=workflow.page_id)
        revision = _revisions(workflow).filter(pk=latest.values("latest_revision_id")[:1]).first()
        return _body(revision.content) if revision else list(workflow.page.body.raw_data)
    if not number.isdigit():
        return None
    pk = int(number)
    if kind == "r":
        revision = _revisions(workflow).filter(pk=pk).only("content").first()
        return _body(revision.content) if revision else None
    if kind == "i":
        text = workflow.issued_texts.select_related("revision").filter(pk=pk).first()
        return _body(text.revision.content) if text else None
    if kind == "m":
        return _milestone_body(workflow, pk)
    return None


def _milestone_body(workflow: DocumentWorkflow, state_log_id: int) -> list | None:
    log = _step_logs(workflow).filter(pk=state_log_id).first()
    if log is None:
        return None
    recorded = workflow.milestone_texts.filter(state_log_id=log.pk).first()
    if recorded is not None:
        return _body(recorded.content)
    # A step taken before milestones were recorded: the latest revision at its time.
    revision = (
        _revisions(workflow)
        .filter(created_at__lte=log.timestamp)
        .order_by("-created_at", "-pk")
        .only("content")
        .first()
    )
    return _body(revision.content) if revision else []
