"""Publication needs a verified signed original (issue 17, item 2): the latest signed copy's
signatures verify with a trusted chain and its text is the issued text, or leadership allows
it with a reason (audit log); the workflow page says why in Vietnamese; the re-verification
command. The signature matrix of the issue, as it bears on ``publish``. PKI and PDFs from
tests/workflow/signed_pdfs.py."""

import io
from io import StringIO

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_fsm_log.models import StateLog
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from cms.models import LegalDocumentPage
from cms.record import comparable_text
from tests.workflow import signed_pdfs
from tests.workflow import test_public_verification as verification_tests
from workflow import services, signed_copies
from workflow.dossier import DossierKind
from workflow.errors import WorkflowError
from workflow.models import DossierFile
from workflow.roles import Role
from workflow.signed_original import latest_signed_copy, publish_problems
from workflow.states import State

from .conftest import default_step_data, docx_upload, workflow_of

NOT_VERIFIED = "Bản gốc đã ký chưa được xác minh nên chưa được đăng tải:"


# The PKI, the font and the trusted root of the public page's tests.
pki = verification_tests.pki
font = verification_tests.font
trusted = verification_tests.trusted


@pytest.fixture
def issued(administrative_draft, walk):
    return walk(administrative_draft, State.ISSUED)


def issued_lines(workflow) -> list[str]:
    return comparable_text(workflow.current_text.revision.as_object()).splitlines()


def pdf_of(lines, font) -> bytes:
    return signed_pdfs.make_pdf(pages=[lines], font=font)


def signed_by(data: bytes, pki, *who: str) -> bytes:
    for number, name in enumerate(who, start=1):
        identity = getattr(pki, name)
        data = signed_pdfs.sign(data=data, identity=identity, pki=pki, field_name=f"Ky{number}")
    return data


def page_changed_after_signing(signed: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    stream = generic.StreamObject(stream_data=b"0 0 1 rg 10 10 200 200 re f")
    writer.add_stream_to_page(0, writer.add_object(stream))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def changed_word(lines: list[str]) -> list[str]:
    return [*lines[:-1], lines[-1] + " sửa"]


def attach_pdf(workflow, data: bytes, clerk, name: str = "ban-goc.pdf") -> DossierFile:
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    return services.attach_dossier_file(
        workflow=workflow, user=clerk, kind=DossierKind.SIGNED_COPY, upload=upload
    )


def publish(workflow, editor):
    return services.perform_transition(workflow_id=workflow.pk, name="publish", user=editor)


# Each case: how the signed copy is made from the issued text, and what blocks it ("" none).
CASES = {
    "single signature": (
        lambda lines, pki, font: signed_by(pdf_of(lines, font), pki, "person"),
        "",
    ),
    "double signature": (
        lambda lines, pki, font: signed_by(pdf_of(lines, font), pki, "person", "agency"),
        "",
    ),
    "bytes changed after signing": (
        lambda lines, pki, font: signed_pdfs.tampered(
            signed_by(pdf_of(lines, font), pki, "person")
        ),
        "Nội dung được ký đã bị thay đổi sau khi ký.",
    ),
    "page changed by a later update": (
        lambda lines, pki, font: page_changed_after_signing(
            signed_by(pdf_of(lines, font), pki, "person")
        ),
        "Tệp đã bị sửa sau khi ký",
    ),
    "untrusted root": (
        lambda lines, pki, font: signed_by(pdf_of(lines, font), pki, "stranger"),
        "không thuộc tổ chức cung cấp dịch vụ chứng thực được tin cậy",
    ),
    "expired certificate": (
        lambda lines, pki, font: signed_by(pdf_of(lines, font), pki, "expired"),
        "Chứng thư số đã hết hạn vào thời điểm ký.",
    ),
    "not yet valid certificate": (
        lambda lines, pki, font: signed_by(pdf_of(lines, font), pki, "not_yet_valid"),
        "Chứng thư số chưa có hiệu lực vào thời điểm ký.",
    ),
    "unsigned": (lambda lines, pki, font: pdf_of(lines, font), "Tệp PDF không có chữ ký số."),
    "text differs": (
        lambda lines, pki, font: signed_by(pdf_of(changed_word(lines), font), pki, "person"),
        "Nội dung tệp chỉ giống",
    ),
    "truncated": (
        lambda lines, pki, font: (lambda d: d[: len(d) // 2])(
            signed_by(pdf_of(lines, font), pki, "person")
        ),
        "Tệp PDF bị hỏng hoặc không đầy đủ",
    ),
    "malformed": (
        lambda lines, pki, font: b"%PDF-1.7\n" + bytes(range(256)) * 8,
        "Tệp PDF bị hỏng hoặc không đầy đủ",
    ),
    "encrypted": (
        lambda lines, pki, font: signed_pdfs.make_pdf(
            pages=[lines], font=font, owner_password="x", user_password="y"
        ),
        "mã hoá",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_signed_original_decides_publication(
    case, issued, trusted, pki, font, clerk, editor, leader
):
    make, blocker = CASES[case]
    attach_pdf(issued, make(issued_lines(issued), pki, font), clerk)
    workflow = workflow_of(issued)

    if not blocker:
        assert publish_problems(workflow) == []
        assert publish(workflow, editor).state == State.PUBLISHED
        return
    problems = publish_problems(workflow)
    assert problems[0] == NOT_VERIFIED
    assert any(blocker in problem for problem in problems), problems
    with pytest.raises(WorkflowError) as refused:
        publish(workflow, editor)
    assert any(blocker in message for message in refused.value.messages)
    assert workflow_of(issued).state == State.ISSUED
    # Leadership may still allow it, with a reason.
    signed_copies.allow_publication(workflow_id=issued.pk, user=leader, reason="Đã đối chiếu.")
    assert publish(workflow_of(issued), editor).state == State.PUBLISHED


def test_an_oversized_pdf_blocks_publication(issued, trusted, pki, font, clerk, settings):
    data = signed_by(pdf_of(issued_lines(issued), font), pki, "person")
    settings.SIGNED_PDF_MAX_BYTES = len(data) - 1
    attach_pdf(issued, data, clerk)

    assert any("lớn hơn giới hạn" in p for p in publish_problems(workflow_of(issued)))


def test_without_configured_trust_roots_no_chain_is_trusted(issued, pki, font, clerk):
    attach_pdf(issued, signed_by(pdf_of(issued_lines(issued), font), pki, "person"), clerk)

    assert any("được tin cậy" in p for p in publish_problems(workflow_of(issued)))


def test_a_word_file_as_the_latest_signed_copy_blocks_publication(
    issued, trusted, pki, font, clerk
):
    attach_pdf(issued, signed_by(pdf_of(issued_lines(issued), font), pki, "person"), clerk)
    assert publish_problems(workflow_of(issued)) == []
    services.attach_dossier_file(
        workflow=issued, user=clerk, kind=DossierKind.SIGNED_COPY, upload=docx_upload()
    )

    problems = publish_problems(workflow_of(issued))
    assert "Bản gốc đã ký mới nhất không phải là tệp PDF có chữ ký số." in problems


@pytest.mark.parametrize(("threshold", "publishable"), [(100, False), (90, True)])
def test_the_text_match_threshold(
    issued, trusted, pki, font, clerk, settings, threshold, publishable
):
    settings.SIGNED_TEXT_MATCH_THRESHOLD = threshold
    lines = changed_word(issued_lines(issued))
    attach_pdf(issued, signed_by(pdf_of(lines, font), pki, "person"), clerk)

    assert (publish_problems(workflow_of(issued)) == []) is publishable


def test_no_signed_copy_is_the_dossier_guard_s_message_only(issued, editor):
    assert publish_problems(issued) == []
    with pytest.raises(WorkflowError) as refused:
        publish(issued, editor)
    assert refused.value.messages == ["Hồ sơ còn thiếu: Bản gốc đã ký."]


# -- the override -----------------------------------------------------------------------------


@pytest.fixture
def unverified(issued, pki, font, clerk):
    """An issued document whose signed copy is a PDF signed under an untrusted root."""
    attach_pdf(issued, signed_by(pdf_of(issued_lines(issued), font), pki, "stranger"), clerk)
    return workflow_of(issued)


@pytest.mark.parametrize(
    "role", [Role.DRAFTING_TEAM, Role.APPRAISER, Role.COMMITTEE_OFFICE, Role.PORTAL_EDITOR]
)
def test_only_leadership_allows_publication(unverified, users, role):
    with pytest.raises(WorkflowError) as refused:
        signed_copies.allow_publication(
            workflow_id=unverified.pk, user=users[role], reason="Lý do."
        )
    assert "Chỉ Lãnh đạo Sở" in refused.value.messages[0]
    assert latest_signed_copy(workflow_of(unverified)).override_at is None


def test_the_override_needs_a_reason(unverified, leader):
    with pytest.raises(WorkflowError) as refused:
        signed_copies.allow_publication(workflow_id=unverified.pk, user=leader, reason="  ")
    assert refused.value.messages == ["Vui lòng ghi rõ lý do."]


def test_the_override_is_recorded_and_written_to_the_audit_log(unverified, leader, editor):
    reason = "Văn bản giấy ký tay; bản chụp đã được Văn phòng UBND tỉnh xác nhận."
    copy = signed_copies.allow_publication(workflow_id=unverified.pk, user=leader, reason=reason)

    assert (copy.override_by, copy.override_reason) == (leader, reason)
    entry = StateLog.objects.for_(unverified).get(transition="allow_unverified_original")
    assert entry.by == leader
    assert entry.source_state == entry.state == State.ISSUED
    assert reason in entry.description and "ban-goc.pdf" in entry.description
    assert "được tin cậy" in entry.description  # what was not verified
    assert publish(workflow_of(unverified), editor).state == State.PUBLISHED


def test_the_override_is_for_one_version(unverified, leader, clerk, pki, font):
    signed_copies.allow_publication(workflow_id=unverified.pk, user=leader, reason="Lý do.")
    assert publish_problems(workflow_of(unverified)) == []
    attach_pdf(unverified, pdf_of(issued_lines(unverified), font), clerk, name="ban-moi.pdf")

    assert publish_problems(workflow_of(unverified))[0] == NOT_VERIFIED


def test_a_verified_copy_needs_no_override(issued, trusted, pki, font, clerk, leader):
    attach_pdf(issued, signed_by(pdf_of(issued_lines(issued), font), pki, "person"), clerk)
    with pytest.raises(WorkflowError):
        signed_copies.allow_publication(workflow_id=issued.pk, user=leader, reason="Lý do.")


def test_the_override_only_before_publication(unverified, leader, editor):
    signed_copies.allow_publication(workflow_id=unverified.pk, user=leader, reason="Lý do.")
    publish(workflow_of(unverified), editor)
    with pytest.raises(WorkflowError):
        signed_copies.allow_publication(workflow_id=unverified.pk, user=leader, reason="Lần nữa.")


# -- the screens ------------------------------------------------------------------------------


def workflow_page(client, user, workflow) -> str:
    client.force_login(user)
    return client.get(reverse("workflow:document", args=[workflow.page_id])).content.decode()


def test_the_workflow_page_says_why_publication_is_blocked(client, unverified, editor, leader):
    html = workflow_page(client, editor, unverified)
    assert NOT_VERIFIED in html
    assert "Chỉ Lãnh đạo Sở được cho phép đăng tải" in html
    allow = reverse("workflow:allow_unverified_original", args=[unverified.pk])
    assert allow not in html

    assert allow in workflow_page(client, leader, unverified)


def test_a_blocked_publication_posted_anyway_is_a_409(client, unverified, editor):
    client.force_login(editor)
    response = client.post(
        reverse("workflow:step", args=[unverified.pk, "publish"]),
        {"expected_state": State.ISSUED},
    )
    assert response.status_code == 409
    assert NOT_VERIFIED in response.content.decode()
    assert workflow_of(unverified).state == State.ISSUED


def test_the_allow_screen(client, unverified, leader, editor):
    url = reverse("workflow:allow_unverified_original", args=[unverified.pk])
    client.force_login(editor)
    refused = client.post(url, {"reason": "Lý do."})
    assert refused.status_code == 403
    assert "Chỉ Lãnh đạo Sở được cho phép đăng tải" in refused.content.decode()
    assert latest_signed_copy(workflow_of(unverified)).override_at is None

    client.force_login(leader)
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and "Trường này là bắt buộc." in empty.content.decode()
    done = client.post(url, {"reason": "Bản chụp văn bản giấy."})
    assert done.status_code == 302
    assert latest_signed_copy(workflow_of(unverified)).override_reason == "Bản chụp văn bản giấy."
    html = workflow_page(client, leader, unverified)
    assert "đã cho phép đăng tải phiên bản này" in html


# -- verify_signed_copies -----------------------------------------------------------------------


def run(*args) -> str:
    out = StringIO()
    call_command("verify_signed_copies", *args, stdout=out)
    return out.getvalue()


def test_the_command_verifies_again_after_a_root_is_added(
    issued, pki, font, clerk, settings, tmp_path
):
    attach_pdf(issued, signed_by(pdf_of(issued_lines(issued), font), pki, "person"), clerk)
    assert publish_problems(workflow_of(issued))
    folder = tmp_path / "roots"
    folder.mkdir()
    (folder / "root.pem").write_bytes(pki.root.certificate.public_bytes(serialization.Encoding.PEM))
    settings.SIGNATURE_TRUST_ROOTS_DIR = str(folder)

    dry = run("--dry-run")
    assert "1 signed copies checked, 1 changed." in dry and "-> verified" in dry
    assert publish_problems(workflow_of(issued))  # nothing stored
    assert not StateLog.objects.for_(issued).filter(transition="reverify_signed_copy").exists()

    assert "1 changed" in run("--document", str(issued.page_id))
    assert publish_problems(workflow_of(issued)) == []
    entry = StateLog.objects.for_(issued).get(transition="reverify_signed_copy")
    assert "đã xác minh" in entry.description and entry.by is None

    assert "0 changed" in run()  # nothing more to change


def test_a_copy_filed_before_issue_is_compared_once_the_text_is_pinned(
    administrative_draft, walk, trusted, pki, font, clerk
):
    workflow = walk(administrative_draft, State.SUBMITTED)
    lines = comparable_text(workflow.page.get_latest_revision_as_object()).splitlines()
    attach_pdf(workflow, signed_by(pdf_of(lines, font), pki, "person"), clerk)
    copy = latest_signed_copy(workflow_of(workflow))
    assert copy.signature_check.text is None  # no pinned text yet
    services.perform_transition(
        workflow_id=workflow.pk,
        name="issue",
        user=clerk,
        **default_step_data(workflow, "issue"),
    )
    assert "Chưa đối chiếu nội dung" in " ".join(publish_problems(workflow_of(workflow)))

    run("--document", str(workflow.page_id))
    # Compared now; the number allocated at issue is part of the text, the copy made before
    # it lacks it: a difference, reported as such.
    text = latest_signed_copy(workflow_of(workflow)).signature_check.text
    assert text is not None and not text.is_exact


def test_an_unknown_document_is_an_error(db):
    with pytest.raises(CommandError):
        run("--document", "999999")


# -- no other way online ----------------------------------------------------------------------


def test_wagtail_cannot_publish_a_document_whose_original_is_unverified(unverified):
    """Wagtail's own publication (page editor, bulk actions, scheduled publishing) ends in
    ``Revision.publish``, which the record policy refuses while the workflow is not published
    (tests/workflow/test_record_paths.py lists every path)."""
    revision = unverified.current_text.revision
    with pytest.raises(PermissionDenied):
        revision.publish()

    page = LegalDocumentPage.objects.get(pk=unverified.page_id)
    assert not page.live
    assert workflow_of(unverified).state == State.ISSUED
