"""Who may do what on a document outside the steps of the state machine: one answer for the
services that act and for the screens that offer the action.

Each right is a function ``right(user, workflow, ...) -> Decision``. Services raise a refused
decision's reason (``WorkflowError``), views answer it (``PermissionDenied`` or a message), and
the workflow panel, the views and the dashboard show an action only when the same function
allows it. The steps themselves keep their django-fsm ``permission=`` (``workflow.permissions``);
what Wagtail may do to a document's page is ``workflow.record_rules``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cms.page_rights import PageAction

from .dossier import DossierKind
from .errors import WorkflowError
from .models import DocumentWorkflow
from .permissions import has_role, user_roles
from .record_rules import CORRECTABLE, refusal
from .roles import Role
from .states import AWAITING_SUBMISSION, IMPORTABLE_STATES, State


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""  # why not, in Vietnamese; empty when allowed

    def __bool__(self) -> bool:
        return self.allowed

    def check(self) -> None:
        """For services: a refusal becomes a ``WorkflowError`` with the reason."""
        if not self.allowed:
            raise WorkflowError(self.reason)

    def enforce(self) -> None:
        """For views: a refusal becomes ``PermissionDenied`` with the reason."""
        if not self.allowed:
            raise PermissionDenied(self.reason)


ALLOWED = Decision(True)


def _refused(reason: str) -> Decision:
    return Decision(False, str(reason))


# Whose job each dossier item is; every other item is the drafting team's. Leadership may add
# any item as well, but producing them is not its job (the dashboard asks the providers).
DOSSIER_PROVIDERS: dict[DossierKind, tuple[Role, ...]] = {
    DossierKind.APPRAISAL_REPORT: (Role.APPRAISER,),
    DossierKind.SIGNED_COPY: (Role.COMMITTEE_OFFICE, Role.PORTAL_EDITOR),
}
DEFAULT_PROVIDERS = (Role.DRAFTING_TEAM,)
# The drafting body: records and answers comments, asks for more time.
DRAFTING_BODY = (Role.DRAFTING_TEAM, Role.LEADERSHIP)
# Who records a correction (đính chính): the office that issues the provincial documents.
CORRECTORS = (Role.COMMITTEE_OFFICE,)


def dossier_providers(kind: DossierKind) -> frozenset[Role]:
    return frozenset(DOSSIER_PROVIDERS.get(kind, DEFAULT_PROVIDERS))


# -- seeing --------------------------------------------------------------------------------------


def see_workflow(user, workflow: DocumentWorkflow | None = None) -> Decision:
    """The workflow screens of any document (state, dossier files, comments, postponement
    letters, official texts, history, dashboard panels, reports): every workflow role."""
    if user_roles(user):
        return ALLOWED
    return _refused(_("Chỉ người có vai trò trong quy trình soạn thảo được xem hồ sơ văn bản."))


# -- the text and the dossier --------------------------------------------------------------------


def edit_text(user, workflow: DocumentWorkflow) -> Decision:
    """Edit the document's text in Wagtail: the role's page permission, narrowed by the record
    (a text is editable while drafted, or during a correction)."""
    page = workflow.page
    if page.permissions_for_user(user).can_edit():
        return ALLOWED
    return _refused(
        refusal(page, PageAction.EDIT) or _("Vai trò của bạn không được sửa nội dung văn bản.")
    )


def upload_dossier(user, workflow: DocumentWorkflow, kind: DossierKind) -> Decision:
    if has_role(user, Role.LEADERSHIP, *dossier_providers(kind)):
        return ALLOWED
    return _refused(_("Vai trò của bạn không được bổ sung “%(kind)s”.") % {"kind": kind.label})


def uploadable_kinds(user, workflow: DocumentWorkflow) -> list[DossierKind]:
    """The dossier items this user may add (the upload form's choices)."""
    return [kind for kind in DossierKind if upload_dossier(user, workflow, kind)]


def import_docx(user, workflow: DocumentWorkflow) -> Decision:
    """Replace the draft's body by a Word file (saved as a new draft in the dossier), in the
    states the importer accepts."""
    if not upload_dossier(user, workflow, DossierKind.DRAFT):
        return _refused(_("Vai trò của bạn không được nhập dự thảo."))
    if workflow.state not in IMPORTABLE_STATES:
        return _refused(
            _("Chỉ nhập nội dung từ tệp Word khi văn bản đang đăng ký hoặc đang soạn thảo.")
        )
    return ALLOWED


# -- consultation --------------------------------------------------------------------------------


def comment_on_draft(user, workflow: DocumentWorkflow) -> Decision:
    """Anyone, the portal's visitors included, comments while a consultation round is open."""
    is_open = (
        workflow.state == State.CONSULTATION
        and workflow.consultation_rounds.filter(closed_on__isnull=True).exists()
    )
    if is_open:
        return ALLOWED
    return _refused(_("Dự thảo hiện không trong thời gian lấy ý kiến."))


def record_comment(user, workflow: DocumentWorkflow) -> Decision:
    """Record a comment received by letter or at a meeting."""
    if not has_role(user, *DRAFTING_BODY):
        return _refused(_("Chỉ Tổ soạn thảo được ghi nhận ý kiến góp ý."))
    return comment_on_draft(user, workflow)


def respond_to_comments(user, workflow: DocumentWorkflow) -> Decision:
    """Answer comments (tiếp thu, giải trình), in any state: answers may be revised later."""
    if has_role(user, *DRAFTING_BODY):
        return ALLOWED
    return _refused(_("Chỉ Tổ soạn thảo được giải trình, tiếp thu ý kiến."))


# -- postponements -------------------------------------------------------------------------------


def request_postponement(user, workflow: DocumentWorkflow) -> Decision:
    if not has_role(user, *DRAFTING_BODY):
        return _refused(_("Chỉ Tổ soạn thảo hoặc lãnh đạo được đề nghị lùi thời hạn."))
    if workflow.state not in AWAITING_SUBMISSION:
        return _refused(_("Chỉ lùi thời hạn được khi văn bản chưa trình UBND tỉnh."))
    return ALLOWED


def decide_postponement(user, workflow: DocumentWorkflow | None = None) -> Decision:
    """Approve or reject a postponement request: leadership, on every document."""
    if has_role(user, Role.LEADERSHIP):
        return ALLOWED
    return _refused(_("Chỉ lãnh đạo Sở được quyết định đề nghị lùi thời hạn."))


# -- the official record -------------------------------------------------------------------------


def correct(user, workflow: DocumentWorkflow) -> Decision:
    """Open, apply or cancel a correction of an issued text."""
    if not has_role(user, *CORRECTORS):
        return _refused(_("Chỉ Văn phòng UBND tỉnh được đính chính văn bản đã ban hành."))
    if workflow.state not in CORRECTABLE:
        return _refused(_("Chỉ đính chính được văn bản đã ban hành."))
    return ALLOWED


def allow_unverified_original(user, workflow: DocumentWorkflow) -> Decision:
    """Allow an issued document to be published although its latest signed copy does not
    verify (``workflow.signed_original``): leadership, with a reason, before publication."""
    if not has_role(user, Role.LEADERSHIP):
        return _refused(
            _("Chỉ Lãnh đạo Sở được cho phép đăng tải khi bản gốc đã ký chưa được xác minh.")
        )
    if workflow.state != State.ISSUED:
        return _refused(_("Chỉ cho phép được khi văn bản đã ban hành và chưa đăng tải."))
    return ALLOWED
