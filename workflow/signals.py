"""Keep page visibility tied to the state machine, and the audit trail append-only."""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_fsm_log.models import StateLog

from cms.models import LegalDocumentPage

from .models import DocumentWorkflow
from .states import State


@receiver(post_save, sender=LegalDocumentPage)
def create_workflow(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        DocumentWorkflow.objects.get_or_create(page=instance)


@receiver(pre_save, sender=LegalDocumentPage)
def live_only_when_published(sender, instance, raw=False, **kwargs):
    """A legal document is live exactly while its workflow is published.

    Wagtail's Publish/Unpublish buttons are hidden for these pages (wagtail_hooks); this is the
    net under every other path (revision.publish(), bulk actions, scheduled publishing, copy).
    """
    if raw:
        return
    state = (
        DocumentWorkflow.objects.filter(page_id=instance.pk).values_list("state", flat=True).first()
        if instance.pk
        else None
    )
    published = state == State.PUBLISHED
    if instance.live and not published:
        raise PermissionDenied(
            _("Văn bản chỉ được đăng tải lên cổng thông tin qua bước “Đăng tải” của quy trình.")
        )
    if not instance.live and published:
        raise PermissionDenied(
            _("Văn bản đã đăng tải chỉ được gỡ qua bước “Gỡ khỏi cổng thông tin” của quy trình.")
        )


@receiver(pre_save, sender=StateLog)
def state_log_is_append_only(sender, instance, **kwargs):
    if instance.pk and StateLog.objects.filter(pk=instance.pk).exists():
        raise PermissionDenied(_("Nhật ký quy trình không được sửa."))


@receiver(pre_delete, sender=StateLog)
def state_log_is_never_deleted(sender, instance, **kwargs):
    raise PermissionDenied(_("Nhật ký quy trình không được xóa."))
