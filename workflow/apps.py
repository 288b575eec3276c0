from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Quy trình soạn thảo")

    def ready(self):
        from django_fsm_log.models import StateLog

        from cms.page_rights import register_policy
        from cms.process import register_process

        from . import notifications, signals  # noqa: F401  (receivers)
        from .public import PortalProcess
        from .record_rules import RecordPolicy

        # Wagtail's page permissions ask the record rules (cms cannot import workflow).
        register_policy(RecordPolicy())
        # The portal's consultation pages and signed copies ask the process the same way.
        register_process(PortalProcess())

        # Audit rows reference nothing Wagtail needs to track; indexing them cost ~9 ms a step.
        StateLog.wagtail_reference_index_ignore = True
