from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Cổng thông tin và văn bản")

    def ready(self):
        from . import ratelimit, signals  # noqa: F401  (system check; cache invalidation receivers)
