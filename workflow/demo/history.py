"""Demo history: the 2015 programme in the states its 6-month review describes.

Every step goes through the real services (so guards and dossiers hold), dated to 2015. Demo
users act when they exist (dev); otherwise the steps are recorded as done by the system.
"""

import datetime
import io
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django_fsm_log.models import StateLog
from docx import Document

from cms.demo import content
from cms.models import LegalDocumentPage
from cms.text import slug_of
from workflow import notifications, services
from workflow.dossier import DossierKind
from workflow.models import DocumentWorkflow, DossierFile
from workflow.models.consultation import ResponseKind, SourceKind
from workflow.states import State

D = datetime.date
Step = Callable[[DocumentWorkflow], None]
ACTORS = {
    "drafting_team": "soanthao",
    "leadership": "lanhdao",
    "appraiser": "thamdinh",
    "committee_office": "vanphong",
    "portal_editor": "bientap",
}


def _actor(role: str):
    return get_user_model().objects.filter(username=ACTORS[role]).first()


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _demo_docx(title: str) -> bytes:
    document = Document()
    document.add_paragraph(title)
    document.add_paragraph(content.DEMO_NOTICE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def step(name: str, role: str, day: datetime.date, note: str = "", **data) -> Step:
    def run(workflow: DocumentWorkflow) -> None:
        user = _actor(role)
        services.perform_transition(
            workflow_id=workflow.pk,
            name=name,
            user=user,
            note=note,
            system=user is None,
            on=day,
            **data,
        )
        # Date the audit entry to when the step happened in 2015 (demo data only).
        latest = StateLog.objects.for_(workflow).order_by("-pk").first()
        StateLog.objects.filter(pk=latest.pk).update(timestamp=_at(day))

    return run


def upload(kind: DossierKind, role: str, day: datetime.date) -> Step:
    def run(workflow: DocumentWorkflow) -> None:
        page = workflow.page
        title = f"{kind.label} — {page.title}"
        # A name a clerk would give it ("ban-goc-da-ky-08-2016-qd-ubnd.docx"): the signed copy
        # is downloaded from the portal under this name.
        name = f"{slug_of(str(kind.label), 40)}-{slug_of(page.number or page.title, 40)}.docx"
        data = _demo_docx(title)
        DossierFile.objects.create(
            workflow=workflow,
            kind=kind,
            file=ContentFile(data, name=name),
            original_name=name,
            size=len(data),
            uploaded_by=_actor(role),
            uploaded_at=_at(day, 8),
        )

    return run


def comment(author: str, article: str, text: str, response: str, day: datetime.date) -> Step:
    def run(workflow: DocumentWorkflow) -> None:
        recorded = services.record_comment(
            workflow=workflow,
            source_kind=SourceKind.AGENCY,
            author=author,
            article=article,
            text=text,
            received_at=_at(day),
        )
        recorded.response_kind = ResponseKind.ACCEPTED
        recorded.response_text = response
        recorded.responded_by = _actor("drafting_team")
        recorded.responded_at = _at(day + datetime.timedelta(days=3))
        recorded.save()

    return run


def postpone(new_planned: datetime.date, reason: str, day: datetime.date) -> Step:
    def run(workflow: DocumentWorkflow) -> None:
        request = workflow.postponements.create(
            reason=reason,
            previous_planned=workflow.page.planned_submission,
            new_planned=new_planned,
            requested_by=_actor("drafting_team"),
            requested_at=_at(day),
        )
        leader = _actor("leadership")
        if leader is None:
            leader = get_user_model().objects.filter(is_superuser=True).first()
        request.status = "approved"
        request.decided_by = leader
        request.decided_at = _at(day + datetime.timedelta(days=5))
        request.decision_note = "Đồng ý lùi thời hạn trình."
        request.save()
        LegalDocumentPage.objects.filter(pk=workflow.page_id).update(planned_submission=new_planned)

    return run


def consult_and_synthesise(start: datetime.date, comments: list[Step]) -> list[Step]:
    return [
        step("start_drafting", "drafting_team", start),
        upload(DossierKind.DRAFT, "drafting_team", start + datetime.timedelta(days=20)),
        step(
            "open_consultation",
            "leadership",
            start + datetime.timedelta(days=21),
            consultation_ends_on=start + datetime.timedelta(days=55),
        ),
        *comments,
        step("close_consultation", "drafting_team", start + datetime.timedelta(days=58)),
        upload(DossierKind.DRAFT_MEMO, "drafting_team", start + datetime.timedelta(days=60)),
        upload(DossierKind.COMMENT_SYNTHESIS, "drafting_team", start + datetime.timedelta(days=60)),
        step(
            "send_for_appraisal",
            "leadership",
            start + datetime.timedelta(days=62),
            note="Gửi Sở Tư pháp thẩm định theo quy định.",
        ),
    ]


HISTORY: dict[str, list[Step]] = {
    # "Thực hiện các quy trình, lập hồ sơ" — being drafted.
    "du-thao-quy-che-phat-ngon": [step("start_drafting", "drafting_team", D(2015, 3, 2))],
    # "Hoàn thiện hồ sơ trình" — appraised, dossier being completed for submission.
    "du-thao-quy-dinh-chu-ky-so": [
        *consult_and_synthesise(
            D(2015, 1, 12),
            [
                comment(
                    "Sở Nội vụ",
                    "2",
                    "Đề nghị làm rõ giá trị pháp lý của bản in từ văn bản điện tử có chữ ký số.",
                    "Tiếp thu, bổ sung vào Điều 2.",
                    D(2015, 2, 20),
                ),
                comment(
                    "Văn phòng UBND tỉnh",
                    "3",
                    "Đề nghị bổ sung trách nhiệm tích hợp chữ ký số vào hệ thống eOffice.",
                    "Tiếp thu, bổ sung điểm c khoản 1 Điều 3.",
                    D(2015, 2, 25),
                ),
            ],
        ),
        upload(DossierKind.APPRAISAL_REPORT, "appraiser", D(2015, 3, 24)),
        step(
            "complete_appraisal",
            "appraiser",
            D(2015, 3, 25),
            note="Dự thảo đủ điều kiện trình UBND tỉnh.",
        ),
    ],
    # "Tổng hợp các ý kiến góp ý ..., gửi Sở Tư pháp thẩm định" — at appraisal.
    "du-thao-quy-dinh-thong-tin-doi-ngoai": consult_and_synthesise(
        D(2015, 3, 16),
        [
            comment(
                "Ban Tuyên giáo Tỉnh ủy",
                "2",
                "Đề nghị bổ sung nội dung quảng bá Cụm thông tin đối ngoại thác Bản Giốc.",
                "Tiếp thu, bổ sung khoản 2 Điều 2.",
                D(2015, 4, 20),
            )
        ],
    ),
    # Waiting for the Ministry's opinion; postponement to 09/2015 approved.
    "du-thao-quy-hoach-ha-tang-vien-thong-thu-dong": [
        step("start_drafting", "drafting_team", D(2015, 1, 5)),
        postpone(
            D(2015, 9, 1),
            "Quy hoạch hạ tầng kỹ thuật viễn thông thụ động phải xin ý kiến Bộ Thông tin và "
            "Truyền thông; đề nghị lùi thời gian trình ban hành sang tháng 9/2015.",
            D(2015, 5, 29),
        ),
    ],
    # Registered for October 2015: stays planned.
    "du-thao-quy-dinh-nhuan-but": [],
}


def _import_issued(spec: dict) -> Step:
    def run(workflow: DocumentWorkflow) -> None:
        issue = services.IssueData(
            number=spec["number"],
            issued_on=spec["issued_on"],
            effective_on=spec.get("effective_on"),
            signer=spec["signer"],
            signer_title=spec["signer_title"],
        )
        step(
            "import_published",
            "portal_editor",
            spec["issued_on"],
            note="Nhập văn bản đã ban hành (dữ liệu minh họa).",
            issue=issue,
        )(workflow)

    return run


def play_demo_history(index, created: list[str]) -> None:
    """Advance each demo document that has no history yet; documents already moved are kept."""
    plans = {spec["slug"]: [_import_issued(spec)] for spec in content.ISSUED}
    plans.update(HISTORY)
    with notifications.muted():
        _play(index, plans, created)


def _play(index, plans: dict, created: list[str]) -> None:
    for slug, steps in plans.items():
        page = LegalDocumentPage.objects.child_of(index).get(slug=slug)
        workflow = services.ensure_workflow(page)
        if workflow.state != State.PLANNED or StateLog.objects.for_(workflow).exists():
            continue
        play_steps(workflow, steps)
        if steps:
            created.append(f"Quy trình: {page.title[:60]}")


def play_steps(workflow: DocumentWorkflow, steps: list[Step]) -> None:
    for run in steps:
        run(DocumentWorkflow.objects.get(pk=workflow.pk))
