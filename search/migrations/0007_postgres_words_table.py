"""PostgreSQL: each document's words in a narrow table of their own (``search_index_words``),
moved from ``search_index_document``: matching common words visits fewer pages. Nothing on
other databases."""

from django.db import migrations


def split_words(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends.postgres import split_words

    with schema_editor.connection.cursor() as cursor:
        split_words(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_postgres_pairs")]

    # Not reversible in place: an older release rebuilds its index (search_reindex).
    operations = [migrations.RunPython(split_words, migrations.RunPython.noop, elidable=False)]
