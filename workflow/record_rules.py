"""The official record's rules: when a document's text may change and what Wagtail may do to
its page, for every role and the superuser alike.

One home for these rules. They drive:

- Wagtail's permission checks (``cms.page_rights`` asks ``RecordPolicy``): buttons are hidden
  and every admin view, bulk action and API path that asks Wagtail refuses;
- the model-level nets in ``workflow.signals`` (``check_page_save``, ``check_revision_save``,
  ``check_delete``), which refuse whatever reaches the database another way (scripts, commands,
  code that forgets to ask);
- the friendly refusal in ``workflow.middleware``, which shows ``refusal()`` to the user.

The workflow's own services write pages and revisions inside ``workflow_writes()``.
"""

import contextlib
import contextvars
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.models import LegalDocumentPage
from cms.page_rights import PageAction
from cms.record import canonical_text

from .models import Correction, CorrectionStatus, DocumentWorkflow, IssuedText
from .states import State

# The drafting team's text: editable until someone outside the drafting body holds it.
EDITABLE = frozenset({State.PLANNED, State.DRAFTING, State.CONSULTATION, State.APPRAISED})
# A document is deleted only before it entered the process, or once it left the programme.
DELETABLE = frozenset({State.PLANNED, State.WITHDRAWN})
# Issued texts keep their address (citations and the gazette point at it).
ADDRESS_FIXED = frozenset({State.ISSUED, State.PUBLISHED})
# A correction (đính chính) changes the official text of an issued document.
CORRECTABLE = frozenset({State.ISSUED, State.PUBLISHED})

_writing = contextvars.ContextVar("workflow_writes_pages", default=False)


@contextlib.contextmanager
def workflow_writes():
    """The workflow's services write pages and revisions here (issue, publish, corrections)."""
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def workflow_is_writing() -> bool:
    return _writing.get()


@dataclass(frozen=True)
class DocumentFacts:
    state: str | None
    correcting: bool
    pinned: bool


def facts_of(page_id: int) -> DocumentFacts:
    """The page's workflow state, open correction and pinned text, in one query."""
    open_corrections = Correction.objects.filter(
        workflow=OuterRef("pk"), status=CorrectionStatus.OPEN
    )
    row = (
        DocumentWorkflow.objects.filter(page_id=page_id)
        .annotate(
            correcting=Exists(open_corrections),
            pinned=Exists(IssuedText.objects.filter(workflow=OuterRef("pk"))),
        )
        .values_list("state", "correcting", "pinned")
        .first()
    )
    if row is None:
        return DocumentFacts(state=None, correcting=False, pinned=False)
    state, correcting, pinned = row
    return DocumentFacts(state=state, correcting=correcting and state in CORRECTABLE, pinned=pinned)


def edit_refusal(facts: DocumentFacts) -> str | None:
    state = facts.state
    if state is None or state in EDITABLE or facts.correcting:
        return None
    if state == State.APPRAISAL:
        return _(
            "Văn bản đang được Sở Tư pháp thẩm định: nội dung đã khóa. Muốn sửa, thẩm định viên "
            "trả lại văn bản để chỉnh sửa."
        )
    if state == State.SUBMITTED:
        return _(
            "Văn bản đã trình UBND tỉnh: nội dung đã khóa. Muốn sửa, Văn phòng UBND tỉnh trả lại "
            "cơ quan soạn thảo."
        )
    if state in CORRECTABLE:
        return _(
            "Văn bản đã ban hành: nội dung là văn bản chính thức, chỉ được sửa qua bước "
            "“Đính chính” trên trang quy trình."
        )
    return _("Văn bản đã rút khỏi chương trình: nội dung không còn được sửa.")


def delete_refusal(state: str | None) -> str | None:
    if state is None or state in DELETABLE:
        return None
    if state in ADDRESS_FIXED:
        return _("Văn bản đã ban hành là hồ sơ chính thức: không được xóa.")
    return _(
        "Văn bản đã vào quy trình soạn thảo không được xóa. Nếu không tiếp tục, Lãnh đạo Sở rút "
        "văn bản khỏi chương trình; khi đó mới xóa được."
    )


def publish_refusal() -> str:
    return _("Văn bản chỉ được đăng tải lên cổng thông tin qua bước “Đăng tải” của quy trình.")


def unpublish_refusal() -> str:
    return _("Văn bản đã đăng tải chỉ được gỡ qua bước “Gỡ khỏi cổng thông tin” của quy trình.")


def address_refusal() -> str:
    return _("Văn bản đã ban hành giữ nguyên địa chỉ trên cổng thông tin: không được di chuyển.")


def schedule_refusal() -> str:
    return _(
        "Văn bản không được hẹn giờ đăng tải hoặc gỡ xuống: việc đăng tải do quy trình quyết định."
    )


def document_refusal(facts: DocumentFacts, action: PageAction) -> str | None:
    if action == PageAction.EDIT:
        return edit_refusal(facts)
    if action == PageAction.DELETE:
        return delete_refusal(facts.state)
    if action == PageAction.MOVE and facts.state in ADDRESS_FIXED:
        return _(
            "Văn bản đã ban hành giữ nguyên địa chỉ trên cổng thông tin: không được di chuyển."
        )
    if action == PageAction.PUBLISH:
        return publish_refusal()
    if action == PageAction.UNPUBLISH:
        return unpublish_refusal()
    if action == PageAction.PRIVACY:
        return _(
            "Quyền xem của một văn bản do quy trình quyết định: văn bản đã đăng tải là công khai."
        )
    return None


def _documents_below(page):
    return DocumentWorkflow.objects.filter(
        page__path__startswith=page.path, page__depth__gt=page.depth
    )


def container_refusal(page, action: PageAction) -> str | None:
    """Home and index pages: refused when the action would carry documents along."""
    if action == PageAction.DELETE and _documents_below(page).exclude(state__in=DELETABLE).exists():
        return _(
            "Trang này chứa văn bản đã vào quy trình soạn thảo hoặc đã ban hành: không được xóa."
        )
    if (
        action == PageAction.MOVE
        and _documents_below(page).filter(state__in=ADDRESS_FIXED).exists()
    ):
        return _("Trang này chứa văn bản đã ban hành: địa chỉ của chúng không được thay đổi.")
    return None


def is_document(page) -> bool:
    return isinstance(page, LegalDocumentPage) or page.specific_class is LegalDocumentPage


class RecordPolicy:
    """What ``cms.page_rights`` asks (registered in ``WorkflowConfig.ready``)."""

    def checker(self, page):
        """``action -> refusal`` for one page, its facts read once."""
        if is_document(page):
            facts = facts_of(page.pk)
            return lambda action: document_refusal(facts, action)
        return lambda action: container_refusal(page, action)

    def row_follows_drafts(self, page) -> bool:
        """Before its text is pinned, a draft's row follows its latest revision."""
        facts = facts_of(page.pk)
        return edit_refusal(facts) is None and not facts.pinned


def refusal(page, action: PageAction) -> str | None:
    return RecordPolicy().checker(page)(action)


# -- model-level nets (workflow.signals) ---------------------------------------------------------


# The fields a canonical text is made of (cms.record): a frozen text keeps them.
CONTENT_FIELDS = frozenset(
    {
        "title",
        "summary",
        "document_type",
        "issuing_body",
        "number",
        "issued_on",
        "effective_on",
        "expires_on",
        "preamble",
        "body",
        "signer",
        "signer_title",
        "recipients",
    }
)


def check_page_save(page, update_fields=None) -> None:
    """Refuse a save of a legal document's page that the record does not allow."""

    def writes(*names) -> bool:
        wanted = {*names, *(f"{name}_id" for name in names)}
        return update_fields is None or bool(wanted & set(update_fields))

    if page.alias_of_id is not None and writes("alias_of"):
        raise PermissionDenied(_("Không được tạo bí danh (alias) của văn bản."))
    if (page.go_live_at or page.expire_at) and writes("go_live_at", "expire_at"):
        raise PermissionDenied(schedule_refusal())
    if workflow_is_writing():
        return  # the services change state and page together, in one transaction
    facts = facts_of(page.pk) if page.pk else DocumentFacts(None, False, False)
    published = facts.state == State.PUBLISHED
    if writes("live") and page.live and not published:
        raise PermissionDenied(publish_refusal())
    if writes("live") and not page.live and published:
        raise PermissionDenied(unpublish_refusal())
    if page.pk is None:
        return
    if page.live and writes("live_revision") and page.live_revision_id != _pinned_id(page.pk):
        raise PermissionDenied(
            _("Cổng thông tin chỉ đăng đúng văn bản đã ban hành (phiên bản đã chốt khi ban hành).")
        )
    refused = edit_refusal(facts)
    if refused and writes(*CONTENT_FIELDS):
        stored = LegalDocumentPage.objects.filter(pk=page.pk).first()
        if stored is not None and _content_changed(page, stored):
            raise PermissionDenied(refused)


def check_address(page, update_fields=None) -> None:
    """Refuse a save that changes the address of an issued document (the page's own, or of
    documents below it: moves and slug changes rewrite their paths too)."""
    if page.pk is None or workflow_is_writing():
        return
    if update_fields is not None and not {"url_path", "slug"} & set(update_fields):
        return
    stored = Page.objects.filter(pk=page.pk).values_list("url_path", "path", "depth").first()
    if stored is None or stored[0] == page.url_path:
        return
    _url_path, path, depth = stored
    fixed = DocumentWorkflow.objects.filter(
        page__path__startswith=path, page__depth__gte=depth, state__in=ADDRESS_FIXED
    )
    if fixed.exists():
        raise PermissionDenied(address_refusal())


def _pinned_id(page_id: int) -> int | None:
    return (
        IssuedText.objects.filter(workflow__page_id=page_id)
        .order_by("-recorded_at", "-pk")
        .values_list("revision_id", flat=True)
        .first()
    )


def _content_changed(page, stored: LegalDocumentPage) -> bool:
    if not isinstance(page, LegalDocumentPage):
        return page.title != stored.title
    return canonical_text(page) != canonical_text(stored)


def check_revision_save(revision, page_id: int) -> None:
    """Refuse a new revision of a frozen text and any scheduled publication."""
    if revision.approved_go_live_at is not None:
        raise PermissionDenied(schedule_refusal())
    if revision.pk is None and not workflow_is_writing():
        refused = edit_refusal(facts_of(page_id))
        if refused:
            raise PermissionDenied(refused)


def check_delete(state: str | None) -> None:
    refused = delete_refusal(state)
    if refused:
        raise PermissionDenied(refused)
