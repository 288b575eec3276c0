"""Verification of signed PDFs (workflow.signatures.verification): the matrix of issue 17 on
certificates and PDFs built by the test (tests/workflow/signed_pdfs.py)."""

import io
import re
from datetime import timedelta

import pytest
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from tests.workflow import signed_pdfs
from workflow.signatures import trust
from workflow.signatures.verification import (
    Coverage,
    Problem,
    Revocation,
    verify_signed_pdf,
)

TEXT = [["QUYET DINH", "Dieu 1. Pham vi dieu chinh"]]


@pytest.fixture(scope="module")
def pki():
    return signed_pdfs.build_pki()


@pytest.fixture(scope="module")
def unsigned():
    return signed_pdfs.make_pdf(pages=TEXT)


@pytest.fixture(scope="module")
def signed(pki, unsigned):
    return signed_pdfs.sign(data=unsigned, identity=pki.person, pki=pki, field_name="NguoiKy")


@pytest.fixture(scope="module")
def double_signed(pki, signed):
    return signed_pdfs.sign(data=signed, identity=pki.agency, pki=pki, field_name="CoQuan")


def verify(pki, data, **kwargs):
    return verify_signed_pdf(data=data, trust_roots=[pki.root.asn1], **kwargs)


def test_a_valid_single_signature_reports_the_signer_and_its_time(pki, signed):
    report = verify(pki, signed)

    assert report.is_valid and report.messages == ()
    (check,) = report.signatures
    assert check.field_name == "NguoiKy"
    assert check.intact and check.trusted and check.certificate_valid_at_signing
    assert check.coverage == Coverage.WHOLE_FILE
    assert check.signer.common_name == "Nguyễn Văn An"
    assert check.signer.organisation == "UBND tỉnh"
    assert check.signer.serial == format(pki.person.certificate.serial_number, "X")
    assert "Demo Issuing CA" in check.signer.issuer
    assert check.claimed_time is not None and check.timestamp_time is None
    assert check.signing_time == check.claimed_time
    assert check.revocation == Revocation.NOT_CHECKED


def test_a_double_signature_reports_both_and_allows_the_second_after_the_first(pki, double_signed):
    report = verify(pki, double_signed)

    assert report.is_valid
    first, second = report.signatures
    assert (first.field_name, second.field_name) == ("NguoiKy", "CoQuan")
    assert first.coverage == Coverage.ALLOWED_UPDATES
    assert second.coverage == Coverage.WHOLE_FILE
    assert second.signer.common_name == "Văn phòng UBND tỉnh"


def test_bytes_changed_after_signing_break_the_signature(pki, signed):
    marker = b"/Producer"
    assert marker in signed
    at = signed.index(marker) + len(marker) + 2
    tampered = signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1 :]

    report = verify(pki, tampered)

    assert not report.is_valid
    (check,) = report.signatures
    assert not check.intact
    assert Problem.ALTERED in check.problems
    assert "bị thay đổi sau khi ký" in check.messages[0]
    assert check.signer.common_name == "Nguyễn Văn An"  # still told who signed


def test_an_update_changing_the_page_after_signing_is_forbidden(pki, signed):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    stream = generic.StreamObject(stream_data=b"0 0 1 rg 10 10 200 200 re f")
    writer.add_stream_to_page(0, writer.add_object(stream))
    output = io.BytesIO()
    writer.write(output)

    report = verify(pki, output.getvalue())

    (check,) = report.signatures
    assert check.intact  # the signed revision itself is unchanged
    assert check.coverage == Coverage.FORBIDDEN_UPDATES
    assert check.problems == (Problem.FORBIDDEN_CHANGES,)
    assert not report.is_valid


def test_a_chain_to_another_root_is_untrusted(pki, unsigned):
    data = signed_pdfs.sign(data=unsigned, identity=pki.stranger, pki=pki, field_name="X")

    (check,) = verify(pki, data).signatures

    assert check.intact and not check.trusted
    assert check.problems == (Problem.UNTRUSTED,)


def test_without_trust_roots_every_chain_is_untrusted(pki, signed, settings):
    settings.SIGNATURE_TRUST_ROOTS_DIR = ""

    (check,) = verify_signed_pdf(data=signed).signatures

    assert check.problems == (Problem.UNTRUSTED,)


def test_trust_roots_and_crls_are_read_from_the_configured_folders(pki, signed, settings, tmp_path):
    from cryptography.hazmat.primitives import serialization

    (tmp_path / "root.pem").write_bytes(
        pki.root.certificate.public_bytes(serialization.Encoding.PEM)
    )
    (tmp_path / "other.cer").write_bytes(
        pki.other_root.certificate.public_bytes(serialization.Encoding.DER)
    )
    (tmp_path / "notes.txt").write_text("not a certificate")
    settings.SIGNATURE_TRUST_ROOTS_DIR = str(tmp_path)

    assert len(trust.configured_trust_roots()) == 2
    assert verify_signed_pdf(data=signed).is_valid


@pytest.mark.parametrize(
    ("who", "problem"),
    [
        ("expired", Problem.CERTIFICATE_EXPIRED),
        ("not_yet_valid", Problem.CERTIFICATE_NOT_YET_VALID),
    ],
)
def test_a_certificate_outside_its_validity_at_signing_fails(pki, unsigned, who, problem):
    data = signed_pdfs.sign(data=unsigned, identity=getattr(pki, who), pki=pki, field_name="X")

    (check,) = verify(pki, data).signatures

    assert check.intact and not check.certificate_valid_at_signing
    assert check.problems == (problem,)


def test_damaged_signature_data_is_reported_and_the_other_signature_still_checked(
    pki, double_signed
):
    first_contents = re.search(rb"/Contents <([0-9a-fA-F]+)>", double_signed)
    start, end = first_contents.span(1)
    damaged = double_signed[:start] + b"0" * (end - start) + double_signed[end:]

    first, second = verify(pki, damaged).signatures

    assert first.field_name == "CoQuan"  # the readable one keeps its place first
    assert Problem.ALTERED in first.problems  # it covers the first signature's bytes
    assert second.field_name == "NguoiKy" and second.problems == (Problem.NOT_VERIFIABLE,)
    assert "Không kiểm tra được chữ ký" in second.messages[0]


def test_an_unsigned_pdf_is_reported_unsigned(pki, unsigned):
    report = verify(pki, unsigned)

    assert not report.is_valid and report.signatures == ()
    assert report.problems == (Problem.UNSIGNED,)
    assert report.messages == ("Tệp PDF không có chữ ký số.",)


def test_an_encrypted_pdf_is_refused_with_a_message(pki):
    data = signed_pdfs.make_pdf(pages=TEXT, owner_password="chu", user_password="mat")

    report = verify(pki, data)

    assert report.problems == (Problem.ENCRYPTED,)
    assert "mã hoá" in report.messages[0]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda data: b"",
        lambda data: b"hello, not a PDF at all",
        lambda data: data[: len(data) // 2],
        lambda data: b"%PDF-1.7\n" + bytes(range(256)) * 8,
        lambda data: data.replace(b"xref", b"xxxx").replace(b"startxref", b"startxxxx"),
    ],
    ids=["empty", "not-pdf", "truncated", "garbage", "broken-xref"],
)
def test_malformed_pdfs_give_a_message_not_an_exception(pki, signed, mangle):
    report = verify(pki, mangle(signed))

    assert not report.is_valid
    assert report.problems == (Problem.UNREADABLE,)
    assert report.messages and all(report.messages)


def test_an_oversized_pdf_is_refused_before_parsing(pki, signed, settings):
    settings.SIGNED_PDF_MAX_BYTES = len(signed) - 1

    report = verify(pki, signed)

    assert report.problems == (Problem.UNREADABLE,)
    assert "lớn hơn giới hạn" in report.messages[0]
    assert report.size == len(signed)


def test_the_report_carries_the_fingerprint_of_the_bytes(pki, signed):
    import hashlib

    assert verify(pki, signed).sha256 == hashlib.sha256(signed).hexdigest()


def test_revocation_is_checked_against_the_crls_of_the_configured_folder(
    pki, signed, settings, tmp_path
):
    settings.SIGNATURE_CRLS_DIR = str(tmp_path)
    crl_file = tmp_path / "issuing-ca.crl"

    crl_file.write_bytes(signed_pdfs.revocation_list(issuer=pki.root))
    (check,) = verify(pki, signed).signatures
    assert check.is_valid and check.revocation == Revocation.NOT_CHECKED  # no CRL of its CA

    crl_file.write_bytes(signed_pdfs.revocation_list(issuer=pki.intermediate))
    (check,) = verify(pki, signed).signatures
    assert check.is_valid and check.revocation == Revocation.NOT_REVOKED

    revoked = signed_pdfs.revocation_list(issuer=pki.intermediate, revoked=(pki.person,))
    crl_file.write_bytes(revoked)
    (check,) = verify(pki, signed).signatures
    assert check.revocation == Revocation.REVOKED
    assert check.problems == (Problem.REVOKED,)
    assert check.messages == ("Chứng thư số đã bị thu hồi.",)


def test_a_stale_crl_is_reported_as_such_not_as_an_untrusted_chain(pki, signed, settings, tmp_path):
    settings.SIGNATURE_CRLS_DIR = str(tmp_path)
    stale = signed_pdfs.revocation_list(
        issuer=pki.intermediate, updated=signed_pdfs.NOW - timedelta(days=60)
    )
    (tmp_path / "issuing-ca.crl").write_bytes(stale)

    (check,) = verify(pki, signed).signatures

    assert check.problems == (Problem.STALE_REVOCATION_LIST,)
    assert check.revocation == Revocation.NOT_CHECKED


def test_messages_are_translated_for_english_visitors(pki, unsigned):
    from django.utils import translation

    report = verify(pki, unsigned)
    with translation.override("en"):
        assert report.messages == ("The PDF file has no digital signature.",)


@pytest.fixture(scope="module")
def timestamp_authority(pki):
    return signed_pdfs.issue(
        common_name="Demo TSA",
        organisation="Demo CA",
        issuer=pki.intermediate,
        extended_usage=ExtendedKeyUsageOID.TIME_STAMPING,
        not_after=signed_pdfs.NOW + timedelta(days=1000),
        rsa_key=True,
    )


def timestamped(pki, tsa, data, at):
    timestamper = DummyTimeStamper(
        tsa_cert=tsa.asn1,
        tsa_key=signed_pdfs.private_key_info(tsa),
        certs_to_embed=[pki.intermediate.asn1, pki.root.asn1],
        fixed_dt=at,
    )
    return signed_pdfs.sign(
        data=data, identity=pki.person, pki=pki, field_name="NguoiKy", timestamper=timestamper
    )


def test_a_timestamp_gives_the_signing_time(pki, timestamp_authority, unsigned):
    at = signed_pdfs.NOW - timedelta(hours=3)
    data = timestamped(pki, timestamp_authority, unsigned, at)

    (check,) = verify(pki, data).signatures

    assert check.is_valid
    assert check.timestamp_time == at and check.signing_time == at
    assert check.claimed_time > at  # the signer's own clock, reported beside it


def test_the_certificate_is_judged_at_the_timestamp_not_the_claimed_time(
    pki, timestamp_authority, unsigned
):
    after_expiry = pki.person.certificate.not_valid_after_utc + timedelta(days=1)
    data = timestamped(pki, timestamp_authority, unsigned, after_expiry)

    (check,) = verify(pki, data).signatures

    assert check.problems == (Problem.CERTIFICATE_EXPIRED,)
