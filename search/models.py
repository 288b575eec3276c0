"""The search index outbox: index changes written in the same transaction as the page change.

A row says "page N must be (re)indexed" or "page N must leave the index". Rows are applied
after commit (``search.outbox.apply_pending``) and kept, with the error, until the backend
accepts them; applied rows keep ``applied_at`` and are pruned by ``search_sync``.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(applied_at__isnull=True)

    def applied(self):
        return self.filter(applied_at__isnull=False)


class IndexChange(models.Model):
    class Action(models.TextChoices):
        UPSERT = "upsert", _("Cập nhật chỉ mục")
        DELETE = "delete", _("Xóa khỏi chỉ mục")

    # Not a foreign key: a delete must outlive the page it is about.
    page_id = models.PositiveIntegerField(_("mã trang"), db_index=True)
    action = models.CharField(_("thao tác"), max_length=6, choices=Action.choices)
    created_at = models.DateTimeField(_("thời điểm ghi"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    applied_at = models.DateTimeField(_("thời điểm áp dụng"), null=True, blank=True)

    objects = IndexChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("thay đổi chỉ mục tìm kiếm")
        verbose_name_plural = _("thay đổi chỉ mục tìm kiếm")
        indexes = [
            # The pending queue, oldest first.
            models.Index(
                fields=["id"],
                condition=models.Q(applied_at__isnull=True),
                name="search_indexchange_pending",
            ),
        ]

    def __str__(self) -> str:
        state = "applied" if self.applied_at else f"pending ({self.attempts} attempts)"
        return f"{self.action} page {self.page_id}: {state}"
