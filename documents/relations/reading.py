"""Relations read from a document's own articles: what it ends or changes, and from when.

The effect article of a legal document names the documents it ends or changes:

- "Luật Doanh nghiệp số 68/2014/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."
  ends 68/2014/QH13 (``REPEALS``), from the day this document takes effect;
- "Bãi bỏ Điều 45 của Luật đất đai số 13/2003/QH11." repeals part of it;
- "Nghị định này thay thế Nghị định số 12/2015/NĐ-CP." replaces it;
- "Sửa đổi, bổ sung một số điều của Luật … số 15/2012/QH13" (an article's heading or sentence)
  and "Thay thế cụm từ … của Luật … số 83/2015/QH13" amend it.

``read_statements`` returns each such statement with the number as written, the citing phrase,
the day it counts from when the text gives one ("kể từ ngày 01/7/2016"; ``None``: from the day
the document itself takes effect) and the article and sentence it came from. Only what a
sentence states about a cited *number* is read: a document cited by name alone, or a number
only described ("… đã được sửa đổi, bổ sung một số điều theo Luật số 35/2018/QH14"), gives
nothing. Linking numbers to documents is ``documents.relations.service``'s.
"""

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cms.numbers import DASH_CHARS
from cms.relation_kinds import RelationKind
from cms.text import nfc

# Document types as they open a citation ("Luật …", "Pháp lệnh …", "Nghị định số …").
_TYPES = (
    r"Bộ luật|Luật|Pháp lệnh|Nghị quyết liên tịch|Nghị quyết|Nghị định|Thông tư liên tịch|"
    r"Thông tư|Quyết định|Chỉ thị|Sắc lệnh|Lệnh|Hiến pháp"
)
_TYPE = re.compile(rf"\b(?:{_TYPES})\b")  # capitalised, as a citation opens
_DASH = rf"[\-{DASH_CHARS}]"
_PART = r"[0-9A-ZĐ][0-9A-Za-zĐđ.]*"
# A number in running text: digits, then parts joined by "/" or a dash, spaces tolerated
# around the joins ("43/2002/PL- UBTVQH10"); one part at least has a capital (not a date).
_NUMBER = re.compile(rf"(?<![\w/.])\d{{1,4}}(?:\s?(?:/|{_DASH})\s?{_PART})+")
_CAPITAL = re.compile(r"[A-ZĐ]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐ“\"(])")
_ENUMERATOR = re.compile(r"^\s*(?:\d+[a-z]?[.)]|[a-zđ][.)]|[-–+•])\s*")

_DAY_MONTH_YEAR = (
    r"(?P<d>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<m>\d{1,2})"
    r"\s*(?:/|-|\.|\s+năm\s+)\s*(?P<y>\d{4})"
)
_FROM_DAY = re.compile(rf"(?:kể\s+)?từ\s+ngày\s+{_DAY_MONTH_YEAR}", re.IGNORECASE)

_EXPIRES = re.compile(r"\bhết\s+hiệu\s+lực(?:\s+thi\s+hành)?\b", re.IGNORECASE)
_REPEAL = re.compile(r"(?<!đã )(?<!bị )(?<!được )\bbãi\s+bỏ\b", re.IGNORECASE)
_REPLACE = re.compile(r"\bthay\s+thế\b", re.IGNORECASE)
_AMEND = re.compile(
    r"^(?:(?:\S+\s+){0,3}này\s+)?(?:sửa\s+đổi,\s+bổ\s+sung|sửa\s+đổi|bổ\s+sung)\b", re.IGNORECASE
)
_THIS = re.compile(r"\bnày\s*$")
_BY_THIS = re.compile(rf"^\s*(?:bởi|bằng)\s+(?:{_TYPES})\s+này\b", re.IGNORECASE)
_WORDING = re.compile(r"\b(?:cụm\s+từ|từ\s+ngữ|từ\s+[“\"])", re.IGNORECASE)
# Where a termination must start: a document, or a part of one ("Các quy định về … của").
_SUBJECT = re.compile(
    rf"^(?:{_TYPES}|(?:các|những)\s+(?:quy\s+định|điều|nội\s+dung)|quy\s+định|chương|điều|"
    r"mục|phần|khoản|điểm)\b",
    re.IGNORECASE,
)
# A part of a document before its citation: the statement is partial.
_PART_OF = re.compile(
    r"\b(?:điều|chương|mục|phần|khoản|điểm|phụ\s+lục)\s+(?:\d+[a-zđ]?|[IVXLC]+)\b|"
    r"\b(?:các|những)\s+(?:quy\s+định|điều|khoản|điểm|nội\s+dung|mẫu|biểu\s+mẫu|phụ\s+lục)\b|"
    r"\bquy\s+định\s+(?:về|tại|của|liên\s+quan)\b",
    re.IGNORECASE,
)
_SOME_ARTICLES = re.compile(r"\bmột\s+số\s+điều\b", re.IGNORECASE)
_EXCEPT = re.compile(r",\s*trừ\b", re.IGNORECASE)
# "… đã được sửa đổi, bổ sung (một số điều) theo Luật số A, Luật số B và …": A, B only describe.
_DESCRIBED = re.compile(
    r"\b(?:đã\s+)?(?:được|dược)\s+sửa\s+đổi(?:,\s+bổ\s+sung)?(?:\s+một\s+số\s+điều)?\s+"
    r"(?:theo|bởi|tại)\s+",
    re.IGNORECASE,
)
_DESCRIBED_CITATION = re.compile(
    rf"\s*(?:,|;|\bvà\b)?\s*(?:(?:các\s+)?(?:{_TYPES})\s+)?(?:số\s+)?(?={_NUMBER.pattern})"
    rf"{_NUMBER.pattern}",
    re.IGNORECASE,
)
# "… hướng dẫn (thực hiện) (một số điều của) Nghị định số A", "… sửa đổi, bổ sung Thông tư B,
# Thông tư C": numbers in the title of a cited document, which the statement is not about.
_IN_A_TITLE = re.compile(
    r"\b(?:hướng\s+dẫn(?:\s+(?:thi\s+hành|thực\s+hiện))?(?:\s+một\s+số\s+điều(?:\s+của)?)?|"
    rf"sửa\s+đổi(?:,\s+bổ\s+sung)?(?:\s+một\s+số\s+điều(?:\s+của)?)?(?=\s+(?:{_TYPES})\s+(?:số\s+)?\d))"
    r"\s+",
    re.IGNORECASE,
)
# "… theo (quy định tại khoản 4 Điều 6 của) Luật số 71/2014/QH13": the basis of something, up
# to its number.
_ACCORDING_TO = re.compile(r"(?<!kèm )\btheo\s+(?:quy\s+định\s+(?:tại|của)\s+)?", re.IGNORECASE)
_BASIS_REACH = 120
MAX_CITATION = 500


@dataclass(frozen=True)
class Statement:
    """One relation a sentence states: ``kind`` of the document at ``number``."""

    kind: RelationKind
    partial: bool  # a part of the cited document only (repeals and replacements)
    number: str  # as written, compacted ("68/2014/QH13")
    citation: str  # the citing phrase ("Luật Doanh nghiệp số 68/2014/QH13")
    effective_from: datetime.date | None  # None: from the day the citing document takes effect
    article: str  # the article's number ("217")
    sentence: str


@dataclass(frozen=True)
class Article:
    number: str
    heading: str
    texts: tuple[str, ...]  # its text, clauses and points, in order


def articles_of(body: Iterable[dict]) -> Iterator[Article]:
    """The articles of a page body's raw blocks (those of attached regulations too)."""
    for block in body:
        if block.get("type") != "article":
            continue
        value = block.get("value") or {}
        texts = [value.get("text") or ""]
        for clause in value.get("clauses") or ():
            lead = " ".join((clause.get("text") or "").split())
            texts.append(lead)
            # "Bãi bỏ các văn bản sau:" / "a) Quyết định số …": a point completes its lead.
            prefix = f"{lead} " if lead.endswith(":") else ""
            texts.extend(prefix + (point.get("text") or "") for point in clause.get("points") or ())
        yield Article(
            number=str(value.get("number") or ""),
            heading=value.get("heading") or "",
            texts=tuple(nfc(text) for text in texts if text and text.strip()),
        )


def read_statements(articles: Iterable[Article], *, own_number: str = "") -> list[Statement]:
    """The statements of ``articles`` about other documents (never about ``own_number``)."""
    own = _compact(own_number)
    found: list[Statement] = []
    seen: set[tuple] = set()
    for article in articles:
        for sentence in _sentences(article):
            for statement in _read(sentence, article.number):
                key = (statement.kind, _compact(statement.number), statement.article)
                if statement.number and _compact(statement.number) != own and key not in seen:
                    seen.add(key)
                    found.append(statement)
    return found


def _sentences(article: Article) -> Iterator[str]:
    if article.heading.strip():
        yield " ".join(article.heading.split())
    for text in article.texts:
        for line in text.splitlines():
            line = " ".join(line.split())
            enumerator = _ENUMERATOR.match(line)
            opening = enumerator.end() if enumerator else 0  # "2. " is not a sentence
            sentences = _SENTENCE_END.split(line[opening:])
            sentences[0] = line[:opening] + sentences[0]
            yield from (sentence for sentence in sentences if sentence)


def numbers_in(text: str) -> list[str]:
    """The document numbers in ``text``, compacted ("43/2002/PL- UBTVQH10" -> "…/PL-UBTVQH10")."""
    found = (match.group().rstrip(".") for match in _NUMBER.finditer(text))
    return [re.sub(r"\s+", "", number) for number in found if _CAPITAL.search(number)]


def _compact(number: str) -> str:
    return re.sub(r"\s+", "", number).rstrip(".").lower()


@dataclass(frozen=True)
class _Cited:
    start: int
    end: int
    number: str
    floor: int  # where its citing phrase may begin: after any description before it


def _citations(sentence: str) -> list[_Cited]:
    """Numbers cited in ``sentence`` that are not only described as amending something."""
    described: list[tuple[int, int]] = []
    first = _NUMBER.search(sentence)
    titles = (m for m in _IN_A_TITLE.finditer(sentence) if first and m.start() > first.end())
    for match in (*_DESCRIBED.finditer(sentence), *titles):
        end = match.end()
        while follow := _DESCRIBED_CITATION.match(sentence, end):
            end = follow.end()
        described.append((match.start(), end))
    for match in _ACCORDING_TO.finditer(sentence):
        basis = _NUMBER.search(sentence, match.end(), match.end() + _BASIS_REACH)
        if basis and ";" not in sentence[match.end() : basis.start()]:
            described.append((match.start(), basis.end()))
    cited = []
    for match in _NUMBER.finditer(sentence):
        text = match.group().rstrip(".")
        if not _CAPITAL.search(text) or any(a <= match.start() < b for a, b in described):
            continue
        floor = max((b for _a, b in described if b <= match.start()), default=0)
        number = re.sub(r"\s+", "", text)
        cited.append(_Cited(match.start(), match.start() + len(text), number, floor))
    return cited


def _phrase(sentence: str, cited: _Cited, floor: int) -> str:
    """The citing phrase: from the first document type of its part of the list (after the
    last ";") to the number."""
    floor = max(floor, cited.floor, sentence.rfind(";", floor, cited.start) + 1)
    opening = _TYPE.search(sentence, floor, cited.start)
    start = opening.start() if opening is not None else max(floor, cited.start - 80)
    return " ".join(sentence[start : cited.end].split())[:MAX_CITATION]


def _is_partial(segment: str) -> bool:
    segment = segment.rsplit(";", 1)[-1]
    return bool(_PART_OF.search(_SOME_ARTICLES.sub("", segment)))


def _day(match: re.Match | None) -> datetime.date | None:
    if match is None:
        return None
    try:
        return datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _statements(
    sentence: str,
    cited: list[_Cited],
    *,
    kind: RelationKind,
    floor: int,
    article: str,
    effective_from: datetime.date | None,
    all_partial: bool = False,
) -> Iterator[Statement]:
    previous = floor
    for one in cited:
        partial = kind != RelationKind.AMENDS and (
            all_partial or _is_partial(sentence[previous : one.start])
        )
        yield Statement(
            kind=kind,
            partial=partial,
            number=one.number,
            citation=_phrase(sentence, one, previous),
            effective_from=effective_from,
            article=article,
            sentence=sentence,
        )
        previous = one.end


def _read(sentence: str, article: str) -> Iterator[Statement]:
    body = _ENUMERATOR.sub("", sentence)
    offset = len(sentence) - len(body)
    cited = _citations(sentence)
    if not cited:
        return
    if expires := _EXPIRES.search(sentence):
        # "<documents> hết hiệu lực (kể từ ngày …)(, trừ …)": the documents before the verb.
        after = sentence[expires.end() :]
        before = [c for c in cited if c.end <= expires.start()]
        listed = after.find(":")
        if not before and listed >= 0:
            # "Các văn bản sau hết hiệu lực …: a) Quyết định số …" (a point after its lead).
            before = [c for c in cited if c.start > expires.end() + listed]
        elif not _SUBJECT.match(body):
            before = []
        if before:
            yield from _statements(
                sentence,
                before,
                kind=RelationKind.REPEALS,
                floor=offset,
                article=article,
                effective_from=_day(_FROM_DAY.match(after.lstrip())),
                all_partial=bool(_EXCEPT.search(after)),
            )
            return
    if repeal := _REPEAL.search(sentence):
        # "(…) bãi bỏ <documents or parts> (kể từ ngày …)": what follows the verb. Removing
        # words ("Bỏ cụm từ …") changes the wording: an amendment.
        after = [c for c in cited if c.start >= repeal.end()]
        if after:
            wording = bool(_WORDING.search(sentence))
            yield from _statements(
                sentence,
                after,
                kind=RelationKind.AMENDS if wording else RelationKind.REPEALS,
                floor=repeal.end(),
                article=article,
                effective_from=_day(_FROM_DAY.search(sentence, repeal.end())),
            )
            return
    if replace := _REPLACE.search(sentence):
        if _WORDING.search(sentence) and not _THIS.search(sentence[: replace.start()]):
            # "Thay thế cụm từ … của Luật …": a change of wording, an amendment.
            yield from _statements(
                sentence,
                cited,
                kind=RelationKind.AMENDS,
                floor=offset,
                article=article,
                effective_from=None,
            )
            return
        if _THIS.search(sentence[: replace.start()]):
            # "<this document> thay thế <documents>".
            after = [c for c in cited if c.start >= replace.end()]
            yield from _statements(
                sentence,
                after,
                kind=RelationKind.REPLACES,
                floor=replace.end(),
                article=article,
                effective_from=_day(_FROM_DAY.search(sentence, replace.end())),
            )
            return
        if _BY_THIS.match(sentence[replace.end() :]):
            # "<documents> được thay thế bằng <this document>".
            before = [c for c in cited if c.end <= replace.start()]
            yield from _statements(
                sentence,
                before,
                kind=RelationKind.REPLACES,
                floor=offset,
                article=article,
                effective_from=None,
            )
            return
    if amend := _AMEND.match(body):
        # "Sửa đổi, bổ sung … của <documents> (như sau:)": up to the amended wording.
        stop = sentence.find(":", offset + amend.end())
        stop = len(sentence) if stop < 0 else stop
        named = [c for c in cited if offset + amend.end() <= c.start and c.end <= stop]
        yield from _statements(
            sentence,
            named,
            kind=RelationKind.AMENDS,
            floor=offset + amend.end(),
            article=article,
            effective_from=None,
        )
