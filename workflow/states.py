"""States of the drafting state machine (DESIGN §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    PLANNED = "planned", _("Đã đăng ký")
    DRAFTING = "drafting", _("Đang soạn thảo")
    CONSULTATION = "consultation", _("Đang lấy ý kiến")
    APPRAISAL = "appraisal", _("Đang thẩm định")
    APPRAISED = "appraised", _("Đã thẩm định")
    SUBMITTED = "submitted", _("Đã trình UBND tỉnh")
    ISSUED = "issued", _("Đã ban hành")
    PUBLISHED = "published", _("Đã đăng tải")
    WITHDRAWN = "withdrawn", _("Đã rút khỏi chương trình")


# States from which leadership may withdraw a document from the programme.
BEFORE_ISSUE = [
    State.PLANNED,
    State.DRAFTING,
    State.CONSULTATION,
    State.APPRAISAL,
    State.APPRAISED,
    State.SUBMITTED,
]
# States in which the document still counts against its planned submission month.
AWAITING_SUBMISSION = [
    State.PLANNED,
    State.DRAFTING,
    State.CONSULTATION,
    State.APPRAISAL,
    State.APPRAISED,
]
# States in which a Word file may replace the draft's body (documents.importing).
IMPORTABLE_STATES = (State.PLANNED, State.DRAFTING)
