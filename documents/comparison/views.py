"""The comparison screen of a document's drafts and its DOCX table (issue 14).

Two versions are chosen among the document's milestones and saved versions
(``workflow.versions``); the choice travels in the query string (``?old=m12&new=current``), so
the screen and its download share one URL shape. Whoever may see the document's workflow may
compare its drafts (``workflow.rights.see_workflow``); a key naming no version of this document
is a 400 with the form's message, never another document's text.
"""

from django import forms
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.models import DeploymentIdentity
from documents.views import docx_response
from workflow import versions
from workflow.views.base import PageWorkflowMixin

from .diff import Comparison, Kind, compare
from .table import comparison_docx
from .words import Op

KIND_LABELS = {
    Kind.ADDED: gettext_lazy("Bổ sung"),
    Kind.REMOVED: pgettext_lazy("so sánh dự thảo", "Bãi bỏ"),
    Kind.MOVED: gettext_lazy("Chuyển vị trí"),
    Kind.RENUMBERED: gettext_lazy("Đánh số lại"),
    Kind.CHANGED: gettext_lazy("Sửa đổi"),
}


class CompareForm(forms.Form):
    old = forms.ChoiceField(label=gettext_lazy("Dự thảo trước"))
    new = forms.ChoiceField(label=gettext_lazy("Dự thảo mới"))

    def __init__(self, *args, workflow, **kwargs):
        super().__init__(*args, **kwargs)
        milestones = versions.milestones(workflow)
        saved = versions.saved_versions(workflow)
        choices = [
            (_("Mốc quy trình"), [(v.key, v.label) for v in milestones]),
            (_("Phiên bản đã lưu"), [(v.key, v.label) for v in saved]),
        ]
        self.labels = {v.key: v.label for v in [*milestones, *saved]}
        message = _("Phiên bản đã chọn không thuộc văn bản này; vui lòng chọn lại.")
        for name in ("old", "new"):
            self.fields[name].choices = choices
            self.fields[name].error_messages["invalid_choice"] = message
        # By default: the latest milestone before the current draft, against the current draft.
        self.initial = {"old": milestones[-2].key if len(milestones) > 1 else versions.CURRENT}
        self.initial["new"] = versions.CURRENT


def _side(ops, hidden: Op) -> list[tuple[str, str]]:
    return [(str(op), text) for op, text in ops if op != hidden]


def _summary(comparison: Comparison) -> list[tuple[str, int, int]]:
    """(label, articles, clauses) for each kind of change that happened."""
    lines = []
    for kind, label in KIND_LABELS.items():
        articles, clauses = comparison.count(kind), comparison.count(kind, clauses=True)
        if articles or clauses:
            lines.append((str(label), articles, clauses))
    return lines


class CompareDraftsView(PageWorkflowMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/compare.html"
    header_icon = "history"
    page_title = gettext_lazy("So sánh các bản dự thảo")

    def get_page_subtitle(self):
        return self.workflow.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return []

    def get(self, request, *args, **kwargs):
        form = CompareForm(request.GET or None, workflow=self.workflow)
        if not request.GET:
            return self.render_to_response(self.get_context_data(form=form))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
        comparison = compare(
            versions.version_body(self.workflow, old), versions.version_body(self.workflow, new)
        )
        labels = form.labels[old], form.labels[new]
        if kwargs.get("docx"):
            data = comparison_docx(
                self.workflow.page,
                comparison,
                old_label=labels[0],
                new_label=labels[1],
                identity=DeploymentIdentity.current(request),
            )
            return docx_response(data, f"so-sanh-du-thao-{self.workflow.page.slug}.docx")
        query = urlencode({"old": old, "new": new})
        context = self.get_context_data(
            form=form,
            comparison=comparison,
            labels=labels,
            summary=_summary(comparison),
            rows=[
                {
                    "kind": KIND_LABELS[row.kind],
                    "row": row,
                    "old": _side(row.ops, Op.INSERT),
                    "new": _side(row.ops, Op.DELETE),
                }
                for row in comparison.rows
            ],
            docx_url=reverse("documents_admin:compare_docx", args=[self.workflow.page_id])
            + f"?{query}",
        )
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(workflow=self.workflow, page=self.workflow.page)
        return context
