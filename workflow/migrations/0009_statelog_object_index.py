"""An index on the audit rows of one object (django-fsm-log's StateLog, not ours to change).

StateLog has single-column indexes on ``content_type`` and ``object_id``. Every row of this
project has the same content type, yet without table statistics SQLite picks that index for
"the rows of workflow N" and scans the whole log for each document: the dashboard's overdue
query took seconds with the shared corpus loaded. With both columns in one index the planner
uses it (two equality terms beat one), on SQLite and PostgreSQL alike.
"""

from django.db import migrations

INDEX = "workflow_statelog_object_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0008_audit_entry_proxy"),
        ("django_fsm_log", "0005_description_null"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON django_fsm_log_statelog (object_id, content_type_id, transition)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
