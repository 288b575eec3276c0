from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Quy trình soạn thảo")

    def ready(self):
        from . import notifications, signals  # noqa: F401  (receivers)
