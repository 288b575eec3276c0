"""The embedded index's documents gain ``validity_evidence`` (cms.validity's rule reads it),
filled from the pages, so that validity is right without a reindex. Elasticsearch indexes need
a rebuild (``manage.py search_reindex``) to map and hold the new field."""

from django.db import migrations

TABLE = "search_index_document"


def add_evidence(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return  # the backend creates it with the column
        columns = {c.name for c in connection.introspection.get_table_description(cursor, TABLE)}
        if "validity_evidence" in columns:
            return
        cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN validity_evidence TEXT")
        cursor.execute(
            f"UPDATE {TABLE} SET validity_evidence = (SELECT validity_evidence FROM "
            f"cms_legaldocumentpage WHERE cms_legaldocumentpage.page_ptr_id = {TABLE}.page_id)"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_pair_index"), ("workflow", "0006_imported_validity_unknown")]

    operations = [migrations.RunPython(add_evidence, migrations.RunPython.noop, elidable=False)]
