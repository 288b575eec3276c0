"""Elasticsearch analysis for Vietnamese legal text (used by search/backends/elasticsearch.py).

- ``folded``: words (runs of letters, digits and combining marks, as SQLite FTS5 and
  ``cms.numbers.tokens`` split them), ``đ``/``Đ`` (and the look-alike ``Ð``) read as
  ``d`` by a char filter, then lower case and ``asciifolding``: "CHỮ KÝ SỐ" -> chu, ky, so
  (``cms.text.fold``).
  Offsets stay those of the original text, so highlights mark the original characters.
- ``exact``: the same words in lower case, diacritics kept; fed with ``exact_form`` text
  (canonical tone placement, so "hòa" and "hoà" are one word).
- ``number_key``: a keyword normaliser (lower case, ASCII folding) for document numbers
  already in ``cms.numbers.number_key`` form.
"""

from elasticsearch.dsl import analyzer, char_filter, normalizer, tokenizer

from cms.text import D_WITH_STROKE

WORD_PATTERN = r"[^\p{L}\p{N}\p{M}]+"

words = tokenizer("vi_words", "pattern", pattern=WORD_PATTERN)

d_with_stroke = char_filter(
    "vi_d_with_stroke",
    "mapping",
    mappings=[f"{char} => d" for char in D_WITH_STROKE],
)

folded = analyzer(
    "folded",
    tokenizer=words,
    char_filter=[d_with_stroke],
    filter=["lowercase", "asciifolding"],
)

exact = analyzer("exact", tokenizer=words, filter=["lowercase"])

number_key = normalizer("number_key", filter=["lowercase", "asciifolding"])
