"""Verification of a signed PDF (PAdES / CMS) with pyHanko: one ``SignatureCheck`` per
signature, in the file's order (the signer, then the agency), and a ``VerificationReport``.

For each signature: integrity (the digest of the bytes it covers matches the signed digest and
the CMS signature is cryptographically valid), coverage (the whole file, or later incremental
updates that pyHanko's difference analysis allows (a later signature, validation data) or
forbids (page content changed)), the signer's certificate, the signing time (claimed by the
signer; a timestamp's time when the signature carries one), the certificate's validity at that
time and its chain to the configured trust roots, evaluated at that time. Revocation is not
checked unless the operator supplies CRLs or OCSP responses (``trust.py``): nothing is fetched.

Every failure is a ``Problem`` with a Vietnamese message; bad input (oversized, malformed,
truncated, encrypted, unsigned) gives a report with a document-level problem, never an
exception.
"""

import enum
import hashlib
import io
import logging
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from asn1crypto import crl, ocsp, x509
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import EmbeddedPdfSignature, validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.util import get_declared_revinfo

from . import pdf_input, trust

logger = logging.getLogger(__name__)


class Problem(enum.StrEnum):
    """Why a document or a signature does not verify."""

    # The document.
    UNREADABLE = "unreadable"
    ENCRYPTED = "encrypted"
    UNSIGNED = "unsigned"
    # A signature.
    NOT_VERIFIABLE = "not_verifiable"
    ALTERED = "altered"
    BAD_SIGNATURE = "bad_signature"
    FORBIDDEN_CHANGES = "forbidden_changes"
    UNCLEAR_COVERAGE = "unclear_coverage"
    CERTIFICATE_EXPIRED = "certificate_expired"
    CERTIFICATE_NOT_YET_VALID = "certificate_not_yet_valid"
    NO_SIGNING_TIME = "no_signing_time"
    UNTRUSTED = "untrusted"
    REVOKED = "revoked"
    STALE_REVOCATION_LIST = "stale_revocation_list"


MESSAGES = {
    Problem.ENCRYPTED: pdf_input.ENCRYPTED,
    Problem.UNSIGNED: _("Tệp PDF không có chữ ký số."),
    Problem.NOT_VERIFIABLE: _("Không kiểm tra được chữ ký này (cấu trúc chữ ký không hợp lệ)."),
    Problem.ALTERED: _("Nội dung được ký đã bị thay đổi sau khi ký."),
    Problem.BAD_SIGNATURE: _("Chữ ký không khớp với chứng thư số của người ký."),
    Problem.FORBIDDEN_CHANGES: _(
        "Tệp đã bị sửa sau khi ký (thêm bản cập nhật thay đổi nội dung, không chỉ thêm chữ ký)."
    ),
    Problem.UNCLEAR_COVERAGE: _("Không xác định được phần tệp mà chữ ký bảo vệ."),
    Problem.CERTIFICATE_EXPIRED: _("Chứng thư số đã hết hạn vào thời điểm ký."),
    Problem.CERTIFICATE_NOT_YET_VALID: _("Chứng thư số chưa có hiệu lực vào thời điểm ký."),
    Problem.NO_SIGNING_TIME: _("Chữ ký không ghi thời điểm ký."),
    Problem.UNTRUSTED: _(
        "Chứng thư số không thuộc tổ chức cung cấp dịch vụ chứng thực được tin cậy."
    ),
    Problem.REVOKED: _("Chứng thư số đã bị thu hồi."),
    Problem.STALE_REVOCATION_LIST: _(
        "Dữ liệu thu hồi chứng thư số (CRL, OCSP) của cổng đã cũ, không kiểm tra được việc thu hồi."
    ),
}


class Coverage(enum.StrEnum):
    """What a signature covers."""

    WHOLE_FILE = "whole_file"
    # Incremental updates after it that the difference analysis allows (a later signature,
    # validation data).
    ALLOWED_UPDATES = "allowed_updates"
    FORBIDDEN_UPDATES = "forbidden_updates"
    UNCLEAR = "unclear"


class Revocation(enum.StrEnum):
    # No supplied CRL or OCSP response answers for the certificate: nothing is fetched.
    NOT_CHECKED = "not_checked"
    NOT_REVOKED = "not_revoked"  # a supplied CRL or OCSP response says so (soft-fail: see docs)
    REVOKED = "revoked"


# Updates after a signature that leave the signed content as it was: a later signature filling
# its field, document security store / timestamps for long-term validation.
_ALLOWED_LEVELS = frozenset({ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING})


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    common_name: str
    organisation: str
    serial: str  # hexadecimal, as certificate viewers show it
    issuer: str
    not_before: datetime
    not_after: datetime


@dataclass(frozen=True)
class SignatureCheck:
    field_name: str
    intact: bool
    coverage: Coverage
    signer: CertificateInfo | None
    claimed_time: datetime | None
    timestamp_time: datetime | None
    certificate_valid_at_signing: bool
    trusted: bool
    revocation: Revocation
    problems: tuple[Problem, ...]

    @property
    def signing_time(self) -> datetime | None:
        """The timestamp's time when there is one, else the time the signer claims."""
        return self.timestamp_time or self.claimed_time

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def unaltered(self) -> bool:
        """The signed content is as signed: the digest holds and nothing but a later signature
        or validation data was added after it."""
        return self.intact and self.coverage in (Coverage.WHOLE_FILE, Coverage.ALLOWED_UPDATES)

    @property
    def messages(self) -> tuple[str, ...]:
        return tuple(str(MESSAGES[problem]) for problem in self.problems)


@dataclass(frozen=True)
class VerificationReport:
    sha256: str  # of the bytes received, to recognise an exact copy
    size: int
    signatures: tuple[SignatureCheck, ...] = ()
    problems: tuple[Problem, ...] = ()
    # Set when the file could not be read (the reason in Vietnamese).
    unreadable_reason: str = field(default="")

    @property
    def is_valid(self) -> bool:
        """Readable, signed, and every signature verifies."""
        return (
            not self.problems
            and bool(self.signatures)
            and all(check.is_valid for check in self.signatures)
        )

    @property
    def messages(self) -> tuple[str, ...]:
        """The document's problems, in Vietnamese (each signature has its own)."""
        return tuple(
            self.unreadable_reason if problem == Problem.UNREADABLE else str(MESSAGES[problem])
            for problem in self.problems
        )


def report_to_json(report: VerificationReport) -> dict:
    """The report as plain JSON (stored with a dossier file); ``report_from_json`` reads it."""
    return _plain(asdict(report))


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _check_from_json(data: dict) -> SignatureCheck:
    signer = data["signer"]
    return SignatureCheck(
        **{
            **data,
            "coverage": Coverage(data["coverage"]),
            "signer": None
            if signer is None
            else CertificateInfo(
                **{
                    **signer,
                    "not_before": _moment(signer["not_before"]),
                    "not_after": _moment(signer["not_after"]),
                }
            ),
            "claimed_time": _moment(data["claimed_time"]),
            "timestamp_time": _moment(data["timestamp_time"]),
            "revocation": Revocation(data["revocation"]),
            "problems": tuple(Problem(problem) for problem in data["problems"]),
        }
    )


def report_from_json(data: dict) -> VerificationReport:
    return VerificationReport(
        sha256=data["sha256"],
        size=data["size"],
        signatures=tuple(_check_from_json(item) for item in data["signatures"]),
        problems=tuple(Problem(problem) for problem in data["problems"]),
        unreadable_reason=data["unreadable_reason"],
    )


def verify_signed_pdf(
    *,
    data: bytes,
    trust_roots: Sequence[x509.Certificate] | None = None,
    crls: Sequence[crl.CertificateList] | None = None,
    ocsp_responses: Sequence[ocsp.OCSPResponse] | None = None,
) -> VerificationReport:
    """Verify every signature of the PDF in ``data``. ``trust_roots``, ``crls`` and
    ``ocsp_responses`` default to the folders the settings name (``SIGNATURE_TRUST_ROOTS_DIR``,
    ``SIGNATURE_CRLS_DIR``, ``SIGNATURE_OCSP_DIR``)."""
    digest = hashlib.sha256(data).hexdigest()

    def refused(problem: Problem, reason: str = "") -> VerificationReport:
        return VerificationReport(
            sha256=digest, size=len(data), problems=(problem,), unreadable_reason=str(reason)
        )

    try:
        pdf_input.check_pdf_bytes(data=data)
    except pdf_input.UnreadablePdf as error:
        return refused(Problem.UNREADABLE, error.message)
    try:
        reader = PdfFileReader(io.BytesIO(data))
        if reader.encrypted:
            return refused(Problem.ENCRYPTED)
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except (PdfError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        # A damaged file raises from deep inside the parser, in many ways.
        return refused(Problem.UNREADABLE, pdf_input.MALFORMED)
    material = trust.trust_material(roots=trust_roots, crls=crls, ocsp_responses=ocsp_responses)
    found = [_check(reader, str(name), field, material) for name, _sig, field in fields]
    # In signing order (the revision each signs); one that could not be read goes last.
    ordered = sorted((item for item in found if item), key=lambda item: item[0])
    checks = tuple(check for _order, check in ordered)
    if not checks:
        return refused(Problem.UNSIGNED)
    return VerificationReport(sha256=digest, size=len(data), signatures=checks)


def _context(material: trust.TrustMaterial, moment: datetime | None) -> ValidationContext:
    # trust_roots=() (not None): an empty folder must not fall back to the system's TLS roots.
    return ValidationContext(
        trust_roots=list(material.roots),
        moment=moment,
        allow_fetching=False,
        crls=list(material.crls),
        ocsps=list(material.ocsp_responses),
        revocation_mode="soft-fail",
        # The operator's CRLs and OCSP responses are downloaded after most signatures: data
        # issued after the signing time still answers whether the certificate was revoked at
        # that time (a revocation dated later does not count against it).
        retroactive_revinfo=True,
    )


def _validate(signature, material: trust.TrustMaterial, moment) -> PdfSignatureStatus:
    return validate_pdf_signature(signature, _context(material, moment))


def _revocation(status: PdfSignatureStatus, material: trust.TrustMaterial) -> Revocation:
    """Not revoked only when supplied revocation data answered for the signer's certificate and
    the chain was built (data that fails its own checks (signature, responder, dates) makes the
    chain fail). pyHanko consults a CRL only for a certificate that declares a distribution
    point, an OCSP response only for one that declares a responder; either answers when it is
    about the certificate: a CRL of its issuer, an OCSP response on its serial number."""
    if status.revoked:
        return Revocation.REVOKED
    certificate = status.signing_cert
    declares_crl, declares_ocsp = get_declared_revinfo(certificate)
    answers = (
        declares_crl and any(item.issuer == certificate.issuer for item in material.crls)
    ) or (declares_ocsp and bool(material.about((certificate,)).ocsp_responses))
    if answers and status.trusted:
        return Revocation.NOT_REVOKED
    return Revocation.NOT_CHECKED


def _check(reader, name, field, material: trust.TrustMaterial) -> tuple[int, SignatureCheck] | None:
    """The check of one signature field and its place in signing order; ``None`` for a
    document timestamp, which signs for no one."""
    try:
        signature = EmbeddedPdfSignature(reader, field, name)
        if signature.sig_object_type != "/Sig":
            return None
        order = signature.signed_revision
        claimed = _aware(signature.self_reported_timestamp)
        material = material.about(_carried(signature))
        status = _validate(signature, material, claimed)
        stamped = status.timestamp_validity
        timestamp_time = None
        if stamped is not None and stamped.intact and stamped.valid and stamped.trusted:
            timestamp_time = _aware(stamped.timestamp)
            # The chain is judged at the timestamp's time, which the signer cannot choose.
            status = _validate(signature, material, timestamp_time)
    except Exception:
        # Hostile or damaged signature data can fail anywhere in the CMS and PDF parsers; the
        # visitor gets a clear message, the log keeps the details.
        logger.warning("Signature %r could not be verified", name, exc_info=True)
        return sys.maxsize, SignatureCheck(
            field_name=name,
            intact=False,
            coverage=Coverage.UNCLEAR,
            signer=None,
            claimed_time=None,
            timestamp_time=None,
            certificate_valid_at_signing=False,
            trusted=False,
            revocation=Revocation.NOT_CHECKED,
            problems=(Problem.NOT_VERIFIABLE,),
        )
    signer = _certificate_info(status.signing_cert)
    when = timestamp_time or claimed
    coverage = _coverage(status)
    problems = []
    if not status.intact:
        problems.append(Problem.ALTERED)
    elif not status.valid:
        problems.append(Problem.BAD_SIGNATURE)
    if coverage == Coverage.FORBIDDEN_UPDATES:
        problems.append(Problem.FORBIDDEN_CHANGES)
    elif coverage == Coverage.UNCLEAR:
        problems.append(Problem.UNCLEAR_COVERAGE)
    date_problem = _date_problem(when, signer)
    if date_problem:
        problems.append(date_problem)
    # A chain that fails only on the signer's dates is reported by the date problem; one that
    # reaches no trusted root is untrusted as well.
    no_chain = status.trust_problem_indic == AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND
    if status.revoked:
        problems.append(Problem.REVOKED)
    elif status.trust_problem_indic == AdESIndeterminate.TRY_LATER:
        # The chain failed on a supplied CRL or OCSP response past its next update: the
        # operator's download is late, which says nothing against the signer.
        problems.append(Problem.STALE_REVOCATION_LIST)
    elif not status.trusted and (no_chain or not date_problem):
        problems.append(Problem.UNTRUSTED)
    return order, SignatureCheck(
        field_name=name,
        intact=status.intact and status.valid,
        coverage=coverage,
        signer=signer,
        claimed_time=claimed,
        timestamp_time=timestamp_time,
        certificate_valid_at_signing=when is not None and date_problem is None,
        trusted=status.trusted,
        revocation=_revocation(status, material),
        problems=tuple(problems),
    )


def _carried(signature: EmbeddedPdfSignature) -> list[x509.Certificate]:
    """The certificates the signature and its timestamp token carry: the chains pyHanko checks
    (trust roots are never checked for revocation)."""
    carriers = [signature.signed_data]
    for attribute in signature.signer_info["unsigned_attrs"] or ():
        if attribute["type"].native == "signature_time_stamp_token":
            carriers += [token["content"] for token in attribute["values"]]
    return [
        choice.chosen
        for signed_data in carriers
        for choice in signed_data["certificates"] or ()
        if choice.name == "certificate"
    ]


def _date_problem(when: datetime | None, signer: CertificateInfo) -> Problem | None:
    if when is None:
        return Problem.NO_SIGNING_TIME
    if when > signer.not_after:
        return Problem.CERTIFICATE_EXPIRED
    if when < signer.not_before:
        return Problem.CERTIFICATE_NOT_YET_VALID
    return None


def _coverage(status: PdfSignatureStatus) -> Coverage:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return Coverage.WHOLE_FILE
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return Coverage.UNCLEAR
    if status.modification_level in _ALLOWED_LEVELS and status.docmdp_ok is not False:
        return Coverage.ALLOWED_UPDATES
    return Coverage.FORBIDDEN_UPDATES


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _name_part(name: x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    return ", ".join(value) if isinstance(value, list) else str(value)


def _certificate_info(certificate: x509.Certificate) -> CertificateInfo:
    validity = certificate["tbs_certificate"]["validity"]
    return CertificateInfo(
        subject=certificate.subject.human_friendly,
        common_name=_name_part(certificate.subject, "common_name"),
        organisation=_name_part(certificate.subject, "organization_name"),
        serial=format(certificate.serial_number, "X"),
        issuer=certificate.issuer.human_friendly,
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
    )
