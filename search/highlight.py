"""Highlight query matches in the original text (with its diacritics), for snippets.

Matching happens on the folded form (``cms.text.fold``) so "chu ky so" marks "chữ ký số";
the ``<mark>`` goes around the original characters through an offset map from folded to
original positions. Output is HTML: the text is escaped, only the marks are markup.

Words are whole runs of letters and digits, as the indexes tokenize them: "so" marks "số" and
"sổ", never the "so" inside "song".
"""

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

from cms.text import LETTER_OR_DIGIT, WORD, fold
from search import ranking_policy as policy
from search.query import ParsedQuery

# A snippet is chosen among the first matches only (long texts repeat common words a lot).
MAX_SPANS = 128
# A snippet comes from about the first SCAN_SIZE characters when they hold a match.
SCAN_SIZE = 1200
# Characters compared at each end to trust a folded text given with the original.
_CHECK = 32
ELLIPSIS = "…"
MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"

_SEPARATOR = r"[\W_]+"
_SPACES = re.compile(r"\s+")

# fold() of one character, cached: most texts use a few dozen distinct characters.
_CHAR_FOLD: dict[str, str] = {}


def _char_fold(char: str) -> str:
    folded = _CHAR_FOLD.get(char)
    if folded is None:
        folded = _CHAR_FOLD[char] = fold(char)
    return folded


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, when folding changed lengths, where each folded character came from.

    With ``None`` the folded text lines up with ``text`` character for character (the usual
    case: NFC Vietnamese folds one letter to one letter). Otherwise the list holds, for each
    folded position ``k``, the original position it came from, plus ``len(text)`` at the end.
    """
    folded = fold(text)
    if len(folded) == len(text) and all(
        len(_char_fold(char)) == 1 for char in set(text) if not char.isascii()
    ):
        return folded, None
    pieces: list[str] = []
    starts: list[int] = []
    for position, char in enumerate(text):
        piece = _char_fold(char)
        pieces.append(piece)
        starts.extend([position] * len(piece))
    starts.append(len(text))
    return "".join(pieces), starts


@dataclass(frozen=True)
class Matcher:
    """What to mark: folded words and phrases (a number is a phrase of its parts)."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    numbers: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def for_query(cls, parsed: ParsedQuery) -> "Matcher":
        return cls.build(
            words=[term.folded for term in parsed.terms],
            phrases=[[word.folded for word in phrase] for phrase in parsed.phrases],
            numbers=parsed.numbers,
        )

    @classmethod
    def build(
        cls,
        *,
        words: Iterable[str] = (),
        phrases: Iterable[Sequence[str]] = (),
        numbers: Iterable[str] = (),
    ) -> "Matcher":
        return cls(
            words=tuple(dict.fromkeys(fold(word) for word in words if word)),
            phrases=tuple(
                dict.fromkeys(tuple(fold(word) for word in phrase) for phrase in phrases if phrase)
            ),
            numbers=tuple(
                dict.fromkeys(
                    parts for number in numbers if (parts := tuple(WORD.findall(fold(number))))
                )
            ),
        )

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        alternatives: list[tuple[int, str]] = []
        first: set[str] = set()
        for phrase in self.phrases:
            alternatives.append((len(phrase), _SEPARATOR.join(map(re.escape, phrase))))
            first.add(phrase[0][0])
        for parts in self.numbers:
            # "5/2015/qd-ubnd" also marks "05/2015/QĐ-UBND": leading zeros do not count.
            regexes = []
            for part in parts:
                if part.isdigit():
                    regexes.append("0*" + re.escape(part.lstrip("0") or "0"))
                else:
                    regexes.append(re.escape(part))
            alternatives.append((len(parts), _SEPARATOR.join(regexes)))
            first.add(parts[0][0])
            if parts[0].isdigit():
                first.add("0")
        for word in self.words:
            alternatives.append((1, re.escape(word)))
            first.add(word[0])
        if not alternatives:
            return None
        # Longest first, so a phrase wins over its own words.
        alternatives.sort(key=lambda item: (-item[0], -len(item[1])))
        body = "|".join(regex for _, regex in alternatives)
        # The look-ahead on first letters, then "\\b", reject most positions at once.
        starts = "".join(map(re.escape, sorted(first)))
        return re.compile(rf"(?=[{starts}])\b(?<!{LETTER_OR_DIGIT})(?:{body})(?!{LETTER_OR_DIGIT})")

    def occurs_in(self, folded: str) -> bool:
        """Whether a word, phrase or number of this matcher occurs in ``folded`` (a text
        already folded with ``cms.text.fold``)."""
        return self._pattern is not None and self._pattern.search(folded) is not None

    def spans(
        self,
        text: str,
        folded: str | None = None,
        limit: int | None = None,
        within: int | None = None,
    ) -> list[tuple[int, int, str]]:
        """``(start, end, key)`` of each match in ``text`` (original positions), in order.

        ``key`` is the folded text matched, to count distinct matches.
        ``folded`` may give ``fold(text)`` already computed (by the index); it is used when it
        has the same length and lines up at both ends and at the first and last match.
        ``limit`` stops after that many matches; ``within`` looks at about that many first
        characters, and at the rest only when they hold no match.
        """
        pattern = self._pattern
        if pattern is None or not text:
            return []
        starts = None
        if not (
            folded is not None
            and len(folded) == len(text)
            and fold(text[:_CHECK]) == folded[:_CHECK]
            and fold(text[-_CHECK:]) == folded[-_CHECK:]
        ):
            folded, starts = fold_with_offsets(text)
        cut = len(folded)
        if within is not None and within < cut:
            # End at a space, so that no word is cut into a shorter one that would match.
            space = folded.rfind(" ", 0, within)
            cut = space if space > 0 else cut
        found = self._find(pattern, folded, starts, 0, cut, limit)
        if not found and cut < len(folded):
            found = self._find(pattern, folded, starts, cut, len(folded), limit)
        if starts is None and any(
            fold(text[start:end]) != folded[start:end] for start, end, _ in found[:1] + found[-1:]
        ):
            return self.spans(text, None, limit, within)  # the given folded text misled us
        return found

    @staticmethod
    def _find(pattern, folded, starts, begin, end, limit) -> list[tuple[int, int, str]]:
        if starts is None:
            return [
                (*match.span(), match.group())
                for match in islice(pattern.finditer(folded, begin, end), limit)
            ]
        found = []
        for match in islice(pattern.finditer(folded, begin, end), limit):
            start, stop = match.span()
            start, stop = starts[start], starts[stop]
            if stop > start:
                found.append((start, stop, match.group()))
        return found


def _render(text: str, spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    """``text[start:end]`` escaped, whitespace collapsed, marks around the spans inside it.

    Marks separated only by whitespace merge: "<mark>chữ ký số</mark>".
    """
    merged: list[list[int]] = []
    for span_start, span_end, _key in spans:
        if span_start < start or span_end > end:
            continue
        if merged and not text[merged[-1][1] : span_start].strip():
            merged[-1][1] = span_end
        else:
            merged.append([span_start, span_end])
    out: list[str] = []
    cursor = start
    for span_start, span_end in merged:
        out.append(html.escape(text[cursor:span_start]))
        out.append(MARK_OPEN + html.escape(text[span_start:span_end]) + MARK_CLOSE)
        cursor = span_end
    out.append(html.escape(text[cursor:end]))
    # The marks hold no whitespace: collapsing it once over the result is the same as per part.
    return _SPACES.sub(" ", "".join(out))


def _best_window(spans: list[tuple[int, int, str]], size: int) -> tuple[int, int]:
    """Indexes ``(i, j)`` of the run of spans fitting in ``size`` characters with the most
    distinct keys, then the most matches; the earliest wins ties."""
    best = (0, 0)
    best_value = (0, 0)
    keys: dict[str, int] = {}
    j = 0
    count = len(spans)
    for i in range(count):
        if j < i:
            j = i
            keys.clear()
        limit = spans[i][0] + size
        while j < count and spans[j][1] <= limit:
            key = spans[j][2]
            keys[key] = keys.get(key, 0) + 1
            j += 1
        value = (len(keys), j - i)
        if value > best_value:
            best, best_value = (i, j), value
        if j > i:
            key = spans[i][2]
            if keys[key] == 1:
                del keys[key]
            else:
                keys[key] -= 1
    return best


def _word_start(text: str, position: int, limit: int) -> int:
    """``position`` moved forward to the start of a word (not past ``limit``)."""
    if position <= 0:
        return 0
    if text[position - 1].isspace():
        return position
    space = text.find(" ", position, limit)
    newline = text.find("\n", position, limit)
    found = [p for p in (space, newline) if p != -1]
    return min(found) + 1 if found else position


def _word_end(text: str, position: int, limit: int) -> int:
    """``position`` moved back to the end of a word (not before ``limit``)."""
    if position >= len(text):
        return len(text)
    if text[position].isspace():
        return position
    found = max(text.rfind(" ", limit, position), text.rfind("\n", limit, position))
    return found if found >= limit else position


def snippet(text: str, matcher: Matcher, *, folded: str | None = None) -> str:
    """About ``SNIPPET_SIZE`` characters (``search.ranking_policy``) of ``text`` around its
    best matches, cut at word boundaries, with "…" where text was left out; escaped, matches
    marked (the whole text when it is that short).

    ``folded``: ``fold(text)`` if already known (see ``Matcher.spans``).
    """
    if not text.strip():
        return ""
    size = policy.SNIPPET_SIZE
    spans = matcher.spans(text, folded, limit=MAX_SPANS, within=SCAN_SIZE)
    if len(text) <= size:
        return _render(text, spans, 0, len(text)).strip()
    if not spans:
        end = _word_end(text, size, size // 2)
        return _render(text, [], 0, end).strip() + ELLIPSIS
    i, j = _best_window(spans, size)
    if j <= i:  # one match longer than the window
        j = i + 1
    first, last = spans[i][0], spans[j - 1][1]
    slack = max(size - (last - first), 0)
    start = max(0, min(first - slack // 3, len(text) - size))
    end = min(len(text), max(start + size, last))
    start = _word_start(text, start, first)
    end = _word_end(text, end, last)
    body = _render(text, spans, start, end).strip()
    before = ELLIPSIS if text[:start].strip() else ""
    after = ELLIPSIS if text[end:].strip() else ""
    return before + body + after
