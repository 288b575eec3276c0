import unicodedata

import pytest

from cms.numbers import (
    ParsedNumber,
    Register,
    format_number,
    normalize_number,
    number_key,
    parse_number,
)
from workflow.numbering import validate_number

N, A, P = Register.NORMATIVE, Register.ADMINISTRATIVE, Register.PARTY


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
        ("629/QĐ-UBND", "629/QD-UBND"),
        ("629/QĐ-UBND", "629 / qđ \u2013 ubnd"),
        ("629/QĐ-UBND", "Số: 629/QĐ-UBND."),
        ("05/2015/QĐ-UBND", "5/2015/qd-ubnd"),
        ("30/2020/NĐ-CP", "30/2020/ND\u2010CP"),
        ("56-CTr/TU", "56 \u2013 ctr/tu"),
        ("21-LCT/HĐNN8", unicodedata.normalize("NFD", "21-lct/hđnn8")),
    ],
)
def test_number_key_equal_for_variants(a: str, b: str) -> None:
    assert number_key(a) == number_key(b)


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


def test_validate_accepts_matching_number() -> None:
    assert (
        validate_number(
            text="05/2015/QĐ-UBND", register=N, type_code="QĐ", issuer_code="UBND", year=2015
        )
        == []
    )
    assert validate_number(text="629/qd-ubnd", register=A, type_code="QĐ", issuer_code="UBND") == []
    assert validate_number(text="56-CTr/TU", register=P, type_code="CTR", issuer_code="TU") == []


def test_validate_empty() -> None:
    assert validate_number(text="  ", register=A) == ["Chưa nhập số, ký hiệu văn bản."]


def test_validate_malformed() -> None:
    [message] = validate_number(text="629-QĐ", register=A)
    assert "«629-QĐ»" in message
    assert "không đúng định dạng" in message
    assert "629/QĐ-UBND" in message


def test_validate_wrong_form_for_register() -> None:
    [message] = validate_number(text="629/QĐ-UBND", register=N)
    assert "văn bản hành chính" in message
    assert "văn bản quy phạm pháp luật" in message
    assert "05/2015/QĐ-UBND" in message


def test_validate_mismatches() -> None:
    errors = validate_number(
        text="05/2014/KH-UBND", register=N, type_code="QĐ", issuer_code="HĐND", year=2015
    )
    assert len(errors) == 3
    assert "«KH»" in errors[0] and "«QĐ»" in errors[0]
    assert "«UBND»" in errors[1] and "«HĐND»" in errors[1]
    assert "2014" in errors[2] and "2015" in errors[2]


def test_validate_missing_type() -> None:
    [message] = validate_number(text="57/2020/QH14", register=N, type_code="L", issuer_code="QH14")
    assert "thiếu ký hiệu loại văn bản «L»" in message


def test_validate_ignores_year_for_administrative_numbers() -> None:
    assert validate_number(text="629/QĐ-UBND", register=A, year=2015) == []
