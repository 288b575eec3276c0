"""The workflow's number check (the number rules themselves: tests/cms/test_numbers.py)."""

from cms.numbers import Register
from workflow.numbering import validate_number

N, A, P = Register.NORMATIVE, Register.ADMINISTRATIVE, Register.PARTY


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
