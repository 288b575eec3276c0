"""What signatures are checked against: the operator's trust roots and revocation lists, read
from the folders the settings name. Nothing is bundled and nothing is fetched: an unset or
empty folder means no trusted root (every chain is reported untrusted) and no revocation check.
"""

import logging
from collections.abc import Iterator
from pathlib import Path

from asn1crypto import crl, pem, x509
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


def configured_trust_roots() -> tuple[x509.Certificate, ...]:
    return load_certificates(folder=settings.SIGNATURE_TRUST_ROOTS_DIR)


def configured_crls() -> tuple[crl.CertificateList, ...]:
    return load_crls(folder=settings.SIGNATURE_CRLS_DIR)
