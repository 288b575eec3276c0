"""Dossier items (hồ sơ) and which transition requires which."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierKind(models.TextChoices):
    DRAFT = "draft", _("Dự thảo văn bản")
    DRAFT_MEMO = "draft_memo", _("Dự thảo tờ trình")
    COMMENT_SYNTHESIS = "comment_synthesis", _("Bản tổng hợp, tiếp thu, giải trình ý kiến")
    APPRAISAL_REPORT = "appraisal_report", _("Báo cáo thẩm định")
    APPRAISAL_RESPONSE = "appraisal_response", _("Báo cáo giải trình, tiếp thu ý kiến thẩm định")
    FINAL_MEMO = "final_memo", _("Tờ trình")
    FINAL_DRAFT = "final_draft", _("Dự thảo hoàn chỉnh")
    SIGNED_COPY = "signed_copy", _("Bản gốc đã ký")
    POSTPONEMENT_LETTER = "postponement_letter", _("Công văn xin lùi thời hạn")
    OTHER = "other", _("Tài liệu khác")


# Items each transition needs; a normative submission also needs the appraisal response.
REQUIRED_ITEMS: dict[str, tuple[DossierKind, ...]] = {
    "open_consultation": (DossierKind.DRAFT,),
    "send_for_appraisal": (
        DossierKind.DRAFT,
        DossierKind.DRAFT_MEMO,
        DossierKind.COMMENT_SYNTHESIS,
    ),
    "return_for_revision": (DossierKind.APPRAISAL_REPORT,),
    "complete_appraisal": (DossierKind.APPRAISAL_REPORT,),
    "submit": (DossierKind.FINAL_MEMO, DossierKind.FINAL_DRAFT),
    "publish": (DossierKind.SIGNED_COPY,),
}
NORMATIVE_SUBMIT_ITEMS = (DossierKind.APPRAISAL_RESPONSE,)
# Items that must date from the current round, not an earlier one.
ROUND_ITEMS = {DossierKind.APPRAISAL_REPORT: "appraisal_sent_at"}


def required_items(transition: str, *, is_normative: bool) -> tuple[DossierKind, ...]:
    items = REQUIRED_ITEMS.get(transition, ())
    if transition == "submit" and is_normative:
        items = items + NORMATIVE_SUBMIT_ITEMS
    return items
