"""Text clean-up shared by both readers, and the folded form used to match keywords."""

import re
import unicodedata

# Zero-width characters and soft hyphens survive copy-paste from Word and the web.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Vietnamese tone marks. Old and new placement ("hoà"/"hòa", "Uỷ"/"Ủy") differ only in which
# vowel carries the tone, so dropping tones makes both spellings equal for keyword matching.
# The circumflex, breve and horn stay: they make other letters (ô, ơ, ư), not other spellings.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def clean_line(text: str) -> str:
    """NFC, look-alike letters replaced, invisible characters dropped, spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    # "Ð" (U+00D0, Icelandic eth) and "ð" are common look-alikes of "Đ"/"đ" in Vietnamese sources.
    # (str.replace, not str.translate: translate is slow on text it mostly leaves alone.)
    text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _fold_char(char: str) -> str:
    lower = char.lower()
    if len(lower) != 1:
        lower = char
    decomposed = unicodedata.normalize("NFD", lower)
    folded = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    # One character in, one out: match offsets in the folded text are valid in the original.
    return folded if len(folded) == 1 else lower


class _FoldTable(dict[int, str]):
    """str.translate table that computes (and caches) each character's folded form on demand."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case text without tone marks, of the same length as ``text``."""
    return text.translate(_FOLD_TABLE)


def fold_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a regex written in ordinary Vietnamese so that it matches folded text.

    Only non-ASCII characters are folded, so escapes such as ``\\S`` keep their meaning; write the
    ASCII parts in lower case.
    """
    return re.compile("".join(_fold_char(c) if ord(c) > 127 else c for c in pattern))


def is_upper(text: str) -> bool:
    """True for text with letters, all in capitals ("CHỦ TỊCH QUỐC HỘI")."""
    return any(c.isalpha() for c in text) and text == text.upper()
