"""The portal's page tree: home, document index, consultation index and legal documents."""

import datetime
from collections.abc import Iterator
from functools import cached_property

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework.fields import BooleanField, CharField
from rest_framework.relations import RelatedField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from cms.blocks import (
    LegalBodyBlock,
    Placed,
    PlacedArticle,
    main_and_attached,
    placed_articles,
    placed_blocks,
    sentence_case,
)
from cms.cache import serve_cached
from cms.forms import PublicCommentForm
from cms.labels import label
from cms.numbers import number_key as make_number_key
from cms.page_rights import RecordPagesMixin, row_follows_drafts
from cms.panels import WorkflowPanel
from cms.process import CommentRefused, process
from cms.public_url import PublicURLMixin
from cms.ratelimit import RateLimit
from cms.relation_kinds import RelationReview
from cms.validity import (
    Termination,
    Validity,
    ValidityEvidence,
    annotate_validity,
    derive_validity,
    relation_start,
    terminating,
)

from .admin_forms import LegalDocumentPageForm, RecordCopyForm
from .portal_index import PortalIndexMixin
from .relations import DocumentRelation
from .text import NFCStreamField, NFCTextMixin, TransliteratedSlugMixin

# Fields a list of documents never shows: deferred so that sorting and counting stay light.
LIST_DEFERRED = ("body", "preamble", "recipients", "signer_title")
PUBLISHING_PANEL = "wagtail.admin.panels.PublishingPanel"


class LabelField(RelatedField):
    """A document type, body or sector in the API: its name in the visitor's language."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return label(value)


# The thank-you message is the fragment's target, so the browser shows it on arrival.
COMMENT_SENT_URL = "?sent=1#comment-sent"


def _query_without(querydict, name: str) -> str:
    query = querydict.copy()
    query.pop(name, None)
    return query.urlencode()


class HomePage(
    RecordPagesMixin, NFCTextMixin, TransliteratedSlugMixin, PortalIndexMixin, PublicURLMixin, Page
):
    copy_form_class = RecordCopyForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.DocumentIndexPage", "cms.ConsultationIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_documents"] = (
            LegalDocumentPage.objects.live()
            .public()
            .issued()
            .listed(timezone.localdate())
            .latest_first()[:6]
        )
        context["document_index"] = DocumentIndexPage.objects.live().child_of(self).first()
        return context

    def serve(self, request, *args, **kwargs):
        return serve_cached(request, lambda: super(HomePage, self).serve(request, *args, **kwargs))


class DocumentIndexPage(
    RecordPagesMixin, NFCTextMixin, TransliteratedSlugMixin, PortalIndexMixin, PublicURLMixin, Page
):
    copy_form_class = RecordCopyForm
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.LegalDocumentPage"]
    page_size = 20

    class Meta:
        verbose_name = _("danh mục văn bản")
        verbose_name_plural = _("danh mục văn bản")

    def documents(self):
        return LegalDocumentPage.objects.live().public().child_of(self)

    def get_context(self, request, *args, **kwargs):
        from cms.listing import DocumentFilterForm, facets, matching_ids, rows_of

        context = super().get_context(request, *args, **kwargs)
        form = DocumentFilterForm(request.GET)
        filters = form.cleaned_data if form.is_valid() else {}
        documents = self.documents()
        # The ids of every document, filtered and sorted in Python; only the page's 20 are then
        # read whole (with their validity) in one query.
        today = timezone.localdate()
        rows = rows_of(
            pages=self.get_children().live().public(),
            documents=LegalDocumentPage.objects.with_validity(today),
        )
        page = Paginator(matching_ids(rows, filters), self.page_size).get_page(filters.get("page"))
        shown = documents.listed(today).in_bulk(page.object_list)
        page.object_list = [shown[pk] for pk in page.object_list if pk in shown]
        context.update(
            documents=page,
            facets=facets(rows, filters),
            filters=filters,
            filter_error=None if form.is_valid() else form.error_message,
            query_without_page=_query_without(request.GET, "page"),
        )
        return context

    def serve(self, request, *args, **kwargs):
        def render():
            response = super(DocumentIndexPage, self).serve(request, *args, **kwargs)
            if response.context_data.get("filter_error"):
                response.status_code = 400
            return response

        return serve_cached(request, render)


class ConsultationIndexPage(
    RecordPagesMixin,
    NFCTextMixin,
    TransliteratedSlugMixin,
    RoutablePageMixin,
    PortalIndexMixin,
    PublicURLMixin,
    Page,
):
    """Drafts open for comment. A draft is not a live page: it is read here, from its latest
    revision, only while its workflow is in consultation."""

    copy_form_class = RecordCopyForm
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    # Comments per client address and hour, against floods of automated posts.
    comment_rate_limit = 5

    class Meta:
        verbose_name = _("trang lấy ý kiến dự thảo")
        verbose_name_plural = _("trang lấy ý kiến dự thảo")

    @path("")
    def index_route(self, request):
        consultations = process().open_consultations()
        return self.render(request, context_overrides={"consultations": consultations})

    @path("<int:page_id>/")
    def draft(self, request, page_id: int):
        consultation = process().open_consultation(page_id)
        if consultation is None:
            raise Http404
        draft = consultation.page.get_latest_revision_as_object()
        articles = list(draft.articles())
        form = PublicCommentForm(request.POST or None, articles=articles)
        status = 200
        if request.method == "POST":
            outcome = self._receive_comment(request, form, consultation)
            if isinstance(outcome, HttpResponse):
                return outcome
            status = outcome
        response = self.render(
            request,
            template="cms/consultation_draft.html",
            context_overrides={
                "consultation": consultation,
                "draft": draft,
                "articles": articles,
                "form": form,
                "sent": request.GET.get("sent") == "1",
            },
        )
        response.status_code = status
        return response

    def _receive_comment(self, request, form, consultation):
        if not form.is_valid():
            return 400
        if form.is_spam():
            # Look like success to the bot; store nothing.
            return HttpResponseRedirect(COMMENT_SENT_URL)
        # Only comments actually stored count: checked before, counted after.
        limit = RateLimit(scope="comment", limit=self.comment_rate_limit, window_seconds=3600)
        if not limit.allows(request):
            form.add_error(
                None, _("Bạn đã gửi quá nhiều góp ý trong một giờ. Vui lòng thử lại sau.")
            )
            return 429
        data = form.cleaned_data
        try:
            process().submit_comment(
                consultation=consultation,
                name=data["name"],
                organisation=data["organisation"],
                email=data["email"],
                article=data["article"],
                text=data["text"],
            )
        except CommentRefused as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return 400
        limit.count(request)
        return HttpResponseRedirect(COMMENT_SENT_URL)


class LegalDocumentQuerySet(PageQuerySet):
    def issued(self):
        return self.filter(issued_on__isnull=False)

    def with_metadata(self):
        return self.select_related("document_type", "issuing_body", "lead_agency").prefetch_related(
            "sectors"
        )

    def listed(self, today: datetime.date):
        """What a list of documents shows (``document_list.html``): the metadata and the validity
        in the same query, without the texts (a law's body is megabytes)."""
        return self.with_metadata().with_validity(today).defer(*LIST_DEFERRED)

    def latest_first(self):
        return self.order_by(models.F("issued_on").desc(nulls_last=True), "-pk")

    def with_validity(self, today: datetime.date):
        """Annotate ``validity_value`` in SQL (``cms.validity.annotate_validity``)."""
        return annotate_validity(self, on=today)

    def with_terminations(self):
        """Prefetch the relations ending each page, so ``validity`` and
        ``validity_terminations`` read them without a query per page."""
        relations = terminations(DocumentRelation.objects.all())
        return self.prefetch_related(
            models.Prefetch(
                "incoming_relations", queryset=relations, to_attr="prefetched_terminations"
            )
        )


def terminations(relations: models.QuerySet) -> models.QuerySet:
    """Those of ``relations`` that end their target (``terminating``), in order, with their
    source's number and whether it is published."""
    return (
        terminating(relations)
        .annotate(source_number=models.F("source__number"), source_live=models.F("source__live"))
        .order_by("ends_on", "pk")
    )


class LegalDocumentPage(
    RecordPagesMixin, NFCTextMixin, TransliteratedSlugMixin, PublicURLMixin, Page
):
    summary = models.TextField(
        _("trích yếu"),
        help_text=_("Ví dụ: Ban hành Quy chế phát ngôn và cung cấp thông tin cho báo chí."),
    )
    document_type = models.ForeignKey(
        "cms.DocumentType",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("loại văn bản"),
    )
    issuing_body = models.ForeignKey(
        "cms.IssuingBody",
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("cơ quan ban hành"),
    )
    lead_agency = models.ForeignKey(
        "cms.IssuingBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafted_documents",
        verbose_name=_("cơ quan chủ trì soạn thảo"),
    )
    sectors = ParentalManyToManyField(
        "cms.Sector", blank=True, related_name="documents", verbose_name=_("lĩnh vực")
    )
    planned_submission = models.DateField(
        _("tháng đăng ký trình"),
        null=True,
        blank=True,
        help_text=_("Tháng đăng ký trình UBND tỉnh; ngày được tính là ngày 01 của tháng."),
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    number_key = models.CharField(max_length=60, blank=True, editable=False, db_index=True)
    # Administrative numbers restart every year: a number is unique within its issue year.
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    # What shows the document is still in force (cms.validity): set at issue, never edited.
    validity_evidence = models.CharField(
        _("căn cứ còn hiệu lực"),
        max_length=10,
        choices=ValidityEvidence.choices,
        null=True,
        blank=True,
        default=ValidityEvidence.ISSUED,
        editable=False,
    )
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.TextField(
        _("chức vụ người ký"),
        blank=True,
        help_text=_("Mỗi dòng một chức danh, ví dụ: KT. CHỦ TỊCH (xuống dòng) PHÓ CHỦ TỊCH."),
    )
    preamble = models.TextField(
        _("căn cứ ban hành"), blank=True, help_text=_("Mỗi căn cứ trên một dòng.")
    )
    body = NFCStreamField(LegalBodyBlock(), verbose_name=_("nội dung"), blank=True)
    recipients = models.TextField(
        _("nơi nhận"), blank=True, help_text=_("Mỗi nơi nhận trên một dòng.")
    )

    objects = PageManager.from_queryset(LegalDocumentQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("document_type"), FieldPanel("issuing_body")]),
                FieldRowPanel(
                    [
                        FieldPanel("lead_agency"),
                        # Required when registering (LegalDocumentPageForm), drafts included.
                        FieldPanel("planned_submission", required_on_save=True),
                    ]
                ),
                FieldPanel("sectors"),
            ],
            heading=_("Phân loại"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldRowPanel(
                    [FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("expires_on")]
                ),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_title")]),
            ],
            heading=_("Ban hành"),
        ),
        FieldPanel("preamble"),
        FieldPanel("body"),
        FieldPanel("recipients"),
        InlinePanel("relations", heading=_("Văn bản liên quan"), label=_("quan hệ")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList([WorkflowPanel()], heading=_("Quy trình")),
            ObjectList(content_panels, heading=_("Nội dung")),
            ObjectList(Page.promote_panels, heading=_("Quảng bá")),
            # No PublishingPanel: a legal document goes live and comes down only through the
            # workflow, never on a schedule.
            ObjectList(
                [p for p in Page.settings_panels if getattr(p, "path", "") != PUBLISHING_PANEL],
                heading=_("Cài đặt"),
            ),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("number"),
        index.FilterField("document_type"),
        index.FilterField("issuing_body"),
        index.FilterField("issued_on"),
    ]
    api_fields = [
        APIField("number"),
        APIField("summary"),
        # Names as the portal and the search API show them (cms.labels: "Luật", not the
        # admin's "Luật (QPPL)"), and whether the type is legal normative beside them.
        APIField("document_type", serializer=LabelField()),
        APIField("normative", serializer=BooleanField(source="document_type.is_normative")),
        APIField("issuing_body", serializer=LabelField()),
        APIField("sectors", serializer=LabelField(many=True)),
        APIField("issued_on"),
        APIField("effective_on"),
        APIField("expires_on"),
        APIField("signer"),
        APIField("validity_status", serializer=CharField(source="validity", allow_null=True)),
        APIField("validity_terminations"),
    ]
    parent_page_types = ["cms.DocumentIndexPage"]
    subpage_types: list[str] = []

    base_form_class = LegalDocumentPageForm
    copy_form_class = RecordCopyForm
    exclude_fields_in_copy = [
        "number",
        "number_key",
        "number_year",
        "issued_on",
        "effective_on",
        "expires_on",
        "signer",
        "signer_title",
        "validity_evidence",
    ]
    # Set by the workflow (registration, postponement, issue), not by editing: restoring or
    # publishing an old revision must never bring an old value back.
    PROCESS_FIELDS = (
        "planned_submission",
        "number",
        "number_key",
        "number_year",
        "issued_on",
        "effective_on",
        "signer",
        "signer_title",
        "validity_evidence",
    )

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        # Newest first (the home page, the feed) read in order instead of sorting every
        # document (descending puts NULL last in SQLite, as asked), and what the index's
        # listing reads (cms.listing.rows_of), from the index alone.
        indexes = [
            models.Index(
                fields=[
                    "-issued_on",
                    "-page_ptr",
                    "effective_on",
                    "expires_on",
                    "validity_evidence",
                    "document_type",
                    "issuing_body",
                ],
                name="document_listing",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["number_key", "number_year"],
                condition=~models.Q(number_key=""),
                name="uniq_document_number_per_year",
                violation_error_message=_("Số, ký hiệu này đã được dùng trong năm ban hành."),
            )
        ]

    def save_revision(self, *args, **kwargs):
        revision = super().save_revision(*args, **kwargs)
        if not self.live and row_follows_drafts(self):
            # A draft is never served, so its row can follow its latest revision: listings,
            # the workflow and reports then see what the drafting team last saved. The process
            # fields are the workflow's: an editor's stale copy must not write them back.
            # Once the text is pinned (issue) the row holds the official text only.
            current = type(self).objects.filter(pk=self.pk).values(*self.PROCESS_FIELDS).first()
            for name, value in (current or {}).items():
                setattr(self, name, value)
            self.save(clean=False)
        return revision

    def copy(self, *args, **kwargs):
        # A copy starts a new document: a draft, without the original's number or issue data.
        kwargs["keep_live"] = False
        return super().copy(*args, **kwargs)

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for name in self.PROCESS_FIELDS:
            setattr(page, name, getattr(self, name))
        if self.pk:
            # Relations read from the texts belong to no revision: publishing one keeps them
            # (with their review) instead of deleting them as missing from its content.
            entered = [r for r in page.relations.all() if not r.extracted]
            page.relations = [
                *entered,
                *DocumentRelation.objects.filter(source_id=self.pk).exclude(source_sentence=""),
            ]
        return page

    def normalize_text_fields(self) -> None:
        super().normalize_text_fields()
        self.number = self.number.strip()
        self.number_key = make_number_key(self.number) if self.number else ""
        self.number_year = self.issued_on.year if self.issued_on else None
        if self.planned_submission is not None:
            self.planned_submission = self.planned_submission.replace(day=1)

    @property
    def display_title(self) -> str:
        """Type and number, as the national legal database shows them: "Quyết định 629/QĐ-UBND"."""
        return f"{self.document_type.name} {self.number}" if self.number else self.title

    @cached_property
    def validity(self) -> Validity | None:
        if hasattr(self, "validity_value"):  # annotated by with_validity(): no extra query
            return Validity(self.validity_value) if self.validity_value else None
        return self.validity_on(timezone.localdate())

    def _terminations(self) -> list:
        prefetched = getattr(self, "prefetched_terminations", None)
        if prefetched is not None:  # with_terminations()
            return prefetched
        return list(terminations(self.incoming_relations.all()))

    @property
    def validity_terminations(self) -> list[dict]:
        """The published documents ending this one and from which day (the API shows them)."""
        return [
            {
                "kind": end.kind,
                "partial": end.partial,
                "source_number": end.source_number,
                "source_article": end.source_article,
                "from": end.ends_on.isoformat() if end.ends_on else None,
            }
            for end in self._terminations()
            if end.source_live
        ]

    def validity_on(self, day: datetime.date) -> Validity | None:
        return derive_validity(
            issued_on=self.issued_on,
            effective_on=self.effective_on,
            expires_on=self.expires_on,
            validity_evidence=self.validity_evidence,
            terminations=[
                Termination(effective_on=end.ends_on, partial=end.partial)
                for end in self._terminations()
            ],
            on=day,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["signed_copy"] = process().signed_copy(self.pk)
        return context

    def serve(self, request, *args, **kwargs):
        return serve_cached(
            request, lambda: super(LegalDocumentPage, self).serve(request, *args, **kwargs)
        )

    def public_outgoing_relations(self):
        """Relations to live documents or to texts outside the system; drafts stay hidden."""
        return (
            self.relations.filter(models.Q(target__isnull=True) | models.Q(target__live=True))
            .exclude(review=RelationReview.REJECTED)
            .select_related("target__document_type")
            .order_by("sort_order", "pk")
        )

    def public_incoming_relations(self):
        """Live documents that point at this one (it is amended, replaced... by them), each
        with ``counts_from``: the day the relation takes effect (``cms.validity``'s day)."""
        return (
            DocumentRelation.objects.filter(target=self, source__live=True)
            .exclude(review=RelationReview.REJECTED)
            .annotate(counts_from=relation_start())
            .select_related("source__document_type")
            .order_by("source__issued_on", "pk")
        )

    def articles(self) -> Iterator[PlacedArticle]:
        """The articles of the body (attached texts included), with the chapter and section
        each sits in, its anchor and its citation."""
        return placed_articles(self.body)

    def body_parts(self) -> dict[str, list[Placed]]:
        """The body's blocks with their anchors: the main text's, and what follows its
        signature (attached texts, appendices)."""
        main, attached = main_and_attached(self.body)
        return {"main": main, "attached": attached}

    def outline(self) -> list[dict]:
        """The table of contents: the main text's articles, then each attached text with its
        articles and each appendix."""
        entries: list[dict] = []
        for item in placed_blocks(self.body):
            entry = {"kind": item.kind, "anchor": item.anchor, "value": item.value}
            if item.kind == "attachment":
                name = sentence_case(item.value.get("title"))
                entries.append({**entry, "name": name, "articles": []})
            elif item.kind == "appendix":
                entries.append({**entry, "articles": []})
            elif item.kind == "article" and item.attachment:
                entries[-1]["articles"].append(entry)
            elif item.kind == "article":
                entries.append(entry)
        return entries

    def preamble_lines(self) -> list[str]:
        return [line.strip() for line in self.preamble.splitlines() if line.strip()]

    def signer_title_lines(self) -> list[str]:
        return [line.strip() for line in self.signer_title.splitlines() if line.strip()]

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]
