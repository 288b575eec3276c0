"""Checks on uploaded files before anything is stored: size, type by content, zip safety.

Every refusal carries a Vietnamese message a clerk understands; nothing is written.
"""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, and password-protected .docx
MAX_ZIP_MEMBERS = 1000
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100


class UploadRejected(Exception):
    def __init__(self, message: str):
        self.message = str(message)
        super().__init__(self.message)


@dataclass(frozen=True)
class Inspected:
    kind: str  # "pdf" or "docx"
    size: int


def inspect_upload(upload, *, max_size: int | None = None) -> Inspected:
    """The file's real type, or ``UploadRejected``; reads the upload, then rewinds it."""
    limit = max_size or settings.DOSSIER_MAX_UPLOAD_SIZE
    size = upload.size
    if size == 0:
        raise UploadRejected(_("Tệp rỗng, không có nội dung."))
    if size > limit:
        raise UploadRejected(
            _("Tệp quá lớn (%(size)s MB); dung lượng tối đa là %(limit)s MB.")
            % {"size": _mb(size), "limit": _mb(limit)}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(PDF_MAGIC):
        return Inspected("pdf", size)
    if head.startswith(ZIP_MAGIC):
        _check_docx(upload)
        return Inspected("docx", size)
    if head.startswith(OLE_MAGIC):
        if _is_encrypted_ooxml(upload):
            raise UploadRejected(
                _("Tệp Word có đặt mật khẩu. Vui lòng gỡ mật khẩu rồi tải lên lại.")
            )
        raise UploadRejected(
            _(
                "Tệp .doc (Word 97-2003) không được hỗ trợ. Vui lòng mở bằng Word và lưu lại "
                "dưới dạng .docx hoặc PDF."
            )
        )
    raise UploadRejected(_("Chỉ nhận tệp Word (.docx) hoặc PDF. Tệp này không phải hai loại đó."))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _check_docx(upload) -> None:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise UploadRejected(_("Tệp Word có cấu trúc bất thường (quá nhiều thành phần)."))
            total = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members) or 1
            if total > MAX_ZIP_UNCOMPRESSED or total / packed > MAX_ZIP_RATIO:
                raise UploadRejected(
                    _("Tệp Word có cấu trúc bất thường (nén quá mức) và đã bị từ chối.")
                )
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise UploadRejected(_("Tệp nén này không phải tài liệu Word (.docx) hợp lệ."))
    except zipfile.BadZipFile as exc:
        raise UploadRejected(_("Tệp Word bị hỏng, không đọc được.")) from exc
    finally:
        upload.seek(0)


def _is_encrypted_ooxml(upload) -> bool:
    # Encrypted Office files are OLE containers holding an "EncryptedPackage" stream;
    # its UTF-16 name appears in the directory sectors.
    upload.seek(0)
    data = upload.read(1024 * 1024)
    upload.seek(0)
    return "EncryptedPackage".encode("utf-16-le") in data
