"""How search results are ranked and shown: the signals' weights and the sizes every engine
reads (SQLite FTS5 and PostgreSQL through ``search.backends.ranking``, Elasticsearch as
constant-score boosts), so that they rank and cut hits alike.

A match's score sums, by decreasing weight: the document's own number (``NUMBER``); the whole
query, folded, as its title or an article's heading (``HEADING``: a pasted heading finds its
article first, see ``search.backends.plan.heading_key``); all words
in its number, title, summary or type (``HEAD``, then ``HEAD_EXACT`` if spelt there with the
user's own diacritics, ``HEAD_PHRASE`` if the plain terms are one phrase there, up to
``HEAD_COVER`` for the share of the title they cover); the user's diacritics anywhere
(``EXACT``); the plain terms as one phrase in an article (``PHRASE_UNITS``); all words in one
article (``ALL_UNITS``); how many articles hold them, for the document's length (less than
``UNIT_SHARE``, see ``unit_share``). Ties: newest first. Each weight is above the most that
all the lighter ones add together, so a signal always outranks the ones below it.
"""

# --- Weights of the signals ----------------------------------------------------------------------

NUMBER = 1e6
HEADING = 2e5
HEAD = 1e5
HEAD_EXACT = 5e4
HEAD_PHRASE = 2.5e4
HEAD_COVER = 1e4
EXACT = 5e3
PHRASE_UNITS = 2.5e3
ALL_UNITS = 1e3
# The most the article count adds (below ALL_UNITS).
UNIT_SHARE = 999.0
# In the article count, a unit holding the terms as one phrase counts as this many.
PHRASE_UNIT_COUNT = 2
# Units of a document that weigh as one more unit holding the words (longer documents need
# more matching units for the same share).
UNITS_PER_COUNT = 10

# --- Sizes -----------------------------------------------------------------------------------

# Matching articles shown per hit.
ARTICLES_PER_HIT = 3
# Units read per hit: its articles and the text outside articles.
UNITS_PER_HIT = ARTICLES_PER_HIT + 1
# Characters of a snippet (a hit's or an article's).
SNIPPET_SIZE = 240
# Characters of an article read for its snippet (very long articles are cut).
SNIPPET_SOURCE_SIZE = 4000
# Matching documents beyond which a query of one or two words is broad: its words are in most
# articles, and counting the articles holding them all would tell little and cost the most.
BROAD_MATCHES = 1000
# Documents counted per word when a query of more than ``search.query.MAX_TERMS`` words is
# shortened to its most selective words: words in more documents are all common alike.
FREQUENCY_CAP = 1000
# Matches whose costly signals are read at most, whatever the page (the embedded engines'
# rescoring window, see ``search.backends.ranking``).
RESCORE_WINDOW = 40


def unit_share(all_units, phrase_units, unit_count):
    """The article count's share of a score (below ``UNIT_SHARE``): units holding all the
    words and units holding the terms as one phrase, for the document's ``unit_count``
    (numbers or NumPy arrays)."""
    counted = all_units + PHRASE_UNIT_COUNT * phrase_units
    return UNIT_SHARE * counted / (counted + 1 + unit_count / UNITS_PER_COUNT)
