"""Document numbers ("số, ký hiệu"): what a dash is, recognising, parsing, formatting, comparing.

Forms: normative `05/2015/QĐ-UBND` (laws: `57/2020/QH14`), administrative `629/QĐ-UBND`,
Party `56-CTr/TU`. Codes are kept as typed (after NFC); comparisons go through `number_key`.

``tokens`` is here, not in ``cms.text``: splitting text into words keeps numbers whole, so it
needs the number rules, and the number rules need ``cms.text``.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import chain

from cms.text import COMBINING_MARK, ENGINE_WORD, LETTER_OR_DIGIT, nfc

# Hyphens, dashes and minus signs typed for the ASCII "-" (the underscore is read as one too).
DASH_CHARS = "\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
_DASHES = re.compile(rf"[{DASH_CHARS}_]")
_SPACES = re.compile(r"\s+")


class Register(StrEnum):
    NORMATIVE = "normative"
    ADMINISTRATIVE = "administrative"
    PARTY = "party"


@dataclass(frozen=True)
class ParsedNumber:
    register: Register
    sequence: int
    year: int | None
    type_code: str | None  # None only for normative numbers without a type, such as laws
    issuer_code: str


_CODE = r"[^\W\d_][^\W_]*"  # a letter, then letters or digits: "QĐ", "CTr", "HĐNN8"
_ISSUER = rf"{_CODE}(?:-{_CODE})*"  # joint issuers: "TTLT-BTP-BTC" is type TTLT, issuer BTP-BTC
_FORMS = {
    Register.NORMATIVE: re.compile(
        rf"(?P<sequence>[0-9]+)/(?P<year>[0-9]{{4}})/"
        rf"(?:(?P<type_code>{_CODE})-)?(?P<issuer_code>{_ISSUER})"
    ),
    Register.ADMINISTRATIVE: re.compile(
        rf"(?P<sequence>[0-9]+)/(?P<type_code>{_CODE})-(?P<issuer_code>{_ISSUER})"
    ),
    Register.PARTY: re.compile(
        rf"(?P<sequence>[0-9]+)-(?P<type_code>{_CODE})/(?P<issuer_code>{_ISSUER})"
    ),
}
_PREFIX = re.compile(r"^(?:số|so):?", re.IGNORECASE)  # "Số: 629/QĐ-UBND" copied from a header

# Recognising numbers in running text (search tokens): a letter or digit, or a stray mark.
_ALNUM = rf"(?:{LETTER_OR_DIGIT}|{COMBINING_MARK})"
_SEP = rf"[/\-{DASH_CHARS}]"
# A digit-led run of parts joined by "/" or dashes; _is_number() decides whether it is a number.
_CANDIDATE = rf"(?<![\w.,])\d{{1,6}}[^\W\d_]?(?:{_SEP}{_ALNUM}+(?:&{_ALNUM}+)*)+"
_TOKEN = re.compile(rf"{_CANDIDATE}|{_ALNUM}+")
_FULL_CANDIDATE = re.compile(_CANDIDATE)
_SEP_SPLIT = re.compile(_SEP)


def normalize_number(number: str) -> str:
    """Comparison form of any number-like text: "629/QĐ-UBND" -> "629/qd-ubnd".

    Case, "Đ"/"D", dash variants and spaces do not distinguish two numbers.
    """
    key = nfc(number).lower().replace("\u0111", "d")
    key = _DASHES.sub("-", key)
    key = _SPACES.sub("", key)
    return key


def clean_number(text: str) -> str:
    """The number as typed, compacted: NFC, no spaces, ASCII dashes, no "Số:" prefix or
    trailing punctuation (" Số: 56 – CTr/TU." -> "56-CTr/TU"); case and "Đ" kept."""
    text = _DASHES.sub("-", _SPACES.sub("", nfc(text))).strip(".,;:")
    return _PREFIX.sub("", text)


def format_number(
    *,
    register: Register,
    sequence: int,
    year: int | None,
    type_code: str | None,
    issuer_code: str,
) -> str:
    """The number in its register's form; `year` is only part of normative numbers."""
    if sequence < 1:
        raise ValueError(f"sequence must be >= 1, got {sequence}")
    issuer = nfc(issuer_code).strip()
    if not re.fullmatch(_ISSUER, issuer):
        raise ValueError(f"invalid issuer code {issuer_code!r}")
    kind = None if type_code is None else nfc(type_code).strip()
    if kind is not None and not re.fullmatch(_CODE, kind):
        raise ValueError(f"invalid type code {type_code!r}")
    if register is Register.NORMATIVE:
        if year is None or not 1000 <= year <= 9999:
            raise ValueError(f"a normative number needs a four-digit year, got {year!r}")
        code = issuer if kind is None else f"{kind}-{issuer}"
        return f"{sequence:02d}/{year}/{code}"
    if kind is None:
        raise ValueError(f"a {register} number needs a type code")
    if register is Register.ADMINISTRATIVE:
        return f"{sequence}/{kind}-{issuer}"
    return f"{sequence}-{kind}/{issuer}"


def parse_number(text: str) -> ParsedNumber | None:
    """The parts of a number, tolerating case, spacing, dash and "Đ"/"D" variants; else None."""
    cleaned = clean_number(text)
    for register, form in _FORMS.items():
        match = form.fullmatch(cleaned)
        if match and int(match["sequence"]) > 0:
            return ParsedNumber(
                register=register,
                sequence=int(match["sequence"]),
                year=int(match["year"]) if register is Register.NORMATIVE else None,
                type_code=match["type_code"],
                issuer_code=match["issuer_code"],
            )
    return None


def number_key(text: str) -> str:
    """Canonical comparison key, for a unique indexed column: "629 / qđ-ubnd" -> "629/qd-ubnd".

    Parsed numbers are rebuilt first, so "5/2015/QĐ-UBND" and "05/2015/QĐ-UBND" share a key;
    anything else falls back to `normalize_number`. Changing this means recomputing stored keys.
    Raises ValueError for a number of a valid form that cannot exist ("1/0000/QĐ-UBND").
    """
    parsed = parse_number(text)
    if parsed is None:
        return normalize_number(text)
    return normalize_number(
        format_number(
            register=parsed.register,
            sequence=parsed.sequence,
            year=parsed.year,
            type_code=parsed.type_code,
            issuer_code=parsed.issuer_code,
        )
    )


def same_code(a: str, b: str) -> bool:
    """Whether two type or issuer codes are one ("QĐ" and "qd")."""
    return normalize_number(a) == normalize_number(b)


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
            result.extend(ENGINE_WORD.findall(token))
    return tuple(result)


def tokens(text: str) -> list[str]:
    """Word tokens of NFC ``text`` (letters and digits), with document numbers kept whole.

    Tokens keep their case and diacritics: apply ``fold`` or ``exact_form`` as needed.
    """
    return list(chain.from_iterable(map(_chunk_tokens, nfc(text).split())))
