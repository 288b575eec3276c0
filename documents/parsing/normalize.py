"""Line clean-up shared by both readers (folding and tones are in ``cms.text``)."""

import re

from cms.text import nfc

# Zero-width characters and soft hyphens survive copy-paste from Word and the web.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_line(text: str) -> str:
    """NFC, look-alike letters replaced, invisible characters dropped, spaces collapsed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", nfc(text))).strip()


def is_upper(text: str) -> bool:
    """True for text with letters, all in capitals ("CHỦ TỊCH QUỐC HỘI")."""
    return any(c.isalpha() for c in text) and text == text.upper()
