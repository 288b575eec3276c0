from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Cổng thông tin và văn bản")

    def ready(self):
        # System checks (trusted proxies, the public base URL); cache invalidation receivers.
        from . import public_url, ratelimit, signals  # noqa: F401
