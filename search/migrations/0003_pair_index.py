"""SQLite: the pairs-of-words index of phrases (``search_index_pair``), filled from the units
already indexed, so that phrase search works without a reindex. Nothing on other databases."""

from django.db import migrations

BATCH = 5000


def add_pairs(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from search.backends.sqlite import SCHEMA, pairs_text

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_index_pair' "
            "UNION ALL SELECT 2 FROM sqlite_master WHERE name = 'search_index_unit_content'"
        )
        present = {row[0] for row in cursor.fetchall()}
        for statement in SCHEMA:
            if "search_index_pair" in statement:
                cursor.execute(statement)
        if 1 in present or 2 not in present:
            return  # made by the backend already, or no index yet
        last = -1
        while True:
            cursor.execute(
                "SELECT id, c0 FROM search_index_unit_content WHERE id > %s ORDER BY id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            last = rows[-1][0]
            cursor.executemany(
                "INSERT INTO search_index_pair (rowid, body) VALUES (%s, %s)",
                [(rowid, pairs_text(body)) for rowid, body in rows],
            )


def drop_pairs(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_index_pair", params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_outbox")]

    operations = [migrations.RunPython(add_pairs, drop_pairs, elidable=False)]
