"""One workflow per legal document page: the drafting state machine (DESIGN §4).

The state lives here, not on the page, so publishing an old page revision, copying or moving a
page never changes it. Transition bodies only change this instance; services do the rest in the
same transaction.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from django_fsm_log.models import StateLog

from workflow import guards
from workflow.dossier import ROUND_ITEMS, DossierKind, required_items
from workflow.models.consultation import Comment, ConsultationRound
from workflow.models.dossier import DossierFile
from workflow.models.record import Correction
from workflow.permissions import role_permission
from workflow.roles import Role
from workflow.rules import get_rule_set
from workflow.states import BEFORE_ISSUE, State


def default_rule_set() -> str:
    return settings.WORKFLOW_RULE_SET


def step(**options):
    """A drafting step: a django-fsm transition of ``state`` whose audit row (django-fsm-log)
    records who took it (``by``) and why (``description``)."""

    def decorate(method):
        return fsm_log_by(fsm_log_description(transition(field="state", **options)(method)))

    return decorate


def _logs_of_outer_workflow():
    return StateLog.objects.filter(
        content_type=ContentType.objects.get_for_model(DocumentWorkflow),
        object_id=OuterRef("pk"),
    )


def issued_here() -> Exists:
    """Whether the workflow was issued through this process (imported ones were not)."""
    return Exists(_logs_of_outer_workflow().filter(transition="issue"))


class DocumentWorkflowQuerySet(models.QuerySet):
    def in_state(self, *states):
        return self.filter(state__in=states)

    def with_page(self):
        return self.select_related(
            "page", "page__document_type", "page__issuing_body", "page__lead_agency"
        )

    def with_deadline_facts(self):
        """Annotated with what ``workflow.deadlines`` reads beyond the page, in this query:
        the end of the open consultation round (the latest opened), when the last appraisal
        ended (report or return), and whether the document was issued here (not imported)."""
        logs = _logs_of_outer_workflow()
        open_round = ConsultationRound.objects.filter(
            workflow=OuterRef("pk"), closed_on__isnull=True
        ).order_by("-opened_on", "-pk")
        appraisal_end = logs.filter(
            transition__in=["complete_appraisal", "return_for_revision"]
        ).order_by("-timestamp", "-pk")
        return self.annotate(
            open_round_ends_on=Subquery(open_round.values("ends_on")[:1]),
            appraisal_ended_at=Subquery(appraisal_end.values("timestamp")[:1]),
            issued_here=issued_here(),
        )

    def with_guard_facts(self):
        """With the related rows the step guards read (``workflow.guards``, ``missing_items``)
        fetched in one query each for the whole list, instead of a few per document."""
        return self.prefetch_related(
            Prefetch(
                "dossier_files",
                DossierFile.objects.only(
                    "workflow", "kind", "uploaded_at", "version", "signature_report", "override_at"
                ),
            ),
            "consultation_rounds",
            Prefetch("comments", Comment.objects.only("workflow", "response_kind")),
            Prefetch("corrections", Correction.objects.only("workflow", "status")),
        )


class DocumentWorkflow(ConcurrentTransitionMixin, models.Model):
    page = models.OneToOneField(
        "cms.LegalDocumentPage",
        on_delete=models.CASCADE,
        related_name="workflow",
        verbose_name=_("văn bản"),
    )
    state = FSMField(_("trạng thái"), default=State.PLANNED, choices=State.choices, protected=True)
    rule_set = models.CharField(_("bộ quy định thời hạn"), max_length=30, default=default_rule_set)
    appraisal_sent_at = models.DateTimeField(_("ngày gửi thẩm định"), null=True, blank=True)
    submitted_on = models.DateField(_("ngày trình UBND tỉnh"), null=True, blank=True)
    gazette_sent_on = models.DateField(_("ngày gửi Công báo"), null=True, blank=True)
    gazette_reference = models.CharField(_("số Công báo"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)

    objects = DocumentWorkflowQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy trình văn bản")
        verbose_name_plural = _("quy trình văn bản")

    def __str__(self) -> str:
        return f"{self.page.title} — {self.get_state_display()}"

    # -- facts the guards read -------------------------------------------------------------

    @property
    def is_normative(self) -> bool:
        return self.page.document_type.is_normative

    @property
    def rules(self):
        return get_rule_set(self.rule_set)

    @property
    def current_text(self):
        """The official text (the latest pinned ``IssuedText``), or None before issue."""
        return self.issued_texts.select_related("revision").order_by("-recorded_at", "-pk").first()

    def official_record(self) -> dict:
        """What the portal shows of the record, in one query: the current text and the
        applied corrections, oldest first."""
        texts = list(self.issued_texts.select_related("correction").order_by("recorded_at", "pk"))
        return {
            "current": texts[-1] if texts else None,
            "corrections": [t.correction for t in texts if t.correction_id],
        }

    def state_logs(self):
        """The audit trail of this document, oldest first (with what ``get_state_display``
        reads, so listing it costs one query)."""
        return (
            StateLog.objects.for_(self)
            .select_related("by", "content_type")
            .order_by("timestamp", "pk")
        )

    def round_start(self, kind: DossierKind):
        """When the current round began for an item that must date from it (ROUND_ITEMS);
        None when any file of that kind counts."""
        since_field = ROUND_ITEMS.get(kind)
        return getattr(self, since_field) if since_field else None

    def appraisal_round(self) -> int:
        """Which appraisal this is: 1 for the first sending, 2 after a return for revision..."""
        return self.state_logs().filter(transition="send_for_appraisal").count()

    def missing_items(self, transition_name: str, *, before=None) -> list[DossierKind]:
        """``before`` (a moment): the dossier as it stood then, for reports on a past period
        (files are never deleted, so those uploaded earlier are exactly the dossier then)."""
        needed = required_items(transition_name, is_normative=self.is_normative)
        if not needed:
            return []
        # All files at once: read from the prefetch when there is one (with_guard_facts).
        files = [f for f in self.dossier_files.all() if before is None or f.uploaded_at < before]
        missing = []
        for kind in needed:
            since = self.round_start(kind)
            if not any(f.kind == kind and (since is None or f.uploaded_at >= since) for f in files):
                missing.append(kind)
        return missing

    # -- transitions -----------------------------------------------------------------------

    @step(
        source=State.PLANNED,
        target=State.DRAFTING,
        permission=role_permission(Role.DRAFTING_TEAM),
        custom={"label": _("Bắt đầu soạn thảo")},
    )
    def start_drafting(self, *, by=None, description=None):
        pass

    @step(
        source=State.DRAFTING,
        target=State.CONSULTATION,
        conditions=[guards.dossier_complete("open_consultation")],
        permission=role_permission(Role.LEADERSHIP),
        custom={"label": _("Lấy ý kiến dự thảo"), "form": "consultation"},
    )
    def open_consultation(self, *, by=None, description=None):
        pass

    @step(
        source=State.CONSULTATION,
        target=State.DRAFTING,
        conditions=[guards.all_comments_answered],
        permission=role_permission(Role.DRAFTING_TEAM),
        custom={"label": _("Kết thúc lấy ý kiến")},
    )
    def close_consultation(self, *, by=None, description=None):
        pass

    @step(
        source=State.DRAFTING,
        target=State.APPRAISAL,
        conditions=[
            guards.is_normative,
            guards.consulted_at_least_once,
            guards.dossier_complete("send_for_appraisal"),
        ],
        permission=role_permission(Role.LEADERSHIP),
        custom={"label": _("Gửi Sở Tư pháp thẩm định")},
    )
    def send_for_appraisal(self, *, by=None, description=None):
        pass

    @step(
        source=State.APPRAISAL,
        target=State.DRAFTING,
        conditions=[guards.dossier_complete("return_for_revision")],
        permission=role_permission(Role.APPRAISER),
        custom={
            "label": _("Trả lại: chưa đủ điều kiện trình"),
            "form": "reason",
            "danger": True,
        },
    )
    def return_for_revision(self, *, by=None, description=None):
        pass

    @step(
        source=State.APPRAISAL,
        target=State.APPRAISED,
        conditions=[guards.dossier_complete("complete_appraisal")],
        permission=role_permission(Role.APPRAISER),
        custom={"label": _("Hoàn thành thẩm định: đủ điều kiện trình")},
    )
    def complete_appraisal(self, *, by=None, description=None):
        pass

    @step(
        source=[State.APPRAISED, State.DRAFTING],
        target=State.SUBMITTED,
        conditions=[guards.appraised_if_normative, guards.dossier_complete("submit")],
        permission=role_permission(Role.LEADERSHIP),
        custom={"label": _("Trình UBND tỉnh")},
    )
    def submit(self, *, by=None, description=None):
        pass

    @step(
        source=State.SUBMITTED,
        target=State.DRAFTING,
        permission=role_permission(Role.COMMITTEE_OFFICE),
        custom={"label": _("Trả lại cơ quan soạn thảo"), "form": "reason", "danger": True},
    )
    def return_to_drafting(self, *, by=None, description=None):
        pass

    @step(
        source=State.SUBMITTED,
        target=State.ISSUED,
        permission=role_permission(Role.COMMITTEE_OFFICE),
        custom={"label": _("Ban hành"), "form": "issue"},
    )
    def issue(self, *, by=None, description=None):
        pass

    @step(
        source=State.ISSUED,
        target=State.PUBLISHED,
        conditions=[
            guards.no_open_correction,
            guards.dossier_complete("publish"),
            guards.signed_original_verified,
        ],
        permission=role_permission(Role.PORTAL_EDITOR),
        custom={"label": _("Đăng tải lên cổng thông tin"), "form": "publish"},
    )
    def publish(self, *, by=None, description=None):
        pass

    @step(
        source=State.PUBLISHED,
        target=State.ISSUED,
        permission=role_permission(Role.PORTAL_EDITOR),
        custom={"label": _("Gỡ khỏi cổng thông tin"), "form": "reason", "danger": True},
    )
    def unpublish(self, *, by=None, description=None):
        pass

    @step(
        source=BEFORE_ISSUE,
        target=State.WITHDRAWN,
        permission=role_permission(Role.LEADERSHIP),
        custom={"label": _("Rút khỏi chương trình"), "form": "reason", "danger": True},
    )
    def withdraw(self, *, by=None, description=None):
        pass

    @step(
        source=State.PLANNED,
        target=State.PUBLISHED,
        permission=role_permission(Role.PORTAL_EDITOR),
        custom={"label": _("Nhập văn bản đã ban hành"), "system": True},
    )
    def import_published(self, *, by=None, description=None):
        pass
