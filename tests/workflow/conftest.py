"""Shared builders for the state-machine tests: one user per role, drafts, dossier uploads and a
helper that walks a document through the real services to a given state.

Every step goes through ``workflow.services`` (guards, roles and side effects included); the
data each test needs is built by the test itself through these fixtures.
"""

import datetime
import io
from functools import cache

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import LegalDocumentPage
from tests import factories
from workflow import services, signed_copies, signed_original
from workflow.dossier import DossierKind
from workflow.models import DocumentWorkflow
from workflow.roles import GROUP_NAMES, Role
from workflow.services import IssueData
from workflow.states import State
from workflow.transitions import all_transitions

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PLANNED_MONTH = datetime.date(2026, 10, 1)

# Who uploads a dossier item by default (rights.DOSSIER_PROVIDERS); everything else: drafting team.
UPLOADER = {
    DossierKind.APPRAISAL_REPORT: Role.APPRAISER,
    DossierKind.SIGNED_COPY: Role.COMMITTEE_OFFICE,
}
# The next step along the normal path, by state (normative, administrative).
NORMATIVE_NEXT = {
    State.PLANNED: "start_drafting",
    State.DRAFTING: "open_consultation",  # "send_for_appraisal" once a consultation is closed
    State.CONSULTATION: "close_consultation",
    State.APPRAISAL: "complete_appraisal",
    State.APPRAISED: "submit",
    State.SUBMITTED: "issue",
    State.ISSUED: "publish",
}
ADMINISTRATIVE_NEXT = {
    State.PLANNED: "start_drafting",
    State.DRAFTING: "submit",
    State.SUBMITTED: "issue",
    State.ISSUED: "publish",
}


@cache
def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Dự thảo Quyết định ban hành Quy chế phát ngôn (tệp kiểm thử).")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_upload(name: str = "du-thao.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes(), content_type=DOCX_TYPE)


def pdf_upload(name: str = "to-trinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def role_of(name: str) -> Role:
    """The (first) role that holds a transition, read from its django-fsm permission."""
    return all_transitions()[name].permission.roles[0]


def workflow_of(target) -> DocumentWorkflow:
    """A fresh workflow (with its page) for a page, a workflow or a workflow id."""
    if isinstance(target, LegalDocumentPage):
        return DocumentWorkflow.objects.with_page().get(page_id=target.pk)
    pk = target.pk if isinstance(target, DocumentWorkflow) else target
    return DocumentWorkflow.objects.with_page().get(pk=pk)


def editor_form_data(page, **changes) -> dict:
    """What the page editor posts for a legal document (an empty body unless given)."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "document_type": page.document_type_id,
            "issuing_body": page.issuing_body_id,
            "body": streamfield([]),
            "relations": inline_formset([]),
            "comments": inline_formset([]),
            **changes,
        }
    )


# -- users -------------------------------------------------------------------------------------


@pytest.fixture
def make_user(db):
    counter = iter(range(1, 10_000))

    def make(*roles: Role, username: str = "", email: str | None = None, **fields):
        username = username or f"user{next(counter)}-{'-'.join(r.value for r in roles) or 'none'}"
        user = get_user_model().objects.create_user(
            username=username,
            password="x",
            email=f"{username}@example.vn" if email is None else email,
            **fields,
        )
        for role in roles:
            user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
        return user

    return make


@pytest.fixture
def users(make_user) -> dict[Role, object]:
    """One user per role, each with an e-mail address."""
    return {role: make_user(role, username=role.value) for role in Role}


@pytest.fixture
def drafter(users):
    return users[Role.DRAFTING_TEAM]


@pytest.fixture
def leader(users):
    return users[Role.LEADERSHIP]


@pytest.fixture
def appraiser(users):
    return users[Role.APPRAISER]


@pytest.fixture
def clerk(users):
    return users[Role.COMMITTEE_OFFICE]


@pytest.fixture
def editor(users):
    return users[Role.PORTAL_EDITOR]


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="admin", password="x", email="admin@example.vn"
    )


# -- documents ---------------------------------------------------------------------------------


@pytest.fixture
def index(db):
    return factories.site_tree()[1]


@pytest.fixture
def normative_type(db):
    return factories.document_type(is_normative=True)


@pytest.fixture
def administrative_type(db):
    return factories.document_type(is_normative=False)


@pytest.fixture
def make_draft(index, normative_type, administrative_type):
    """A new unpublished document in state "planned" (its workflow is created on save)."""
    counter = iter(range(1, 10_000))

    def make(*, normative: bool = True, slug: str = "", **fields) -> LegalDocumentPage:
        fields.setdefault("planned_submission", PLANNED_MONTH)
        fields.setdefault("document_type", normative_type if normative else administrative_type)
        return factories.legal_document(
            index, slug=slug or f"du-thao-{next(counter)}", live=False, **fields
        )

    return make


@pytest.fixture
def normative_draft(make_draft):
    return make_draft(normative=True, slug="quy-che-phat-ngon", title="Quy chế phát ngôn")


@pytest.fixture
def administrative_draft(make_draft):
    return make_draft(normative=False, slug="ban-chi-dao", title="Thành lập Ban Chỉ đạo")


# -- dossier and steps -------------------------------------------------------------------------


@pytest.fixture
def attach(users):
    """Upload dossier items through ``services.attach_dossier_file`` (DOCX, or PDF)."""

    def attach(target, *kinds: DossierKind, user=None, pdf: bool = False):
        workflow = workflow_of(target)
        files = []
        for kind in kinds:
            upload = pdf_upload(f"{kind.value}.pdf") if pdf else docx_upload(f"{kind.value}.docx")
            files.append(
                services.attach_dossier_file(
                    workflow=workflow,
                    user=user or users[UPLOADER.get(kind, Role.DRAFTING_TEAM)],
                    kind=kind,
                    upload=upload,
                )
            )
        return files

    return attach


@pytest.fixture
def prepare(attach, users):
    """Attach whatever dossier items the named transition still misses (``publish``: the
    Word file attached as the signed copy, allowed by leadership: ``allow_unverified``)."""

    def prepare(target, name: str) -> DocumentWorkflow:
        workflow = workflow_of(target)
        missing = workflow.missing_items(name)
        if missing:
            attach(workflow, *missing)
            if name == "publish":
                allow_unverified(workflow, users)
        return workflow_of(workflow)

    return prepare


def default_step_data(workflow: DocumentWorkflow, name: str) -> dict:
    today = timezone.localdate()
    if name == "open_consultation":
        return {"consultation_ends_on": workflow.rules.consultation_end_min(today)}
    if name == "issue":
        return {
            "issue": IssueData(
                issued_on=today,
                effective_on=today + datetime.timedelta(days=10 if workflow.is_normative else 0),
                signer="Nguyễn Văn A",
                signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            )
        }
    if name in services.REASON_REQUIRED:
        return {"note": "Lý do kiểm thử."}
    return {}


def allow_unverified(workflow: DocumentWorkflow, users) -> None:
    """The signed copies most tests attach are Word files or dummy PDFs, which never verify:
    leadership allows their publication (tests/workflow/test_publish_rule.py covers the rule
    with real signed PDFs). Nothing when publication is not blocked by the signed copy."""
    if signed_original.publish_problems(workflow_of(workflow)):
        signed_copies.allow_publication(
            workflow_id=workflow.pk, user=users[Role.LEADERSHIP], reason="Tệp kiểm thử."
        )


@pytest.fixture
def step(users):
    """Take one transition through ``services.perform_transition`` (``publish``: an
    unverified signed copy allowed by leadership first, unless ``unverified_allowed=False``).

    The actor defaults to the user of the transition's role; required data (consultation end,
    issue data, a reason) defaults to valid values unless given.
    """

    def step(
        target, name: str, *, user=None, unverified_allowed: bool = True, **kwargs
    ) -> DocumentWorkflow:
        workflow = workflow_of(target)
        if name == "publish" and unverified_allowed:
            allow_unverified(workflow, users)
        data = {**default_step_data(workflow, name), **kwargs}
        services.perform_transition(
            workflow_id=workflow.pk,
            name=name,
            user=users[role_of(name)] if user is None else user,
            **data,
        )
        return workflow_of(workflow)

    return step


def next_step(workflow: DocumentWorkflow) -> str | None:
    if not workflow.is_normative:
        return ADMINISTRATIVE_NEXT.get(workflow.state)
    consulted = workflow.consultation_rounds.filter(closed_on__isnull=False).exists()
    if workflow.state == State.DRAFTING and consulted:
        return "send_for_appraisal"
    return NORMATIVE_NEXT.get(workflow.state)


@pytest.fixture
def walk(step, prepare):
    """Take a document from its current state to ``target`` along the normal path.

    Normative: planned → drafting → consultation → drafting → appraisal → appraised →
    submitted → issued → published; administrative: planned → drafting → submitted → issued →
    published; "withdrawn" withdraws the document where it stands. Dossier items are
    attached just before the step that needs them.
    """

    def walk(target_doc, target: State) -> DocumentWorkflow:
        workflow = workflow_of(target_doc)
        if target == State.WITHDRAWN:
            return step(workflow, "withdraw", note="Không còn cần thiết ban hành.")
        while workflow.state != target:
            name = next_step(workflow)
            if target == State.CONSULTATION and workflow.state == State.DRAFTING:
                name = "open_consultation"  # administrative drafts may be consulted too
            if name is None:
                raise ValueError(f"{target} is not on the path of {workflow.page.slug}")
            workflow = step(prepare(workflow, name), name)
        return workflow

    return walk
