"""The cms text kernel: text as it is stored, with no dependency on any other app."""

import unicodedata


def nfc(text: str) -> str:
    """Unicode NFC, the form every text is stored in (``cms.models.text.NFCTextMixin``)."""
    return unicodedata.normalize("NFC", text)
