"""Demo history, illustrative later stage (2016): what happens after the 2015 review.

The three documents the product is about go through the rest of the process (consultation,
appraisal, submission, issue, signed copy, publication) and the royalty rules open for comment
(from the day the demo is loaded), so that the portal shows every public feature. Invented
dates and texts (``cms.demo.illustrative``), played through the same services as the 2015
history.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django_fsm_log.models import StateLog
from wagtail.models import Revision

from cms.demo import illustrative
from cms.models import LegalDocumentPage
from cms.record import comparable_text
from cms.text import slug_of
from workflow import notifications, services, signed_copies, signed_original
from workflow.dossier import DossierKind
from workflow.models import DocumentWorkflow, DossierFile
from workflow.official_text import log_record_step
from workflow.signed_copies import check_signed_copy
from workflow.states import State

from . import signing
from .history import Step, _actor, _at, comment, play_steps, step, upload

D = datetime.date


def revise(text: dict, day: datetime.date) -> Step:
    """The drafting team saves a new text of the draft (a revision, as the editor does)."""

    def run(workflow: DocumentWorkflow) -> None:
        page = workflow.page.get_latest_revision_as_object()
        page.preamble = "\n".join(text["preamble"])
        page.body = text["body"]
        page.recipients = "\n".join(text.get("recipients", []))
        revision = page.save_revision(user=_actor("drafting_team"))
        Revision.objects.filter(pk=revision.pk).update(created_at=_at(day, 10))

    return run


def submit(day: datetime.date, *, normative: bool) -> list[Step]:
    items = [DossierKind.FINAL_MEMO, DossierKind.FINAL_DRAFT]
    if normative:
        items.insert(0, DossierKind.APPRAISAL_RESPONSE)
    return [
        *(upload(kind, "drafting_team", day - datetime.timedelta(days=1)) for kind in items),
        step("submit", "leadership", day, note="Trình UBND tỉnh xem xét, ban hành."),
    ]


def issue_and_publish(text: dict, issued_on: datetime.date, **issue) -> list[Step]:
    """Issued by the committee office, signed copy filed, published by the portal editor."""
    data = services.IssueData(number=text["number"], issued_on=issued_on, **issue)
    published_on = issued_on + datetime.timedelta(days=3)
    return [
        step("issue", "committee_office", issued_on, issue=data),
        upload_signed_original(issued_on + datetime.timedelta(days=1)),
        step(
            "publish",
            "portal_editor",
            published_on,
            gazette_sent_on=issued_on + datetime.timedelta(days=2),
        ),
    ]


def upload_signed_original(day: datetime.date) -> Step:
    """The committee office files the issued text as a PDF signed with the demo CA's
    certificates, verified as any upload is. Where the demo CA is not trusted (any settings
    but development's), leadership allows its publication, saying why."""

    def run(workflow: DocumentWorkflow) -> None:
        page = workflow.page
        lines = comparable_text(workflow.current_text.revision.as_object()).splitlines()
        data = signing.signed_original(
            lines,
            title=page.title,
            signer=page.signer,
            office=page.issuing_body.name,
            province=page.issuing_body.name,
        )
        name = f"ban-goc-da-ky-{slug_of(page.number, 40)}-demo.pdf"
        upload = ContentFile(data, name=name)
        check = check_signed_copy(workflow=workflow, kind=DossierKind.SIGNED_COPY, upload=upload)
        DossierFile.objects.create(
            workflow=workflow,
            kind=DossierKind.SIGNED_COPY,
            file=upload,
            original_name=name,
            size=len(data),
            uploaded_by=_actor("committee_office"),
            uploaded_at=_at(day, 8),
            signature_report=check.to_json(),
            verified_at=_at(day, 8),
        )
        if signed_original.publish_problems(workflow):
            _allow_untrusted_demo(workflow)

    return run


def _allow_untrusted_demo(workflow: DocumentWorkflow) -> None:
    reason = (
        "Dữ liệu minh họa: chứng thư số DEMO chỉ được tin cậy trong cấu hình phát triển "
        f"({signing.DEMO_LABEL})."
    )
    leader = _actor("leadership")
    if leader is not None:
        signed_copies.allow_publication(workflow_id=workflow.pk, user=leader, reason=reason)
        return
    # No demo users (production settings): recorded as the system's decision.
    copy = signed_original.latest_signed_copy(workflow)
    DossierFile.objects.filter(pk=copy.pk).update(
        override_reason=reason, override_at=timezone.now()
    )
    log_record_step(workflow, transition="allow_unverified_original", user=None, note=reason)


def consultation(
    opened: datetime.date, ends: datetime.date, comments: list[Step], closed: datetime.date | None
) -> list[Step]:
    steps = [
        upload(DossierKind.DRAFT, "drafting_team", opened - datetime.timedelta(days=1)),
        step("open_consultation", "leadership", opened, consultation_ends_on=ends),
        *comments,
    ]
    if closed:
        steps.append(step("close_consultation", "drafting_team", closed))
    return steps


SPOKESPERSON = illustrative.SPOKESPERSON
DIGITAL_SIGNATURES = illustrative.DIGITAL_SIGNATURES
TELECOM = illustrative.TELECOM_PLANNING


def plans(today: datetime.date) -> dict[str, tuple[State, list[Step]]]:
    """slug: (the state the 2015 history left it in, the steps from there)."""
    return {
        # Appraised in March 2015: the final dossier, submission, issue and publication.
        "du-thao-quy-dinh-chu-ky-so": (
            State.APPRAISED,
            [
                revise(DIGITAL_SIGNATURES, D(2016, 1, 6)),
                *submit(D(2016, 1, 11), normative=True),
                *issue_and_publish(
                    DIGITAL_SIGNATURES,
                    D(2016, 1, 25),
                    effective_on=D(2016, 2, 5),
                    signer=illustrative.SIGNER,
                    signer_title="CHỦ TỊCH",
                ),
            ],
        ),
        # Being drafted in 2015: consultation, appraisal, submission, issue and publication.
        "du-thao-quy-che-phat-ngon": (
            State.DRAFTING,
            [
                revise(SPOKESPERSON, D(2016, 1, 4)),
                *consultation(
                    D(2016, 1, 6),
                    D(2016, 2, 15),
                    [
                        comment(
                            "Báo Cao Bằng",
                            "5",
                            "Đề nghị quy định thời hạn cung cấp thông tin khi có sự việc đột xuất.",
                            "Tiếp thu, bổ sung khoản 1 Điều 5 (chậm nhất 02 ngày).",
                            D(2016, 1, 20),
                        ),
                        comment(
                            "Hội Nhà báo tỉnh",
                            "2",
                            "Đề nghị công khai số điện thoại và thư điện tử của người phát ngôn.",
                            "Tiếp thu, bổ sung khoản 4 Điều 2.",
                            D(2016, 2, 1),
                        ),
                    ],
                    closed=D(2016, 2, 16),
                ),
                upload(DossierKind.DRAFT_MEMO, "drafting_team", D(2016, 2, 18)),
                upload(DossierKind.COMMENT_SYNTHESIS, "drafting_team", D(2016, 2, 18)),
                step("send_for_appraisal", "leadership", D(2016, 2, 19)),
                upload(DossierKind.APPRAISAL_REPORT, "appraiser", D(2016, 3, 1)),
                step("complete_appraisal", "appraiser", D(2016, 3, 1), note="Đủ điều kiện trình."),
                *submit(D(2016, 3, 15), normative=True),
                *issue_and_publish(
                    SPOKESPERSON,
                    D(2016, 4, 4),
                    effective_on=D(2016, 4, 15),
                    signer=illustrative.SIGNER,
                    signer_title="CHỦ TỊCH",
                ),
            ],
        ),
        # Waiting for the Ministry's opinion in 2015: consultation (the Ministry answers), then an
        # administrative decision, submitted without appraisal.
        "du-thao-quy-hoach-ha-tang-vien-thong-thu-dong": (
            State.DRAFTING,
            [
                revise(TELECOM, D(2016, 1, 8)),
                *consultation(
                    D(2016, 1, 12),
                    D(2016, 2, 22),
                    [
                        comment(
                            "Bộ Thông tin và Truyền thông",
                            "1",
                            "Đề nghị bổ sung chỉ tiêu tỷ lệ cột ăng ten dùng chung đến năm 2020.",
                            "Tiếp thu, bổ sung điểm a khoản 2 Điều 1 (40%).",
                            D(2016, 1, 28),
                        ),
                        comment(
                            "Viễn thông Cao Bằng",
                            "1",
                            "Đề nghị cho phép cột loại A2 tại các xã vùng cao.",
                            "Tiếp thu, quy định tại điểm b khoản 3 Điều 1.",
                            D(2016, 2, 3),
                        ),
                    ],
                    closed=D(2016, 2, 23),
                ),
                *submit(D(2016, 3, 10), normative=False),
                *issue_and_publish(
                    TELECOM,
                    D(2016, 3, 28),
                    effective_on=D(2016, 3, 28),
                    signer=illustrative.DEPUTY,
                    signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                ),
            ],
        ),
        # Registered for October 2015 and not started then: drafted, and open for comment from
        # the day the demo is loaded, so the portal's consultation pages have a draft with days
        # left (a round dated 2016 would read "0 days left" while still open).
        "du-thao-quy-dinh-nhuan-but": (
            State.PLANNED,
            [
                step("start_drafting", "drafting_team", D(2016, 3, 1)),
                revise(illustrative.ROYALTIES_DRAFT, D(2016, 4, 5)),
                *consultation(today, today + datetime.timedelta(days=45), [], closed=None),
            ],
        ),
    }


# Where the 2015 history ends: a document moved after it (by hand) is left alone.
REVIEW_END = datetime.date(illustrative.YEAR, 1, 1)


def play_later_stage(index, created: list[str]) -> None:
    """Carry each document on from where the 2015 history left it, once."""
    since = timezone.make_aware(datetime.datetime.combine(REVIEW_END, datetime.time()))
    with notifications.muted():
        for slug, (start, steps) in plans(timezone.localdate()).items():
            page = LegalDocumentPage.objects.child_of(index).get(slug=slug)
            workflow = services.ensure_workflow(page)
            moved = StateLog.objects.for_(workflow).filter(timestamp__gte=since).exists()
            if workflow.state != start or moved:
                continue
            play_steps(workflow, steps)
            created.append(f"Quy trình {illustrative.YEAR} (minh họa): {page.title[:60]}")
