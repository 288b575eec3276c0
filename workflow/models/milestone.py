"""The text a document had when it reached a milestone (issue 14, comparison of drafts).

A step's audit row (django-fsm-log ``StateLog``) says when the draft was sent for consultation,
for appraisal or submitted, not which text was sent. ``MilestoneText`` keeps that text: the
page's latest revision at the step and a copy of its content, since Wagtail's autosave rewrites
the latest revision in place and the draft sent for appraisal must stay the one that was sent.
Written by a receiver on each new step row (``workflow.signals``); it goes with its document
(only planned or withdrawn documents are ever deleted).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The steps whose text is a milestone of the drafting: what was put out for comments, sent
# for appraisal, submitted. The issued text is pinned by ``IssuedText``.
MILESTONE_STEPS = ("open_consultation", "send_for_appraisal", "submit")


class MilestoneText(models.Model):
    state_log = models.OneToOneField(
        "django_fsm_log.StateLog", on_delete=models.CASCADE, related_name="+"
    )
    workflow = models.ForeignKey(
        "workflow.DocumentWorkflow", on_delete=models.CASCADE, related_name="milestone_texts"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("phiên bản trang"),
    )
    content = models.JSONField(_("nội dung"))
    recorded_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("dự thảo tại mốc quy trình")
        verbose_name_plural = _("dự thảo tại các mốc quy trình")

    def __str__(self) -> str:
        return f"{self.state_log_id}: {self.recorded_at:%d/%m/%Y %H:%M}"
