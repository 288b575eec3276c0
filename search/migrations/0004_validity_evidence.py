"""The indexed documents gain ``validity_evidence`` (cms.validity's rule reads it).

The embedded index's table gets the column, filled from the pages as cms 0006 left them; every
live document is then queued in the outbox for an upsert, so that once it is applied
(``manage.py search_sync`` or the worker) the index holds each page's evidence as the later
migrations set it (workflow 0006: imported documents have none) and an Elasticsearch index holds
the new field. Not depending on workflow 0006 keeps the order of the other apps' migrations."""

from django.db import migrations

from search.migration_helpers import queue_live_upserts

TABLE = "search_index_document"


def add_evidence(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            if TABLE in connection.introspection.table_names(cursor):
                columns = {
                    c.name for c in connection.introspection.get_table_description(cursor, TABLE)
                }
                if "validity_evidence" not in columns:
                    cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN validity_evidence TEXT")
                    cursor.execute(
                        f"UPDATE {TABLE} SET validity_evidence = (SELECT validity_evidence "
                        "FROM cms_legaldocumentpage "
                        f"WHERE cms_legaldocumentpage.page_ptr_id = {TABLE}.page_id)"
                    )
    queue_live_upserts(apps)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_pair_index"), ("cms", "0006_validity_evidence")]

    operations = [migrations.RunPython(add_evidence, migrations.RunPython.noop, elidable=False)]
