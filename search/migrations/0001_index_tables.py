"""The embedded search index's own tables (SQLite FTS5 or PostgreSQL full text).

They are written only through raw SQL by the backend (search/backends/sqlite.py, postgres.py),
which also creates them again if missing; other databases get nothing.
"""

from django.db import migrations


def create_tables(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from search.backends.sqlite import SCHEMA
    elif vendor == "postgresql":
        from search.backends.postgres import SCHEMA
    else:
        return
    for statement in SCHEMA:
        schema_editor.execute(statement, params=None)


def drop_tables(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from search.backends.sqlite import TABLES
    elif vendor == "postgresql":
        from search.backends.postgres import TABLES
    else:
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}", params=None)


class Migration(migrations.Migration):
    initial = True

    dependencies: list = []

    operations = [migrations.RunPython(create_tables, drop_tables, elidable=False)]
