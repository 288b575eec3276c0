"""Typed relations between legal documents, readable from both ends.

A relation is entered by staff (on the page, through the workflow like the rest of the page) or
read from a text (``documents.relations``): then it keeps the article and the sentence it came
from, and its ``review`` is "extracted" until staff confirm or reject it (the admin's review of
extracted relations). Extracted relations belong to no revision: they are kept when a revision
is published (``LegalDocumentPage.with_content_json``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from cms.relation_kinds import REVERSE_LABELS, RelationKind, RelationReview
from cms.validity import TERMINATING_KINDS

from .text import NFCTextMixin

# Sent (``target_ids``: the documents whose validity may have changed) after relations are
# written without ``post_save`` (bulk writes, reviews): what shows validity catches up.
relations_changed = Signal()


class DocumentRelation(NFCTextMixin, Orderable):
    source = ParentalKey(
        "cms.LegalDocumentPage",
        on_delete=models.CASCADE,
        related_name="relations",
        verbose_name=_("văn bản"),
    )
    kind = models.CharField(_("quan hệ"), max_length=20, choices=RelationKind.choices)
    partial = models.BooleanField(
        _("một phần"),
        default=False,
        help_text=_("Chỉ thay thế hoặc bãi bỏ một phần văn bản kia."),
    )
    target = models.ForeignKey(
        "cms.LegalDocumentPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="incoming_relations",
        verbose_name=_("văn bản liên quan"),
    )
    citation = models.CharField(
        _("trích dẫn văn bản ngoài hệ thống"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13."),
    )
    effective_from = models.DateField(
        _("có hiệu lực từ ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống: từ ngày văn bản này có hiệu lực."),
    )
    review = models.CharField(
        _("xem xét"),
        max_length=12,
        choices=RelationReview.choices,
        default=RelationReview.CONFIRMED,
        editable=False,
    )
    source_article = models.CharField(_("trích từ điều"), max_length=30, blank=True, editable=False)
    source_sentence = models.TextField(_("câu trích"), blank=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("partial")]),
        FieldPanel("target"),
        FieldPanel("citation"),
        FieldPanel("effective_from"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target or self.citation}"

    @property
    def extracted(self) -> bool:
        """Read from the text (kept with its sentence), not entered by staff."""
        return bool(self.source_sentence)

    @property
    def ends_target(self) -> bool:
        """Replaces or repeals its target (wholly or in part)."""
        return self.kind in TERMINATING_KINDS

    @property
    def reverse_label(self) -> str:
        return REVERSE_LABELS[RelationKind(self.kind)]

    def clean(self):
        super().clean()
        if self.target_id is None and not self.citation:
            raise ValidationError(
                _("Chọn văn bản liên quan hoặc ghi trích dẫn văn bản ngoài hệ thống.")
            )
        if self.target_id is not None and self.target_id == self.source_id:
            raise ValidationError({"target": _("Một văn bản không thể liên quan đến chính nó.")})
        if self.partial and self.kind not in TERMINATING_KINDS:
            raise ValidationError(
                {"partial": _("Chỉ quan hệ thay thế hoặc bãi bỏ mới có thể là một phần.")}
            )
