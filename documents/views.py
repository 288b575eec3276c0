"""Downloads as DOCX: a document in the official layout (admin and portal) and the reports.

The portal serves only documents that are live, public and published in the workflow; anything
else is a 404, so nothing unpublished can be fetched by guessing an id. Admin downloads need a
workflow role (or, for a document, the right to edit it); Wagtail's ``require_admin_access``
wraps them through the ``register_admin_urls`` hook.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.models import DeploymentIdentity, LegalDocumentPage
from documents.corpus.export import published_document
from documents.export import export_document, export_filename
from documents.export.stored import published_docx
from documents.reports import comment_synthesis_docx, programme_report_docx
from workflow.models import DocumentWorkflow
from workflow.permissions import user_roles

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Reports over more than this are refused: the programme is tracked year by year.
MAX_PERIOD_DAYS = 3 * 366


def docx_response(data: bytes, filename: str, *, public: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    # Public copies are revalidated, so a document taken off the portal is not served from a
    # cache; admin copies (drafts) are never stored.
    response["Cache-Control"] = "public, no-cache" if public else "private, no-store"
    return response


def may_export(user, page: LegalDocumentPage) -> bool:
    return bool(user_roles(user)) or page.permissions_for_user(user).can_edit()


def admin_version(page: LegalDocumentPage) -> LegalDocumentPage:
    """What the editor sees: the latest revision (drafts live only in revisions)."""
    return page.get_latest_revision_as_object() if page.latest_revision_id else page


# -- documents ---------------------------------------------------------------------------------


def portal_download(request, page_id: int):
    """The published text of a document (the live row, never a pending draft)."""
    page = published_document(page_id)
    if page is None:
        raise Http404
    data = published_docx(page, identity=DeploymentIdentity.current(request))
    return docx_response(data, export_filename(page), public=True)


def admin_export(request, page_id: int):
    page = get_object_or_404(LegalDocumentPage, pk=page_id)
    if not may_export(request.user, page):
        raise PermissionDenied
    data = export_document(admin_version(page), identity=DeploymentIdentity.current(request))
    return docx_response(data, export_filename(page))


# -- reports -----------------------------------------------------------------------------------


def _require_role(user) -> None:
    if not user_roles(user):
        raise PermissionDenied


def comment_synthesis(request, workflow_id: int):
    _require_role(request.user)
    workflow = get_object_or_404(DocumentWorkflow.objects.with_page(), pk=workflow_id)
    filename = f"tong-hop-y-kien-{workflow.page.slug}.docx"
    data = comment_synthesis_docx(workflow, identity=DeploymentIdentity.current(request))
    return docx_response(data, filename)


class ProgrammeReportForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("Từ ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    date_to = forms.DateField(
        label=gettext_lazy("Đến ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if end < start:
                raise ValidationError(_("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."))
            if (end - start).days > MAX_PERIOD_DAYS:
                raise ValidationError(_("Kỳ báo cáo dài quá 3 năm; vui lòng chọn kỳ ngắn hơn."))
        return data


FORM_TEMPLATE = """{% extends "wagtailadmin/generic/base.html" %}
{% load i18n wagtailadmin_tags %}
{% block main_content %}
  <p class="help-text">{{ help_text }}</p>
  <form action="" method="get" novalidate>
    {% if form.non_field_errors %}
      <div class="help-block help-critical" role="alert">
        <ul>{% for error in form.non_field_errors %}<li>{{ error }}</li>{% endfor %}</ul>
      </div>
    {% endif %}
    {% for field in form %}{% formattedfield field %}{% endfor %}
    <div class="w-mt-6">
      <button type="submit" class="button">{% icon name="download" %}{{ submit_label }}</button>
    </div>
  </form>
  {% if presets %}
    <h2 class="w-h3 w-mt-8">{{ presets_label }}</h2>
    <ul>{% for label, url in presets %}<li><a href="{{ url }}">{{ label }}</a></li>{% endfor %}</ul>
  {% endif %}
{% endblock %}
"""


class ProgrammeReportView(WagtailAdminTemplateMixin, TemplateView):
    """A small form for the period; a valid period downloads the report straight away.

    The period travels in the query string (``?date_from=2015-01-01&date_to=2015-06-30``), so
    the menu, the dashboard or an e-mail can link to a given report.
    """

    page_title = gettext_lazy("Báo cáo tiến độ chương trình (Word)")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        _require_role(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if "date_from" in request.GET or "date_to" in request.GET:
            form = ProgrammeReportForm(request.GET)
            if form.is_valid():
                start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
                data = programme_report_docx(
                    date_from=start, date_to=end, identity=DeploymentIdentity.current(request)
                )
                filename = f"bao-cao-chuong-trinh-{start:%Y%m%d}-{end:%Y%m%d}.docx"
                return docx_response(data, filename)
        else:
            today = timezone.localdate()
            form = ProgrammeReportForm(
                initial={"date_from": today.replace(month=1, day=1), "date_to": today}
            )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            help_text=_(
                "Báo cáo theo mẫu báo cáo sơ kết của Sở: từng văn bản trong chương trình, giai "
                "đoạn, các mốc, lùi thời hạn và việc còn lại; các văn bản đã ban hành trong kỳ."
            ),
            submit_label=_("Tải báo cáo (DOCX)"),
            presets_label=_("Kỳ thường dùng"),
            presets=self.presets(timezone.localdate()),
        )
        return context

    def presets(self, today: datetime.date) -> list[tuple[str, str]]:
        url = reverse("documents_admin:programme_report")
        items = []
        for year in (today.year, today.year - 1):
            for label, start, end in (
                (_("6 tháng đầu năm %(year)d"), (1, 1), (6, 30)),
                (_("Năm %(year)d"), (1, 1), (12, 31)),
            ):
                query = urlencode(
                    {
                        "date_from": datetime.date(year, *start).isoformat(),
                        "date_to": datetime.date(year, *end).isoformat(),
                    }
                )
                items.append((label % {"year": year}, f"{url}?{query}"))
        return items

    def render_to_response(self, context, **response_kwargs):
        template = engines["django"].from_string(FORM_TEMPLATE)
        return TemplateResponse(self.request, template, context)
