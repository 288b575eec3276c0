"""Small builders for test data: each test creates only what it needs."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_fsm_log.models import StateLog
from wagtail.models import Page, Site

from cms.models import (
    ConsultationIndexPage,
    DeploymentIdentity,
    DocumentIndexPage,
    DocumentType,
    HomePage,
    IssuingBody,
    LegalDocumentPage,
)
from workflow.models import (
    Comment,
    ConsultationRound,
    DocumentWorkflow,
    DossierFile,
    PostponementRequest,
)
from workflow.services import IssueData, perform_transition
from workflow.states import State


def site_tree(*, consultations: bool = False) -> tuple[HomePage, DocumentIndexPage]:
    """A home page as the default site's root, with a document index under it (and the
    consultation page, ``consultations``)."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-test"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    index = home.add_child(instance=DocumentIndexPage(title="Văn bản", slug="van-ban"))
    if consultations:
        consultation_index(home)
    return home, index


# Another province's deployment: every name differs from the demo's (Cao Bằng).
HA_GIANG = {
    "province": "tỉnh Hà Giang",
    "place": "Hà Giang",
    "department_name": "Sở Tư pháp",
    "department_code": "STP",
    "department_head_title": "Giám đốc",
    "report_recipients": "UBND tỉnh Hà Giang (báo cáo);\nBộ Tư pháp;\nLưu: VT, PL.",
    "portal_name": "Sở Tư pháp Hà Giang — Cổng văn bản",
    "portal_short_name": "Cổng văn bản Hà Giang",
    "committee_name_en": "",
    "portal_name_en": "",
    "portal_short_name_en": "",
    "department_full_name_en": "",
}


def deployment_identity(**fields) -> DeploymentIdentity:
    """The default site's identity with ``fields`` changed."""
    identity = DeploymentIdentity.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(identity, name, value)
    identity.save()
    return identity


def consultation_index(home: HomePage, title: str = "Lấy ý kiến dự thảo") -> ConsultationIndexPage:
    return home.add_child(instance=ConsultationIndexPage(title=title, slug="lay-y-kien"))


def document_type(*, code="QĐ", is_normative=False, name="Quyết định") -> DocumentType:
    return DocumentType.objects.get_or_create(
        code=code, is_normative=is_normative, defaults={"name": name}
    )[0]


def issuing_body(
    *, code="UBND", name="Ủy ban nhân dân tỉnh Cao Bằng", is_party=False
) -> IssuingBody:
    return IssuingBody.objects.get_or_create(
        code=code, defaults={"name": name, "is_party_body": is_party}
    )[0]


def legal_document(
    parent: Page,
    *,
    slug: str,
    number: str = "",
    issued_on: datetime.date | None = None,
    live: bool = True,
    **fields,
) -> LegalDocumentPage:
    """A draft, or (``live``) an issued document published through the workflow's import.

    ``sectors`` are set before the text is pinned (afterwards only a correction changes it).
    """
    sectors = fields.pop("sectors", ())
    issue = {
        name: fields.pop(name)
        for name in ("effective_on", "signer", "signer_title")
        if name in fields
    }
    page = LegalDocumentPage(
        title=fields.pop("title", f"Văn bản {slug}"),
        slug=slug,
        summary=fields.pop("summary", f"Trích yếu {slug}"),
        document_type=fields.pop("document_type", None) or document_type(),
        issuing_body=fields.pop("issuing_body", None) or issuing_body(),
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    if sectors:
        page.sectors.set(sectors)
    page.save_revision()
    if live:
        perform_transition(
            workflow_id=page.workflow.pk,
            name="import_published",
            user=None,
            system=True,
            issue=IssueData(
                number=number,
                issued_on=issued_on or datetime.date(2015, 1, 1),
                effective_on=issue.get("effective_on"),
                signer=issue.get("signer", "Nguyễn Văn A"),
                signer_title=issue.get("signer_title", "CHỦ TỊCH"),
            ),
        )
        page.refresh_from_db()
    return page


# -- many documents at once (query-count tests, benchmarks) -------------------------------------

# One document per entry, cycled: (state, normative, what it carries). Together they put a
# document on every role's desk and in every overdue rule, with history behind it.
SPREAD = (
    # Planned month passed: overdue submission; the drafting team may start; a postponement
    # request awaits leadership.
    ("planned", True, ("postponement",)),
    ("drafting", True, ("draft",)),  # leadership may open the consultation
    ("consultation", True, ("open_round", "comments")),  # round ended, one comment unanswered
    ("drafting", True, ("closed_round", "draft", "draft_memo", "comment_synthesis")),
    ("appraisal", True, ("sent",)),  # appraisal report overdue, the appraiser's item to add
    ("appraised", True, ("sent", "appraised", "final_memo", "final_draft", "appraisal_response")),
    ("submitted", False, ()),  # the committee office may issue
    ("issued", True, ("issued",)),  # gazette overdue; the portal editor must add the signed copy
    ("published", False, ("issued",)),
    ("withdrawn", True, ()),
)


def spread_of_documents(
    parent: Page, count: int, *, today: datetime.date, start: int = 0
) -> list[int]:
    """``count`` documents under ``parent`` in the states of ``SPREAD`` (cycled), with dossier
    files, consultation rounds, comments and audit rows written in bulk, not through the
    services (which the workflow tests cover): a cheap archive-sized programme.

    Documents are numbered from ``start`` (to add more later). Returns the workflow ids.
    """
    types = {
        True: document_type(code="NQ", is_normative=True, name="Nghị quyết"),
        False: document_type(),
    }
    past = today - datetime.timedelta(days=40)
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    sent = timezone.make_aware(datetime.datetime.combine(past, datetime.time(9)))
    ids, rounds, comments, files, logs, postponements = [], [], [], [], [], []
    content_type = ContentType.objects.get_for_model(DocumentWorkflow)
    for number in range(start, start + count):
        state, normative, extras = SPREAD[number % len(SPREAD)]
        page = parent.add_child(
            instance=LegalDocumentPage(
                title=f"Dự thảo số {number + 1}",
                slug=f"du-thao-hang-loat-{number + 1}",
                summary="",
                document_type=types[normative],
                issuing_body=issuing_body(),
                planned_submission=month,
                issued_on=past if "issued" in extras else None,
                live=False,
            )
        )
        workflow = page.workflow
        DocumentWorkflow.objects.filter(pk=workflow.pk).update(
            state=state,
            appraisal_sent_at=sent if "sent" in extras else None,
            submitted_on=past if state in ("submitted", "issued") else None,
        )
        ids.append(workflow.pk)

        def log(transition, source, target, workflow=workflow):
            logs.append(
                StateLog(
                    content_type=content_type,
                    object_id=workflow.pk,
                    transition=transition,
                    source_state=source,
                    state=target,
                    timestamp=sent,
                )
            )

        log("start_drafting", "planned", "drafting")
        for kind in extras:
            if kind in ("open_round", "closed_round"):
                closed = past if kind == "closed_round" else None
                rounds.append(
                    ConsultationRound(
                        workflow=workflow, opened_on=past, ends_on=past, closed_on=closed
                    )
                )
            elif kind == "comments":
                for answered in (True, False):
                    comments.append(
                        Comment(
                            workflow=workflow,
                            source_kind="agency",
                            author="Sở Tài chính",
                            text="Đề nghị làm rõ Điều 2.",
                            response_kind="accepted" if answered else "",
                            response_text="Đã tiếp thu." if answered else "",
                        )
                    )
            elif kind == "postponement":
                postponements.append(
                    PostponementRequest(
                        workflow=workflow,
                        reason="Chờ ý kiến của Bộ.",
                        previous_planned=month,
                        new_planned=month.replace(year=month.year + 1),
                    )
                )
            elif kind == "appraised":
                log("complete_appraisal", "appraisal", "appraised")
            elif kind == "issued":
                log("issue", "submitted", "issued")
            elif kind != "sent":
                files.append(
                    DossierFile(
                        workflow=workflow,
                        kind=kind,
                        file=f"dossiers/{workflow.pk}/{kind}/{kind}.docx",
                        original_name=f"{kind}.docx",
                        size=4,
                        uploaded_at=sent + datetime.timedelta(hours=1),
                    )
                )
    PostponementRequest.objects.bulk_create(postponements)
    ConsultationRound.objects.bulk_create(rounds)
    Comment.objects.bulk_create(comments)
    DossierFile.objects.bulk_create(files)
    StateLog.objects.bulk_create(logs)
    return ids


def open_consultation(page: LegalDocumentPage, *, days: int = 60) -> None:
    """A planned (or drafting) draft put in public consultation for ``days``, with its draft
    file attached."""
    from django.contrib.auth import get_user_model

    from tests.workflow.conftest import docx_upload
    from workflow import services
    from workflow.dossier import DossierKind

    admin = get_user_model().objects.create_superuser(f"root-{page.pk}", password="x")
    services.attach_dossier_file(
        workflow=page.workflow, user=admin, kind=DossierKind.DRAFT, upload=docx_upload()
    )
    if page.workflow.state == State.PLANNED:
        perform_transition(
            workflow_id=page.workflow.pk, name="start_drafting", user=None, system=True
        )
    perform_transition(
        workflow_id=page.workflow.pk,
        name="open_consultation",
        user=None,
        system=True,
        consultation_ends_on=datetime.date.today() + datetime.timedelta(days=days),
    )
