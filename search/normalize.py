"""Vietnamese text normalisation, shared by indexing, querying and number validation.

Three forms of a text:

- ``nfc``: Unicode NFC (real texts mix composed and decomposed letters);
- ``exact_form``: NFC, one canonical tone-mark position, lower case; diacritics kept;
- ``fold``: no diacritics at all, ``đ`` -> ``d``, lower case.
"""

import re
import unicodedata
from functools import lru_cache
from itertools import chain

_DASH_CHARS = "\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
_DASHES = re.compile(rf"[{_DASH_CHARS}_]")
_SPACES = re.compile(r"\s+")

# Grave, acute, tilde, hook above, dot below.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Circumflex (â ê ô), breve (ă), horn (ơ ư).
_QUALITIES = frozenset("\u0302\u0306\u031b")
_MARKS = _TONES | _QUALITIES
_VOWELS = frozenset("aeiouy")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz\u0111")
# Open two-vowel rhymes whose tone goes on the second vowel ("hoà", "khoẻ", "thuỷ").
_SECOND_VOWEL_PAIRS = frozenset(("oa", "oe", "uy"))

# Letters only: digits never carry tone marks and would flood the cache.
_WORD_SPLIT = re.compile(r"([^\W\d_]+)")
# A letter or digit, or a combining mark left over after NFC (stray marks occur in real texts).
_ALNUM = r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])"
_WORD = re.compile(rf"{_ALNUM}+")
_SEP = rf"[/\-{_DASH_CHARS}]"
# A digit-led run of parts joined by "/" or dashes; _is_number() decides whether it is a number.
_CANDIDATE = rf"(?<![\w.,])\d{{1,6}}[^\W\d_]?(?:{_SEP}{_ALNUM}+(?:&{_ALNUM}+)*)+"
_TOKEN = re.compile(rf"{_CANDIDATE}|{_ALNUM}+")
_FULL_CANDIDATE = re.compile(_CANDIDATE)
_SEP_SPLIT = re.compile(_SEP)


def _fold_table() -> dict[int, str | None]:
    ranges = (
        (0x00C0, 0x0500),  # Latin-1 to Cyrillic, with combining diacritics
        (0x1DC0, 0x2000),  # combining supplement, Latin extended additional (Vietnamese), Greek
        (0x20D0, 0x2100),  # combining marks for symbols
        (0xFE20, 0xFE30),  # combining half marks
    )
    table: dict[int, str | None] = {}
    for start, stop in ranges:
        for code in range(start, stop):
            char = chr(code)
            if unicodedata.combining(char):
                table[code] = None
                continue
            base = "".join(
                c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
            )
            if base != char:
                table[code] = base
    for char in "\u0110\u0111\u00d0\u00f0":  # Đ đ, and the look-alike Icelandic eth
        table[ord(char)] = "d"
    return table


_FOLD = _fold_table()


def nfc(text: str) -> str:
    """Unicode NFC; "Ð" (U+00D0, Icelandic eth) is read as the Vietnamese "Đ"."""
    return (
        unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    )


def normalize_number(number: str) -> str:
    """Canonical comparison key of a document number: "629/QĐ-UBND" -> "629/qd-ubnd".

    Case, "Đ"/"D", dash variants and spaces do not distinguish two numbers.
    """
    key = nfc(number).lower().replace("\u0111", "d")
    key = _DASHES.sub("-", key)
    key = _SPACES.sub("", key)
    return key


def fold(text: str) -> str:
    """Folded form: no diacritics, "đ" -> "d", lower case ("CHỮ KÝ SỐ" -> "chu ky so").

    Same result as NFC then stripping every combining mark, whatever the input's normal form.
    """
    lowered = text.lower()
    decomposed = unicodedata.normalize("NFD", lowered).replace("\u0111", "d")
    ascii_only = decomposed.encode("ascii", "ignore")
    # Fast path (most texts): the only non-ASCII characters were Vietnamese marks.
    if len(ascii_only) + sum(map(decomposed.count, _MARKS)) == len(decomposed):
        return ascii_only.decode("ascii")
    return lowered.translate(_FOLD)


@lru_cache(maxsize=65536)
def _canonical_syllable(word: str) -> str:
    """``word`` (NFC letters) with its tone mark on the new-style vowel, or unchanged.

    Anything that is not one Vietnamese syllable with one tone mark is left as it is.
    """
    if word.isascii():
        return word
    bases: list[str] = []
    marks: list[str] = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char):
            if not bases:
                return word
            marks[-1] += char
        else:
            bases.append(char)
            marks.append("")
    tones = [(i, c) for i, m in enumerate(marks) for c in m if c in _TONES]
    if len(tones) != 1:
        return word
    tone_at, tone = tones[0]
    lower = [b.lower() for b in bases]
    vowels = [i for i, b in enumerate(lower) if b in _VOWELS]
    if (
        not vowels
        or not _LETTERS.issuperset(lower)
        or vowels[-1] - vowels[0] + 1 != len(vowels)
        or any(m and i not in vowels for i, m in enumerate(marks))
        or not _MARKS.issuperset("".join(marks))
    ):
        return word
    nucleus = vowels
    onset = "".join(lower[: vowels[0]])
    # In "qu" and "gi" + vowel the u/i belongs to the onset ("quý", "giá"; but "gìn").
    if len(vowels) > 1 and (onset, lower[vowels[0]]) in (("q", "u"), ("g", "i")):
        nucleus = vowels[1:]
    with_quality = [i for i in nucleus if _QUALITIES.intersection(marks[i])]
    if with_quality:
        target = with_quality[-1]  # "ươ" takes it on the ơ
    elif vowels[-1] < len(bases) - 1 or len(nucleus) == 1:
        target = nucleus[-1]  # closed syllable ("hoàng", "quỳnh") or a single vowel
    elif len(nucleus) == 3:
        target = nucleus[1]  # "hoài", "khuỷu", "ngoẹo"
    elif len(nucleus) == 2:
        pair = lower[nucleus[0]] + lower[nucleus[1]]
        target = nucleus[1] if pair in _SECOND_VOWEL_PAIRS else nucleus[0]
    else:
        return word
    if target == tone_at:
        return word
    marks[tone_at] = marks[tone_at].replace(tone, "")
    marks[target] += tone  # after any quality mark: the canonical order within NFD
    return unicodedata.normalize("NFC", "".join(b + m for b, m in zip(bases, marks, strict=True)))


@lru_cache(maxsize=131072)
def _canonical_chunk(chunk: str) -> str:
    parts = _WORD_SPLIT.split(chunk)
    parts[1::2] = map(_canonical_syllable, parts[1::2])
    return "".join(parts)


def canonical_tones(text: str) -> str:
    """NFC ``text`` with every tone mark in the new-style position: "hòa" -> "hoà", "Ủy" -> "Uỷ".

    Keeps case and all diacritics; words that are not Vietnamese syllables are left alone.
    """
    # Space-separated chunks repeat so much that caching them beats a regex pass over the text.
    return " ".join(map(_canonical_chunk, nfc(text).split(" ")))


def exact_form(text: str) -> str:
    """Form for matching the user's own diacritics: NFC, canonical tones, lower case."""
    return canonical_tones(text.lower())


def _is_number(candidate: str) -> bool:
    """Whether a digit-led run of parts (see ``_CANDIDATE``) is a document number.

    Two or more separators and a letter after the first one: "629/QĐ-UBND", "57/2020/QH14",
    "56-CTr/TU", but not the date "05/3/2020". Rare one-separator numbers ("73-CP") are not
    recognised: "000đ/tháng" must stay two words, and the rule must not depend on case or
    diacritics, so that tokenising before or after ``fold`` gives the same tokens.
    """
    parts = _SEP_SPLIT.split(candidate)[1:]
    return len(parts) >= 2 and any(c.isalpha() for c in "".join(parts))


def looks_like_number(token: str) -> bool:
    """Whether ``token`` is a document number: "629/QĐ-UBND", "629/qd-ubnd", "56-CTr/TU"."""
    token = nfc(token.strip())
    return _FULL_CANDIDATE.fullmatch(token) is not None and _is_number(token)


@lru_cache(maxsize=131072)
def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    result: list[str] = []
    for token in _TOKEN.findall(chunk):
        if token.isalnum() or _is_number(token):
            result.append(token)
        else:
            result.extend(_WORD.findall(token))
    return tuple(result)


def tokens(text: str) -> list[str]:
    """Word tokens of NFC ``text`` (letters and digits), with document numbers kept whole.

    Tokens keep their case and diacritics: apply ``fold`` or ``exact_form`` as needed.
    """
    return list(chain.from_iterable(map(_chunk_tokens, nfc(text).split())))
