"""The page tree's root is named in Vietnamese: roles granted rights on the whole tree see it in
the page explorer ("Đang xem: Root") and its sort links."""

from django.db import migrations

TITLE = "Tất cả các trang"


def rename_root(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(
        title=TITLE, draft_title=TITLE
    )


def restore_root(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=TITLE).update(
        title="Root", draft_title="Root"
    )


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_validity_evidence"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(rename_root, restore_root)]
