from django.db import migrations

from workflow.roles import sync_role_groups


def forwards(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
        ("wagtailcore", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("cms", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
