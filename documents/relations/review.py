"""Admin review of the relations read from the texts: list them by review state with the
sentence each came from, confirm or reject each (POST only, portal editors, logged on the
citing document's history). A rejected relation no longer counts for validity
(``cms.validity.terminating``); a confirmed one is kept as staff decided when the texts are
read again (``service``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log

from cms.models import DocumentRelation
from cms.models.relations import relations_changed
from cms.relation_kinds import RelationReview
from workflow.permissions import has_role
from workflow.roles import Role

PAGE_SIZE = 50
DECISIONS = {"confirm": RelationReview.CONFIRMED, "reject": RelationReview.REJECTED}
LOG_ACTIONS = {
    RelationReview.CONFIRMED: ("documents.relation_confirmed", gettext_lazy("Xác nhận quan hệ")),
    RelationReview.REJECTED: ("documents.relation_rejected", gettext_lazy("Bác bỏ quan hệ")),
}


def may_review(user) -> bool:
    """Portal editors keep the published documents' classification, relations included."""
    return has_role(user, Role.PORTAL_EDITOR)


def _extracted():
    return DocumentRelation.objects.exclude(source_sentence="")


class ReviewIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "documents/relation_review.html"
    page_title = gettext_lazy("Quan hệ trích từ văn bản")
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        if not may_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("review", RelationReview.EXTRACTED)
        relations = _extracted().select_related("source", "target").order_by("source_id", "pk")
        if state in RelationReview.values:
            relations = relations.filter(review=state)
        else:
            state = ""
        page = Paginator(relations, PAGE_SIZE).get_page(self.request.GET.get("p"))
        context.update(
            relations=page,
            state=state,
            states=[("", _("Tất cả")), *RelationReview.choices],
            here=self.request.get_full_path(),
        )
        return context


@require_POST
def decide(request, pk: int, decision: str):
    if not may_review(request.user):
        raise PermissionDenied
    review = DECISIONS.get(decision)
    if review is None:
        raise Http404
    relation = get_object_or_404(_extracted().select_related("source"), pk=pk)
    if relation.review != review:
        relation.review = review
        relation.save(update_fields=["review"])
        action, _label = LOG_ACTIONS[review]
        log(
            instance=relation.source.specific,
            action=action,
            user=request.user,
            data={
                "relation": relation.pk,
                "kind": relation.kind,
                "target": relation.target_id,
                "citation": relation.citation,
                "article": relation.source_article,
            },
        )
        if relation.target_id:
            relations_changed.send(sender=DocumentRelation, target_ids={relation.target_id})
    messages.success(
        request,
        _("Đã xác nhận quan hệ.")
        if review == RelationReview.CONFIRMED
        else _("Đã bác bỏ quan hệ."),
    )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("relation_review:index")
    return redirect(back)


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)


class RelationReviewViewSet(ViewSet):
    name = "relation_review"
    icon = "link"
    menu_label = gettext_lazy("Quan hệ trích từ văn bản")
    add_to_admin_menu = True
    menu_order = 250

    @property
    def menu_item_class(self):
        return ReviewMenuItem

    def get_urlpatterns(self):
        return [
            path("", ReviewIndexView.as_view(), name="index"),
            path("<int:pk>/<str:decision>/", decide, name="decide"),
        ]
