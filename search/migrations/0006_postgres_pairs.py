"""PostgreSQL: the pairs of consecutive words of each unit (``search_index_unit.pairs``), the
phrase index the SQLite backend has had since 0003, filled from the units already indexed so
that search works without a reindex. Nothing on other databases."""

from django.db import migrations


def add_pairs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends.postgres import add_pairs

    with schema_editor.connection.cursor() as cursor:
        add_pairs(cursor)


def drop_pairs(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE IF EXISTS search_index_unit DROP COLUMN IF EXISTS pairs", params=None
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0005_heading_keys")]

    operations = [migrations.RunPython(add_pairs, drop_pairs, elidable=False)]
