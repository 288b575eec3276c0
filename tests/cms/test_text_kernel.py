"""The text kernel: one table of cases (fold, strip_tones, exact_form), and every consumer checked
against the kernel on it: the Elasticsearch analyzer definitions, the parser's line keys and
keyword patterns, the highlighter and the embedded engines' tone variants.
"""

import gzip
import html
import json
import re
import unicodedata
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pytest

from cms.numbers import tokens
from cms.text import (
    ENGINE_WORD,
    WORD,
    canonical_tones,
    exact_form,
    fold,
    nfc,
    strip_tones,
    tone_variants,
    toneless_pattern,
)
from documents.parsing.lines import Line
from search import analyzers
from search.highlight import Matcher, snippet

CORPUS = Path("/work/shared/corpus/phapdien-documents.jsonl.gz")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@dataclass(frozen=True)
class Case:
    text: str
    fold: str  # search: no diacritics, "đ" -> "d"
    strip_tones: str  # parser keywords: no tone marks, "đ" and â ă ê ô ơ ư kept, same length
    exact: str  # exact_form: lower case, tones in the new-style place


CASES = [
    Case("Chữ ký số", "chu ky so", "chư ky sô", "chữ ký số"),
    Case("CHỮ KÝ SỐ", "chu ky so", "chư ky sô", "chữ ký số"),
    Case(nfd("Chữ ký số"), "chu ky so", "chư ky sô", "chữ ký số"),
    Case("Ủy ban nhân dân", "uy ban nhan dan", "uy ban nhân dân", "uỷ ban nhân dân"),
    Case("Uỷ ban nhân dân", "uy ban nhan dan", "uy ban nhân dân", "uỷ ban nhân dân"),
    Case("Hòa Bình", "hoa binh", "hoa binh", "hoà bình"),
    Case("Hoà Bình", "hoa binh", "hoa binh", "hoà bình"),
    Case("khỏe KHOẺ", "khoe khoe", "khoe khoe", "khoẻ khoẻ"),
    Case("ĐIỀU 5", "dieu 5", "điêu 5", "điều 5"),
    Case("\u00d0iều 5", "dieu 5", "điêu 5", "điều 5"),  # the look-alike eth
    Case("người ĐẠI BIỂU", "nguoi dai bieu", "ngươi đai biêu", "người đại biểu"),
    Case("Quyết định 629/QĐ-UBND", "quyet dinh 629/qd-ubnd", "quyêt đinh 629/qđ-ubnd",
         "quyết định 629/qđ-ubnd"),
    Case("Thông tư 02/2002/TT-BGD&ĐT", "thong tu 02/2002/tt-bgd&dt", "thông tư 02/2002/tt-bgd&đt",
         "thông tư 02/2002/tt-bgd&đt"),
    Case("Hà Nội – “số”", "ha noi – “so”", "ha nôi – “sô”", "hà nội – “số”"),
    Case("naïve Ångström", "naive angstrom", "naïve ångström", "naïve ångström"),
]  # fmt: skip


@pytest.fixture(params=CASES, ids=lambda case: case.text)
def case(request) -> Case:
    return request.param


def test_kernel(case: Case) -> None:
    assert fold(case.text) == case.fold
    assert strip_tones(nfc(case.text)) == case.strip_tones
    assert len(case.strip_tones) == len(nfc(case.text))
    assert exact_form(case.text) == case.exact
    # Each form only drops what fold drops.
    assert fold(case.strip_tones) == fold(case.exact) == case.fold


def _analyzer_tokens(name: str, text: str) -> list[str]:
    """What an analyzer of ``search.analyzers`` makes of ``text``, read from its definition:
    char filter mappings, the pattern tokenizer (split on what is not a letter, digit or mark),
    ``lowercase`` and ``asciifolding`` (for these letters: NFD without the marks)."""
    definition = getattr(analyzers, name).get_analysis_definition()
    analyzer = definition["analyzer"][name]
    for filter_name in analyzer.get("char_filter", []):
        for mapping in definition["char_filter"][filter_name]["mappings"]:
            source, target = (part.strip() for part in mapping.split("=>"))
            text = text.replace(source, target)
    assert definition["tokenizer"][analyzer["tokenizer"]]["pattern"] == analyzers.WORD_PATTERN
    pieces = [" " if unicodedata.category(c)[0] not in "LNM" else c for c in text]
    words = "".join(pieces).split()
    for filter_name in analyzer["filter"]:
        if filter_name == "lowercase":
            words = [word.lower() for word in words]
        elif filter_name == "asciifolding":
            words = [
                "".join(c for c in nfd(word) if not unicodedata.combining(c)) for word in words
            ]
    return words


def test_elasticsearch_analyzers(case: Case) -> None:
    assert _analyzer_tokens("folded", case.text) == WORD.findall(case.fold)
    # The exact analyzer is fed exact_form text.
    assert _analyzer_tokens("exact", exact_form(case.text)) == ENGINE_WORD.findall(case.exact)


def test_parser(case: Case) -> None:
    line = Line.of(case.text)
    assert line.key == case.strip_tones
    # A keyword written with either tone placement matches the line.
    assert toneless_pattern(re.escape(case.exact)).fullmatch(line.key)


def test_highlight(case: Case) -> None:
    out = snippet(case.text, Matcher.build(phrases=[WORD.findall(case.fold)]))
    [marked] = re.findall("<mark>(.*?)</mark>", out)
    assert WORD.findall(fold(html.unescape(marked))) == WORD.findall(case.fold)


def test_tone_variants(case: Case) -> None:
    """The embedded engines look for every spelling of a word typed with diacritics."""
    for word in ENGINE_WORD.findall(case.exact):
        variants = tone_variants(word)
        assert variants[0] == word
        assert {canonical_tones(variant) for variant in variants} == {word}
        assert {fold(variant) for variant in variants} == {fold(word)}


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
