"""The Vietnamese text kernel: Unicode form, folding, tone placement and words.

Forms of a text, each with one use:

- ``nfc``: Unicode NFC (real texts mix composed and decomposed letters), "Ð" read as "Đ";
- ``exact_form``: NFC, one canonical tone-mark position, lower case; diacritics kept
  (matching the user's own diacritics);
- ``fold``: no diacritics at all, ``đ`` -> ``d``, lower case; the length may change
  (search: "chu ky so" finds "chữ ký số");
- ``strip_tones``: lower case without tone marks, same length; ``đ`` and the vowel qualities
  (â ă ê ô ơ ư) kept (keyword matching in the parser, where only the old and new tone
  placement, "hòa"/"hoà", must read alike).

Document numbers are in ``cms.numbers``.
"""

import re
import unicodedata
from functools import lru_cache

# Grave, acute, tilde, hook above, dot below.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Circumflex (â ê ô), breve (ă), horn (ơ ư): they make other letters, not other spellings.
_QUALITIES = frozenset("\u0302\u0306\u031b")
_MARKS = TONE_MARKS | _QUALITIES
_VOWELS = frozenset("aeiouy")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz\u0111")
# Open two-vowel rhymes whose tone goes on the second vowel ("hoà", "khoẻ", "thuỷ").
_SECOND_VOWEL_PAIRS = frozenset(("oa", "oe", "uy"))
# "Ð" (U+00D0, Icelandic eth) and "ð" are common look-alikes of "Đ"/"đ" in Vietnamese sources.
D_WITH_STROKE = "\u0111\u0110\u00d0\u00f0"

# A letter or digit.
LETTER_OR_DIGIT = r"[^\W_]"
# A combining mark left over after NFC (stray marks occur in real texts).
COMBINING_MARK = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
# A word: a run of letters and digits.
WORD = re.compile(rf"{LETTER_OR_DIGIT}+")
# A word as the search engines split text (SQLite FTS5 unicode61, the Elasticsearch pattern
# tokenizer): a stray combining mark is part of the word, where ``WORD`` would cut it.
ENGINE_WORD = re.compile(rf"(?:{LETTER_OR_DIGIT}|{COMBINING_MARK})+")
# Letters only: digits never carry tone marks and would flood the tone-placement cache.
_LETTER_RUN = re.compile(r"([^\W\d_]+)")


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
    for char in D_WITH_STROKE:
        table[ord(char)] = "d"
    return table


_FOLD = _fold_table()


def nfc(text: str) -> str:
    """Unicode NFC; "Ð" (U+00D0, Icelandic eth) is read as the Vietnamese "Đ"."""
    # str.replace, not str.translate: translate is slow on text it mostly leaves alone.
    return (
        unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    )


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


def has_diacritics(word: str) -> bool:
    return fold(word) != word


def _strip_tones_char(char: str) -> str:
    lower = char.lower()
    if len(lower) != 1:
        lower = char
    decomposed = unicodedata.normalize("NFD", nfc(lower))  # nfc: "ð" is read as "đ"
    stripped = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    # One character in, one out: match offsets in the stripped text are valid in the original.
    return stripped if len(stripped) == 1 else lower


class _StripTonesTable(dict[int, str]):
    """str.translate table that computes (and caches) each character's form on demand."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _strip_tones_char(chr(code))
        return value


_STRIP_TONES = _StripTonesTable()


def strip_tones(text: str) -> str:
    """Lower-case NFC ``text`` without tone marks, of the same length as ``text``.

    Old and new tone placement ("hoà"/"hòa", "Uỷ"/"Ủy") differ only in which vowel carries the
    tone, so both read alike; "đ" (also for the look-alike "Ð") and the vowel qualities stay.
    ``fold(strip_tones(text)) == fold(text)``.
    """
    return text.translate(_STRIP_TONES)


def toneless_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a regex written in ordinary Vietnamese so that it matches ``strip_tones`` text.

    Only non-ASCII characters are changed, so escapes such as ``\\S`` keep their meaning; write
    the ASCII parts in lower case.
    """
    return re.compile("".join(_strip_tones_char(c) if ord(c) > 127 else c for c in pattern))


def _split_marks(word: str) -> tuple[list[str], list[str]]:
    """The letters of ``word`` and, for each, the combining marks on it (NFD order)."""
    bases: list[str] = []
    marks: list[str] = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char) and bases:
            marks[-1] += char
        else:
            bases.append(char)
            marks.append("")
    return bases, marks


def _join_marks(bases: list[str], marks: list[str]) -> str:
    return unicodedata.normalize("NFC", "".join(b + m for b, m in zip(bases, marks, strict=True)))


@lru_cache(maxsize=65536)
def _canonical_syllable(word: str) -> str:
    """``word`` (NFC letters) with its tone mark on the new-style vowel, or unchanged.

    Anything that is not one Vietnamese syllable with one tone mark is left as it is.
    """
    if word.isascii():
        return word
    bases, marks = _split_marks(word)
    if unicodedata.combining(bases[0]):  # a stray mark first
        return word
    tones = [(i, c) for i, m in enumerate(marks) for c in m if c in TONE_MARKS]
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
    return _join_marks(bases, marks)


@lru_cache(maxsize=131072)
def _canonical_chunk(chunk: str) -> str:
    parts = _LETTER_RUN.split(chunk)
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


def tone_variants(word: str) -> tuple[str, ...]:
    """Spellings of ``word`` (an ``exact_form``) with its tone mark on another vowel of the
    same vowel group that ``exact_form`` reads as the same word: "hoà" -> ("hoà", "hòa").

    The embedded search indexes store the lower-case text as written (old and new tone
    placement mixed) and look for every spelling, which is cheaper than canonicalising the
    whole corpus.
    """
    bases, marks = _split_marks(word)
    toned = [i for i, m in enumerate(marks) if TONE_MARKS.intersection(m)]
    if len(toned) != 1:
        return (word,)
    at = toned[0]
    tone = next(c for c in marks[at] if c in TONE_MARKS)
    first = last = at
    while first > 0 and bases[first - 1].lower() in _VOWELS:
        first -= 1
    while last + 1 < len(bases) and bases[last + 1].lower() in _VOWELS:
        last += 1
    variants = [word]
    for target in range(first, last + 1):
        if target == at:
            continue
        moved = list(marks)
        moved[at] = moved[at].replace(tone, "")
        moved[target] += tone
        candidate = _join_marks(bases, moved)
        if canonical_tones(candidate) == word:
            variants.append(candidate)
    return tuple(dict.fromkeys(variants))


def slug_of(text: str, max_length: int = 80) -> str:
    """The URL slug of a Vietnamese text: folded ("đ" -> "d"), words joined by hyphens, cut at
    a word boundary within ``max_length`` ("Quy định về quản lý" -> "quy-dinh-ve-quan-ly")."""
    slug = ""
    for word in re.findall(r"[a-z0-9]+", fold(nfc(text))):
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > max_length:
            return slug or word[:max_length]
        slug = longer
    return slug


def is_garbled_slug_of(slug: str, text: str) -> bool:
    """Whether ``slug`` is what an ASCII-only slugifier (Django's, or the admin's JavaScript)
    makes of ``text``: letters outside its tables dropped, "đ" as "", "d" or "dj". Each word of
    the slug is a subsequence of the next folded word of the text ("djnh" of "định", "qun" of
    "quản"); a word of the text left out had no ASCII letter or digit ("ở")."""
    parts = slug.replace("dj", "d").split("-")
    words = WORD.findall(nfc(text).lower())
    if not slug or not parts:
        return False
    for word in words:
        if parts:
            chars = iter(fold(word))
            if all(c in chars for c in parts[0]):
                parts.pop(0)
                continue
        if re.search(r"[a-z0-9]", word):
            return False
    return not parts
