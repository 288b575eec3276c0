"""What more than one of the search app's migrations does (with the migration's model states)."""


def queue_live_upserts(apps) -> None:
    """Queue every live legal document in the outbox for an upsert: once applied, the index
    holds what the current code writes for it."""
    LegalDocumentPage = apps.get_model("cms", "LegalDocumentPage")
    IndexChange = apps.get_model("search", "IndexChange")
    live = LegalDocumentPage.objects.filter(live=True).values_list("pk", flat=True)
    IndexChange.objects.bulk_create(
        (IndexChange(page_id=pk, action="upsert") for pk in live.iterator()), batch_size=1000
    )
