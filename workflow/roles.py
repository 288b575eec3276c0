"""The five roles of the drafting process (DESIGN §1) as Django groups, and what each may do.

Groups are synced by a data migration, so every database (dev, CI, production) has them with
exactly these permissions. Transition rights come from role membership (workflow issue);
here each role gets only the Wagtail and model permissions its screens need.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DRAFTING_TEAM = "drafting_team", _("Tổ soạn thảo")
    LEADERSHIP = "leadership", _("Lãnh đạo Sở")
    APPRAISER = "appraiser", _("Thẩm định viên (Sở Tư pháp)")
    COMMITTEE_OFFICE = "committee_office", _("Văn phòng UBND tỉnh")
    PORTAL_EDITOR = "portal_editor", _("Biên tập viên cổng thông tin")


# Group names are stored in Vietnamese, the language every admin screen shows first.
GROUP_NAMES = {
    Role.DRAFTING_TEAM: "Tổ soạn thảo",
    Role.LEADERSHIP: "Lãnh đạo Sở",
    Role.APPRAISER: "Thẩm định viên (Sở Tư pháp)",
    Role.COMMITTEE_OFFICE: "Văn phòng UBND tỉnh",
    Role.PORTAL_EDITOR: "Biên tập viên cổng thông tin",
}

ACCESS_ADMIN = "wagtailadmin.access_admin"
REFERENCE_MODELS = ("documenttype", "issuingbody", "sector")
VIEW_REFERENCE_DATA = tuple(f"cms.view_{model}" for model in REFERENCE_MODELS)
MANAGE_REFERENCE_DATA = tuple(
    f"cms.{action}_{model}" for model in REFERENCE_MODELS for action in ("add", "change", "delete")
)


WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


@dataclass(frozen=True)
class RoleSpec:
    model_permissions: tuple[str, ...]
    # Wagtail page permission types granted on the root page (the whole tree).
    page_permissions: tuple[str, ...] = ()


ROLE_SPECS = {
    # Writes drafts: creates and edits document pages, never publishes them.
    Role.DRAFTING_TEAM: RoleSpec(
        model_permissions=(ACCESS_ADMIN, *VIEW_REFERENCE_DATA),
        page_permissions=("add", "change", "lock"),
    ),
    # Reviews drafts and approves outgoing steps; may correct a draft before approving it.
    Role.LEADERSHIP: RoleSpec(
        model_permissions=(ACCESS_ADMIN, *VIEW_REFERENCE_DATA),
        page_permissions=("change",),
    ),
    # Records the appraisal through workflow screens; does not edit the draft itself.
    Role.APPRAISER: RoleSpec(model_permissions=(ACCESS_ADMIN, *VIEW_REFERENCE_DATA)),
    # Issues numbers and dates through the issue transition; does not edit the draft.
    Role.COMMITTEE_OFFICE: RoleSpec(model_permissions=(ACCESS_ADMIN, *VIEW_REFERENCE_DATA)),
    # Runs the portal: publishes issued documents and keeps the reference lists.
    Role.PORTAL_EDITOR: RoleSpec(
        model_permissions=(ACCESS_ADMIN, *VIEW_REFERENCE_DATA, *MANAGE_REFERENCE_DATA),
        page_permissions=("add", "change", "publish", "lock", "unlock"),
    ),
}


def sync_role_groups(apps) -> None:
    """Create or update the role groups so they hold exactly ROLE_SPECS' permissions.

    Takes the migration ``apps`` registry; permissions are created first because Django only
    creates them after all migrations have run.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    # Wagtail's default groups would grant publishing outside the drafting roles.
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.filter(depth=1).first()

    for role, spec in ROLE_SPECS.items():
        group, _created = Group.objects.get_or_create(name=GROUP_NAMES[role])
        perms = []
        for dotted in spec.model_permissions:
            app_label, codename = dotted.split(".")
            perms.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(perms)

        GroupPagePermission.objects.filter(group=group).delete()
        if root is not None:
            for kind in spec.page_permissions:
                GroupPagePermission.objects.create(
                    group=group,
                    page=root,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=f"{kind}_page"
                    ),
                )
