"""Reading the corpus: JSON Lines files (``.jsonl`` / ``.jsonl.gz``) into typed records.

A record is checked field by field against what a page can hold (lengths of the page's
columns, real dates, a document number); a line that cannot become a document raises
``BadRecord`` with the reason reported to the user. A record needs its text (or articles);
the number, type, title, issuer, date and signer it lacks are read from the header of the text
(``from_text``), and only then is it ``checked`` for what a document cannot do without.
"""

import datetime
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from wagtail.models import Page

from cms.models import DocumentType, IssuingBody, LegalDocumentPage, Sector
from cms.numbers import number_key
from cms.text import fold, nfc
from documents.parsing.model import Header, Signature

MAX_NUMBER = LegalDocumentPage._meta.get_field("number").max_length
MAX_TITLE = Page._meta.get_field("title").max_length
MAX_TYPE_NAME = DocumentType._meta.get_field("name").max_length
MAX_BODY_NAME = IssuingBody._meta.get_field("name").max_length
MAX_SECTOR = Sector._meta.get_field("name").max_length
MAX_SIGNER = LegalDocumentPage._meta.get_field("signer").max_length

_TOPIC_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\s+")


class BadRecord(ValueError):
    """A line that cannot become a document; the message is the reason reported."""


# What ``from_text`` may read from the text, as named in the page's history note.
READ_LABELS = {
    "number": "số",
    "type_name": "loại văn bản",
    "title": "tiêu đề",
    "issuer": "cơ quan ban hành",
    "issued_on": "ngày ban hành",
    "signer": "người ký",
}


@dataclass(frozen=True)
class Record:
    """One line of the corpus. Until ``checked``, the text fields may be "" and ``issued_on``
    None (not in the record)."""

    number: str
    type_name: str
    title: str
    issuer: str
    issued_on: datetime.date | None
    effective_on: datetime.date | None
    signer: str
    topics: tuple[str, ...]
    articles: tuple[dict, ...] | None
    text: str | None
    words: int  # how complete its text is: its words (of the articles when it has them)

    @property
    def key(self) -> tuple[str, int]:
        return number_key(self.number), self.issued_on.year


def text_words(text, articles) -> int:
    if isinstance(articles, list | tuple) and articles:
        return sum(
            len(str(article.get(name) or "").split())
            for article in articles
            if isinstance(article, dict)
            for name in ("heading", "text")
        )
    return len(text.split()) if isinstance(text, str) else 0


def input_files(paths: list[Path]) -> list[Path]:
    """The files to read: each path, or the ``*.jsonl[.gz]`` files of a directory, by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [p for p in path.iterdir() if p.name.endswith((".jsonl", ".jsonl.gz"))]
            files.extend(sorted(found))
        else:
            files.append(path)
    return files


def read_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw bytes) of a JSON Lines file, gzip-compressed or not.

    Lines are split on "\\n" only: U+2028 and other separators inside strings stay in place.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        yield from enumerate(handle, start=1)


def one_line(value) -> str:
    """NFC text on one line, runs of white space as one space ("" for None)."""
    return " ".join(nfc(value or "").split())


def topic_name(topic: str) -> str:
    """ "36.3 Thanh niên" -> "Thanh niên" (the codification's number is dropped)."""
    return one_line(_TOPIC_NUMBER.sub("", nfc(topic)))[:MAX_SECTOR]


def _text(value, name: str, *, limit: int | None = None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadRecord(f"{name} is not a string")
    text = one_line(value)
    if limit is not None and len(text) > limit:
        raise BadRecord(f"{name} longer than {limit} characters")
    return text


def _date(value, name: str) -> datetime.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadRecord(f"{name} is not a date string")
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise BadRecord(f"impossible date {name}={value!r}") from None


def parse_record(raw: bytes) -> Record:
    """The line as a record, each field present checked; missing ones are left empty."""
    try:
        data = json.loads(raw.strip())
    except UnicodeDecodeError:
        raise BadRecord("not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise BadRecord(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise BadRecord("not a JSON object")
    number = _text(data.get("number"), "number", limit=MAX_NUMBER)
    type_name = _text(data.get("type"), "type", limit=MAX_TYPE_NAME)
    title = _text(data.get("title"), "title")
    issuer = _text(data.get("issuer"), "issuer", limit=MAX_BODY_NAME)
    issued_on = _date(data.get("issued_on"), "issued_on")
    effective_on = _date(data.get("effective_on"), "effective_on")
    signer = _text(data.get("signer"), "signer", limit=MAX_SIGNER)
    topics = data.get("topics") or []
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise BadRecord("topics is not a list of strings")
    articles = data.get("articles")
    if articles is not None:
        if not isinstance(articles, list):
            raise BadRecord("articles is not a list")
        for position, article in enumerate(articles, start=1):
            if not isinstance(article, dict):
                raise BadRecord(f"article {position} is not an object")
            for name in ("number", "heading", "text"):
                if article.get(name) is not None and not isinstance(article[name], str):
                    raise BadRecord(f"article {position}: {name} is not a string")
    text = data.get("text")
    if text is not None and not isinstance(text, str):
        raise BadRecord("text is not a string")
    return Record(
        number=number,
        type_name=type_name,
        title=title,
        issuer=issuer,
        issued_on=issued_on,
        effective_on=effective_on,
        signer=signer,
        topics=tuple(dict.fromkeys(t for t in (topic_name(t) for t in topics) if t)),
        articles=tuple(articles) if articles is not None else None,
        text=nfc(text) if text and text.strip() else None,
        words=text_words(text, articles),
    )


def _sentence(text: str) -> str:
    """An all-capitals header line in sentence case: "LUẬT DỰ TRỮ" -> "Luật dự trữ"."""
    text = one_line(text)
    return text[:1] + text[1:].lower() if text.isupper() else text


def _title(header: Header) -> str:
    """The document's name from its header: type and summary ("Luật" + "DỰ TRỮ QUỐC GIA")."""
    summary = _sentence(header.summary)
    if not summary:
        return ""
    doc_type = _sentence(header.doc_type)
    if not doc_type or fold(summary).startswith(fold(doc_type)):
        return summary
    return f"{doc_type} {summary[:1].lower()}{summary[1:]}"


def from_text(
    record: Record, *, header: Header, signature: Signature | None
) -> tuple[Record, tuple[str, ...]]:
    """The record with what it lacks read from its parsed text's header and signature, and the
    names of the fields so read. A value too long for the page counts as not found."""
    found = {
        "number": one_line(header.number),
        "type_name": _sentence(header.doc_type),
        "title": _title(header),
        "issuer": one_line(header.issuer),
        "issued_on": header.date,
        "signer": one_line(signature.name) if signature is not None else "",
    }
    limits = {
        "number": MAX_NUMBER,
        "type_name": MAX_TYPE_NAME,
        "issuer": MAX_BODY_NAME,
        "signer": MAX_SIGNER,
    }
    read = {
        name: value
        for name, value in found.items()
        if value
        and not getattr(record, name)
        and (name not in limits or len(value) <= limits[name])
    }
    return replace(record, **read), tuple(read)


def with_title(record: Record) -> tuple[Record, bool]:
    """The record, titled by its type and number when neither it nor its text has a title
    ("Luật số 06/2003/QH11"), and whether the title was so made."""
    if record.title or not (record.type_name and record.number):
        return record, False
    return replace(record, title=f"{record.type_name} số {record.number}"), True


def checked(record: Record, *, today: datetime.date) -> Record:
    """The record if it can become a document; else ``BadRecord`` with the reason."""
    for name, label in (
        ("number", "number"),
        ("type_name", "type"),
        ("title", "title"),
        ("issuer", "issuer"),
        ("issued_on", "issued_on"),
    ):
        if not getattr(record, name):
            where = ", not in the text either" if record.text else ""
            raise BadRecord(f"missing {label}{where}")
    if record.issued_on > today:
        raise BadRecord(f"issued_on {record.issued_on.isoformat()} is in the future")
    if record.issued_on.year < 1900:
        raise BadRecord(f"impossible date issued_on={record.issued_on.isoformat()}")
    try:
        key = number_key(record.number)
    except ValueError:  # parsed, yet impossible: "1/0000/TT-BTP"
        key = ""
    if not key:
        raise BadRecord(f"number {record.number!r} is not a document number")
    if not record.text and not record.articles:
        raise BadRecord("no text and no articles: nothing to import")
    return record


@dataclass(frozen=True)
class ScanFields:
    """What the first pass reads of a line, leniently: the reference data it names, and what
    tells a duplicate's most complete text (its date, its words)."""

    number: str
    type_name: str
    issuer: str
    topics: list
    issued_on: datetime.date | None
    words: int


def scan_fields(raw: bytes) -> ScanFields | None:
    """The line's fields for the first pass; None when it lacks them (its number, type and
    issuer may be read from its text in the second pass, which also reports bad lines)."""
    try:
        data = json.loads(raw)
        number, type_name, issuer = (one_line(data[name]) for name in ("number", "type", "issuer"))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if not (number and type_name and issuer):
        return None
    topics = data.get("topics") or []
    try:
        issued_on = datetime.date.fromisoformat(data.get("issued_on"))
    except (TypeError, ValueError):
        issued_on = None
    return ScanFields(
        number=number,
        type_name=type_name,
        issuer=issuer,
        topics=topics if isinstance(topics, list) else [],
        issued_on=issued_on,
        words=text_words(data.get("text"), data.get("articles")),
    )


def page_title(title: str) -> str:
    """The record's title as a page title: cut at a word, with "…", when too long."""
    if len(title) <= MAX_TITLE:
        return title
    cut = title[: MAX_TITLE - 1].rsplit(" ", 1)[0]
    return cut + "…"
