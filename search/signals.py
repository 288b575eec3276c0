"""Write index changes to the outbox when what the public index shows changes.

All receivers run inside the transaction of the change (Wagtail sends ``page_published`` and
``page_unpublished`` from its atomic publish/unpublish actions, Django sends ``post_delete`` in
the delete's transaction), so an outbox row exists exactly when the change committed.

- publishing a legal document (first publication, an edit published, ``import_published``):
  upsert it, and the documents it replaces or repeals (their validity depends on it);
- unpublishing it (the workflow's "unpublish" step, Wagtail's unpublish, a delete): delete it,
  and upsert the documents it replaces or repeals;
- deleting it: delete;
- a workflow step that leaves "published" or withdraws the document: delete (a no-op for a
  document that was never indexed, a safety net for one that was);
- moving a page or changing its slug: upsert the live documents at or below it (their URLs changed);
- renaming a document type, issuing body or sector: upsert the live documents that show it;
- relations written or reviewed outside a publication (``cms.models.relations_changed``: the
  relations read from the texts, their review): upsert the live documents they end.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_fsm.signals import post_transition
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.models import DocumentRelation, DocumentType, IssuingBody, LegalDocumentPage, Sector
from cms.models.relations import relations_changed
from cms.validity import TERMINATING_KINDS
from workflow.models import DocumentWorkflow
from workflow.states import State

from . import outbox


def _terminated_by(page_id: int) -> list[int]:
    """Live documents that ``page_id`` replaces or repeals."""
    return list(
        DocumentRelation.objects.filter(
            source_id=page_id, kind__in=TERMINATING_KINDS, target__live=True
        ).values_list("target_id", flat=True)
    )


@receiver(page_published)
def document_published(sender, instance, **kwargs):
    if isinstance(instance, LegalDocumentPage):
        outbox.record_upserts([instance.pk, *_terminated_by(instance.pk)])


@receiver(page_unpublished)
def document_unpublished(sender, instance, **kwargs):
    if isinstance(instance, LegalDocumentPage):
        outbox.record_deletes([instance.pk])
        outbox.record_upserts(_terminated_by(instance.pk))


@receiver(post_delete, sender=LegalDocumentPage)
def document_deleted(sender, instance, **kwargs):
    outbox.record_deletes([instance.pk])


@receiver(post_transition, sender=DocumentWorkflow)
def workflow_left_published(sender, instance, name, source, target, **kwargs):
    if target == State.WITHDRAWN or (source == State.PUBLISHED and target != State.PUBLISHED):
        outbox.record_deletes([instance.page_id])


@receiver(relations_changed)
def relations_written(sender, target_ids, **kwargs):
    live = LegalDocumentPage.objects.live().filter(pk__in=list(target_ids))
    outbox.record_upserts(live.values_list("pk", flat=True))


@receiver(post_page_move)
@receiver(page_slug_changed)
def urls_changed(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if url_path_before is not None and url_path_before == url_path_after:
        return  # reordered among its siblings: no URL changed
    moved = LegalDocumentPage.objects.live().descendant_of(instance, inclusive=True)
    outbox.record_upserts(moved.values_list("pk", flat=True))


_LABELLED = {
    DocumentType: "document_type",
    IssuingBody: "issuing_body",
    Sector: "sectors",
}


def _remember_name(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    instance._search_old_name = (
        sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    )


def _reindex_if_renamed(sender, instance, created, raw=False, **kwargs):
    old = getattr(instance, "_search_old_name", None)
    if raw or created or old is None or old == instance.name:
        return
    documents = LegalDocumentPage.objects.live().filter(**{_LABELLED[sender]: instance})
    outbox.record_upserts(documents.values_list("pk", flat=True).distinct())


for _model in _LABELLED:
    pre_save.connect(_remember_name, sender=_model, dispatch_uid=f"search_old_{_model.__name__}")
    post_save.connect(
        _reindex_if_renamed, sender=_model, dispatch_uid=f"search_renamed_{_model.__name__}"
    )
