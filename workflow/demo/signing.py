"""The demo's signed originals (issue 17): a demonstration certificate authority created when
the demo is loaded, and each issued document's text as a PDF signed by its signer and then by
the issuing office, both certified by that CA.

Every name says it is a demonstration ("DEMO — Chỉ dùng để trình diễn"). Keys live in memory
for one load and are never written; the CA's certificate is written to ``DEMO_CA_DIR``, which
only the development settings trust (``SIGNATURE_TRUST_ROOTS_DIR``). Each load that signs
something creates a new CA (a new file beside the earlier ones), so copies signed by an
earlier load keep verifying.
"""

import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from fpdf import FPDF
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

DEMO_LABEL = "DEMO — Chỉ dùng để trình diễn"
ORGANISATION = "Cổng văn bản"
_MAX_NAME = 64  # characters of a common or organisation name (RFC 5280 upper bounds)
FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Vietnamese.ttf"
# fpdf2 subsets the font through fontTools, which logs every step at INFO level.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Holder:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.certificate.public_bytes(serialization.Encoding.DER))

    @property
    def signer_key(self) -> asn1_keys.PrivateKeyInfo:
        return private_key_info(self.key)


def private_key_info(key) -> asn1_keys.PrivateKeyInfo:
    """A ``cryptography`` private key as pyHanko's signer takes it."""
    return asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def key_usage(*, ca: bool) -> x509.KeyUsage:
    """A CA signs certificates and CRLs; a signer signs documents (non-repudiation)."""
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _demo_name(name: str) -> str:
    suffix = " (DEMO)"
    return name[: _MAX_NAME - len(suffix)] + suffix


def _certify(common_name: str, organisation: str, *, by: Holder | None) -> Holder:
    """A certificate for a new key, issued by ``by`` (a self-signed CA without it); every name
    marked "(DEMO)", the unit named "DEMO — Chỉ dùng để trình diễn"."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _demo_name(organisation)),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_LABEL),
            x509.NameAttribute(NameOID.COMMON_NAME, _demo_name(common_name)),
        ]
    )
    ca = by is None
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(by.certificate.subject if by else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650 if ca else 1825))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(key_usage(ca=ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(by.key if by else key, hashes.SHA256())
    )
    return Holder(certificate, key)


class DemoCA:
    """A demonstration CA for one load; its certificate is written when it is created."""

    def __init__(self):
        self.root = _certify("CA gốc trình diễn", ORGANISATION, by=None)
        self._holders: dict[tuple[str, str], Holder] = {}
        folder = Path(settings.DEMO_CA_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"demo-ca-{self.root.certificate.serial_number:x}.pem"
        self.path.write_bytes(self.root.certificate.public_bytes(serialization.Encoding.PEM))

    def holder(self, common_name: str, organisation: str) -> Holder:
        key = (common_name, organisation)
        if key not in self._holders:
            self._holders[key] = _certify(common_name, organisation, by=self.root)
        return self._holders[key]

    def sign(self, data: bytes, holder: Holder, field_name: str) -> bytes:
        """``data`` signed by ``holder`` in an incremental update (the chain embedded)."""
        signer = signers.SimpleSigner(
            signing_cert=holder.asn1,
            signing_key=holder.signer_key,
            cert_registry=SimpleCertificateStore.from_certs([self.root.asn1]),
        )
        output = signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(data)),
            signers.PdfSignatureMetadata(field_name=field_name, reason=DEMO_LABEL),
            signer=signer,
        )
        return output.getvalue()


@cache
def demo_ca() -> DemoCA:
    """The CA of this process (one per load: ``load_demo`` clears it first)."""
    return DemoCA()


def text_pdf(lines: list[str], *, title: str) -> bytes:
    """The text as a plain A4 PDF in a Unicode font, labelled a demonstration in its
    metadata (not in its text, which must be the issued text)."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_subject(f"Bản gốc minh họa ({DEMO_LABEL})")
    pdf.set_creator("Cổng văn bản, load_demo")
    pdf.add_font("body", fname=str(FONT))
    pdf.set_font("body", size=11)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def signed_original(
    lines: list[str], *, title: str, signer: str, office: str, province: str
) -> bytes:
    """The issued text as a PDF signed by the person who signed it, then by the office that
    issued it (Decree 30/2020: the signer's and the agency's signatures)."""
    ca = demo_ca()
    data = text_pdf(lines, title=title)
    data = ca.sign(data, ca.holder(signer, province), "NguoiKy")
    return ca.sign(data, ca.holder(office, province), "CoQuanBanHanh")
