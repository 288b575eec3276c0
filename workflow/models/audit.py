"""The audit trail as the admin names it: django-fsm-log's ``StateLog`` under a Vietnamese name.

A proxy, so the admin's titles and breadcrumbs (which read the model's verbose names) say
"Nhật ký quy trình" instead of the library's generated "State logs"; rows stay StateLog rows.
"""

from django.utils.translation import gettext_lazy as _
from django_fsm_log.models import StateLog


class AuditEntry(StateLog):
    class Meta:
        proxy = True
        verbose_name = _("mục nhật ký quy trình")
        verbose_name_plural = _("nhật ký quy trình")
