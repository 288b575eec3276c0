"""Model-level nets under every path: the record rules (``workflow.record_rules``) applied to
whatever reaches the database, whether or not it asked Wagtail's permission testers first, and
the audit trail kept append-only.

Receivers listen to every ``Page`` save, not only ``LegalDocumentPage``: Wagtail's bulk
actions, scheduled publishing and page moves save plain ``Page`` instances.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_fsm_log.models import StateLog
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, Revision

from cms.models import LegalDocumentPage

from . import record_rules
from .models import (
    MILESTONE_STEPS,
    Comment,
    ConsultationRound,
    DeletedDocument,
    DocumentWorkflow,
    DossierFile,
    IssuedText,
    MilestoneText,
    PostponementRequest,
)
from .selectors import state_of_page, state_of_workflow


@receiver(post_save, sender=LegalDocumentPage)
def create_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        DocumentWorkflow.objects.get_or_create(page=instance)


def _document_type_id() -> int:
    return ContentType.objects.get_for_model(LegalDocumentPage).pk


@receiver(pre_save)
def record_page_saves(sender, instance, raw=False, update_fields=None, **kwargs):
    """Issued addresses stay; liveness follows the workflow; no schedules, no aliases; a
    frozen text stays frozen."""
    if raw or not isinstance(instance, Page):
        return
    record_rules.check_address(instance, update_fields)
    if isinstance(instance, LegalDocumentPage) or instance.content_type_id == _document_type_id():
        record_rules.check_page_save(instance, update_fields)


@receiver(pre_save, sender=Revision)
def record_revisions(sender, instance, raw=False, **kwargs):
    if raw or instance.content_type_id != _document_type_id():
        return
    record_rules.check_revision_save(instance, int(instance.object_id))


# -- deletion ----------------------------------------------------------------------------------


@receiver(pre_delete, sender=LegalDocumentPage)
def document_deletion(sender, instance, **kwargs):
    record_rules.check_delete(state_of_page(instance.pk))


@receiver(pre_delete, sender=DocumentWorkflow)
def workflow_deletion(sender, instance, **kwargs):
    """Only planned or withdrawn documents go; a tombstone keeps their audit trail readable."""
    record_rules.check_delete(instance.state)
    page = LegalDocumentPage.objects.filter(pk=instance.page_id).values("title", "number").first()
    user = get_active_log_context().user
    DeletedDocument.objects.create(
        workflow_id=instance.pk,
        page_id=instance.page_id,
        title=(page or {}).get("title", "")[:255],
        number=(page or {}).get("number", ""),
        state=instance.state,
        deleted_by=user if getattr(user, "pk", None) else None,
        deleted_by_name=getattr(user, "username", "") or "",
        dossier_files=[
            {"kind": f.kind, "version": f.version, "name": f.original_name, "size": f.size}
            for f in instance.dossier_files.all()
        ],
        comment_count=instance.comments.count(),
    )
    StateLog.objects.create(
        content_object=instance,
        source_state=instance.state,
        state=instance.state,
        transition="delete",
        by=user if getattr(user, "pk", None) else None,
        description=_("Xóa văn bản “%(title)s”.") % {"title": (page or {}).get("title", "")},
    )


def _delete_file_after_commit(field_file) -> None:
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name), robust=True)


@receiver(pre_delete, sender=DossierFile)
@receiver(pre_delete, sender=Comment)
@receiver(pre_delete, sender=ConsultationRound)
@receiver(pre_delete, sender=PostponementRequest)
def record_part_deletion(sender, instance, **kwargs):
    """A dossier, its comments and postponements go only with a deletable document; the files
    leave the disk once the deletion has committed."""
    record_rules.check_delete(state_of_workflow(instance.workflow_id))
    _delete_file_after_commit(getattr(instance, "file", None) or getattr(instance, "letter", None))


# -- audit trail and official texts: append-only ------------------------------------------------


@receiver(pre_save, sender=StateLog)
def state_log_is_append_only(sender, instance, **kwargs):
    if instance.pk and StateLog.objects.filter(pk=instance.pk).exists():
        raise PermissionDenied(_("Nhật ký quy trình không được sửa."))


@receiver(post_save, sender=StateLog)
def record_milestone_text(sender, instance, created, raw=False, **kwargs):
    """Keep the text a milestone step sent (``workflow.models.milestone``)."""
    if not created or raw or instance.transition not in MILESTONE_STEPS:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(DocumentWorkflow).pk:
        return
    revision = (
        Revision.objects.filter(
            pk=LegalDocumentPage.objects.filter(workflow__pk=instance.object_id).values(
                "latest_revision_id"
            )[:1]
        )
        .only("pk", "content")
        .first()
    )
    if revision is not None:
        MilestoneText.objects.create(
            state_log=instance,
            workflow_id=instance.object_id,
            revision=revision,
            content=revision.content,
        )


@receiver(pre_delete, sender=StateLog)
def state_log_is_never_deleted(sender, instance, **kwargs):
    raise PermissionDenied(_("Nhật ký quy trình không được xóa."))


@receiver(pre_save, sender=IssuedText)
def issued_text_is_append_only(sender, instance, **kwargs):
    if instance.pk and IssuedText.objects.filter(pk=instance.pk).exists():
        raise PermissionDenied(_("Văn bản chính thức đã chốt không được sửa."))


@receiver(pre_delete, sender=IssuedText)
def issued_text_is_never_deleted(sender, instance, **kwargs):
    raise PermissionDenied(_("Văn bản chính thức đã chốt không được xóa."))
