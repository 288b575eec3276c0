"""Publishing many imported documents at once (the corpus import): ``import_issued`` in bulk.

Each new document ends exactly as ``official_text.import_issued`` leaves it: a live page with
one revision, published (``wagtail.create`` and ``wagtail.publish`` log entries, Wagtail's
``page_published`` signal for the apps that follow publications), its workflow taken through
the ``import_published`` step (the state machine's own transition, hence its ``StateLog`` with
the history note) and that revision pinned as its official text with its fingerprint.

What costs ~40 queries per page one at a time is done in a few statements per batch: the page
rows (the base and the document table) are inserted together at tree positions computed here
(``path``, ``depth``, ``url_path``; the parent's ``numchild`` once), then the revisions, the
workflows, the pinned texts and the log entries, each in bulk. The per-save nets
(``workflow.signals``) are not run, since this is the workflow's own write; what they would
check of a new page is: a unique slug among its siblings and an unused number (the database
refuses both), and the lengths of its fields (checked here, as ``full_clean`` would).

Runs in the caller's transaction: a batch is all or nothing.
"""

import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, published

from cms.models import LegalDocumentPage, Sector
from cms.record import canonical_text, fingerprint

from .models import DocumentWorkflow, IssuedText, IssuedTextKind
from .official_text import imported_evidence
from .record_rules import workflow_writes


@dataclass(frozen=True)
class NewDocument:
    """A document issued elsewhere: its unsaved page (content and issue data), its sectors and
    the history note of its ``import_published`` step."""

    page: LegalDocumentPage
    sectors: tuple[Sector, ...]
    note: str
    in_force_per_source: bool = False


def publish_new_documents(*, parent: Page, documents: list[NewDocument]) -> list[IssuedText]:
    """Create the documents as children of ``parent``, issued and published; their pinned
    texts, in order. ``ValidationError`` (nothing written) when a field is too long."""
    if not documents:
        return []
    pages = [document.page for document in documents]
    for document in documents:
        page = document.page
        page.normalize_text_fields()  # NFC, the number's key and year, as a save does
        page.validity_evidence = imported_evidence(in_force_per_source=document.in_force_per_source)
        _check_lengths(page)
        # A new page has no child rows: said in memory, so its revision need not ask.
        for relation in get_all_child_relations(page):
            getattr(page, relation.get_accessor_name()).set([])
        page.sectors.set(document.sectors)
    now = timezone.now()
    with workflow_writes():
        _insert_pages(parent, pages, now)
        _insert_sectors(documents)
        revisions = _insert_revisions(pages, now)
        workflows = _import_published(documents)
        texts = IssuedText.objects.bulk_create(
            IssuedText(
                workflow=workflow,
                revision=revision,
                fingerprint=fingerprint(canonical_text(page)),
                kind=IssuedTextKind.IMPORT,
                recorded_at=now,
            )
            for page, workflow, revision in zip(pages, workflows, revisions, strict=True)
        )
        _log(pages, revisions, now)
        for page, revision in zip(pages, revisions, strict=True):
            # What Wagtail's publish action announces: the search outbox, the portal cache.
            published.send(sender=LegalDocumentPage, instance=page, revision=revision)
            page_published.send(sender=LegalDocumentPage, instance=page, revision=revision)
    return texts


def _check_lengths(page: LegalDocumentPage) -> None:
    for field in page._meta.concrete_fields:
        limit = getattr(field, "max_length", None)
        value = getattr(page, field.attname)
        if limit and isinstance(value, str) and len(value) > limit:
            raise ValidationError(
                _("%(field)s: tối đa %(limit)d ký tự (đang có %(length)d).")
                % {"field": field.verbose_name, "limit": limit, "length": len(value)}
            )


def _insert(model, objs, fields, returning: bool = False) -> None:
    """Rows of ``model``'s own table for ``objs`` (a multi-table child's parent row is inserted
    by the parent model: ``bulk_create`` refuses multi-table inheritance). With ``returning``
    the new primary keys are set on the objects."""
    manager = model._base_manager
    fields = [f for f in fields if not (f.primary_key and f.auto_created)] if returning else fields
    bulk = connection.features.can_return_rows_from_bulk_insert or not returning
    size = (connection.ops.bulk_batch_size(fields, objs) or len(objs)) if bulk else 1
    for start in range(0, len(objs), size):
        chunk = objs[start : start + size]
        rows = manager._insert(
            chunk,
            fields=fields,
            returning_fields=model._meta.db_returning_fields if returning else None,
        )
        if returning:
            for obj, row in zip(chunk, rows, strict=True):
                obj.pk = row[0]


def _insert_pages(parent: Page, pages: list[LegalDocumentPage], now) -> None:
    # The parent's row locked: two imports under one parent take turns (no path twice).
    Page.objects.select_for_update().filter(pk=parent.pk).values_list("pk").get()
    depth = parent.depth + 1
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=depth)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    for offset, page in enumerate(pages, start=1):
        page.path = Page._get_path(parent.path, depth, step + offset)
        page.depth, page.numchild = depth, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.translation_key = page.translation_key or uuid.uuid4()
        page.draft_title = page.title
        page.live, page.has_unpublished_changes, page.expired = True, False, False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now
    _insert(Page, pages, Page._meta.local_concrete_fields, returning=True)
    for page in pages:
        page.page_ptr_id = page.pk
        page._state.adding = False
    _insert(LegalDocumentPage, pages, LegalDocumentPage._meta.local_concrete_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)


def _insert_sectors(documents: list[NewDocument]) -> None:
    through = LegalDocumentPage.sectors.through
    through.objects.bulk_create(
        through(legaldocumentpage_id=document.page.pk, sector_id=sector.pk)
        for document in documents
        for sector in document.sectors
    )


def _insert_revisions(pages: list[LegalDocumentPage], now) -> list[Revision]:
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            base_content_type=base_type,
            object_id=str(page.pk),
            content=page.serializable_data(),
            object_str=str(page),
            created_at=now,
        )
        for page in pages
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    # One statement run per page (``bulk_update``'s CASE over the batch costs more).
    quote, meta = connection.ops.quote_name, Page._meta
    latest, live = (
        quote(meta.get_field(name).column) for name in ("latest_revision", "live_revision")
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(meta.db_table)} SET {latest} = %s, {live} = %s "
            f"WHERE {quote(meta.pk.column)} = %s",
            [(page.latest_revision_id, page.live_revision_id, page.pk) for page in pages],
        )
    return revisions


def _import_published(documents: list[NewDocument]) -> list[DocumentWorkflow]:
    """Each document's workflow, taken from planned through ``import_published`` (the step's
    own ``StateLog`` is written by the state machine's log, as one at a time)."""
    workflows = DocumentWorkflow.objects.bulk_create(
        DocumentWorkflow(page_id=document.page.pk) for document in documents
    )
    for workflow, document in zip(workflows, documents, strict=True):
        workflow.import_published(by=None, description=document.note)
    DocumentWorkflow.objects.filter(pk__in=[w.pk for w in workflows]).update(
        state=workflows[0].state
    )
    return workflows


def _log(pages: list[LegalDocumentPage], revisions: list[Revision], now) -> None:
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        for action, logged in (("wagtail.create", None), ("wagtail.publish", revision)):
            entries.append(
                PageLogEntry(
                    content_type=content_type,
                    label=str(page),
                    action=action,
                    timestamp=now,
                    data={},
                    content_changed=True,
                    page_id=page.pk,
                    revision=logged,
                )
            )
    PageLogEntry.objects.bulk_create(entries)
