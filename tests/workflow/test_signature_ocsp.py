"""Revocation from OCSP responses the operator supplies (``SIGNATURE_OCSP_DIR``), like the CRLs:
a good answer on the signer's certificate by its issuer or a delegated responder, a revoked one,
an answer on another certificate, one fetched after the signing time, a stale one, one signed
by an unauthorised certificate; the folder (DER, PEM, a malformed file); what a revocation does
to the public answer, to publication and to the re-verification command. Responses built with
``cryptography``'s ``OCSPResponseBuilder`` (tests/workflow/signed_pdfs.py)."""

import logging
from datetime import timedelta

import pytest
from asn1crypto import crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import pem as asn1_pem
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID
from django.utils import translation
from django_fsm_log.models import StateLog

from tests.workflow import signed_pdfs
from tests.workflow import test_public_verification as verification_tests
from tests.workflow import test_publish_rule as publish_tests
from workflow.signatures import trust
from workflow.signatures.verification import Problem, Revocation, verify_signed_pdf
from workflow.signed_original import publish_problems
from workflow.states import State

from .conftest import workflow_of

NOW = signed_pdfs.NOW

pki = verification_tests.pki
font = verification_tests.font
unsigned = verification_tests.unsigned
genuine = verification_tests.genuine  # signed by pki.person
trusted = verification_tests.trusted
issued = publish_tests.issued


@pytest.fixture(scope="module")
def responder(pki):
    """A delegated OCSP responder certified by the signer's issuing CA, as real ones are
    (id-kp-OCSPSigning, id-pkix-ocsp-nocheck)."""
    return signed_pdfs.issue(
        common_name="Demo OCSP",
        organisation="Demo CA",
        issuer=pki.intermediate,
        extended_usage=ExtendedKeyUsageOID.OCSP_SIGNING,
        extensions=(x509.OCSPNoCheck(),),
    )


def answer(pki, subject=None, **kwargs) -> asn1_ocsp.OCSPResponse:
    der = signed_pdfs.ocsp_response(
        subject=subject or pki.person, issuer=pki.intermediate, **kwargs
    )
    return asn1_ocsp.OCSPResponse.load(der)


def check_with(pki, data, *responses):
    (check,) = verify_signed_pdf(
        data=data, trust_roots=[pki.root.asn1], crls=(), ocsp_responses=responses
    ).signatures
    return check


def test_a_good_answer_from_the_issuer_says_not_revoked(pki, genuine):
    check = check_with(pki, genuine, answer(pki))

    assert check.is_valid and check.trusted
    assert check.revocation == Revocation.NOT_REVOKED


def test_a_revoked_answer_says_revoked(pki, genuine):
    check = check_with(pki, genuine, answer(pki, revoked=True))

    assert check.revocation == Revocation.REVOKED
    assert check.problems == (Problem.REVOKED,)
    assert check.messages == ("Chứng thư số đã bị thu hồi.",)


@pytest.mark.parametrize("revoked", [False, True], ids=["good", "revoked"])
def test_a_delegated_responder_answers_like_the_issuer(pki, genuine, responder, revoked):
    check = check_with(pki, genuine, answer(pki, responder=responder, revoked=revoked))

    assert check.revocation == (Revocation.REVOKED if revoked else Revocation.NOT_REVOKED)


def test_an_answer_on_another_certificate_leaves_it_not_checked(pki, genuine):
    # Same issuer, another serial number: pyHanko would fail the chain on it, so it is not
    # passed for this signature at all.
    check = check_with(pki, genuine, answer(pki, subject=pki.agency, revoked=True))

    assert check.is_valid and check.revocation == Revocation.NOT_CHECKED


def test_among_several_answers_the_signer_s_own_counts(pki, genuine):
    check = check_with(pki, genuine, answer(pki, subject=pki.agency, revoked=True), answer(pki))

    assert check.is_valid and check.revocation == Revocation.NOT_REVOKED


def test_an_answer_fetched_after_the_signing_time_still_answers(pki, genuine):
    # The operator downloads responses after the documents were signed.
    check = check_with(pki, genuine, answer(pki, produced=NOW + timedelta(days=3)))

    assert check.is_valid and check.revocation == Revocation.NOT_REVOKED


def test_a_crl_issued_after_the_signing_time_still_answers(pki, genuine):
    later = signed_pdfs.revocation_list(issuer=pki.intermediate, updated=NOW + timedelta(days=3))
    (check,) = verify_signed_pdf(
        data=genuine,
        trust_roots=[pki.root.asn1],
        crls=[crl.CertificateList.load(later)],
        ocsp_responses=(),
    ).signatures

    assert check.is_valid and check.revocation == Revocation.NOT_REVOKED


def test_a_stale_answer_is_reported_as_stale_revocation_data(pki, genuine):
    check = check_with(pki, genuine, answer(pki, produced=NOW - timedelta(days=30)))

    assert check.problems == (Problem.STALE_REVOCATION_LIST,)
    assert check.revocation == Revocation.NOT_CHECKED
    assert "(CRL, OCSP) của cổng đã cũ" in check.messages[0]
    with translation.override("en"):
        assert "revocation data (CRL, OCSP response) is out of date" in check.messages[0]


def test_an_answer_signed_by_an_unauthorised_certificate_fails_the_chain(pki, genuine):
    # As a CRL that fails its own checks: the signer cannot be trusted on forged data.
    check = check_with(pki, genuine, answer(pki, responder=pki.agency))

    assert not check.trusted and check.revocation == Revocation.NOT_CHECKED


def test_the_folder_holds_der_and_pem_responses_and_a_malformed_file_is_skipped(
    pki, genuine, settings, tmp_path, caplog
):
    settings.SIGNATURE_TRUST_ROOTS_DIR = ""
    settings.SIGNATURE_OCSP_DIR = str(tmp_path)
    der = signed_pdfs.ocsp_response(subject=pki.person, issuer=pki.intermediate)
    (tmp_path / "person.der").write_bytes(der)
    pem = signed_pdfs.ocsp_response(subject=pki.agency, issuer=pki.intermediate, revoked=True)
    (tmp_path / "agency.pem").write_bytes(asn1_pem.armor("OCSP RESPONSE", pem))
    (tmp_path / "broken.der").write_bytes(der[: len(der) // 2])
    unauthorised = ocsp.OCSPResponseBuilder.build_unsuccessful(
        ocsp.OCSPResponseStatus.UNAUTHORIZED
    ).public_bytes(serialization.Encoding.DER)
    (tmp_path / "refused.der").write_bytes(unauthorised)

    with caplog.at_level(logging.WARNING, logger="workflow.signatures.trust"):
        loaded = trust.configured_ocsp_responses()

    assert len(loaded) == 3  # the refusal loads, and answers nothing
    assert "Not a OCSPResponse, skipped" in caplog.text and "broken.der" in caplog.text
    (check,) = verify_signed_pdf(data=genuine, trust_roots=[pki.root.asn1]).signatures
    assert check.is_valid and check.revocation == Revocation.NOT_REVOKED


def test_an_unset_folder_gives_no_responses(settings):
    settings.SIGNATURE_OCSP_DIR = ""

    assert trust.configured_ocsp_responses() == ()


def test_the_public_answer_reports_the_revocation(
    client, trusted, pki, genuine, settings, tmp_path
):
    folder = tmp_path / "ocsp"
    folder.mkdir()
    settings.SIGNATURE_OCSP_DIR = str(folder)
    (folder / "person.der").write_bytes(
        signed_pdfs.ocsp_response(subject=pki.person, issuer=pki.intermediate, revoked=True)
    )

    data = verification_tests.check(client, genuine, url=verification_tests.API).json()

    assert not data["valid"]
    (signature,) = data["signatures"]
    assert signature["revocation"] == "revoked"
    assert signature["problems"] == [{"code": "revoked", "message": "Chứng thư số đã bị thu hồi."}]


def test_a_revoked_answer_blocks_publication_and_the_command_finds_it(
    issued, trusted, pki, font, clerk, settings, tmp_path
):
    lines = publish_tests.issued_lines(issued)
    data = publish_tests.signed_by(publish_tests.pdf_of(lines, font), pki, "person")
    publish_tests.attach_pdf(issued, data, clerk)
    assert publish_problems(workflow_of(issued)) == []
    folder = tmp_path / "ocsp"
    folder.mkdir()
    settings.SIGNATURE_OCSP_DIR = str(folder)
    (folder / "person.der").write_bytes(
        signed_pdfs.ocsp_response(subject=pki.person, issuer=pki.intermediate, revoked=True)
    )

    assert "1 changed" in publish_tests.run()

    problems = publish_problems(workflow_of(issued))
    assert any("Chứng thư số đã bị thu hồi." in problem for problem in problems), problems
    entry = StateLog.objects.for_(issued).get(transition="reverify_signed_copy")
    assert "thu hồi" in entry.description
    assert workflow_of(issued).state == State.ISSUED
