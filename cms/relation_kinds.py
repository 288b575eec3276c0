"""The kinds of relation between legal documents, and how each reads from the target's side.

Kept apart from the model so that ``cms.validity`` (which the models import) can name the
kinds that end a document, and the review states that do not count.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RelationKind(models.TextChoices):
    LEGAL_BASIS = "legal_basis", _("Căn cứ")
    AMENDS = "amends", _("Sửa đổi, bổ sung")
    REPLACES = "replaces", _("Thay thế")
    REPEALS = "repeals", _("Bãi bỏ")
    GUIDES = "guides", _("Hướng dẫn")


# How a relation reads from the target's side ("629/QĐ-UBND is replaced by ...").
REVERSE_LABELS = {
    RelationKind.LEGAL_BASIS: _("Là căn cứ của"),
    RelationKind.AMENDS: _("Được sửa đổi, bổ sung bởi"),
    RelationKind.REPLACES: _("Bị thay thế bởi"),
    RelationKind.REPEALS: _("Bị bãi bỏ bởi"),
    RelationKind.GUIDES: _("Được hướng dẫn bởi"),
}


class RelationReview(models.TextChoices):
    """Where a relation stands: entered by staff, or read from a text and reviewed (or not)."""

    CONFIRMED = "confirmed", _("Đã xác nhận")
    EXTRACTED = "extracted", _("Chờ xem xét")
    REJECTED = "rejected", _("Đã bác bỏ")
