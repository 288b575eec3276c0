"""What signatures are checked against: the operator's trust roots and revocation data (CRLs
and OCSP responses), read from the folders the settings name. Nothing is bundled and nothing is
fetched: an unset or empty folder means no trusted root (every chain is reported untrusted) and
no revocation check.
"""

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from asn1crypto import crl, ocsp, pem, x509
from django.conf import settings

logger = logging.getLogger(__name__)


def _blobs(folder: str) -> Iterator[tuple[Path, bytes]]:
    """Each DER object in the folder's files (a PEM file may hold several)."""
    if not folder:
        return
    directory = Path(folder)
    if not directory.is_dir():
        logger.warning("Signature folder %s does not exist", directory)
        return
    for path in sorted(directory.iterdir()):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if pem.detect(data):
            for _kind, _headers, der in pem.unarmor(data, multiple=True):
                yield path, der
        else:
            yield path, data


def _load(folder: str, kind):
    found = []
    for path, der in _blobs(folder):
        try:
            item = kind.load(der)
            _ = item.native  # parse now: asn1crypto parses lazily
        except (ValueError, TypeError):
            logger.warning("Not a %s, skipped: %s", kind.__name__, path)
            continue
        found.append(item)
    return tuple(found)


def load_certificates(*, folder: str) -> tuple[x509.Certificate, ...]:
    """The CA certificates (PEM or DER) in ``folder``; unreadable files are logged and skipped."""
    return _load(folder, x509.Certificate)


def load_crls(*, folder: str) -> tuple[crl.CertificateList, ...]:
    """The certificate revocation lists (PEM or DER) in ``folder``."""
    return _load(folder, crl.CertificateList)


def load_ocsp_responses(*, folder: str) -> tuple[ocsp.OCSPResponse, ...]:
    """The OCSP responses (DER, or PEM) in ``folder``, as ``openssl ocsp -respout`` saves them."""
    return _load(folder, ocsp.OCSPResponse)


def configured_trust_roots() -> tuple[x509.Certificate, ...]:
    return load_certificates(folder=settings.SIGNATURE_TRUST_ROOTS_DIR)


def configured_crls() -> tuple[crl.CertificateList, ...]:
    return load_crls(folder=settings.SIGNATURE_CRLS_DIR)


def configured_ocsp_responses() -> tuple[ocsp.OCSPResponse, ...]:
    return load_ocsp_responses(folder=settings.SIGNATURE_OCSP_DIR)


@dataclass(frozen=True)
class TrustMaterial:
    """The trust roots and the revocation data one verification uses."""

    roots: tuple[x509.Certificate, ...]
    crls: tuple[crl.CertificateList, ...]
    ocsp_responses: tuple[ocsp.OCSPResponse, ...]

    def about(self, certificates: Iterable[x509.Certificate]) -> "TrustMaterial":
        """Only the OCSP responses with an answer on one of ``certificates``. pyHanko tries
        every supplied response on every certificate it checks, and one of the right issuer on
        another serial number fails the check: responses on other certificates must not reach
        it (a CRL of another issuer is simply ignored)."""
        wanted = tuple(certificates)
        return replace(
            self,
            ocsp_responses=tuple(
                response
                for response in self.ocsp_responses
                if any(_answers_on(response, certificate) for certificate in wanted)
            ),
        )


def _answers_on(response: ocsp.OCSPResponse, certificate: x509.Certificate) -> bool:
    """Whether a successful OCSP response has an answer on ``certificate``: its serial number
    and its issuer's name (pyHanko checks the issuer's key, the responder and the dates)."""
    if response["response_status"].native != "successful":
        return False
    if response["response_bytes"]["response_type"].native != "basic_ocsp_response":
        return False
    for single in response.basic_ocsp_response["tbs_response_data"]["responses"]:
        cert_id = single["cert_id"]
        algorithm = cert_id["hash_algorithm"]["algorithm"].native
        issuer_hash = getattr(certificate.issuer, algorithm, None)
        serial = cert_id["serial_number"].native
        if (
            serial == certificate.serial_number
            and cert_id["issuer_name_hash"].native == issuer_hash
        ):
            return True
    return False


def _given(items: Sequence | None, configured) -> tuple:
    return tuple(configured() if items is None else items)


def trust_material(
    *,
    roots: Sequence[x509.Certificate] | None = None,
    crls: Sequence[crl.CertificateList] | None = None,
    ocsp_responses: Sequence[ocsp.OCSPResponse] | None = None,
) -> TrustMaterial:
    """The items given, and the configured folders' for those left ``None``."""
    return TrustMaterial(
        roots=_given(roots, configured_trust_roots),
        crls=_given(crls, configured_crls),
        ocsp_responses=_given(ocsp_responses, configured_ocsp_responses),
    )
