"""The audit trail as the admin names it: django-fsm-log's ``StateLog`` under a Vietnamese name.

A proxy, so the admin's titles and breadcrumbs (which read the model's verbose names) say
"Nhật ký quy trình" instead of the library's generated "State logs"; rows stay StateLog rows.
Its ``str`` is the entry's own local time and document: StateLog's names the workflow, whose
``str`` carries the document's current state, so every entry read as being in that state.
"""

from django.conf import settings
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm_log.models import StateLog

from .record import DeletedDocument


class AuditEntry(StateLog):
    class Meta:
        proxy = True
        verbose_name = gettext_lazy("mục nhật ký quy trình")
        verbose_name_plural = gettext_lazy("nhật ký quy trình")

    def __str__(self) -> str:
        return f"{self.local_time()} — {self.document_title()}"

    def local_time(self) -> str:
        return localtime(self.timestamp).strftime(settings.WAGTAIL_DATETIME_FORMAT)

    def document_title(self) -> str:
        """The document an entry is about; a deleted one by its tombstone."""
        if self.content_object is not None:
            return str(self.content_object.page.title)
        tombstone = DeletedDocument.objects.filter(workflow_id=self.object_id).first()
        return _("%(title)s (đã xóa)") % {"title": tombstone.title} if tombstone else "—"
