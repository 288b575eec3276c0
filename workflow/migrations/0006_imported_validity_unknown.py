"""Documents the corpus import brought in have no evidence of being in force (docs/documents.md,
"Validity that is true"): their status becomes "Chưa xác định" until a date or a relation says
otherwise. They are those whose ``import_published`` step carries the importer's history note
("Nhập từ tệp a.jsonl, dòng 12."). Documents issued through the workflow, and those staff
recorded as issued through it (the demo's), keep the evidence "issued" cms 0006 gave them."""

from django.db import migrations

IMPORTER_NOTE = "Nhập từ tệp "  # documents.corpus.importer's note, as written then


def imported_unknown(apps, schema_editor):
    DocumentWorkflow = apps.get_model("workflow", "DocumentWorkflow")
    LegalDocumentPage = apps.get_model("cms", "LegalDocumentPage")
    StateLog = apps.get_model("django_fsm_log", "StateLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow_type = ContentType.objects.filter(app_label="workflow", model="documentworkflow")
    imported = StateLog.objects.filter(
        content_type__in=workflow_type,
        transition="import_published",
        description__startswith=IMPORTER_NOTE,
    ).values_list("object_id", flat=True)
    pages = DocumentWorkflow.objects.filter(pk__in=imported).values_list("page_id", flat=True)
    LegalDocumentPage.objects.filter(pk__in=pages).update(validity_evidence=None)


def imported_issued(apps, schema_editor):
    LegalDocumentPage = apps.get_model("cms", "LegalDocumentPage")
    LegalDocumentPage.objects.filter(validity_evidence__isnull=True).update(
        validity_evidence="issued"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0005_pin_existing_texts"),
        ("cms", "0006_validity_evidence"),
    ]

    operations = [migrations.RunPython(imported_unknown, imported_issued)]
