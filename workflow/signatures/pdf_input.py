"""The checks every uploaded PDF passes before anything parses it: the size cap first (memory
stays bounded), then the PDF header. Verification and text extraction share them."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# A PDF starts with "%PDF-", though readers accept junk before it within the first kilobyte.
_HEADER = b"%PDF-"
_HEADER_WINDOW = 1024


class UnreadablePdf(Exception):
    """A PDF that cannot be read; ``message`` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(str(message))
        self.message = message


def max_bytes() -> int:
    return settings.SIGNED_PDF_MAX_BYTES


def check_pdf_bytes(*, data: bytes) -> None:
    """Raise ``UnreadablePdf`` for an empty, oversized or non-PDF file."""
    if not data:
        raise UnreadablePdf(_("Tệp rỗng, không có nội dung."))
    if len(data) > max_bytes():
        raise UnreadablePdf(too_large_message())
    if not looks_like_pdf(data):
        raise UnreadablePdf(_("Tệp không phải là PDF."))


def looks_like_pdf(head: bytes) -> bool:
    """Whether a file starting with ``head`` (its first kilobyte suffices) is a PDF."""
    return _HEADER in head[:_HEADER_WINDOW]


def too_large_message() -> str:
    return _("Tệp PDF lớn hơn giới hạn %(limit)s.") % {"limit": filesizeformat(max_bytes())}


MALFORMED = _("Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được.")
ENCRYPTED = _("Tệp PDF được mã hoá; hãy tải lên bản không mã hoá.")
