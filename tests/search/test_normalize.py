import gzip
import json
import unicodedata
from itertools import islice
from pathlib import Path

import pytest

from cms.numbers import looks_like_number, normalize_number, tokens
from cms.text import canonical_tones, exact_form, fold, nfc

CORPUS = Path("/work/shared/corpus/phapdien-documents.jsonl.gz")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("hòa", "hoà"),
        ("hoà", "hoà"),
        ("hóa", "hoá"),
        ("thủy", "thuỷ"),
        ("thuỷ", "thuỷ"),
        ("qúy", "quý"),
        ("quý", "quý"),
        ("giá", "giá"),
        ("gìn", "gìn"),
        ("người", "người"),
        ("ngừơi", "người"),
        ("thuở", "thuở"),
        ("khuya", "khuya"),
        ("ủy", "uỷ"),
        ("tòa", "toà"),
        ("họa", "hoạ"),
        ("khỏe", "khoẻ"),
        ("quốc", "quốc"),
        ("nghiêng", "nghiêng"),
        ("hòang", "hoàng"),
        ("hòai", "hoài"),
        ("khủyu", "khuỷu"),
        ("giữa", "giữa"),
        ("của", "của"),
        ("mùa", "mùa"),
        ("Ủy ban nhân dân", "Uỷ ban nhân dân"),
        ("HÒA BÌNH", "HOÀ BÌNH"),
    ],
)
def test_canonical_tones(variant, canonical):
    assert canonical_tones(variant) == canonical
    assert canonical_tones(nfd(variant)) == canonical


@pytest.mark.parametrize("word", ["José", "café", "Nguyễn", "2020", "H2O", "naïve"])
def test_canonical_tones_leaves_other_words_alone(word):
    assert canonical_tones(word) == word


def test_canonical_tones_keeps_text_around_words():
    text = "  Điều 5.\tỦy ban (hòa giải), 629/QĐ-UBND;\n"
    assert canonical_tones(text) == "  Điều 5.\tUỷ ban (hoà giải), 629/QĐ-UBND;\n"


def test_exact_form():
    assert exact_form("Uỷ ban") == exact_form("Ủy ban") == "uỷ ban"
    assert exact_form(nfd("Hòa Bình")) == "hoà bình"
    assert exact_form("Chữ ký số") != exact_form("chu ky so")


@pytest.mark.parametrize(
    "text", ["CHỮ KÝ SỐ", "chữ ký số", "chu ky so", "Chữ ký số", nfd("Chữ ký số")]
)
def test_fold(text):
    assert fold(text) == "chu ky so"


def test_fold_letters_with_two_marks_and_d():
    assert fold("ầ ệ ố ữ ặ ợ Ẫ") == "a e o u a o a"
    assert fold("Đồng ĐẢNG Ðiều") == "dong dang dieu"


def test_fold_other_text():
    assert fold("Hà Nội \u2013 “số” 1/2 ½ №") == "ha noi \u2013 “so” 1/2 ½ №"
    assert fold("naïve Ångström") == "naive angstrom"


def test_nfc_reads_eth_as_d():
    assert nfc("\u00d0i\u1ec1u") == "Điều"
    assert nfc(nfd("Việt")) == "Việt"


def test_normalize_number():
    assert normalize_number("629/QĐ-UBND") == "629/qd-ubnd"
    assert normalize_number(" 629 / QĐ\u2013UBND ") == "629/qd-ubnd"


@pytest.mark.parametrize(
    "number",
    [
        "629/QĐ-UBND",
        "629/qd-ubnd",
        "05/2015/QĐ-UBND",
        "56-CTr/TU",
        "57/2020/QH14",
        "21-LCT/HĐNN8",
        "30/2020/NĐ-CP",
        "02/2002/TT-BGD&ĐT",
        "629/QĐ\u2013UBND",
    ],
)
def test_looks_like_number(number):
    assert looks_like_number(number)


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


def corpus_sample() -> list[str]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in islice(lines, 200)]
    texts = []
    for record in records:
        texts.extend(filter(None, [record["title"], record["issuer"], record["number"]]))
        for article in record["articles"] or []:
            texts.append(article["heading"] + "\n" + article["text"])
    return texts


@pytest.fixture(scope="module")
def sample() -> list[str]:
    if not CORPUS.exists():
        pytest.skip("shared corpus not available")
    return corpus_sample()


def test_real_text_canonical_tones_only_moves_tones(sample):
    for text in sample:
        assert fold(canonical_tones(text)) == fold(text)


def test_real_text_exact_form_is_idempotent(sample):
    for text in sample:
        assert exact_form(exact_form(text)) == exact_form(text)


def test_real_text_fold_matches_reference(sample):
    def reference(text: str) -> str:
        marks_stripped = "".join(c for c in nfd(nfc(text)) if not unicodedata.combining(c))
        return marks_stripped.replace("đ", "d").replace("Đ", "d").lower()

    for text in sample:
        assert fold(text) == reference(text)


def test_real_text_tokens_do_not_depend_on_folding(sample):
    for text in sample:
        assert tokens(fold(text)) == [fold(token) for token in tokens(text)]
