"""The demo deployment's identity (Cao Bằng) on every existing site, and the capital as the
place of the central bodies already in the reference data."""

from django.db import migrations

from cms.demo.content import IDENTITY
from cms.models.snippets import central_body_place


def fill(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    DeploymentIdentity = apps.get_model("cms", "DeploymentIdentity")
    IssuingBody = apps.get_model("cms", "IssuingBody")
    for site in Site.objects.all():
        DeploymentIdentity.objects.get_or_create(site=site, defaults=IDENTITY)
    for body in IssuingBody.objects.filter(place=""):
        place = central_body_place(body.name)
        if place:
            IssuingBody.objects.filter(pk=body.pk).update(place=place)


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_deployment_identity")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
