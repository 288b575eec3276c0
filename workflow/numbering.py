"""Document numbers ("số, ký hiệu"): formatting, parsing, validation and the comparison key.

Forms: normative `05/2015/QĐ-UBND` (laws: `57/2020/QH14`), administrative `629/QĐ-UBND`,
Party `56-CTr/TU`. Codes are kept as typed (after NFC); comparisons go through `number_key`.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from search.normalize import nfc, normalize_number


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


EMPTY = "Chưa nhập số, ký hiệu văn bản."
MALFORMED = "Số, ký hiệu «{text}» không đúng định dạng của {label} (ví dụ: {example})."
WRONG_FORM = "Số, ký hiệu «{text}» có dạng của {found}, không phải của {label} (ví dụ: {example})."
MISSING_TYPE = "Số, ký hiệu «{text}» thiếu ký hiệu loại văn bản «{expected}»."
TYPE_MISMATCH = (
    "Ký hiệu loại văn bản «{found}» trong số, ký hiệu không khớp với loại văn bản «{expected}»."
)
ISSUER_MISMATCH = (
    "Ký hiệu cơ quan ban hành «{found}» trong số, ký hiệu không khớp với «{expected}»."
)
YEAR_MISMATCH = "Năm {found} trong số, ký hiệu khác năm ban hành {expected}."

_LABELS = {
    Register.NORMATIVE: "văn bản quy phạm pháp luật",
    Register.ADMINISTRATIVE: "văn bản hành chính",
    Register.PARTY: "văn bản của Đảng",
}
_EXAMPLES = {
    Register.NORMATIVE: "05/2015/QĐ-UBND",
    Register.ADMINISTRATIVE: "629/QĐ-UBND",
    Register.PARTY: "56-CTr/TU",
}

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
# Same dash set as search.normalize, so that parsing and the key agree on what a dash is.
_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D_]")
_SPACES = re.compile(r"\s+")
_PREFIX = re.compile(r"^(?:số|so):?", re.IGNORECASE)  # "Số: 629/QĐ-UBND" copied from a header


def _clean(text: str) -> str:
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
    cleaned = _clean(text)
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


def _same_code(a: str, b: str) -> bool:
    return normalize_number(a) == normalize_number(b)


def validate_number(
    *,
    text: str,
    register: Register,
    type_code: str | None = None,
    issuer_code: str | None = None,
    year: int | None = None,
) -> list[str]:
    """Messages on the form of `text` and its agreement with the document; empty when valid."""
    shown = nfc(text).strip()
    if not shown:
        return [EMPTY]
    expected = {"label": _LABELS[register], "example": _EXAMPLES[register]}
    parsed = parse_number(text)
    if parsed is None:
        return [MALFORMED.format(text=shown, **expected)]
    errors = []
    if parsed.register is not register:
        errors.append(WRONG_FORM.format(text=shown, found=_LABELS[parsed.register], **expected))
    if type_code is not None:
        if parsed.type_code is None:
            errors.append(MISSING_TYPE.format(text=shown, expected=type_code))
        elif not _same_code(parsed.type_code, type_code):
            errors.append(TYPE_MISMATCH.format(found=parsed.type_code, expected=type_code))
    if issuer_code is not None and not _same_code(parsed.issuer_code, issuer_code):
        errors.append(ISSUER_MISMATCH.format(found=parsed.issuer_code, expected=issuer_code))
    if year is not None and parsed.year is not None and parsed.year != year:
        errors.append(YEAR_MISMATCH.format(found=parsed.year, expected=year))
    return errors
