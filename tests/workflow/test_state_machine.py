"""The drafting state machine through ``services.perform_transition`` (DESIGN §4).

The expected tables below are written from the design, not read from the code, so a change to
the machine shows up here as a failing row.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cms.models import LegalDocumentPage
from workflow import services
from workflow.dossier import DossierKind
from workflow.errors import WorkflowError
from workflow.models import (
    Comment,
    ConsultationRound,
    DocumentWorkflow,
    DossierFile,
    NumberSequence,
    SourceKind,
)
from workflow.roles import Role
from workflow.rules import check_effective_date
from workflow.services import IssueData
from workflow.states import BEFORE_ISSUE, State
from workflow.transitions import all_transitions

from .conftest import docx_upload, role_of, workflow_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)

# state -> {transition: target}: every step the design allows from each state.
ALLOWED = {
    State.PLANNED: {
        "start_drafting": State.DRAFTING,
        "withdraw": State.WITHDRAWN,
        "import_published": State.PUBLISHED,
    },
    State.DRAFTING: {
        "open_consultation": State.CONSULTATION,
        "send_for_appraisal": State.APPRAISAL,
        "submit": State.SUBMITTED,
        "withdraw": State.WITHDRAWN,
    },
    State.CONSULTATION: {"close_consultation": State.DRAFTING, "withdraw": State.WITHDRAWN},
    State.APPRAISAL: {
        "return_for_revision": State.DRAFTING,
        "complete_appraisal": State.APPRAISED,
        "withdraw": State.WITHDRAWN,
    },
    State.APPRAISED: {"submit": State.SUBMITTED, "withdraw": State.WITHDRAWN},
    State.SUBMITTED: {
        "return_to_drafting": State.DRAFTING,
        "issue": State.ISSUED,
        "withdraw": State.WITHDRAWN,
    },
    State.ISSUED: {"publish": State.PUBLISHED},
    State.PUBLISHED: {"unpublish": State.ISSUED},
    State.WITHDRAWN: {},
}
# transition -> the roles that may take it (superusers hold every role).
ROLES = {
    "start_drafting": {Role.DRAFTING_TEAM},
    "open_consultation": {Role.LEADERSHIP},
    "close_consultation": {Role.DRAFTING_TEAM},
    "send_for_appraisal": {Role.LEADERSHIP},
    "return_for_revision": {Role.APPRAISER},
    "complete_appraisal": {Role.APPRAISER},
    "submit": {Role.LEADERSHIP},
    "return_to_drafting": {Role.COMMITTEE_OFFICE},
    "issue": {Role.COMMITTEE_OFFICE},
    "publish": {Role.PORTAL_EDITOR},
    "unpublish": {Role.PORTAL_EDITOR},
    "withdraw": {Role.LEADERSHIP},
    "import_published": {Role.PORTAL_EDITOR},
}
LABELS = {
    "start_drafting": "Bắt đầu soạn thảo",
    "open_consultation": "Lấy ý kiến dự thảo",
    "close_consultation": "Kết thúc lấy ý kiến",
    "send_for_appraisal": "Gửi Sở Tư pháp thẩm định",
    "return_for_revision": "Trả lại: chưa đủ điều kiện trình",
    "complete_appraisal": "Hoàn thành thẩm định: đủ điều kiện trình",
    "submit": "Trình UBND tỉnh",
    "return_to_drafting": "Trả lại cơ quan soạn thảo",
    "issue": "Ban hành",
    "publish": "Đăng tải lên cổng thông tin",
    "unpublish": "Gỡ khỏi cổng thông tin",
    "withdraw": "Rút khỏi chương trình",
    "import_published": "Nhập văn bản đã ban hành",
}
STATE_LABELS = {
    State.PLANNED: "Đã đăng ký",
    State.DRAFTING: "Đang soạn thảo",
    State.CONSULTATION: "Đang lấy ý kiến",
    State.APPRAISAL: "Đang thẩm định",
    State.APPRAISED: "Đã thẩm định",
    State.SUBMITTED: "Đã trình UBND tỉnh",
    State.ISSUED: "Đã ban hành",
    State.PUBLISHED: "Đã đăng tải",
    State.WITHDRAWN: "Đã rút khỏi chương trình",
}
REASON_MESSAGE = "Vui lòng ghi rõ lý do."


def wrong_state_message(name: str, state: State) -> str:
    return f"Không thể “{LABELS[name]}” khi văn bản đang ở trạng thái “{STATE_LABELS[state]}”."


def role_message(name: str) -> str:
    return f"Vai trò của bạn không được thực hiện bước “{LABELS[name]}”."


def logs(workflow) -> list[tuple]:
    """The steps taken (leadership allowing an unverified signed copy is left out)."""
    return list(
        workflow_of(workflow)
        .state_logs()
        .exclude(transition="allow_unverified_original")
        .values_list("source_state", "state", "transition")
    )


def import_data() -> dict:
    return {
        "issue": IssueData(
            number="629/QĐ-UBND",
            issued_on=datetime.date(2015, 5, 25),
            effective_on=datetime.date(2015, 5, 25),
            signer="Hoàng Xuân Ánh",
            signer_title="CHỦ TỊCH",
        )
    }


@pytest.fixture
def ready(make_draft, walk, step, prepare):
    """A document in ``state`` on which ``name`` can be taken (its guards pass)."""

    def ready(state: State, name: str, *, normative: bool | None = None):
        if normative is None:
            # Administrative: submitted from drafting; imported with a "629/QĐ-UBND" number.
            normative = (state, name) not in ADMINISTRATIVE_ONLY
        page = make_draft(normative=normative)
        if state == State.DRAFTING and name == "send_for_appraisal":
            workflow = step(walk(page, State.CONSULTATION), "close_consultation")
        else:
            workflow = walk(page, state)
        return prepare(workflow, name)

    return ready


def test_the_machine_has_exactly_the_designed_transitions():
    declared: dict = {}
    for t in DocumentWorkflow().get_all_state_transitions():
        declared.setdefault(t.source, {})[t.name] = t.target
    assert declared == {state: steps for state, steps in ALLOWED.items() if steps}
    assert {name: str(t.custom["label"]) for name, t in all_transitions().items()} == LABELS


# -- every transition from every state ---------------------------------------------------------

ADMINISTRATIVE_ONLY = {(State.DRAFTING, "submit"), (State.PLANNED, "import_published")}
ALLOWED_STEPS = [
    (state, name, normative)
    for state, steps in ALLOWED.items()
    for name in steps
    for normative in ((False,) if (state, name) in ADMINISTRATIVE_ONLY else (True,))
] + [
    (State.DRAFTING, "open_consultation", False),  # administrative drafts may be consulted too
    (State.SUBMITTED, "issue", False),
]


@pytest.mark.parametrize(("state", "name", "normative"), ALLOWED_STEPS)
def test_each_allowed_step_succeeds(state, name, normative, ready, step, superuser):
    workflow = ready(state, name, normative=normative)
    before = logs(workflow)
    data = import_data() if name == "import_published" else {}

    after = step(workflow, name, note="Ghi chú kiểm thử.", **data)

    assert after.state == ALLOWED[state][name]
    assert logs(after) == [*before, (state, ALLOWED[state][name], name)]


@pytest.mark.parametrize("state", list(State))
def test_every_other_step_is_refused_with_the_state_in_the_message(
    state, make_draft, walk, superuser
):
    workflow = walk(make_draft(normative=True), state)
    before = logs(workflow)
    refused = sorted(set(LABELS) - set(ALLOWED[state]))
    assert refused  # every state refuses something

    for name in refused:
        with pytest.raises(WorkflowError) as error:
            services.perform_transition(
                workflow_id=workflow.pk,
                name=name,
                user=superuser,
                note="Lý do.",
                **(import_data() if name in ("issue", "import_published") else {}),
            )
        assert error.value.messages == [wrong_state_message(name, state)], name

    assert workflow_of(workflow).state == state
    assert logs(workflow) == before


def test_an_unknown_step_is_refused(normative_draft, superuser):
    with pytest.raises(WorkflowError) as error:
        services.perform_transition(
            workflow_id=normative_draft.workflow.pk, name="approve", user=superuser
        )
    assert error.value.messages == ["Bước xử lý không tồn tại."]


# -- who may take each step --------------------------------------------------------------------

SOURCE_OF = {
    "start_drafting": State.PLANNED,
    "open_consultation": State.DRAFTING,
    "close_consultation": State.CONSULTATION,
    "send_for_appraisal": State.DRAFTING,
    "return_for_revision": State.APPRAISAL,
    "complete_appraisal": State.APPRAISAL,
    "submit": State.APPRAISED,
    "return_to_drafting": State.SUBMITTED,
    "issue": State.SUBMITTED,
    "publish": State.ISSUED,
    "unpublish": State.PUBLISHED,
    "withdraw": State.SUBMITTED,
    "import_published": State.PLANNED,
}


def step_data(name: str) -> dict:
    return import_data() if name == "import_published" else {}


@pytest.mark.parametrize("name", sorted(ROLES))
def test_only_the_steps_role_may_take_it(name, ready, step, users, make_user):
    workflow = ready(SOURCE_OF[name], name)
    outsiders = [users[role] for role in Role if role not in ROLES[name]]
    outsiders.append(make_user())  # a staff member without any workflow role
    before = logs(workflow)

    for user in outsiders:
        with pytest.raises(WorkflowError) as error:
            step(workflow, name, user=user, **step_data(name))
        assert error.value.messages == [role_message(name)], user.username
    assert workflow_of(workflow).state == SOURCE_OF[name]
    assert logs(workflow) == before

    (role,) = ROLES[name]
    after = step(workflow, name, user=users[role], **step_data(name))
    assert after.state == ALLOWED[SOURCE_OF[name]][name]
    assert after.state_logs().last().by == users[role]


@pytest.mark.parametrize("name", sorted(ROLES))
def test_a_superuser_may_take_every_step(name, ready, step, superuser):
    workflow = ready(SOURCE_OF[name], name)
    after = step(workflow, name, user=superuser, **step_data(name))
    assert after.state == ALLOWED[SOURCE_OF[name]][name]
    assert after.state_logs().last().by == superuser


def test_the_helper_roles_match_the_matrix():
    # conftest's default actor per step is the same as the design's role.
    assert {name: {role_of(name)} for name in ROLES} == ROLES


def test_an_inactive_member_of_the_role_is_refused(normative_draft, make_user, step):
    inactive = make_user(Role.DRAFTING_TEAM, is_active=False)
    with pytest.raises(WorkflowError) as error:
        step(normative_draft, "start_drafting", user=inactive)
    assert error.value.messages == [role_message("start_drafting")]


# -- guards and their messages -----------------------------------------------------------------


def test_open_consultation_needs_the_draft(normative_draft, walk, step):
    workflow = walk(normative_draft, State.DRAFTING)
    with pytest.raises(WorkflowError) as error:
        step(workflow, "open_consultation")
    assert error.value.messages == ["Hồ sơ còn thiếu: Dự thảo văn bản."]


def test_send_for_appraisal_lists_the_missing_items_by_label(normative_draft, walk, step):
    workflow = step(walk(normative_draft, State.CONSULTATION), "close_consultation")
    with pytest.raises(WorkflowError) as error:
        step(workflow, "send_for_appraisal")
    assert error.value.messages == [
        "Hồ sơ còn thiếu: Dự thảo tờ trình, Bản tổng hợp, tiếp thu, giải trình ý kiến."
    ]


def test_send_for_appraisal_needs_a_closed_consultation(normative_draft, walk, step, attach):
    workflow = walk(normative_draft, State.DRAFTING)
    attach(workflow, DossierKind.DRAFT, DossierKind.DRAFT_MEMO, DossierKind.COMMENT_SYNTHESIS)
    with pytest.raises(WorkflowError) as error:
        step(workflow, "send_for_appraisal")
    assert error.value.messages == [
        "Dự thảo chưa qua đợt lấy ý kiến nào (phải lấy ý kiến và kết thúc ít nhất một đợt)."
    ]

    # An open consultation is not enough either: it has to be closed.
    step(workflow, "open_consultation")
    assert ConsultationRound.objects.filter(workflow=workflow, closed_on__isnull=True).exists()


def test_send_for_appraisal_is_for_normative_documents_only(
    administrative_draft, walk, step, prepare
):
    workflow = step(walk(administrative_draft, State.CONSULTATION), "close_consultation")
    workflow = prepare(workflow, "send_for_appraisal")
    with pytest.raises(WorkflowError) as error:
        step(workflow, "send_for_appraisal")
    assert error.value.messages == ["Chỉ văn bản quy phạm pháp luật mới gửi Sở Tư pháp thẩm định."]


def test_close_consultation_waits_for_every_answer(normative_draft, walk, step, drafter):
    workflow = walk(normative_draft, State.CONSULTATION)
    first = services.record_comment(
        workflow=workflow, source_kind=SourceKind.AGENCY, author="Sở Nội vụ", text="Làm rõ Điều 2."
    )
    services.record_comment(
        workflow=workflow, source_kind=SourceKind.PERSON, author="Nguyễn Văn B", text="Sửa Điều 3."
    )
    with pytest.raises(WorkflowError) as error:
        step(workflow, "close_consultation")
    assert error.value.messages == ["Còn 2 ý kiến góp ý chưa có giải trình, tiếp thu."]

    services.respond_to_comment(
        comment_id=first.pk, user=drafter, kind="accepted", text="Tiếp thu, sửa Điều 2."
    )
    with pytest.raises(WorkflowError) as error:
        step(workflow, "close_consultation")
    assert error.value.messages == ["Còn 1 ý kiến góp ý chưa có giải trình, tiếp thu."]

    for comment in Comment.objects.filter(workflow=workflow, response_kind=""):
        services.respond_to_comment(
            comment_id=comment.pk, user=drafter, kind="explained", text="Giữ nguyên vì ..."
        )
    after = step(workflow, "close_consultation")
    assert after.state == State.DRAFTING
    assert list(after.consultation_rounds.values_list("closed_on", flat=True)) == [TODAY()]


def test_a_normative_document_cannot_be_submitted_from_drafting(normative_draft, walk, step):
    workflow = walk(normative_draft, State.DRAFTING)
    with pytest.raises(WorkflowError) as error:
        step(workflow, "submit")
    assert error.value.messages == [
        "Văn bản quy phạm pháp luật phải được Sở Tư pháp thẩm định trước khi trình.",
        "Hồ sơ còn thiếu: Tờ trình, Dự thảo hoàn chỉnh, "
        "Báo cáo giải trình, tiếp thu ý kiến thẩm định.",
    ]


def test_a_normative_submission_needs_the_appraisal_response(normative_draft, walk, step, attach):
    workflow = walk(normative_draft, State.APPRAISED)
    attach(workflow, DossierKind.FINAL_MEMO, DossierKind.FINAL_DRAFT)
    with pytest.raises(WorkflowError) as error:
        step(workflow, "submit")
    assert error.value.messages == [
        "Hồ sơ còn thiếu: Báo cáo giải trình, tiếp thu ý kiến thẩm định."
    ]


def test_an_administrative_submission_needs_memo_and_final_draft(administrative_draft, walk, step):
    workflow = walk(administrative_draft, State.DRAFTING)
    with pytest.raises(WorkflowError) as error:
        step(workflow, "submit")
    assert error.value.messages == ["Hồ sơ còn thiếu: Tờ trình, Dự thảo hoàn chỉnh."]


@pytest.mark.parametrize("name", ["complete_appraisal", "return_for_revision"])
def test_the_appraisal_report_must_be_from_the_current_round(
    name, normative_draft, walk, step, attach, prepare
):
    workflow = walk(normative_draft, State.APPRAISAL)
    with pytest.raises(WorkflowError) as error:
        step(workflow, name)
    assert error.value.messages == ["Hồ sơ còn thiếu: Báo cáo thẩm định."]

    # Round 1 ends "not ready"; its report does not count for round 2.
    attach(workflow, DossierKind.APPRAISAL_REPORT)
    step(workflow, "return_for_revision", note="Chưa đủ điều kiện trình.")
    workflow = step(prepare(workflow, "send_for_appraisal"), "send_for_appraisal")
    with pytest.raises(WorkflowError) as error:
        step(workflow, name)
    assert error.value.messages == ["Hồ sơ còn thiếu: Báo cáo thẩm định."]

    attach(workflow, DossierKind.APPRAISAL_REPORT)
    assert step(workflow, name).state == ALLOWED[State.APPRAISAL][name]


def test_publish_needs_the_signed_copy(administrative_draft, walk, step):
    workflow = walk(administrative_draft, State.ISSUED)
    with pytest.raises(WorkflowError) as error:
        step(workflow, "publish")
    assert error.value.messages == ["Hồ sơ còn thiếu: Bản gốc đã ký."]
    assert not LegalDocumentPage.objects.get(pk=administrative_draft.pk).live


@pytest.mark.parametrize(
    ("state", "name"),
    [
        (State.APPRAISAL, "return_for_revision"),
        (State.SUBMITTED, "return_to_drafting"),
        (State.DRAFTING, "withdraw"),
        (State.PUBLISHED, "unpublish"),
    ],
)
@pytest.mark.parametrize("note", ["", "   \n "])
def test_a_reason_is_required(state, name, note, ready, step):
    workflow = ready(state, name)
    with pytest.raises(WorkflowError) as error:
        step(workflow, name, note=note)
    assert error.value.messages == [REASON_MESSAGE]
    assert workflow_of(workflow).state == state

    after = step(workflow, name, note="  Thiếu căn cứ pháp lý.  ")
    assert after.state_logs().last().description == "Thiếu căn cứ pháp lý."


def test_the_consultation_must_last_the_rule_sets_minimum(normative_draft, walk, step, prepare):
    workflow = prepare(walk(normative_draft, State.DRAFTING), "open_consultation")
    rules = workflow.rules
    earliest = TODAY() + datetime.timedelta(days=rules.min_consultation_days)

    with pytest.raises(WorkflowError) as error:
        step(workflow, "open_consultation", consultation_ends_on=earliest - DAY)
    assert error.value.messages == [
        f"Thời gian lấy ý kiến phải ít nhất {rules.min_consultation_days} ngày: ngày kết thúc "
        f"sớm nhất là {earliest:%d/%m/%Y}."
    ]
    with pytest.raises(WorkflowError) as error:
        step(workflow, "open_consultation", consultation_ends_on=None)
    assert error.value.messages == ["Vui lòng chọn ngày kết thúc lấy ý kiến."]
    assert not ConsultationRound.objects.filter(workflow=workflow).exists()

    after = step(workflow, "open_consultation", consultation_ends_on=earliest)
    assert list(after.consultation_rounds.values_list("opened_on", "ends_on", "closed_on")) == [
        (TODAY(), earliest, None)
    ]


def issue_data(**overrides) -> IssueData:
    fields = {
        "issued_on": TODAY(),
        "effective_on": TODAY() + datetime.timedelta(days=10),
        "signer": "Hoàng Xuân Ánh",
        "signer_title": "CHỦ TỊCH",
    }
    return IssueData(**{**fields, **overrides})


def test_a_normative_document_takes_effect_at_least_ten_days_after_signing(
    normative_draft, walk, step
):
    workflow = walk(normative_draft, State.SUBMITTED)
    signed = TODAY() - datetime.timedelta(days=2)
    too_early = signed + datetime.timedelta(days=9)
    with pytest.raises(WorkflowError) as error:
        step(workflow, "issue", issue=issue_data(issued_on=signed, effective_on=too_early))
    expected = check_effective_date(signed_on=signed, effective_on=too_early, rules=workflow.rules)
    assert error.value.messages == [expected]
    assert f"{too_early:%d/%m/%Y}" in expected and "10 ngày" in expected

    with pytest.raises(WorkflowError) as error:
        step(workflow, "issue", issue=issue_data(effective_on=None))
    assert error.value.messages == ["Văn bản quy phạm pháp luật phải có ngày có hiệu lực."]

    after = step(
        workflow,
        "issue",
        issue=issue_data(issued_on=signed, effective_on=signed + datetime.timedelta(days=10)),
    )
    assert after.state == State.ISSUED
    assert after.page.effective_on == signed + datetime.timedelta(days=10)


def test_an_administrative_document_may_take_effect_on_signing(administrative_draft, walk, step):
    workflow = walk(administrative_draft, State.SUBMITTED)
    after = step(workflow, "issue", issue=issue_data(effective_on=TODAY()))
    assert (after.state, after.page.issued_on, after.page.effective_on) == (
        State.ISSUED,
        TODAY(),
        TODAY(),
    )


def test_issue_data_is_checked_and_every_problem_reported(administrative_draft, walk, step):
    workflow = walk(administrative_draft, State.SUBMITTED)
    tomorrow = TODAY() + DAY
    with pytest.raises(WorkflowError) as error:
        step(workflow, "issue", issue=issue_data(issued_on=tomorrow, effective_on=tomorrow))
    assert error.value.messages == ["Ngày ban hành không được sau ngày hôm nay."]

    with pytest.raises(WorkflowError) as error:
        step(workflow, "issue", issue=issue_data(signer="  ", signer_title="CHỦ TỊCH"))
    assert error.value.messages == ["Vui lòng ghi người ký và chức vụ người ký."]

    with pytest.raises(WorkflowError) as error:
        step(workflow, "issue", issue=issue_data(signer="Hoàng Xuân Ánh", signer_title=""))
    assert error.value.messages == ["Vui lòng ghi người ký và chức vụ người ký."]

    with pytest.raises(WorkflowError) as error:
        step(
            workflow,
            "issue",
            issue=issue_data(issued_on=tomorrow, effective_on=TODAY() - DAY, signer=""),
        )
    assert error.value.messages == [
        "Ngày ban hành không được sau ngày hôm nay.",
        "Vui lòng ghi người ký và chức vụ người ký.",
        "Ngày có hiệu lực không được trước ngày ban hành.",
    ]

    with pytest.raises(WorkflowError) as error:
        step(workflow, "issue", issue=None)
    assert error.value.messages == ["Thiếu thông tin ban hành."]
    assert workflow_of(workflow).state == State.SUBMITTED


# -- whole paths -------------------------------------------------------------------------------


def test_administrative_path_to_the_portal(administrative_draft, step, attach, client):
    page = administrative_draft
    url = page.url
    assert client.get(url).status_code == 404

    step(page, "start_drafting")
    attach(page, DossierKind.FINAL_MEMO, DossierKind.FINAL_DRAFT)
    assert step(page, "submit").submitted_on == TODAY()
    issued = step(page, "issue", issue=issue_data(effective_on=TODAY()))
    assert issued.page.number == "1/QĐ-UBND"
    assert client.get(url).status_code == 404  # issued, not yet on the portal

    attach(page, DossierKind.SIGNED_COPY, pdf=True)
    published = step(page, "publish")

    assert published.state == State.PUBLISHED
    assert logs(published) == [
        (State.PLANNED, State.DRAFTING, "start_drafting"),
        (State.DRAFTING, State.SUBMITTED, "submit"),
        (State.SUBMITTED, State.ISSUED, "issue"),
        (State.ISSUED, State.PUBLISHED, "publish"),
    ]
    live = LegalDocumentPage.objects.get(pk=page.pk)
    assert live.live and live.live_revision is not None
    assert (live.number, live.issued_on, live.signer) == ("1/QĐ-UBND", TODAY(), "Hoàng Xuân Ánh")
    response = client.get(url)
    assert response.status_code == 200
    assert "1/QĐ-UBND" in response.text


def test_normative_path_to_the_portal(normative_draft, step, attach, drafter, client):
    page = normative_draft
    step(page, "start_drafting")
    attach(page, DossierKind.DRAFT)
    consultation = step(page, "open_consultation")
    comment = services.record_comment(
        workflow=consultation, source_kind=SourceKind.AGENCY, author="Sở Tư pháp", text="Ý kiến."
    )
    services.respond_to_comment(comment_id=comment.pk, user=drafter, kind="accepted", text="Có.")
    step(page, "close_consultation")
    attach(page, DossierKind.DRAFT_MEMO, DossierKind.COMMENT_SYNTHESIS)
    appraisal = step(page, "send_for_appraisal")
    assert appraisal.appraisal_sent_at is not None
    attach(page, DossierKind.APPRAISAL_REPORT, pdf=True)
    step(page, "complete_appraisal", note="Đủ điều kiện trình.")
    attach(page, DossierKind.APPRAISAL_RESPONSE, DossierKind.FINAL_MEMO, DossierKind.FINAL_DRAFT)
    step(page, "submit")
    step(page, "issue", issue=issue_data())
    attach(page, DossierKind.SIGNED_COPY)
    published = step(page, "publish", gazette_sent_on=TODAY(), gazette_reference=" Số 12 ")

    assert [target for _source, target, _name in logs(published)] == [
        State.DRAFTING,
        State.CONSULTATION,
        State.DRAFTING,
        State.APPRAISAL,
        State.APPRAISED,
        State.SUBMITTED,
        State.ISSUED,
        State.PUBLISHED,
    ]
    live = LegalDocumentPage.objects.get(pk=page.pk)
    assert live.live
    assert live.number == f"01/{TODAY().year}/QĐ-UBND"
    assert (published.gazette_sent_on, published.gazette_reference) == (TODAY(), "Số 12")
    assert client.get(live.url).status_code == 200


# -- never live unless published ---------------------------------------------------------------


def test_unpublish_takes_the_page_off_the_portal(administrative_draft, walk, step, client):
    workflow = walk(administrative_draft, State.PUBLISHED)
    url = LegalDocumentPage.objects.get(pk=administrative_draft.pk).url
    assert client.get(url).status_code == 200

    after = step(workflow, "unpublish", note="Đăng nhầm phiên bản.")

    assert after.state == State.ISSUED
    page = LegalDocumentPage.objects.get(pk=administrative_draft.pk)
    assert not page.live
    assert page.number == "1/QĐ-UBND"  # still issued, only off the portal
    assert client.get(url).status_code == 404

    republished = step(after, "publish")
    assert republished.state == State.PUBLISHED
    assert LegalDocumentPage.objects.get(pk=administrative_draft.pk).live


@pytest.mark.parametrize("state", BEFORE_ISSUE)
def test_withdrawal_never_leaves_a_live_page(state, make_draft, walk, step):
    workflow = walk(make_draft(normative=True), state)
    after = step(workflow, "withdraw", note="Không còn phù hợp.")
    assert after.state == State.WITHDRAWN
    assert not LegalDocumentPage.objects.get(pk=workflow.page_id).live


# -- concurrency guard and atomicity -----------------------------------------------------------


def test_a_step_on_a_state_the_user_did_not_see_is_refused(normative_draft, walk, step, prepare):
    workflow = prepare(walk(normative_draft, State.DRAFTING), "open_consultation")
    with pytest.raises(WorkflowError) as error:
        step(workflow, "open_consultation", expected_state=State.PLANNED)
    assert error.value.messages == [
        "Văn bản vừa được người khác chuyển sang trạng thái “Đang soạn thảo”. "
        "Vui lòng xem lại trước khi thao tác."
    ]
    assert workflow_of(workflow).state == State.DRAFTING

    after = step(workflow, "open_consultation", expected_state=State.DRAFTING)
    assert after.state == State.CONSULTATION


def snapshot(workflow) -> dict:
    workflow = workflow_of(workflow)
    page = LegalDocumentPage.objects.get(pk=workflow.page_id)
    return {
        "state": workflow.state,
        "logs": logs(workflow),
        "rounds": list(workflow.consultation_rounds.values_list("pk", "closed_on")),
        "submitted_on": workflow.submitted_on,
        "page": {name: getattr(page, name) for name in LegalDocumentPage.PROCESS_FIELDS},
        "live": page.live,
        "sequences": list(NumberSequence.objects.values_list("issuer", "register", "year", "last")),
    }


def test_a_failing_issue_leaves_no_number_behind(normative_draft, walk, step):
    workflow = walk(normative_draft, State.SUBMITTED)
    before = snapshot(workflow)
    assert before["page"]["number"] == "" and before["sequences"] == []

    for bad in (
        issue_data(effective_on=TODAY()),  # too early
        issue_data(number=f"03/{TODAY().year}/QĐ-UBND", signer=""),  # typed, but no signer
        issue_data(number="3/QĐ-UBND"),  # typed in the administrative form
    ):
        with pytest.raises(WorkflowError):
            step(workflow, "issue", issue=bad)
        assert snapshot(workflow) == before


def test_a_step_failing_after_the_state_change_is_rolled_back(
    normative_draft, walk, step, monkeypatch
):
    workflow = walk(normative_draft, State.SUBMITTED)
    before = snapshot(workflow)

    def broken(page, data):
        raise RuntimeError("disk full")

    # The number is allocated and the state saved before the page is written: all must go.
    monkeypatch.setattr(services, "_record_issue", broken)
    with pytest.raises(RuntimeError):
        step(workflow, "issue", issue=issue_data())
    assert snapshot(workflow) == before
    assert NumberSequence.objects.count() == 0

    monkeypatch.undo()
    issued = step(workflow, "issue", issue=issue_data())
    assert issued.page.number == f"01/{TODAY().year}/QĐ-UBND"  # the number was not burnt


def test_a_failing_consultation_step_writes_nothing(normative_draft, walk, step, prepare):
    workflow = prepare(walk(normative_draft, State.DRAFTING), "open_consultation")
    before = snapshot(workflow)
    with pytest.raises(WorkflowError):
        step(workflow, "open_consultation", consultation_ends_on=TODAY())
    assert snapshot(workflow) == before

    consultation = step(workflow, "open_consultation")
    services.record_comment(
        workflow=consultation, source_kind=SourceKind.AGENCY, author="Sở Nội vụ", text="Sửa."
    )
    before = snapshot(consultation)
    with pytest.raises(WorkflowError):
        step(consultation, "close_consultation")
    assert snapshot(consultation) == before
    assert before["rounds"][0][1] is None  # the round stays open


def test_a_failing_publish_leaves_the_page_off_the_portal(
    administrative_draft, walk, step, prepare, monkeypatch
):
    workflow = prepare(walk(administrative_draft, State.ISSUED), "publish")
    before = snapshot(workflow)

    def broken(workflow, user):
        raise RuntimeError("search index down")

    monkeypatch.setattr(services, "publish_official_text", broken)
    with pytest.raises(RuntimeError):
        step(workflow, "publish", gazette_sent_on=TODAY())
    assert snapshot(workflow) == before
    assert workflow_of(workflow).gazette_sent_on is None


# -- dossier uploads ---------------------------------------------------------------------------


def test_dossier_uploads_are_checked_by_role_and_content(normative_draft, users, leader):
    workflow = workflow_of(normative_draft)
    with pytest.raises(WorkflowError) as error:
        services.attach_dossier_file(
            workflow=workflow,
            user=users[Role.APPRAISER],
            kind=DossierKind.DRAFT,
            upload=docx_upload(),
        )
    assert error.value.messages == ["Vai trò của bạn không được bổ sung “Dự thảo văn bản”."]
    with pytest.raises(WorkflowError) as error:
        services.attach_dossier_file(
            workflow=workflow,
            user=users[Role.DRAFTING_TEAM],
            kind=DossierKind.APPRAISAL_REPORT,
            upload=docx_upload(),
        )
    assert error.value.messages == ["Vai trò của bạn không được bổ sung “Báo cáo thẩm định”."]

    with pytest.raises(WorkflowError) as error:
        services.attach_dossier_file(
            workflow=workflow,
            user=users[Role.DRAFTING_TEAM],
            kind=DossierKind.DRAFT,
            upload=SimpleUploadedFile("du-thao.docx", b"just text, not a document"),
        )
    assert error.value.messages == [
        "Chỉ nhận tệp Word (.docx) hoặc PDF. Tệp này không phải hai loại đó."
    ]
    assert not DossierFile.objects.exists()

    for user in (users[Role.DRAFTING_TEAM], leader):
        services.attach_dossier_file(
            workflow=workflow, user=user, kind=DossierKind.DRAFT, upload=docx_upload()
        )
    assert list(workflow.dossier_files.values_list("kind", "version", "uploaded_by")) == [
        (DossierKind.DRAFT, 2, leader.pk),
        (DossierKind.DRAFT, 1, users[Role.DRAFTING_TEAM].pk),
    ]
