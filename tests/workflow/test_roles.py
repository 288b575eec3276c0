import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests import factories
from workflow.roles import GROUP_NAMES, ROLE_SPECS, Role

pytestmark = pytest.mark.django_db


def user_with(role: Role):
    user = get_user_model().objects.create_user(username=role.value, password="x")
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user


def test_the_migration_creates_exactly_the_five_roles():
    names = set(Group.objects.values_list("name", flat=True))
    assert names == set(GROUP_NAMES.values())


def test_each_group_holds_exactly_its_model_permissions():
    for role, spec in ROLE_SPECS.items():
        group = Group.objects.get(name=GROUP_NAMES[role])
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(spec.model_permissions), role


def test_page_permissions_by_role():
    _home, index = factories.site_tree()
    draft = factories.legal_document(index, slug="draft", live=False)

    def perms(role):
        return draft.permissions_for_user(user_with(role))

    drafting = perms(Role.DRAFTING_TEAM)
    assert drafting.can_edit() and not drafting.can_publish()
    assert index.permissions_for_user(drafting.user).can_add_subpage()

    leadership = perms(Role.LEADERSHIP)
    assert leadership.can_edit() and not leadership.can_publish()
    assert not index.permissions_for_user(leadership.user).can_add_subpage()

    for role in (Role.APPRAISER, Role.COMMITTEE_OFFICE):
        p = perms(role)
        assert not p.can_edit() and not p.can_publish() and not p.can_delete()

    # Publishing is a workflow step ("Đăng tải"): Wagtail's own publish is nobody's.
    editor = perms(Role.PORTAL_EDITOR)
    assert editor.can_edit() and not editor.can_publish()


def test_only_portal_editors_manage_reference_lists():
    for role in Role:
        user = user_with(role)
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm("cms.view_documenttype")
        assert user.has_perm("cms.add_documenttype") == (role == Role.PORTAL_EDITOR)
        assert not user.has_perm("auth.change_user")


def test_nobody_deletes_or_unpublishes_an_issued_document_outside_the_workflow():
    _home, index = factories.site_tree()
    issued = factories.legal_document(index, slug="issued", number="1/QĐ-UBND")
    admin = get_user_model().objects.create_superuser("root", "root@example.vn", "x")
    for user in [*(user_with(role) for role in Role), admin]:
        p = issued.permissions_for_user(user)
        assert not p.can_delete(), user
        assert not p.can_unpublish(), user
        assert not p.can_edit(), user
