"""Pin the official text of documents issued before texts were pinned at issue.

A published document's live revision is what the portal shows: it becomes its official text.
An issued, unpublished one pins its latest revision (its row follows it). Documents without a
revision are pinned when they are next published (``official_text.publish_official_text``).
"""

from django.db import migrations

from cms.record import canonical_text, fingerprint


def pin_existing(apps, schema_editor):
    DocumentWorkflow = apps.get_model("workflow", "DocumentWorkflow")
    IssuedText = apps.get_model("workflow", "IssuedText")
    StateLog = apps.get_model("django_fsm_log", "StateLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow_type = ContentType.objects.filter(app_label="workflow", model="documentworkflow")
    imported = set(
        StateLog.objects.filter(
            content_type__in=workflow_type, transition="import_published"
        ).values_list("object_id", flat=True)
    )
    pending = DocumentWorkflow.objects.filter(
        state__in=["issued", "published"], issued_texts__isnull=True
    ).select_related("page", "page__document_type", "page__issuing_body")
    texts = []
    for workflow in pending.iterator(chunk_size=500):
        page = workflow.page
        revision_id = page.live_revision_id if workflow.state == "published" else None
        revision_id = revision_id or page.latest_revision_id
        if revision_id is None:
            continue
        texts.append(
            IssuedText(
                workflow=workflow,
                revision_id=revision_id,
                fingerprint=fingerprint(canonical_text(page)),
                kind="import" if workflow.pk in imported else "issue",
            )
        )
    IssuedText.objects.bulk_create(texts, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0004_official_record"),
        ("cms", "0002_number_per_year"),
        ("django_fsm_log", "0004_auto_20190131_0341"),
    ]

    operations = [migrations.RunPython(pin_existing, migrations.RunPython.noop)]
