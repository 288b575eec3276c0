"""Document numbers: one table of cases, and every consumer checked against the kernel on it.

Consumers: the workflow's number check and a page's stored key, the parser's reading of a header's
"Số: ...", the search query parser (numbers it finds, and their keys) and the corpus importer.
"""

import datetime
import json
import unicodedata
from dataclasses import dataclass

import pytest

from cms.models import LegalDocumentPage
from cms.numbers import (
    ParsedNumber,
    Register,
    format_number,
    looks_like_number,
    normalize_number,
    number_key,
    parse_number,
    tokens,
)
from cms.text import fold, nfc
from documents.corpus.inference import number_parts
from documents.corpus.records import parse_record
from documents.parsing import parse_text
from search.query import parse_query
from workflow.numbering import validate_number

N, A, P = Register.NORMATIVE, Register.ADMINISTRATIVE, Register.PARTY


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@dataclass(frozen=True)
class Case:
    raw: str  # as typed or printed
    key: str  # number_key(raw): the comparison key stored with a page
    is_number: bool  # looks_like_number(raw): a document number when met as one token


CASES = [
    Case("629/QĐ-UBND", "629/qd-ubnd", True),
    Case("629/qđ-ubnd", "629/qd-ubnd", True),
    Case("629/QD-UBND", "629/qd-ubnd", True),
    Case("629/Q\u00d0-UBND", "629/qd-ubnd", True),  # the look-alike eth
    Case("629/QĐ\u2013UBND", "629/qd-ubnd", True),  # en dash
    Case("629/QĐ\u2212UBND", "629/qd-ubnd", True),  # minus sign
    Case("629/QĐ\uff0dUBND", "629/qd-ubnd", True),  # full-width hyphen
    Case("30/2020/ND\u2010CP", "30/2020/nd-cp", True),  # hyphen
    Case("5/2015/QĐ-UBND", "05/2015/qd-ubnd", True),
    Case("05/2015/QĐ-UBND", "05/2015/qd-ubnd", True),
    Case("57/2020/QH14", "57/2020/qh14", True),
    Case("01/2016/TTLT-BTP-BTC", "01/2016/ttlt-btp-btc", True),
    Case("56-CTr/TU", "56-ctr/tu", True),
    Case("56\u2014CTr/TU", "56-ctr/tu", True),  # em dash
    Case(nfd("21-LCT/HĐNN8"), "21-lct/hdnn8", True),
    Case("02/2002/TT-BGD&ĐT", "02/2002/tt-bgd&dt", True),  # no parsed form: normalize_number
    Case("629 / QĐ \u2013 UBND", "629/qd-ubnd", False),  # spaces: several tokens in text
    Case("56 \u2013 CTr/TU", "56-ctr/tu", False),
    Case("Số: 629/QĐ-UBND.", "629/qd-ubnd", False),
    Case("05/3/2020", "05/3/2020", False),  # a date
    Case("73-CP", "73-cp", False),  # one separator: too rare to tell from "COVID-19"
    Case("COVID-19", "covid-19", False),
    Case("000đ/tháng", "000d/tháng", False),
]


@pytest.fixture(params=CASES, ids=lambda case: case.raw)
def case(request) -> Case:
    return request.param


def test_kernel(case: Case) -> None:
    assert number_key(case.raw) == case.key
    assert number_key(case.key) == case.key
    assert looks_like_number(case.raw) is case.is_number
    # Met in running text, a number is one token; anything else is split into words.
    assert (tokens(case.raw) == [nfc(case.raw)]) is case.is_number


def test_workflow_number_check(case: Case) -> None:
    """The workflow accepts exactly the numbers the kernel parses, in the parsed register."""
    parsed = parse_number(case.raw)
    if parsed is None:
        assert all(validate_number(text=case.raw, register=register) for register in Register)
        return
    assert not validate_number(
        text=case.raw,
        register=parsed.register,
        type_code=parsed.type_code,
        issuer_code=parsed.issuer_code,
        year=parsed.year,
    )


@pytest.mark.django_db
def test_page_stores_the_key(case: Case) -> None:
    page = LegalDocumentPage(title="x", number=case.raw, issued_on=datetime.date(2020, 3, 5))
    page.normalize_text_fields()
    assert page.number_key == case.key


# The parser closes up spaces around a number's first separator only ("Số 56 - CTr/TU",
# "Số: 15 /QĐ-UBND"), as headers print them; a number spaced throughout is read in part.
READ_IN_PART = {"629 / QĐ \u2013 UBND": "629/qd"}


def test_parser_header_number(case: Case) -> None:
    line = case.raw if case.raw.startswith("Số") else f"Số: {case.raw}"
    parsed = parse_text(
        f"ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n{line}\nCao Bằng, ngày 5 tháng 3 năm 2020\n"
        "QUYẾT ĐỊNH\nVề việc thử\nĐiều 1. Nội dung.\n"
    )
    assert number_key(parsed.header.number) == READ_IN_PART.get(case.raw, case.key)


def test_search_query_numbers(case: Case) -> None:
    numbers = parse_query(case.raw).numbers
    assert all(number_key(number) == case.key for number in numbers)
    if case.is_number:
        assert numbers == (normalize_number(case.raw),)


def test_importer(case: Case) -> None:
    data = {
        "number": case.raw,
        "type": "Quyết định",
        "title": "Thử",
        "issuer": "Ủy ban nhân dân tỉnh Cao Bằng",
        "issued_on": "2020-03-05",
    }
    record = parse_record(json.dumps(data).encode())
    assert record.key[0] == case.key
    parsed = parse_number(case.raw)
    if parsed is not None:
        assert number_parts(case.raw) == (parsed.type_code, parsed.issuer_code)


def test_register_values() -> None:
    assert [r.value for r in Register] == ["normative", "administrative", "party"]
    assert Register("party") is P
    assert P == "party"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30/2020/NĐ-CP", ParsedNumber(N, 30, 2020, "NĐ", "CP")),
        ("01/2015/TT-BTP", ParsedNumber(N, 1, 2015, "TT", "BTP")),
        ("05/2015/QĐ-UBND", ParsedNumber(N, 5, 2015, "QĐ", "UBND")),
        ("57/2020/QH14", ParsedNumber(N, 57, 2020, None, "QH14")),
        ("01/2016/TTLT-BTP-BTC", ParsedNumber(N, 1, 2016, "TTLT", "BTP-BTC")),
        ("629/QĐ-UBND", ParsedNumber(A, 629, None, "QĐ", "UBND")),
        ("510/KH-UBND", ParsedNumber(A, 510, None, "KH", "UBND")),
        ("56-CTr/TU", ParsedNumber(P, 56, None, "CTr", "TU")),
        ("21-LCT/HĐNN8", ParsedNumber(P, 21, None, "LCT", "HĐNN8")),
    ],
)
def test_parse_real_numbers(text: str, expected: ParsedNumber) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("629/QD-UBND", ParsedNumber(A, 629, None, "QD", "UBND")),
        ("629 / qđ \u2013 ubnd", ParsedNumber(A, 629, None, "qđ", "ubnd")),
        ("  629/QĐ-UBND. ", ParsedNumber(A, 629, None, "QĐ", "UBND")),
        ("Số: 629/QĐ-UBND", ParsedNumber(A, 629, None, "QĐ", "UBND")),
        ("56 \u2014 CTr / TU", ParsedNumber(P, 56, None, "CTr", "TU")),
        ("05 /2015/ QĐ - UBND", ParsedNumber(N, 5, 2015, "QĐ", "UBND")),
        ("05/2015/QÐ-UBND", ParsedNumber(N, 5, 2015, "QĐ", "UBND")),  # U+00D0 eth
    ],
)
def test_parse_variants(text: str, expected: ParsedNumber) -> None:
    assert parse_number(text) == expected


def test_parse_decomposed_unicode() -> None:
    parsed = parse_number(unicodedata.normalize("NFD", "21-LCT/HĐNN8"))
    assert parsed is not None
    assert parsed.issuer_code == "HĐNN8"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "QĐ-UBND", "629", "629/QĐ", "0/QĐ-UBND", "05/15/QĐ-UBND", "629/QĐ-UBND/x", "abc"],
)
def test_parse_rejects_malformed(text: str) -> None:
    assert parse_number(text) is None


def test_format_number() -> None:
    assert format_number(register=N, sequence=5, year=2015, type_code="QĐ", issuer_code="UBND") == (
        "05/2015/QĐ-UBND"
    )
    assert format_number(
        register=N, sequence=123, year=2015, type_code="QĐ", issuer_code="UBND"
    ) == ("123/2015/QĐ-UBND")
    assert format_number(
        register=N, sequence=57, year=2020, type_code=None, issuer_code="QH14"
    ) == ("57/2020/QH14")
    # Administrative and Party numbers carry no year.
    assert format_number(
        register=A, sequence=629, year=2015, type_code="QĐ", issuer_code="UBND"
    ) == ("629/QĐ-UBND")
    assert format_number(register=P, sequence=56, year=None, type_code="CTr", issuer_code="TU") == (
        "56-CTr/TU"
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"register": A, "sequence": 0, "year": None, "type_code": "QĐ", "issuer_code": "UBND"},
        {"register": N, "sequence": 5, "year": None, "type_code": "QĐ", "issuer_code": "UBND"},
        {"register": N, "sequence": 5, "year": 15, "type_code": "QĐ", "issuer_code": "UBND"},
        {"register": A, "sequence": 5, "year": None, "type_code": None, "issuer_code": "UBND"},
        {"register": P, "sequence": 5, "year": None, "type_code": "CTr", "issuer_code": "T/U"},
        {"register": A, "sequence": 5, "year": None, "type_code": "Q Đ", "issuer_code": "UBND"},
        {"register": A, "sequence": 5, "year": None, "type_code": "QĐ", "issuer_code": ""},
    ],
)
def test_format_number_rejects_bad_parts(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        format_number(**kwargs)


@pytest.mark.parametrize(
    "text", ["30/2020/NĐ-CP", "57/2020/QH14", "629/QĐ-UBND", "21-LCT/HĐNN8", "01/2016/TTLT-BTP-BTC"]
)
def test_format_parse_round_trip(text: str) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    assert (
        format_number(
            register=parsed.register,
            sequence=parsed.sequence,
            year=parsed.year,
            type_code=parsed.type_code,
            issuer_code=parsed.issuer_code,
        )
        == text
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("629/QĐ-UBND", "629/KH-UBND"),
        ("629/QĐ-UBND", "630/QĐ-UBND"),
        ("05/2015/QĐ-UBND", "05/2016/QĐ-UBND"),
        ("05/2015/QĐ-UBND", "05/QĐ-UBND"),
        ("56-CTr/TU", "56/CTr-TU"),
    ],
)
def test_number_key_distinguishes_numbers(a: str, b: str) -> None:
    assert number_key(a) != number_key(b)


def test_number_key_is_canonical_and_idempotent() -> None:
    key = number_key(" 629 / QĐ \u2013 UBND ")
    assert key == "629/qd-ubnd"
    assert number_key(key) == key
    assert number_key("05/2015/QĐ-UBND") == "05/2015/qd-ubnd"


def test_number_key_of_unparsed_text_falls_back_to_normalize() -> None:
    assert number_key("Số 12 QĐ UBND") == normalize_number("Số 12 QĐ UBND")


@pytest.mark.parametrize(
    "token", ["05/3/2020", "2020", "COVID-19", "000đ/tháng", "1/Điều", "629", "/QĐ-UBND", ""]
)
def test_looks_like_number_rejects(token):
    assert not looks_like_number(token)


def test_tokens():
    text = "Quyết định số 629/QĐ-UBND ngày 05/3/2020; 10.000đ/tháng, COVID-19 (Điều 5)."
    assert tokens(text) == [
        "Quyết", "định", "số", "629/QĐ-UBND", "ngày", "05", "3", "2020",
        "10", "000đ", "tháng", "COVID", "19", "Điều", "5",
    ]  # fmt: skip
    assert tokens(nfd("Nghị định 30/2020/NĐ-CP.")) == ["Nghị", "định", "30/2020/NĐ-CP"]
    assert tokens("") == []


def test_tokens_keep_stray_combining_marks_inside_words():
    text = "khảo\u0320nghiệm"  # as in the corpus: a mark NFC cannot compose
    assert tokens(text) == [text]
    assert tokens(fold(text)) == ["khaonghiem"]
