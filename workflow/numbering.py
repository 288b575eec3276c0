"""Checking a document's number against the document: its form and its type, issuer and year.

The number rules themselves (forms, parsing, formatting, the comparison key) are in
``cms.numbers``; this module holds what the workflow tells the user about a number.
"""

from cms.numbers import Register, parse_number, same_code
from cms.text import nfc

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
        elif not same_code(parsed.type_code, type_code):
            errors.append(TYPE_MISMATCH.format(found=parsed.type_code, expected=type_code))
    if issuer_code is not None and not same_code(parsed.issuer_code, issuer_code):
        errors.append(ISSUER_MISMATCH.format(found=parsed.issuer_code, expected=issuer_code))
    if year is not None and parsed.year is not None and parsed.year != year:
        errors.append(YEAR_MISMATCH.format(found=parsed.year, expected=year))
    return errors
