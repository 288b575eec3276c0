import random
import sqlite3

import pytest

from search.query import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    ParsedQuery,
    QueryError,
    Shortened,
    Term,
    parse_query,
    shorten,
    to_fts5,
)

HOSTILE = [
    '"',
    "(((",
    ")))",
    "*",
    "a*",
    "a NEAR b",
    "NEAR(a b, 3)",
    "a AND OR NOT",
    "title:foo",
    "\x00abc",
    "-",
    "--",
    '""',
    '"""',
    '-""',
    "^a +b",
    "{a b} : c",
    'chu ky so -"văn bản"',
    "629/QD-UBND",
    "-629/QĐ-UBND hoà",
    'a "b',
    "“Ủy ban” „nhân dân“",
    "'; DROP TABLE t; --",
    "\u200b\ufeff\x1b[31m",
    "NOT",
    "NOT -a",
    "a\tb\nc",
]


def words_of(parsed: ParsedQuery, form: str) -> tuple[str, ...]:
    """The ``form`` ("folded" or "exact") of the words to find: terms, then phrase words,
    without repeats (numbers and exclusions apart)."""
    found = [*parsed.terms, *(word for phrase in parsed.phrases for word in phrase)]
    return tuple(dict.fromkeys(getattr(word, form) for word in found))


def words(*pairs: tuple[str, str]) -> tuple[Term, ...]:
    return tuple(Term(exact, folded) for exact, folded in pairs)


def test_plain_words_carry_exact_and_folded_forms():
    parsed = parse_query("Chữ ký SỐ hòa")
    assert parsed.terms == words(("chữ", "chu"), ("ký", "ky"), ("số", "so"), ("hoà", "hoa"))
    assert not parsed.is_empty


def test_phrases_in_straight_and_curly_quotes():
    parsed = parse_query('"văn bản" “Ủy ban”')
    assert parsed.phrases == (
        words(("văn", "van"), ("bản", "ban")),
        words(("uỷ", "uy"), ("ban", "ban")),
    )
    assert parsed.terms == ()


def test_exclusions():
    parsed = parse_query('chu ky so -"văn bản" -mẫu COVID-19')
    assert parsed.excluded == (
        words(("văn", "van"), ("bản", "ban")),
        words(
            ("mẫu", "mau"),
        ),
    )
    assert [t.folded for t in parsed.terms] == ["chu", "ky", "so", "covid", "19"]


def test_not_before_a_word_excludes_it():
    assert parse_query("a NOT b") == parse_query("a -b")


def test_negated_chunk_is_one_phrase():
    assert parse_query("a -COVID-19").excluded == (words(("covid", "covid"), ("19", "19")),)


def test_exclusions_only_is_empty():
    parsed = parse_query("-foo")
    assert parsed.is_empty
    assert to_fts5(parsed) == ""


def test_document_numbers():
    parsed = parse_query("Quyết định 629/QD-UBND 05/2015/QĐ\u2013UBND")
    assert parsed.numbers == ("629/qd-ubnd", "05/2015/qd-ubnd")
    assert [t.folded for t in parsed.terms] == ["quyet", "dinh"]


def test_date_is_not_a_number():
    parsed = parse_query("05/3/2020")
    assert parsed.numbers == ()
    assert [t.folded for t in parsed.terms] == ["05", "3", "2020"]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ('"', ()),
        ("(((", ()),
        ("*", ()),
        ("-", ()),
        ('""', ()),
        ("a NEAR b", ("a", "b")),
        ("a AND b OR c", ("a", "b", "c")),
        ("a and b or not", ("a", "and", "b", "or", "not")),
        ("title:foo", ("title", "foo")),
        ("\x00abc", ("abc",)),
        ("a\u200bbc", ("abc",)),
        ('a "b', ("a", "b")),
        ('"AND x"', ("and", "x")),
    ],
)
def test_operators_and_punctuation_are_plain_text(raw, folded):
    assert words_of(parse_query(raw), "folded") == folded


def test_repeats_are_dropped():
    parsed = parse_query('hoà hòa HOÀ "a b" "a b" -c -c')
    assert parsed.terms == words(("hoà", "hoa"))
    assert len(parsed.phrases) == 1
    assert len(parsed.excluded) == 1


def test_empty_query():
    for raw in ["", "   ", "\x00\x01", "- * ( )"]:
        parsed = parse_query(raw)
        assert parsed == ParsedQuery()
        assert parsed.is_empty
        assert to_fts5(parsed) == ""


def test_too_long_query():
    with pytest.raises(QueryError, match="quá dài") as error:
        parse_query("a" * 10_000)
    assert str(MAX_QUERY_LENGTH) in str(error.value)
    parse_query("a" * MAX_QUERY_LENGTH)


def test_any_number_of_words_is_parsed():
    sentence = " ".join(f"từ{n}" for n in range(60))
    assert parse_query(sentence).word_count == 60
    assert parse_query('"a b c" -"d e" 5/2015/QĐ-UBND f').word_count == 7


def test_a_short_query_is_not_shortened():
    parsed = parse_query(" ".join(f"w{n}" for n in range(MAX_TERMS)))
    assert shorten(parsed, {}) == Shortened(parsed)


def test_a_long_query_keeps_its_rarest_words_in_the_order_typed():
    typed = [f"w{n}" for n in range(40)]
    frequencies = {word: 1000 - n for n, word in enumerate(typed)}  # later words rarer
    frequencies["w0"] = 0  # and the first one rarest of all

    shortened = shorten(parse_query(" ".join(typed)), frequencies)

    kept = [term.exact for term in shortened.query.terms]
    assert kept == ["w0", *typed[9:]] and len(kept) == MAX_TERMS
    assert shortened.dropped == tuple(typed[1:9])


def test_ties_keep_the_words_typed_first_and_unknown_words_count_as_rare():
    typed = [f"w{n}" for n in range(35)]
    shortened = shorten(parse_query(" ".join(typed)), {word: 1000 for word in typed[:34]})
    assert shortened.dropped == ("w31", "w32", "w33")  # w34 is not in any count: rare


def test_numbers_exclusions_and_whole_phrases_come_before_plain_words():
    filler = " ".join(f"w{n}" for n in range(30))
    parsed = parse_query(f'{filler} 5/2015/QĐ-UBND -"bãi bỏ" "chữ ký số điện tử"')

    shortened = shorten(parsed, {}, limit=MAX_TERMS)

    assert shortened.query.numbers == parsed.numbers and shortened.query.excluded == parsed.excluded
    assert shortened.query.phrases == parsed.phrases
    assert shortened.query.word_count == 1 + 2 + 5 + 24 == MAX_TERMS
    assert shortened.dropped == tuple(f"w{n}" for n in range(24, 30))


def test_a_phrase_that_cannot_fit_is_dropped_whole():
    phrase = " ".join(["từ"] * 5)
    parsed = parse_query(f'"{phrase}" a b c')
    shortened = shorten(parsed, {}, limit=4)
    assert shortened.query.phrases == ()
    assert [term.exact for term in shortened.query.terms] == ["a", "b", "c"]
    assert shortened.dropped == (phrase,)


def test_query_error_is_a_value_error():
    assert issubclass(QueryError, ValueError)


def test_to_fts5():
    assert to_fts5(parse_query("Chữ ký số")) == '"chu" AND "ky" AND "so"'
    assert to_fts5(parse_query('hoà "văn bản" 629/QĐ-UBND -mẫu -"dự thảo"')) == (
        '("hoa" AND "van ban" AND "629/qd-ubnd") NOT ("mau" OR "du thao")'
    )


def test_to_fts5_quotes_every_string():
    assert to_fts5(ParsedQuery(terms=(Term('a"b', 'a"b'),))) == '"a""b"'


def test_exact_and_folded_terms():
    parsed = parse_query('hòa "Hòa bình" -xoá 12/2020/QH14')
    assert words_of(parsed, "folded") == ("hoa", "binh")
    assert words_of(parsed, "exact") == ("hoà", "bình")


@pytest.fixture
def fts5():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE doc USING fts5(body)")
    connection.executemany(
        "INSERT INTO doc (body) VALUES (?)",
        [
            ("quyet dinh 629/qd-ubnd ve chu ky so",),
            ("chu ky so trong van ban dien tu",),
            ("uy ban nhan dan tinh",),
            ("title foo and near not",),
        ],
    )
    yield connection
    connection.close()


def search(connection: sqlite3.Connection, raw: str) -> list[int]:
    expression = to_fts5(parse_query(raw))
    if not expression:
        return []
    rows = connection.execute(
        "SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY rowid", (expression,)
    )
    return [rowid for (rowid,) in rows]


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_input_is_valid_fts5(fts5, raw):
    search(fts5, raw)  # no sqlite3.OperationalError


def test_fts5_round_trip(fts5):
    assert search(fts5, "CHỮ KÝ SỐ") == [1, 2]
    assert search(fts5, 'chu ky so -"văn bản"') == [1]
    assert search(fts5, "629/QD-UBND") == [1]
    assert search(fts5, "“Ủy ban” nhân") == [3]
    assert search(fts5, "title:foo") == [4]
    assert search(fts5, "a NEAR b") == []
    assert search(fts5, "foo NEAR") == [4]


def test_random_input_is_valid_fts5(fts5):
    alphabet = 'ab hoà-"“”()*:^+NOTANDRE/QĐ\x00\u200b\t629'
    generator = random.Random(5)
    for _ in range(500):
        raw = "".join(generator.choices(alphabet, k=generator.randint(0, 40)))
        search(fts5, raw)
