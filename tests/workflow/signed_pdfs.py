"""Keys, certificates and signed PDFs for the signature tests, built with ``cryptography``,
fpdf2 and pyHanko: a root CA, an intermediate, signers (a person, an agency), certificates out
of their validity period and an unrelated root. Small and fast: build once per module."""

import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID
from fpdf import FPDF
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from workflow.demo import signing as demo_signing
from workflow.demo.signing import key_usage

NOW = datetime.now(UTC)
PROVINCE = "UBND tỉnh"
# A Unicode TrueType font for Vietnamese text (Debian fonts-dejavu-core).
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


@dataclass(frozen=True)
class Identity:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.certificate.public_bytes(serialization.Encoding.DER))


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def issue(
    *,
    common_name: str,
    organisation: str,
    issuer: Identity | None = None,
    ca: bool = False,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    extended_usage: x509.ObjectIdentifier | None = None,
    rsa_key: bool = False,
    extensions: tuple[x509.ExtensionType, ...] = (),
) -> Identity:
    """A certificate signed by ``issuer`` (self-signed without one); an EC key unless
    ``rsa_key`` (pyHanko's test timestamper signs with RSA only)."""
    key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if rsa_key
        else ec.generate_private_key(ec.SECP256R1())
    )
    subject = _name(common_name, organisation)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.certificate.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - timedelta(days=30))
        .not_valid_after(not_after or NOW + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(key_usage(ca=ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    if extended_usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage([extended_usage]), critical=True)
    for extension in extensions:
        builder = builder.add_extension(extension, critical=False)
    if not ca:
        # A CRL and an OCSP responder, declared as real CA certificates declare them (never
        # fetched: no network).
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier("http://ca.invalid/issuing.crl")],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
        builder = builder.add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.OCSP,
                        x509.UniformResourceIdentifier("http://ocsp.ca.invalid"),
                    )
                ]
            ),
            critical=False,
        )
    certificate = builder.sign((issuer or Identity(None, key)).key, hashes.SHA256())
    return Identity(certificate, key)


@dataclass(frozen=True)
class Pki:
    root: Identity
    intermediate: Identity
    person: Identity
    agency: Identity
    expired: Identity
    not_yet_valid: Identity
    other_root: Identity
    stranger: Identity  # a signer under other_root


def build_pki() -> Pki:
    root = issue(common_name="Demo Root CA", organisation="Demo CA", ca=True)
    intermediate = issue(
        common_name="Demo Issuing CA", organisation="Demo CA", issuer=root, ca=True
    )
    other_root = issue(common_name="Other Root CA", organisation="Other CA", ca=True)
    return Pki(
        root=root,
        intermediate=intermediate,
        person=issue(common_name="Nguyễn Văn An", organisation=PROVINCE, issuer=intermediate),
        agency=issue(common_name="Văn phòng UBND tỉnh", organisation=PROVINCE, issuer=intermediate),
        expired=issue(
            common_name="Trần Thị Bình",
            organisation=PROVINCE,
            issuer=intermediate,
            not_before=NOW - timedelta(days=400),
            not_after=NOW - timedelta(days=35),
        ),
        not_yet_valid=issue(
            common_name="Lê Văn Cường",
            organisation=PROVINCE,
            issuer=intermediate,
            not_before=NOW + timedelta(days=10),
            not_after=NOW + timedelta(days=400),
        ),
        other_root=other_root,
        stranger=issue(common_name="Người lạ", organisation="Other", issuer=other_root),
    )


def unicode_font() -> Path | None:
    return next((path for path in UNICODE_FONTS if path.is_file()), None)


def unicode_font_or_skip() -> Path:
    """The Unicode font, or the test skipped saying what is missing."""
    path = unicode_font()
    if path is None:
        pytest.skip("no Unicode TrueType font (Debian fonts-dejavu-core) for Vietnamese PDFs")
    return path


def tampered(signed: bytes) -> bytes:
    """``signed`` with one signed byte changed after signing (in the producer's name)."""
    at = signed.index(b"/Producer")
    return signed[:at] + b"/Producex" + signed[at + len(b"/Producer") :]


def make_pdf(*, pages: list[list[str]], font: Path | None = None, **encryption) -> bytes:
    """A small PDF, one list of lines per page. Without ``font`` the text must be Latin-1
    (a core font); ``encryption`` goes to ``FPDF.set_encryption``."""
    pdf = FPDF()
    if font:
        pdf.add_font("body", fname=str(font))
        pdf.set_font("body", size=11)
    else:
        pdf.set_font("helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def private_key_info(identity: Identity) -> asn1_keys.PrivateKeyInfo:
    return demo_signing.private_key_info(identity.key)


def sign(*, data: bytes, identity: Identity, pki: Pki, field_name: str, timestamper=None) -> bytes:
    """``data`` signed by ``identity`` in an incremental update (chain embedded), with a
    timestamp token when a ``timestamper`` is given."""
    signer = signers.SimpleSigner(
        signing_cert=identity.asn1,
        signing_key=private_key_info(identity),
        cert_registry=SimpleCertificateStore.from_certs(
            [pki.intermediate.asn1, pki.root.asn1, pki.other_root.asn1]
        ),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    output = signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(field_name=field_name),
        signer=signer,
        timestamper=timestamper,
    )
    return output.getvalue()


def revocation_list(
    *, issuer: Identity, revoked: tuple[Identity, ...] = (), updated: datetime | None = None
) -> bytes:
    """A CRL (DER) by ``issuer`` of ``updated`` (two days ago), valid for 30 days, listing
    ``revoked`` as revoked a day ago."""
    updated = updated or NOW - timedelta(days=2)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.certificate.subject)
        .last_update(updated)
        .next_update(updated + timedelta(days=30))
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .add_extension(x509.CRLNumber(1), critical=False)
    )
    for identity in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(identity.certificate.serial_number)
            .revocation_date(NOW - timedelta(days=1))
            .build()
        )
    return builder.sign(issuer.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def ocsp_response(
    *,
    subject: Identity,
    issuer: Identity,
    revoked: bool = False,
    responder: Identity | None = None,
    produced: datetime | None = None,
) -> bytes:
    """An OCSP response (DER) on ``subject`` by its ``issuer`` (or a delegated ``responder``
    certified by it, embedded) of ``produced`` (a day ago), valid for 7 days: good, or revoked
    two days before ``produced``."""
    produced = produced or NOW - timedelta(days=1)
    signer = responder or issuer
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response(
            cert=subject.certificate,
            issuer=issuer.certificate,
            algorithm=hashes.SHA1(),
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
            this_update=produced,
            next_update=produced + timedelta(days=7),
            revocation_time=produced - timedelta(days=2) if revoked else None,
            revocation_reason=x509.ReasonFlags.key_compromise if revoked else None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, signer.certificate)
    )
    if responder:
        builder = builder.certificates([responder.certificate])
    response = builder.sign(signer.key, hashes.SHA256())
    return response.public_bytes(serialization.Encoding.DER)
