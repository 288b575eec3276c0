"""The English detector of the admin walk (no browser needed)."""

from tests.browser.english import english_strings, english_words


def test_english_units_inside_vietnamese_are_found():
    assert english_words("22 hours trước") == ["hours"]
    assert english_words("5 page log entries") == ["page", "log", "entries"]
    assert english_words("(2 new items in this menu)")
    assert english_words("Search options…") == ["Search", "options"]


def test_vietnamese_without_diacritics_is_not_english():
    for text in ("Văn bản", "Tổ soạn thảo", "Mật khẩu", "Quy định", "tin", "ban hành", "soanthao"):
        assert english_words(text) == []


def test_names_codes_numbers_and_addresses_are_allowed():
    for text in (
        "Wagtail",
        "Tệp Word (.docx) hoặc PDF, tối đa 20 MB.",
        "12/2026/QĐ-UBND",
        "Ví dụ: https://ten-mien.gov.vn/van-ban/[duong-dan]/",
    ):
        assert english_words(text) == []
    assert english_strings(["cms.homepage", "Password", "Mật khẩu", "Password"]) == ["Password"]
