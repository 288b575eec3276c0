"""What the records do not say and the site needs: codes of document types and issuing bodies,
and whether a document is normative, inferred from the records' names and numbers.

A code is the form most often written in the records' numbers ("NĐ", "CP", "QH") when it
agrees with the name, otherwise the name's initials; codes are unique, compared folded.
"""

import re
from collections import Counter

from cms.models import DocumentType, IssuingBody
from cms.numbers import clean_number
from cms.text import exact_form, fold, nfc

MAX_TYPE_CODE = DocumentType._meta.get_field("code").max_length
MAX_BODY_CODE = IssuingBody._meta.get_field("code").max_length

# -- document numbers --------------------------------------------------------------------------

# Types that are always legal normative documents; decisions, resolutions and directives exist
# both ways and are normative when their number carries the year ("05/2015/QĐ-UBND").
ALWAYS_NORMATIVE = frozenset(
    exact_form(name)
    for name in (
        "Hiến pháp",
        "Bộ luật",
        "Luật",
        "Pháp lệnh",
        "Lệnh",
        "Sắc lệnh",
        "Nghị định",
        "Thông tư",
        "Thông tư liên tịch",
        "Nghị quyết liên tịch",
    )
)
_NORMATIVE_FORM = re.compile(r"^\d+[^\W\d_]?/\d{4}/")
_FORMS = (
    re.compile(r"^\d+[^\W\d_]?/\d{4}/(?P<rest>.+)$"),  # 05/2015/QĐ-UBND, 57/2020/QH14
    re.compile(r"^\d+[^\W\d_]?/(?P<rest>.+)$"),  # 629/QĐ-UBND
    re.compile(r"^\d+-(?P<type>[^/]+)/(?P<issuer>.+)$"),  # 56-CTr/TU, 21-LCT/HĐNN8
)


def number_parts(number: str) -> tuple[str | None, str | None]:
    """(type code, issuer code) as written in a number, leniently; None where absent.

    "03/2011/NĐ-CP" -> ("NĐ", "CP"); "57/2020/QH14" -> (None, "QH14");
    "09/2002/TTLT/BTC-BYT" -> ("TTLT", "BTC-BYT"); "56-CTr/TU" -> ("CTr", "TU").
    """
    text = clean_number(number)
    for form in _FORMS:
        match = form.match(text)
        if not match:
            continue
        if "rest" not in form.groupindex:
            return match["type"], match["issuer"]
        head, *tail = re.split(r"[-/]", match["rest"], maxsplit=1)
        return (head, tail[0]) if tail else (None, head)
    return None, None


def is_normative(type_name: str, number: str) -> bool:
    if exact_form(type_name) in ALWAYS_NORMATIVE:
        return True
    return bool(_NORMATIVE_FORM.match(clean_number(number)))


# -- codes -------------------------------------------------------------------------------------

_CODE_PART = re.compile(r"[^\W_][\w&]*")
_TRAILING_DIGITS = re.compile(r"(?<=[^\W\d_])\d+$")


def code_key(code: str) -> str:
    """The form two codes are compared in ("NĐ" and "ND" are the same code)."""
    return fold(code).upper()


def _valid_code(code: str | None, limit: int) -> str | None:
    if not code or len(code) > limit:
        return None
    parts = code.split("-")
    return code if all(_CODE_PART.fullmatch(part) for part in parts) else None


def issuer_code(code: str | None) -> str | None:
    """The body's code from a number's issuer part, without a legislature's number."""
    if not code:
        return None
    code = "-".join(_TRAILING_DIGITS.sub("", part) for part in code.replace("/", "-").split("-"))
    return _valid_code(code, MAX_BODY_CODE)


# Issuer codes shared by the bodies of every province, district or commune ("…/QĐ-UBND"): they
# do not name one body.
LOCAL_CODES = frozenset({"UBND", "HDND", "UBMTTQ", "TU", "HU", "DU"})


def is_local_code(code: str) -> bool:
    return code_key(code) in LOCAL_CODES


def initials(name: str) -> str:
    """ "Nghị định" -> "NĐ", "Bộ Tài chính" -> "BTC" (the usual Vietnamese abbreviation)."""
    letters = []
    for word in nfc(name).split():
        first = word[0]
        if first.isalpha():
            letters.append("Đ" if first in "đĐ" else fold(first).upper())
    return "".join(letters) or "VB"


def unique_code(base: str, taken: set[str], limit: int) -> str:
    """``base``, or ``base`` with a number, not in ``taken`` (``code_key`` forms; updated)."""
    if code_key(base) not in taken:
        taken.add(code_key(base))
        return base
    suffix = 2
    while True:
        candidate = f"{base[: limit - len(str(suffix))]}{suffix}"
        if code_key(candidate) not in taken:
            taken.add(code_key(candidate))
            return candidate
        suffix += 1


def type_code(name: str, written: Counter) -> str:
    """A document type's code: the numbers' own type part when it agrees with the name's
    initials ("NĐ", "TTLT"), else the initials. ``written``: type parts seen, with counts."""
    base = initials(name)
    agreeing = [
        code for code, _ in written.most_common() if code and code_key(code) == code_key(base)
    ]
    return _valid_code(agreeing[0] if agreeing else base, MAX_TYPE_CODE) or base


def body_code(name: str, written: Counter) -> str:
    """An issuing body's code: the issuer part most often written in its numbers, else the
    initials of its name. ``written``: issuer codes seen (``issuer_code``), with counts."""
    found = [code for code, _ in written.most_common() if code]
    return found[0] if found else initials(name)[:MAX_BODY_CODE]


def new_body_code(name: str, number: str) -> str:
    """The code of a body first met in the second pass (from one number)."""
    return issuer_code(number_parts(number)[1]) or initials(name)
