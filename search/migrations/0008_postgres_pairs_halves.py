"""PostgreSQL: the pairs' text index in two halves (by page id), which a rebuild builds at
once on two connections, in place of the one index of migration 0006. Nothing on other
databases."""

from django.db import migrations


def halve_pairs_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends.postgres import create_schema

    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('search_index_unit')")
        if cursor.fetchone()[0] is not None:
            create_schema(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postgres_words_table")]

    # Not reversible in place: an older release rebuilds its index (search_reindex).
    operations = [
        migrations.RunPython(halve_pairs_index, migrations.RunPython.noop, elidable=False)
    ]
