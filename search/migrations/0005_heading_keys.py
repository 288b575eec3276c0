"""Titles and article headings as whole queries (``search_index_heading``, Elasticsearch's
``heading_keys``): every live document is queued in the outbox for an upsert, which writes its
heading keys once applied (``manage.py search_sync`` or the worker). The embedded backends
create the table themselves; an Elasticsearch index needs ``search_reindex`` for the new
field's mapping (docs/search.md)."""

from django.db import migrations

from search.migration_helpers import queue_live_upserts


def queue_live_documents(apps, schema_editor):
    queue_live_upserts(apps)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_validity_evidence")]

    operations = [
        migrations.RunPython(queue_live_documents, migrations.RunPython.noop, elidable=False)
    ]
