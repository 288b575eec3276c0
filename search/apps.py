from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Tìm kiếm văn bản")

    def ready(self):
        from workflow.bulk import Follower, register_follower

        from . import outbox, signals  # noqa: F401  (outbox receivers)

        # Bulk imports defer the outbox's per-commit apply and catch up at the end.
        register_follower(
            Follower(name="search", deferral=outbox.deferred, catch_up=outbox.catch_up)
        )
