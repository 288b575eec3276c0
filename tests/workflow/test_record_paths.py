"""Every write path Wagtail offers, against every workflow state: it goes through the workflow
or is refused, for every role and the superuser alike.

The first tests enumerate Wagtail's page views, bulk actions, page actions and management
commands and fail on any that is not classified here, so a Wagtail upgrade that adds a path
fails this suite until someone decides what the path may do to the record.
"""

import contextlib
import datetime
import io
import os
import pkgutil
from dataclasses import dataclass

import pytest
import wagtail.actions
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command, get_commands
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_fsm_log.models import StateLog
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page, PageViewRestriction, Revision

from cms.models import DocumentIndexPage, LegalDocumentPage
from cms.record import canonical_text
from tests import factories
from workflow.dossier import DossierKind
from workflow.models import DeletedDocument, DocumentWorkflow
from workflow.record_rules import ADDRESS_FIXED, DELETABLE, EDITABLE, workflow_writes
from workflow.roles import Role
from workflow.states import State

from .conftest import editor_form_data, workflow_of

pytestmark = pytest.mark.django_db

# -- the inventory -----------------------------------------------------------------------------

# Page views that write, each exercised below against every state.
WRITE_VIEWS = {
    "add": "creates a new planned document (test_a_new_document_starts_planned_and_offline)",
    "edit": "edit_save, edit_publish, edit_schedule",
    "revisions_revert": "revert",
    "delete": "delete",
    "unpublish": "unpublish",
    "move": "move",
    "move_confirm": "move",
    "set_page_position": "reorder (order among siblings, no URL change)",
    "copy": "copy",
    "convert_alias": "convert_alias",
    "set_privacy": "privacy",
    "lock": "lock",
    "unlock": "unlock",
    "revisions_unschedule": "unschedule",
    "workflow_action": "Wagtail workflows are off (WAGTAIL_WORKFLOW_ENABLED = False)",
    "collect_workflow_action_data": "Wagtail workflows are off",
    "confirm_workflow_cancellation": "Wagtail workflows are off",
}
# Page views that only read (previews render drafts to editors, never to the public).
READ_VIEWS = {
    "preview_on_add",
    "preview_on_edit",
    "view_draft",
    "type_use",
    "type_use_results",
    "choose_parent",
    "usage",
    "add_subpage",
    "search",
    "search_results",
    "workflow_preview",
    "revisions_index",
    "revisions_view",
    "revisions_compare",
    "workflow_history",
    "workflow_history_detail",
    "history",
    "history_results",
}
BULK_ACTIONS = {"delete", "move", "publish", "unpublish"}
# wagtail.actions modules: how each is reached, and where it is covered.
PAGE_ACTIONS = {
    "base": "base classes",
    "convert_alias": "convert_alias view (no document is ever an alias)",
    "copy_for_translation": "not reachable: WAGTAIL_I18N_ENABLED is False",
    "copy_page": "copy view (copy)",
    "create": "API v3 only (not mounted: test_api_paths)",
    "create_alias": "copy view's alias option (copy), alias_of net (create_alias)",
    "create_page": "API v3 only (not mounted)",
    "delete": "generic (snippets)",
    "delete_page": "delete view, bulk delete, Page.delete() (delete, bulk_delete, code_delete)",
    "edit": "API v3 only (not mounted)",
    "edit_page": "API v3 only (not mounted)",
    "move_page": "move views, bulk move, move_pages (move, bulk_move, move_pages)",
    "publish_page_revision": "edit publish, bulk publish, scheduled (edit_publish, ...)",
    "publish_revision": "generic (snippets)",
    "registry": "action registry",
    "revert_to_page_revision": "revert view (revert)",
    "revert_to_revision": "generic (snippets)",
    "unpublish": "generic (snippets)",
    "unpublish_page": "unpublish view, bulk unpublish, Page.unpublish() (unpublish, ...)",
}
# Wagtail's management commands: the ones that may write pages are exercised here.
WAGTAIL_COMMANDS = {
    "publish_scheduled": "overridden by workflow (scheduled)",
    "publish_scheduled_pages": "overridden by workflow (alias of publish_scheduled)",
    "move_pages": "Page.move() under the nets (move_pages)",
    "fixtree": "tree repair (paths, numchild), not content",
    "set_url_paths": "recomputes url_path from slugs; a published document's slug cannot change",
    "purge_revisions": "pinned revisions are protected (test_pinned_revisions_survive_a_purge)",
    "create_log_entries_from_revisions": "log entries only",
    "rebuild_references_index": "reference index only",
    "show_references_index": "read only",
    "update_index": "search index only",
    "wagtail_update_index": "search index only",
    "purge_embeds": "embeds cache only",
    "import_redirects": "redirects only; a redirect acts on 404s, never shadows a live page",
    "wagtail_update_image_renditions": "image renditions only",
    "convert_mariadb_uuids": "schema conversion for MariaDB",
    "api_tokens": "API v3 tokens; API v3 is not mounted",
    "enable_fuzzystrmatch": "PostgreSQL extension",
    "enable_trigram": "PostgreSQL extension",
    "enable_unaccent": "PostgreSQL extension",
}


def _page_view_names() -> set[str]:
    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and namespace == "wagtailadmin_pages":
                yield entry.name

    return set(walk(get_resolver().url_patterns))


def test_every_wagtail_page_view_is_classified():
    unknown = _page_view_names() - set(WRITE_VIEWS) - READ_VIEWS
    assert not unknown, f"New Wagtail page views: classify them here and test them: {unknown}"


def test_every_page_bulk_action_is_classified():
    actions = {
        a.action_type
        for a in bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
    }
    assert actions == BULK_ACTIONS


def test_every_wagtail_page_action_is_classified():
    modules = {m.name for m in pkgutil.iter_modules(wagtail.actions.__path__)}
    assert modules == set(PAGE_ACTIONS), modules ^ set(PAGE_ACTIONS)


def test_every_wagtail_management_command_is_classified():
    commands = {name for name, app in get_commands().items() if app.startswith("wagtail")}
    commands |= {"publish_scheduled", "publish_scheduled_pages"}  # ours now
    assert commands == set(WAGTAIL_COMMANDS), commands ^ set(WAGTAIL_COMMANDS)


def test_wagtail_workflows_stay_off(settings):
    assert settings.WAGTAIL_WORKFLOW_ENABLED is False


# -- documents in every state ------------------------------------------------------------------

ALL_STATES = list(State)


@pytest.fixture
def archive(index):
    return index.get_parent().add_child(instance=DocumentIndexPage(title="Lưu trữ", slug="luu-tru"))


@pytest.fixture
def in_state(make_draft, walk, attach):
    """A document in ``state``, with a dossier file and a revision history."""

    def make(state: State) -> LegalDocumentPage:
        normative = state in (State.APPRAISAL, State.APPRAISED)
        page = make_draft(normative=normative)
        page.save_revision()
        walk(page, state)
        if state == State.PLANNED:
            attach(page, DossierKind.DRAFT)
        return LegalDocumentPage.objects.get(pk=page.pk)

    return make


@dataclass(frozen=True)
class Snapshot:
    exists: bool
    state: str | None
    live: bool
    live_revision_id: int | None
    latest_revision_id: int | None
    text: str
    parent_id: int | None
    url_path: str
    pinned: tuple
    dossier: int
    logs: int
    restrictions: int
    go_live_at: object
    expire_at: object


def snapshot(page_id: int) -> Snapshot:
    page = LegalDocumentPage.objects.filter(pk=page_id).first()
    workflow = DocumentWorkflow.objects.filter(page_id=page_id).first()
    if page is None:
        return Snapshot(False, None, False, None, None, "", None, "", (), 0, 0, 0, None, None)
    return Snapshot(
        exists=True,
        state=workflow.state,
        live=page.live,
        live_revision_id=page.live_revision_id,
        latest_revision_id=page.latest_revision_id,
        text=canonical_text(page),
        parent_id=page.get_parent().pk,
        url_path=page.url_path,
        pinned=tuple(workflow.issued_texts.values_list("revision_id", "fingerprint")),
        dossier=workflow.dossier_files.count(),
        logs=workflow.state_logs().count(),
        restrictions=PageViewRestriction.objects.filter(page_id=page_id).count(),
        go_live_at=page.go_live_at,
        expire_at=page.expire_at,
    )


# -- the paths ---------------------------------------------------------------------------------
# Each takes (client, page, archive) and acts; the matrix then compares snapshots.


def edit_save(client, page, archive):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(url, editor_form_data(page, summary="Trích yếu sửa lén"))


def edit_publish(client, page, archive):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(url, {**editor_form_data(page, summary="Sửa và đăng"), "action-publish": "1"})


def edit_schedule(client, page, archive):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    later = (timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    data = editor_form_data(page, go_live_at=later, expire_at=later)
    client.post(url, {**data, "action-schedule": "1"})


def revert(client, page, archive):
    first = Revision.objects.filter(object_id=str(page.pk)).order_by("pk").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    client.post(url, editor_form_data(page, summary="Khôi phục bản cũ"))


def delete(client, page, archive):
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def unpublish(client, page, archive):
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))


def move(client, page, archive):
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, archive.pk]))


def copy(client, page, archive):
    client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": "Bản sao",
            "new_slug": f"ban-sao-{page.pk}",
            "new_parent_page": page.get_parent().pk,
            "alias": "on",
            "publish_copies": "on",
            "copy_subpages": "on",
        },
    )


def convert_alias(client, page, archive):
    client.post(reverse("wagtailadmin_pages:convert_alias", args=[page.pk]))


def privacy(client, page, archive):
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction": "password", "password": "bi-mat-123"},
    )


def lock(client, page, archive):
    client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    client.post(reverse("wagtailadmin_pages:unlock", args=[page.pk]))


def unschedule(client, page, archive):
    revision = page.get_latest_revision()
    if revision:
        client.post(reverse("wagtailadmin_pages:revisions_unschedule", args=[page.pk, revision.pk]))


def _bulk(client, action: str, page, **data):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    client.post(f"{url}?id={page.pk}", data)


def bulk_delete(client, page, archive):
    _bulk(client, "delete", page)


def bulk_publish(client, page, archive):
    _bulk(client, "publish", page, include_descendants="on")


def bulk_unpublish(client, page, archive):
    _bulk(client, "unpublish", page, include_descendants="on")


def bulk_move(client, page, archive):
    _bulk(client, "move", page, chooser=archive.pk)


def _stray_revision(page, **changes) -> Revision:
    """A later revision written around the workflow (a script), leaving the page row alone."""
    content = {**LegalDocumentPage.objects.get(pk=page.pk).serializable_data(), **changes}
    with workflow_writes():
        return Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=content,
            object_str=page.title,
        )


def scheduled(client, page, archive):
    """Schedules written around the ORM (an old backup), then Wagtail's scheduled job."""
    past = timezone.now() - datetime.timedelta(minutes=5)
    Page.objects.filter(pk=page.pk).update(expire_at=past)
    revision = _stray_revision(page, summary="Bản hẹn giờ")
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past)
    call_command("publish_scheduled", stdout=io.StringIO(), stderr=io.StringIO())
    Revision.objects.filter(pk=revision.pk).delete()


def code_delete(client, page, archive):
    _expect_refusal(lambda: Page.objects.get(pk=page.pk).delete())


def code_unpublish(client, page, archive):
    _expect_refusal(lambda: Page.objects.get(pk=page.pk).unpublish())


def code_publish(client, page, archive):
    revision = _stray_revision(page, summary="Bản chưa ban hành")
    _expect_refusal(revision.publish)
    Revision.objects.filter(pk=revision.pk).delete()


def move_pages(client, page, archive):
    _expect_refusal(lambda: call_command("move_pages", page.get_parent().pk, archive.pk))


def create_alias(client, page, archive):
    _expect_refusal(
        lambda: Page.objects.get(pk=page.pk).specific.create_alias(
            parent=archive, update_slug=f"bi-danh-{page.pk}"
        )
    )


def _expect_refusal(action):
    """Code paths: refused with PermissionDenied, or before that by the database's own rules (a
    validation error; a pinned revision is protected: ProtectedError); the snapshot tells
    whether anything changed. The savepoint keeps the test's transaction usable, as autocommit
    would in production."""
    refusals = (PermissionDenied, ValidationError, ProtectedError)
    with contextlib.suppress(*refusals), transaction.atomic():
        action()


PATHS = {
    "edit_save": (edit_save, "edit"),
    "edit_publish": (edit_publish, "never"),
    "edit_schedule": (edit_schedule, "never"),
    "revert": (revert, "edit"),
    "delete": (delete, "delete"),
    "bulk_delete": (bulk_delete, "delete"),
    "code_delete": (code_delete, "delete"),
    "unpublish": (unpublish, "never"),
    "bulk_unpublish": (bulk_unpublish, "never"),
    "code_unpublish": (code_unpublish, "never"),
    "bulk_publish": (bulk_publish, "never"),
    "code_publish": (code_publish, "never"),
    "scheduled": (scheduled, "never"),
    "move": (move, "move"),
    "bulk_move": (bulk_move, "move"),
    "move_pages": (move_pages, "move"),
    "copy": (copy, "copy"),
    "create_alias": (create_alias, "never"),
    "convert_alias": (convert_alias, "never"),
    "privacy": (privacy, "never"),
    "lock": (lock, "harmless"),
    "unschedule": (unschedule, "never"),
}


def allowed(rule: str, state: State) -> bool:
    return {
        "edit": state in EDITABLE,
        "delete": state in DELETABLE,
        "move": state not in ADDRESS_FIXED,
        "copy": False,  # the original never changes; the copy is checked separately
        "never": False,
        "harmless": False,
    }[rule]


def assert_effect(path: str, state: State, before: Snapshot, after: Snapshot, archive):
    rule = PATHS[path][1]
    if not allowed(rule, state):
        assert after == before, f"{path} changed a document in state {state}"
        return
    if rule == "edit":
        assert after.latest_revision_id != before.latest_revision_id
        assert (after.state, after.live, after.live_revision_id) == (
            before.state,
            before.live,
            before.live_revision_id,
        )
    elif rule == "delete":
        assert not after.exists
    elif rule == "move":
        assert after.parent_id == archive.pk
        assert (after.state, after.live, after.text) == (before.state, before.live, before.text)


@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("state", ALL_STATES)
def test_every_path_in_every_state_goes_through_the_workflow_or_is_refused(
    path, state, in_state, archive, superuser, client
):
    page = in_state(state)
    before = snapshot(page.pk)
    client.force_login(superuser)
    pages_before = set(LegalDocumentPage.objects.values_list("pk", flat=True))

    PATHS[path][0](client, page, archive)

    assert_effect(path, state, before, snapshot(page.pk), archive)
    # Whatever else the path created is an unpublished, planned draft and no alias.
    for new in LegalDocumentPage.objects.exclude(pk__in=pages_before):
        assert not new.live and new.alias_of_id is None, path
        assert workflow_of(new).state == State.PLANNED
        assert not new.number and new.issued_on is None


# -- deletion leaves a record ------------------------------------------------------------------


@pytest.mark.parametrize("state", [State.PLANNED, State.WITHDRAWN])
def test_a_deleted_document_leaves_a_tombstone_and_no_files(
    state, in_state, attach, superuser, client, django_capture_on_commit_callbacks
):
    page = in_state(state)
    [dossier_file] = attach(page, DossierKind.DRAFT_MEMO)
    path = dossier_file.file.path
    workflow_id = workflow_of(page).pk
    logs = StateLog.objects.filter(object_id=workflow_id).count()
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert response.status_code == 302
    assert not LegalDocumentPage.objects.filter(pk=page.pk).exists()
    tombstone = DeletedDocument.objects.get(workflow_id=workflow_id)
    assert tombstone.page_id == page.pk and tombstone.title == page.title
    assert tombstone.state == state and tombstone.deleted_by == superuser
    assert {f["kind"] for f in tombstone.dossier_files} >= {"draft_memo"}
    # The audit trail survives, with the deletion as its last entry.
    entries = StateLog.objects.filter(object_id=workflow_id).order_by("pk")
    assert entries.count() == logs + 1 and entries.last().transition == "delete"
    assert not os.path.exists(path)
    audit = client.get(reverse("audit_log:index")).content.decode()
    assert f"{page.title} (đã xóa)" in audit


def test_a_refused_deletion_keeps_the_files(in_state, superuser, client):
    page = in_state(State.PUBLISHED)
    dossier_file = workflow_of(page).dossier_files.first()
    client.force_login(superuser)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    assert response.url == reverse("workflow:document", args=[page.pk])
    assert os.path.exists(dossier_file.file.path)


def test_a_container_with_documents_in_the_process_is_not_deleted(
    in_state, index, superuser, client
):
    page = in_state(State.SUBMITTED)
    client.force_login(superuser)
    client.post(reverse("wagtailadmin_pages:delete", args=[index.pk]))
    assert LegalDocumentPage.objects.filter(pk=page.pk).exists()
    home = index.get_parent()
    client.post(reverse("wagtailadmin_pages:delete", args=[home.pk]))
    assert LegalDocumentPage.objects.filter(pk=page.pk).exists()


def test_a_container_with_issued_documents_does_not_move(
    in_state, index, archive, superuser, client
):
    page = in_state(State.PUBLISHED)
    before = snapshot(page.pk)
    client.force_login(superuser)
    subfolder = archive.add_child(instance=DocumentIndexPage(title="Con", slug="con"))
    subfolder.refresh_from_db()
    # Index pages only live under the home page: try moving it under the archive anyway.
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[index.pk, archive.pk]))
    assert snapshot(page.pk) == before


# -- every role --------------------------------------------------------------------------------

ROLE_CASES = [
    (path, state)
    for path in ("edit_save", "delete", "unpublish", "move", "bulk_unpublish", "bulk_delete")
    for state in (State.APPRAISAL, State.SUBMITTED, State.PUBLISHED)
    if not allowed(PATHS[path][1], state)
]


@pytest.mark.parametrize(("path", "state"), ROLE_CASES)
def test_every_role_is_held_to_the_record(path, state, in_state, archive, users, client):
    page = in_state(state)
    for role in Role:
        before = snapshot(page.pk)
        client.force_login(users[role])
        PATHS[path][0](client, page, archive)
        assert snapshot(page.pk) == before, (path, role)


def test_a_new_document_starts_planned_and_offline(index, drafter, client):
    client.force_login(drafter)
    url = reverse("wagtailadmin_pages:add", args=["cms", "legaldocumentpage", index.pk])
    data = editor_form_data(
        LegalDocumentPage(
            title="Mới",
            slug="moi",
            summary="Mới",
            document_type=factories.document_type(),
            issuing_body=factories.issuing_body(),
        ),
        planned_submission="2027-01-01",
    )
    client.post(url, {**data, "action-publish": "1"})
    assert not LegalDocumentPage.objects.filter(slug="moi", live=True).exists()


def test_pinned_revisions_survive_a_purge(in_state):
    page = in_state(State.PUBLISHED)
    pinned = workflow_of(page).current_text.revision_id
    call_command("purge_revisions", days=0, stdout=io.StringIO())
    assert Revision.objects.filter(pk=pinned).exists()


# -- the APIs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [State.ISSUED, State.PUBLISHED])
def test_api_paths(state, in_state, client, superuser):
    page = in_state(state)
    before = snapshot(page.pk)
    client.force_login(superuser)
    url = f"/api/v2/van-ban/{page.pk}/"
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code in (403, 404, 405), method
    for url in (f"/api/v3/pages/{page.pk}/", f"/api/v3/pages/{page.pk}/unpublish/"):
        assert client.post(url).status_code == 404  # Wagtail's write API is not mounted
    assert snapshot(page.pk) == before
