from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Tìm kiếm văn bản")

    def ready(self):
        from . import signals  # noqa: F401  (outbox receivers)
