"""The signed PDF's text against the issued text (workflow.signatures.text_match)."""

import pytest

from tests.workflow import signed_pdfs
from workflow.signatures.pdf_input import UnreadablePdf
from workflow.signatures.text_match import compare_with_issued_text, extract_pdf_text

ISSUED = (
    "Điều 1. Phạm vi điều chỉnh\n"
    "Quy định này áp dụng cho chữ ký số trong văn bản điện tử của cơ quan nhà nước.\n"
    "Điều 2. Hiệu lực thi hành\n"
    "Quyết định có hiệu lực kể từ ngày ký."
)


@pytest.fixture(scope="module")
def font():
    return signed_pdfs.unicode_font_or_skip()


def pdf_of(font, *pages):
    return signed_pdfs.make_pdf(pages=[list(page) for page in pages], font=font)


def test_the_signed_text_of_a_vietnamese_pdf_matches_the_issued_text(font):
    pki = signed_pdfs.build_pki()
    data = pdf_of(
        font,
        ["ỦY BAN NHÂN DÂN TỈNH", *ISSUED.splitlines()[:2], "Trang 1/2"],
        ["ỦY BAN NHÂN DÂN TỈNH", *ISSUED.splitlines()[2:], "- 2 -"],
    )
    signed = signed_pdfs.sign(data=data, identity=pki.person, pki=pki, field_name="NguoiKy")

    text = extract_pdf_text(data=signed)
    match = compare_with_issued_text(pdf_text=text, issued_text=ISSUED)

    assert "ỦY BAN" not in text and "Trang" not in text  # header and page numbers dropped
    assert match.is_exact and match.percent == 100.0
    assert match.issued_words == match.signed_words > 30


def test_a_signed_pdf_whose_text_differs_reports_the_first_differences(font):
    pki = signed_pdfs.build_pki()
    changed = ISSUED.replace("điện tử", "giấy").replace("ngày ký", "ngày công bố")
    data = pdf_of(font, changed.splitlines())
    signed = signed_pdfs.sign(data=data, identity=pki.person, pki=pki, field_name="NguoiKy")

    match = compare_with_issued_text(pdf_text=extract_pdf_text(data=signed), issued_text=ISSUED)

    assert not match.is_exact and 80 < match.percent < 100
    assert match.difference_count == 2
    first, second = match.differences
    assert (first.issued, first.signed) == ("điện tử", "giấy")
    assert first.before == "ký số trong văn bản" and first.after.startswith("của cơ quan")
    assert (second.issued, second.signed) == ("ký", "công bố")
    assert second.before == "hiệu lực kể từ ngày" and second.after == ""


@pytest.mark.parametrize(
    ("signed", "exact"),
    [
        ("ĐIỀU 1. PHẠM VI", True),  # case
        ("Điều 1 -  Phạm\nvi", True),  # punctuation, spacing, line breaks
        ("Điều 1. Phạm vi", True),
        ("Điều 1. Pha\u0323m vi", True),  # decomposed letters (NFC)
        ("Điều 1. Phạm\u00a0vi", True),
        ("Điều 1. Phát vi", False),  # a changed diacritic is a change
    ],
)
def test_normalisation_ignores_form_not_wording(signed, exact):
    match = compare_with_issued_text(pdf_text=signed, issued_text="Điều 1. Phạm vi")

    assert match.is_exact is exact


def test_old_and_new_tone_placement_read_alike():
    assert compare_with_issued_text(pdf_text="hòa bình", issued_text="hoà bình").is_exact


def test_a_word_broken_by_a_hyphen_at_a_line_end_is_joined():
    match = compare_with_issued_text(
        pdf_text="văn bản điện tử của cơ quan nhà nư-\nớc, số 05/2015/QĐ-\nUBND",
        issued_text="văn bản điện tử của cơ quan nhà nước, số 05/2015/QĐ-UBND",
    )

    assert match.is_exact


def test_missing_and_added_words_and_the_cap_on_differences():
    issued = " ".join(f"từ{i}" for i in range(40))
    signed = " ".join(f"từ{i}" for i in range(40) if i % 4) + " thêm"

    match = compare_with_issued_text(pdf_text=signed, issued_text=issued, max_differences=3)

    assert match.difference_count == 11 and len(match.differences) == 3
    assert (match.differences[0].issued, match.differences[0].signed) == ("từ0", "")
    assert match.differences[0].before == "" and match.differences[0].after == "từ1 từ2 từ3 từ4 từ5"


def test_empty_texts_match():
    assert compare_with_issued_text(pdf_text="", issued_text="").percent == 100.0


@pytest.mark.parametrize(
    "data",
    [b"", b"not a pdf", b"%PDF-1.4\n" + b"\x00" * 64],
    ids=["empty", "not-pdf", "garbage"],
)
def test_unreadable_pdfs_raise_a_clear_message(data):
    with pytest.raises(UnreadablePdf) as raised:
        extract_pdf_text(data=data)

    assert str(raised.value.message)


def test_an_encrypted_or_oversized_pdf_is_refused(settings):
    encrypted = signed_pdfs.make_pdf(pages=[["x"]], owner_password="a", user_password="b")
    with pytest.raises(UnreadablePdf, match="mã hoá"):
        extract_pdf_text(data=encrypted)

    settings.SIGNED_PDF_MAX_BYTES = 10
    with pytest.raises(UnreadablePdf, match="giới hạn"):
        extract_pdf_text(data=encrypted)
