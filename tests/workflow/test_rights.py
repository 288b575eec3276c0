"""Rights outside the state machine's steps: one table of (role, state, right) -> allowed,
checked against the policy (``workflow.rights``), against what the services and screens do when
the action is attempted, and against what the workflow page and the dashboard offer.

The table is written out here, independently of ``workflow.rights``. Each test takes one state
(the document is built once per state) and checks every row of that state, listing the rows
that disagree.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from cms.page_rights import PageAction
from tests.workflow.conftest import docx_upload
from workflow import official_text, rights, services, signed_copies
from workflow.dashboard import home_panels, pending_postponements
from workflow.dossier import DossierKind
from workflow.errors import WorkflowError
from workflow.models import Comment, DocumentWorkflow, PostponementRequest
from workflow.models.consultation import ResponseKind, SourceKind
from workflow.public import open_consultation, submit_public_comment
from workflow.record_rules import refusal
from workflow.roles import Role
from workflow.states import State

pytestmark = pytest.mark.django_db

SUPERUSER = "superuser"
OUTSIDER = None  # a user without a workflow role
ROLES = [*Role, SUPERUSER, OUTSIDER]
EVERYONE = frozenset(ROLES)  # the portal's visitors too

DRAFTING_BODY = frozenset({Role.DRAFTING_TEAM, Role.LEADERSHIP})
EVERY_STATE = frozenset(State)
BEFORE_SUBMISSION = frozenset(
    {State.PLANNED, State.DRAFTING, State.CONSULTATION, State.APPRAISAL, State.APPRAISED}
)
# The text is the drafting body's (and the portal editor's page permission) until someone
# outside the drafting body holds it.
TEXT_EDITABLE = frozenset({State.PLANNED, State.DRAFTING, State.CONSULTATION, State.APPRAISED})

# right: (roles allowed, states in which they are allowed)
TABLE: dict[str, tuple[frozenset, frozenset]] = {
    "see_workflow": (frozenset(Role), EVERY_STATE),
    "upload_draft": (DRAFTING_BODY, EVERY_STATE),
    "upload_appraisal_report": (frozenset({Role.APPRAISER, Role.LEADERSHIP}), EVERY_STATE),
    "upload_signed_copy": (
        frozenset({Role.COMMITTEE_OFFICE, Role.PORTAL_EDITOR, Role.LEADERSHIP}),
        EVERY_STATE,
    ),
    "edit_text": (DRAFTING_BODY | {Role.PORTAL_EDITOR}, TEXT_EDITABLE),
    "import_docx": (DRAFTING_BODY, frozenset({State.PLANNED, State.DRAFTING})),
    "comment_on_draft": (EVERYONE, frozenset({State.CONSULTATION})),
    "record_comment": (DRAFTING_BODY, frozenset({State.CONSULTATION})),
    "respond_to_comments": (DRAFTING_BODY, EVERY_STATE),
    "request_postponement": (DRAFTING_BODY, BEFORE_SUBMISSION),
    "decide_postponement": (frozenset({Role.LEADERSHIP}), EVERY_STATE),
    "correct": (frozenset({Role.COMMITTEE_OFFICE}), frozenset({State.ISSUED, State.PUBLISHED})),
    "allow_unverified_original": (frozenset({Role.LEADERSHIP}), frozenset({State.ISSUED})),
}


def expected(role, state: State, right: str) -> bool:
    roles, states = TABLE[right]
    if state not in states:
        return False
    return role in roles or role == SUPERUSER


ROWS = [(role, state, right) for state in State for role in ROLES for right in TABLE]


def rows_of(state: State):
    return [(role, right) for role, row_state, right in ROWS if row_state == state]


def row_id(role, state, right) -> str:
    return f"{getattr(role, 'value', role) or 'outsider'} / {state} / {right}"


# -- the policy ----------------------------------------------------------------------------------

UPLOADS = {
    "upload_draft": DossierKind.DRAFT,
    "upload_appraisal_report": DossierKind.APPRAISAL_REPORT,
    "upload_signed_copy": DossierKind.SIGNED_COPY,
}


def decide(right: str, user, workflow) -> rights.Decision:
    if right in UPLOADS:
        return rights.upload_dossier(user, workflow, UPLOADS[right])
    return getattr(rights, right)(user, workflow)


# -- the document and the people -----------------------------------------------------------------


@dataclass
class Case:
    workflow: DocumentWorkflow
    people: dict  # role (or SUPERUSER, OUTSIDER) -> user

    def fresh(self) -> DocumentWorkflow:
        return DocumentWorkflow.objects.with_page().get(pk=self.workflow.pk)


@pytest.fixture
def case(request, users, make_user, superuser, normative_draft, walk) -> Case:
    """The normative draft walked to the test's state, and one user per row role."""
    workflow = walk(normative_draft, request.param)
    return Case(workflow, {**users, SUPERUSER: superuser, OUTSIDER: make_user()})


def a_comment(workflow) -> Comment:
    return Comment.objects.create(
        workflow=workflow,
        source_kind=SourceKind.AGENCY,
        author="Sở Nội vụ",
        text="Đề nghị làm rõ phạm vi điều chỉnh.",
    )


def a_pending_postponement(workflow, user) -> PostponementRequest:
    return PostponementRequest.objects.create(
        workflow=workflow,
        reason="Chờ ý kiến của Bộ.",
        previous_planned=datetime.date(2026, 10, 1),
        new_planned=datetime.date(2027, 1, 1),
        requested_by=user,
    )


def by_state(test):
    return pytest.mark.parametrize("case", list(State), indirect=True, ids=lambda s: s.value)(test)


def assert_no_mismatch(mismatches: list[str]) -> None:
    assert not mismatches, "rows that disagree with the table:\n" + "\n".join(mismatches)


@by_state
def test_the_policy_follows_the_table(case):
    mismatches = []
    for role, right in rows_of(case.workflow.state):
        decision = decide(right, case.people[role], case.fresh())
        want = expected(role, case.workflow.state, right)
        if decision.allowed != want or (not decision.allowed and not decision.reason):
            mismatches.append(f"{row_id(role, case.workflow.state, right)}: {decision}")
    assert_no_mismatch(mismatches)


# -- the services and screens that act -----------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    done: bool
    shown: str | None = None  # what the user is told on a refusal (None: a bare refusal)


class _Undo(Exception):
    """Rolls back an attempt that went through, so every row starts from the same document."""


def attempt(action: Callable[[], Outcome | None]) -> Outcome:
    """Run one action in a savepoint that is always rolled back."""
    try:
        with transaction.atomic():
            outcome = action()
            if outcome is not None and not outcome.done:
                return outcome
            raise _Undo
    except _Undo:
        return Outcome(True)
    except WorkflowError as exc:
        return Outcome(False, " ".join(exc.messages))
    except PermissionDenied as exc:
        return Outcome(False, str(exc))


def _screen(user, method: str, url: str, document_url: str, data=None) -> Outcome:
    """A request to an admin screen: done when it answers 200; a refusal tells its reason on
    the form (400) or on the document's workflow page it sends the user back to. Other
    refusals (a bare 403, Wagtail's own for users outside the admin) tell no reason of ours."""
    client = Client()
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 200:
        return Outcome(True)
    told = [str(message) for message in get_messages(response.wsgi_request)]
    if response.status_code == 400:
        told.append(response.content.decode())
    elif response.status_code != 302 or response.url != document_url:
        return Outcome(False)
    return Outcome(False, " ".join(told))


def _upload(kind: DossierKind):
    def act(case: Case, user, client) -> None:
        services.attach_dossier_file(
            workflow=case.fresh(), user=user, kind=kind, upload=docx_upload()
        )

    return act


def _document_url(case: Case) -> str:
    return reverse("workflow:document", args=[case.workflow.page_id])


def _see(case: Case, user, client) -> Outcome:
    return _screen(user, "get", _document_url(case), _document_url(case))


def _edit_text(case: Case, user, client) -> Outcome:
    url = reverse("wagtailadmin_pages:edit", args=[case.workflow.page_id])
    outcome = _screen(user, "get", url, _document_url(case))
    # Wagtail refuses a role without the page permission in its own words; the record's
    # refusals must be explained (workflow.middleware): "" contains no reason.
    if outcome.shown is None and refusal(case.fresh().page, PageAction.EDIT) is not None:
        return Outcome(False, "")
    return outcome


def _import_docx(case: Case, user, client) -> Outcome:
    url = reverse("documents_import:upload", args=[case.workflow.pk])
    return _screen(user, "post", url, _document_url(case), {"file": docx_upload()})


def _comment_on_draft(case: Case, user, client) -> None:
    # The portal's form: nobody signs in to comment.
    consultation = open_consultation(case.workflow.page_id)
    if consultation is None:
        services.record_comment(
            workflow=case.fresh(), source_kind=SourceKind.PORTAL, author="A", text="B"
        )
    else:
        submit_public_comment(
            consultation=consultation, name="A", organisation="", email="", article="", text="B"
        )


def _record_comment(case: Case, user, client) -> None:
    services.record_comment(
        workflow=case.fresh(),
        user=user,
        source_kind=SourceKind.MEETING,
        author="Hội nghị",
        text="Góp ý tại hội nghị.",
    )


def _respond(case: Case, user, client) -> None:
    services.respond_to_comment(
        comment_id=a_comment(case.workflow).pk,
        user=user,
        kind=ResponseKind.ACCEPTED,
        text="Tiếp thu.",
    )


def _request_postponement(case: Case, user, client) -> None:
    services.request_postponement(
        workflow=case.fresh(),
        user=user,
        reason="Chờ ý kiến.",
        new_planned=datetime.date(2027, 1, 1),
    )


def _decide_postponement(case: Case, user, client) -> None:
    request = a_pending_postponement(case.workflow, case.people[Role.DRAFTING_TEAM])
    services.decide_postponement(request_id=request.pk, user=user, approve=False)


def _correct(case: Case, user, client) -> None:
    official_text.open_correction(workflow_id=case.workflow.pk, user=user, reason="Sai chính tả.")


def a_word_signed_copy(case: Case) -> None:
    """A signed copy that never verifies (a Word file), filed by the committee office."""
    services.attach_dossier_file(
        workflow=case.fresh(),
        user=case.people[Role.COMMITTEE_OFFICE],
        kind=DossierKind.SIGNED_COPY,
        upload=docx_upload(),
    )


def _allow_unverified(case: Case, user, client) -> None:
    a_word_signed_copy(case)
    signed_copies.allow_publication(workflow_id=case.workflow.pk, user=user, reason="Bản giấy.")


ACTIONS = {
    "see_workflow": _see,
    **{right: _upload(kind) for right, kind in UPLOADS.items()},
    "edit_text": _edit_text,
    "import_docx": _import_docx,
    "comment_on_draft": _comment_on_draft,
    "record_comment": _record_comment,
    "respond_to_comments": _respond,
    "request_postponement": _request_postponement,
    "decide_postponement": _decide_postponement,
    "correct": _correct,
    "allow_unverified_original": _allow_unverified,
}


@by_state
def test_services_do_what_the_table_allows_and_refuse_with_its_reason(case, client):
    assert set(ACTIONS) == set(TABLE)
    mismatches = []
    for role, right in rows_of(case.workflow.state):
        user = case.people[role]
        outcome = attempt(partial(ACTIONS[right], case, user, client))
        want = expected(role, case.workflow.state, right)
        reason = decide(right, user, case.fresh()).reason
        told = outcome.shown is None or reason in outcome.shown
        if outcome.done != want or (not outcome.done and not told):
            mismatches.append(f"{row_id(role, case.workflow.state, right)}: {outcome}")
    assert_no_mismatch(mismatches)


# -- what the screens offer ----------------------------------------------------------------------


def offered(case: Case, user) -> list[tuple[str, str, bool]]:
    """(right, where, offered) for ``user``: the workflow page with its panel (a link or
    button), the screen behind it (its form shown, not sent back), the upload form's choices,
    the dashboard and the portal."""
    workflow = case.workflow
    client = Client()
    client.force_login(user)

    def opens(url: str) -> bool:
        return client.get(url).status_code == 200

    page = client.get(reverse("workflow:document", args=[workflow.page_id]))
    html = page.content.decode() if page.status_code == 200 else ""
    upload_form = client.get(reverse("workflow:upload", args=[workflow.pk]))
    kinds = (
        {value for value, _label in upload_form.context["form"].fields["kind"].choices}
        if upload_form.status_code == 200
        else set()
    )
    request = RequestFactory().get("/admin/")
    request.user = user
    comment = workflow.comments.get()
    postponement = workflow.postponements.get()
    screens = {
        "edit_text": reverse("wagtailadmin_pages:edit", args=[workflow.page_id]),
        "import_docx": reverse("documents_import:upload", args=[workflow.pk]),
        "record_comment": reverse("workflow:comment_add", args=[workflow.pk]),
        "respond_to_comments": reverse("workflow:comment_respond", args=[workflow.pk, comment.pk]),
        "request_postponement": reverse("workflow:postponement_add", args=[workflow.pk]),
        "decide_postponement": reverse(
            "workflow:postponement_decide", args=[workflow.pk, postponement.pk]
        ),
        "correct": reverse("workflow:correction_open", args=[workflow.pk]),
        "allow_unverified_original": reverse(
            "workflow:allow_unverified_original", args=[workflow.pk]
        ),
    }
    return [
        ("see_workflow", "workflow page", page.status_code == 200),
        ("see_workflow", "dashboard panels", bool(home_panels(request))),
        *((right, "upload form", kind.value in kinds) for right, kind in UPLOADS.items()),
        *((right, "workflow page", url in html) for right, url in screens.items()),
        *((right, "screen", opens(url)) for right, url in screens.items()),
        ("decide_postponement", "dashboard", postponement in pending_postponements(user)),
        # The portal lists the drafts open for comment, each with its form.
        ("comment_on_draft", "portal", open_consultation(workflow.page_id) is not None),
    ]


@by_state
def test_screens_and_dashboard_offer_what_the_table_allows(case):
    a_comment(case.workflow)
    a_pending_postponement(case.workflow, case.people[Role.DRAFTING_TEAM])
    a_word_signed_copy(case)  # the leadership's permission is offered while it blocks
    state = case.workflow.state
    mismatches = []
    for role in ROLES:
        shown = offered(case, case.people[role])
        assert {right for right, _where, _present in shown} == set(TABLE)
        for right, where, present in shown:
            if present != expected(role, state, right):
                mismatches.append(f"{row_id(role, state, right)}: {where} offers={present}")
    assert_no_mismatch(mismatches)


def test_the_import_screen_is_not_offered_outside_the_importable_states(
    normative_draft, walk, drafter, client
):
    workflow = walk(normative_draft, State.CONSULTATION)
    client.force_login(drafter)
    response = client.get(reverse("documents_import:upload", args=[workflow.pk]))
    assert response.status_code == 302


def test_the_table_covers_every_right_of_the_policy():
    """A right added to ``workflow.rights`` needs its rows here (uploads: one per provider)."""
    policy = {
        name
        for name, value in vars(rights).items()
        if callable(value)
        and getattr(value, "__module__", "") == rights.__name__
        and not name.startswith("_")
        and name[0].islower()
    }
    helpers = {"dossier_providers", "uploadable_kinds"}
    covered = {name for name in TABLE if name not in UPLOADS} | {"upload_dossier"}
    assert policy - helpers == covered
