"""Reading the corpus: JSON Lines files (``.jsonl`` / ``.jsonl.gz``) into typed records.

A record is checked field by field against what a page can hold (lengths of the page's
columns, real dates, a document number); a line that cannot become a document raises
``BadRecord`` with the reason reported to the user.
"""

import datetime
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wagtail.models import Page

from cms.models import DocumentType, IssuingBody, LegalDocumentPage, Sector
from cms.numbers import number_key
from cms.text import nfc

MAX_NUMBER = LegalDocumentPage._meta.get_field("number").max_length
MAX_TITLE = Page._meta.get_field("title").max_length
MAX_TYPE_NAME = DocumentType._meta.get_field("name").max_length
MAX_BODY_NAME = IssuingBody._meta.get_field("name").max_length
MAX_SECTOR = Sector._meta.get_field("name").max_length
MAX_SIGNER = LegalDocumentPage._meta.get_field("signer").max_length

_TOPIC_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\s+")


class BadRecord(ValueError):
    """A line that cannot become a document; the message is the reason reported."""


@dataclass(frozen=True)
class Record:
    number: str
    type_name: str
    title: str
    issuer: str
    issued_on: datetime.date
    effective_on: datetime.date | None
    signer: str
    topics: tuple[str, ...]
    articles: tuple[dict, ...] | None
    text: str | None

    @property
    def key(self) -> tuple[str, int]:
        return number_key(self.number), self.issued_on.year


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


def _text(value, name: str, *, required: bool, limit: int | None = None) -> str:
    if value is None:
        if required:
            raise BadRecord(f"missing {name}")
        return ""
    if not isinstance(value, str):
        raise BadRecord(f"{name} is not a string")
    text = one_line(value)
    if required and not text:
        raise BadRecord(f"missing {name}")
    if limit is not None and len(text) > limit:
        raise BadRecord(f"{name} longer than {limit} characters")
    return text


def _date(value, name: str, *, required: bool) -> datetime.date | None:
    if value is None or value == "":
        if required:
            raise BadRecord(f"missing {name}")
        return None
    if not isinstance(value, str):
        raise BadRecord(f"{name} is not a date string")
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise BadRecord(f"impossible date {name}={value!r}") from None


def parse_record(raw: bytes, *, today: datetime.date) -> Record:
    try:
        data = json.loads(raw.strip())
    except UnicodeDecodeError:
        raise BadRecord("not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise BadRecord(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise BadRecord("not a JSON object")
    number = _text(data.get("number"), "number", required=True, limit=MAX_NUMBER)
    type_name = _text(data.get("type"), "type", required=True, limit=MAX_TYPE_NAME)
    title = _text(data.get("title"), "title", required=True)
    issuer = _text(data.get("issuer"), "issuer", required=True, limit=MAX_BODY_NAME)
    issued_on = _date(data.get("issued_on"), "issued_on", required=True)
    effective_on = _date(data.get("effective_on"), "effective_on", required=False)
    if issued_on > today:
        raise BadRecord(f"issued_on {issued_on.isoformat()} is in the future")
    if issued_on.year < 1900:
        raise BadRecord(f"impossible date issued_on={issued_on.isoformat()}")
    try:
        key = number_key(number)
    except ValueError:  # parsed, yet impossible: "1/0000/TT-BTP"
        key = ""
    if not key:
        raise BadRecord(f"number {number!r} is not a document number")
    signer = _text(data.get("signer"), "signer", required=False, limit=MAX_SIGNER)
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
    )


def scan_fields(raw: bytes) -> tuple[str, str, str, list] | None:
    """(number, type, issuer, topics) of a line for the first pass, leniently; None when the
    line lacks them (the second pass reports why)."""
    try:
        data = json.loads(raw)
        number, type_name, issuer = (one_line(data[name]) for name in ("number", "type", "issuer"))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if not (number and type_name and issuer):
        return None
    topics = data.get("topics") or []
    return number, type_name, issuer, topics if isinstance(topics, list) else []


def page_title(title: str) -> str:
    """The record's title as a page title: cut at a word, with "…", when too long."""
    if len(title) <= MAX_TITLE:
        return title
    cut = title[: MAX_TITLE - 1].rsplit(" ", 1)[0]
    return cut + "…"
