"""Bulk import of issued documents from JSON Lines (``.jsonl`` / ``.jsonl.gz``, DESIGN §8).

Two passes over the input:

1. a quick scan counts the lines and collects the reference data the records name (document
   types, issuing bodies, codification topics), which is created once, in bulk, with codes
   taken from the most common form in the records' numbers ("NĐ", "CP", "QH");
2. each record becomes an issued, published ``LegalDocumentPage`` under the document index, in
   its own transaction: a bad record rolls back alone and is reported with its line number.

A document is identified by its number's comparison key (``cms.numbers.number_key``),
its issue year and its issuing body: importing it again updates the page (or leaves it alone
when nothing changed), never duplicates it. Within one run, a second record for the same
document is reported and skipped (the first one wins, so a rerun changes nothing).

New pages go through the drafting state machine's ``import_published`` step (the history
reads "Nhập từ tệp …") and are published as a Wagtail revision. The provincial checks of
``workflow.services.perform_transition`` (signer required, the 10-day rule for provincial
normative documents, provincial number forms) are not applied: imported texts are issued
facts, mostly central-government documents, and the corpus has no signers at all.

Per-document overhead that is not needed while loading is deferred: Wagtail's own search
index and reference index are not updated per page (see ``update_wagtail_indexes``), and our
search index changes are written to the outbox and applied in batches at the end.
"""

import contextlib
import datetime
import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from cms.models import (
    DocumentIndexPage,
    DocumentType,
    IssuingBody,
    LegalDocumentPage,
    Sector,
    central_body_place,
)
from cms.numbers import clean_number, number_key
from cms.text import exact_form, fold, nfc
from search import outbox
from workflow.models import DocumentWorkflow
from workflow.official_text import record_imported_text
from workflow.record_rules import workflow_writes
from workflow.states import State

# Types that are always legal normative documents; decisions, resolutions and directives exist
# both ways and are normative when their number carries the year ("05/2015/QĐ-UBND").
ALWAYS_NORMATIVE = frozenset(
    exact_form(name)
    for name in (
        "Hiến pháp",
        "Bộ luật",
        "Luật",
        "Pháp lệnh",
        "Lệnh",
        "Sắc lệnh",
        "Nghị định",
        "Thông tư",
        "Thông tư liên tịch",
        "Nghị quyết liên tịch",
    )
)
_NORMATIVE_FORM = re.compile(r"^\d+[^\W\d_]?/\d{4}/")
_FORMS = (
    re.compile(r"^\d+[^\W\d_]?/\d{4}/(?P<rest>.+)$"),  # 05/2015/QĐ-UBND, 57/2020/QH14
    re.compile(r"^\d+[^\W\d_]?/(?P<rest>.+)$"),  # 629/QĐ-UBND
    re.compile(r"^\d+-(?P<type>[^/]+)/(?P<issuer>.+)$"),  # 56-CTr/TU, 21-LCT/HĐNN8
)
_CODE_PART = re.compile(r"[^\W_][\w&]*")
_TRAILING_DIGITS = re.compile(r"(?<=[^\W\d_])\d+$")
_TOPIC_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\s+")

MAX_NUMBER = LegalDocumentPage._meta.get_field("number").max_length
MAX_TITLE = Page._meta.get_field("title").max_length
MAX_SLUG = Page._meta.get_field("slug").max_length
MAX_TYPE_NAME = DocumentType._meta.get_field("name").max_length
MAX_TYPE_CODE = DocumentType._meta.get_field("code").max_length
MAX_BODY_NAME = IssuingBody._meta.get_field("name").max_length
MAX_BODY_CODE = IssuingBody._meta.get_field("code").max_length
MAX_SECTOR = Sector._meta.get_field("name").max_length
MAX_SIGNER = LegalDocumentPage._meta.get_field("signer").max_length


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


@dataclass
class Skipped:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    lines: int = 0
    seconds: float = 0.0
    reference_created: dict[str, int] = field(default_factory=dict)
    parsed_texts: int = 0  # text-only records split into articles by the structure parser
    kept_texts: int = 0  # text-only records kept as text (parser missing or found no article)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


# -- reading -----------------------------------------------------------------------------------


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


def _text(value, name: str, *, required: bool, limit: int | None = None) -> str:
    if value is None:
        if required:
            raise BadRecord(f"missing {name}")
        return ""
    if not isinstance(value, str):
        raise BadRecord(f"{name} is not a string")
    text = " ".join(nfc(value).split())
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
        topics=tuple(dict.fromkeys(t for t in (_topic_name(t) for t in topics) if t)),
        articles=tuple(articles) if articles is not None else None,
        text=nfc(text) if text and text.strip() else None,
    )


def _topic_name(topic: str) -> str:
    """ "36.3 Thanh niên" -> "Thanh niên" (the codification's number is dropped)."""
    return " ".join(_TOPIC_NUMBER.sub("", nfc(topic)).split())[:MAX_SECTOR]


# -- codes ------------------------------------------------------------------------------------


def number_parts(number: str) -> tuple[str | None, str | None]:
    """(type code, issuer code) as written in a number, leniently; None where absent.

    "03/2011/NĐ-CP" -> ("NĐ", "CP"); "57/2020/QH14" -> (None, "QH14");
    "09/2002/TTLT/BTC-BYT" -> ("TTLT", "BTC-BYT"); "56-CTr/TU" -> ("CTr", "TU").
    """
    text = clean_number(number)
    for form in _FORMS:
        match = form.match(text)
        if not match:
            continue
        if "rest" not in form.groupindex:
            return match["type"], match["issuer"]
        head, *tail = re.split(r"[-/]", match["rest"], maxsplit=1)
        return (head, tail[0]) if tail else (None, head)
    return None, None


def _valid_code(code: str | None, limit: int) -> str | None:
    if not code or len(code) > limit:
        return None
    parts = code.split("-")
    return code if all(_CODE_PART.fullmatch(part) for part in parts) else None


def issuer_code(code: str | None) -> str | None:
    """The body's code from a number's issuer part, without a legislature's number."""
    if not code:
        return None
    code = "-".join(_TRAILING_DIGITS.sub("", part) for part in code.replace("/", "-").split("-"))
    return _valid_code(code, MAX_BODY_CODE)


def initials(name: str) -> str:
    """ "Nghị định" -> "NĐ", "Bộ Tài chính" -> "BTC" (the usual Vietnamese abbreviation)."""
    letters = []
    for word in nfc(name).split():
        first = word[0]
        if first.isalpha():
            letters.append("Đ" if first in "đĐ" else fold(first).upper())
    return "".join(letters) or "VB"


def _unique_code(base: str, taken: set[str], limit: int) -> str:
    key = fold(base).upper()
    if key not in taken:
        taken.add(key)
        return base
    suffix = 2
    while True:
        candidate = f"{base[: limit - len(str(suffix))]}{suffix}"
        if fold(candidate).upper() not in taken:
            taken.add(fold(candidate).upper())
            return candidate
        suffix += 1


def is_normative(type_name: str, number: str) -> bool:
    if exact_form(type_name) in ALWAYS_NORMATIVE:
        return True
    return bool(_NORMATIVE_FORM.match(clean_number(number)))


# -- the structured body ------------------------------------------------------------------------


def article_blocks(articles) -> list[dict]:
    """Interchange articles -> the body's article blocks (text kept whole, no clauses)."""
    return [
        {
            "type": "article",
            "value": {
                "number": _line(article.get("number")) or "",
                "heading": _line(article.get("heading")),
                "text": nfc(article.get("text") or "").strip(),
                "clauses": [],
            },
        }
        for article in articles
    ]


def _line(value) -> str:
    return " ".join(nfc(value or "").split())


def _table_lines(tables) -> list[str]:
    return [" | ".join(cell for cell in row if cell) for table in tables for row in table.rows]


def parsed_body(document) -> tuple[list[dict], list[str]]:
    """A ``documents.parsing.ParsedDocument`` -> (body blocks, preamble lines).

    Chapters and sections become heading blocks; parts ("Phần thứ nhất") and sub-sections
    ("Tiểu mục") have no block of their own and are dropped as headings (their articles stay).
    Text between articles is appended to the article before it (or to the preamble when it
    comes first); tables are flattened to lines, cells separated by " | ".
    """
    blocks: list[dict] = []
    preamble = [line for line in document.preamble if line.strip()]
    last_article: dict | None = None
    for item in document.body:
        kind = type(item).__name__
        if kind in ("Chapter", "Section"):
            blocks.append(
                {
                    "type": kind.lower(),
                    "value": {"number": _line(item.number)[:20], "heading": _line(item.heading)},
                }
            )
        elif kind == "Article":
            text = [item.text, *_table_lines(item.tables)]
            last_article = {
                "number": _line(item.number),
                "heading": _line(item.heading),
                "text": "\n".join(t for t in text if t),
                "clauses": [
                    {
                        "number": _line(clause.number),
                        "text": "\n".join(
                            t for t in (clause.text, *_table_lines(clause.tables)) if t
                        ),
                        "points": [
                            {"letter": _line(point.letter), "text": point.text}
                            for point in clause.points
                        ],
                    }
                    for clause in item.clauses
                ],
            }
            blocks.append({"type": "article", "value": last_article})
        elif kind in ("Paragraph", "Table"):
            lines = [item.text] if kind == "Paragraph" else _table_lines([item])
            if last_article is None:
                preamble.extend(lines)
            elif last_article["clauses"]:
                clause = last_article["clauses"][-1]
                clause["text"] = "\n".join(t for t in (clause["text"], *lines) if t)
            else:
                last_article["text"] = "\n".join(t for t in (last_article["text"], *lines) if t)
    return blocks, preamble


def _load_parser() -> Callable | None:
    try:
        from documents.parsing import parse_text
    except ImportError:
        return None
    return parse_text


def _plain(value):
    """StreamField raw data without block ids and list-item wrappers, for comparisons."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        if set(value) <= {"type", "value", "id"} and value.get("type") == "item":
            return _plain(value.get("value"))
        return {k: _plain(v) for k, v in value.items() if k != "id"}
    return value


# -- the importer -----------------------------------------------------------------------------


@dataclass
class _Content:
    title: str
    summary: str
    document_type: DocumentType
    issuing_body: IssuingBody
    issued_on: datetime.date
    effective_on: datetime.date | None
    signer: str
    signer_title: str
    preamble: str
    body: list[dict]
    recipients: str
    sectors: list[Sector]


class DocumentImporter:
    def __init__(
        self,
        *,
        parent: DocumentIndexPage,
        use_parser: bool = True,
        topics_as_sectors: bool = True,
        today: datetime.date | None = None,
        commit_every: int = 50,
    ):
        self.parent = parent
        self.parse_text = _load_parser() if use_parser else None
        self.topics_as_sectors = topics_as_sectors
        self.today = today or timezone.localdate()
        self.commit_every = commit_every
        self.report = ImportReport()
        self.touched: list[int] = []  # pages created or updated
        self._types: dict[tuple[str, bool], DocumentType] = {}
        self._bodies: dict[str, IssuingBody] = {}
        self._sectors: dict[str, Sector] = {}
        self._documents: dict[tuple[str, int], tuple[int, int]] = {}
        self._seen: dict[tuple[str, int, int], str] = {}
        self._slugs: set[str] = set()

    # -- pass 1 --------------------------------------------------------------------------------

    def scan(self, files: list[Path]) -> int:
        """Count the records and create the reference data they need, once, in bulk."""
        types: dict[tuple[str, bool], Counter] = defaultdict(Counter)
        type_names: dict[tuple[str, bool], Counter] = defaultdict(Counter)
        bodies: dict[str, Counter] = defaultdict(Counter)
        body_names: dict[str, Counter] = defaultdict(Counter)
        topics: dict[str, Counter] = defaultdict(Counter)
        count = 0
        for path in files:
            with contextlib.suppress(OSError, EOFError, gzip.BadGzipFile):
                for _, raw in read_lines(path):
                    if not raw.strip():
                        continue
                    count += 1
                    try:
                        data = json.loads(raw)
                        number, type_name, issuer = (
                            " ".join(nfc(data[name]).split())
                            for name in ("number", "type", "issuer")
                        )
                    except (ValueError, TypeError, KeyError, AttributeError):
                        continue  # reported in pass 2
                    if not (number and type_name and issuer):
                        continue
                    type_part, issuer_part = number_parts(number)
                    type_key = (exact_form(type_name), is_normative(type_name, number))
                    types[type_key][type_part] += 1
                    type_names[type_key][type_name] += 1
                    bodies[exact_form(issuer)][issuer_code(issuer_part)] += 1
                    body_names[exact_form(issuer)][issuer] += 1
                    found = (data.get("topics") or ()) if self.topics_as_sectors else ()
                    for topic in found if isinstance(found, list) else ():
                        if isinstance(topic, str) and (name := _topic_name(topic)):
                            topics[exact_form(name)][name] += 1
        self._load_reference_data()
        self._create_types(types, type_names)
        self._create_bodies(bodies, body_names)
        self._create_sectors(topics)
        self._load_documents()
        return count

    def _load_reference_data(self) -> None:
        for doc_type in DocumentType.objects.all():
            self._types[(exact_form(doc_type.name), doc_type.is_normative)] = doc_type
        for body in IssuingBody.objects.all():
            self._bodies[exact_form(body.name)] = body
        for sector in Sector.objects.all():
            self._sectors[exact_form(sector.name)] = sector

    def _create_types(self, codes, names) -> None:
        taken = {
            (fold(code).upper(), normative)
            for code, normative in DocumentType.objects.values_list("code", "is_normative")
        }
        new = []
        for key, counter in sorted(codes.items(), key=lambda item: -item[1].total()):
            if key in self._types:
                continue
            name = names[key].most_common(1)[0][0]
            normative = key[1]
            base = initials(name)
            # The number's own code when it agrees with the name ("NĐ", "TTLT"), else initials.
            written = [
                code
                for code, _ in counter.most_common()
                if code and fold(code).upper() == fold(base).upper()
            ]
            code = _valid_code(written[0] if written else base, MAX_TYPE_CODE) or base
            taken_here = {c for c, n in taken if n == normative}
            code = _unique_code(code, taken_here, MAX_TYPE_CODE)
            taken.add((fold(code).upper(), normative))
            new.append(DocumentType(name=name, code=code, is_normative=normative))
        for doc_type in DocumentType.objects.bulk_create(new):
            self._types[(exact_form(doc_type.name), doc_type.is_normative)] = doc_type
        self.report.reference_created["document types"] = len(new)

    def _create_bodies(self, codes, names) -> None:
        taken = {fold(code).upper() for code in IssuingBody.objects.values_list("code", flat=True)}
        new = []
        for key, counter in sorted(codes.items(), key=lambda item: -item[1].total()):
            if key in self._bodies:
                continue
            name = names[key].most_common(1)[0][0]
            written = [code for code, _ in counter.most_common() if code]
            base = written[0] if written else initials(name)[:MAX_BODY_CODE]
            code = _unique_code(base, taken, MAX_BODY_CODE)
            new.append(IssuingBody(name=name, code=code, place=central_body_place(name)))
        for body in IssuingBody.objects.bulk_create(new):
            self._bodies[exact_form(body.name)] = body
        self.report.reference_created["issuing bodies"] = len(new)

    def _create_sectors(self, topics) -> None:
        slugs = set(Sector.objects.values_list("slug", flat=True))
        new = []
        for key, counter in sorted(topics.items()):
            if key in self._sectors:
                continue
            name = counter.most_common(1)[0][0]
            base = (slugify(fold(name)) or "linh-vuc")[:90]
            slug, suffix = base, 2
            while slug in slugs:
                slug, suffix = f"{base}-{suffix}", suffix + 1
            slugs.add(slug)
            new.append(Sector(name=name, slug=slug))
        for sector in Sector.objects.bulk_create(new):
            self._sectors[exact_form(sector.name)] = sector
        self.report.reference_created["sectors"] = len(new)

    def _load_documents(self) -> None:
        rows = LegalDocumentPage.objects.exclude(number_key="").values_list(
            "pk", "number_key", "number_year", "issuing_body_id"
        )
        for pk, key, year, body_id in rows:
            self._documents[(key, year)] = (pk, body_id)
        self._slugs = set(Page.objects.child_of(self.parent).values_list("slug", flat=True))

    # -- pass 2 --------------------------------------------------------------------------------

    def import_file(self, path: Path, progress: Callable[[int], None] | None = None) -> None:
        """Import one file. Every document is its own savepoint (all or nothing); the
        transaction is committed every ``commit_every`` documents, which saves a disk sync per
        document. A crash loses at most that batch, which a rerun imports again."""
        shown = path.name
        lineno = 0
        with contextlib.ExitStack() as batch:
            in_batch = 0
            try:
                for lineno, raw in read_lines(path):
                    if not raw.strip():
                        continue
                    if in_batch == 0:
                        batch.enter_context(transaction.atomic())
                    self.report.lines += 1
                    reason = self._import_line(raw, shown, lineno)
                    if reason is not None:
                        self.report.skipped.append(Skipped(shown, lineno, reason))
                    if progress is not None:
                        progress(1)
                    in_batch += 1
                    if in_batch >= self.commit_every:
                        batch.close()
                        in_batch = 0
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                reason = f"file unreadable after this line: {exc}"
                self.report.skipped.append(Skipped(shown, lineno, reason))

    def _import_line(self, raw: bytes, file_name: str, lineno: int) -> str | None:
        """Import one line; the reason it was skipped, or None."""
        try:
            self._import(parse_record(raw, today=self.today), file_name, lineno)
        except BadRecord as exc:
            return str(exc)
        except PermissionDenied as exc:
            return f"refused: {exc}"
        except ValidationError as exc:
            return "refused: " + "; ".join(exc.messages)
        except DatabaseError as exc:
            return f"database refused: {exc}"
        except Exception as exc:  # one odd record must not stop a long import; it rolled back
            return f"unexpected error: {type(exc).__name__}: {exc}"
        return None

    def _import(self, record: Record, file_name: str, lineno: int) -> None:
        note = f"Nhập từ tệp {file_name}, dòng {lineno}."
        content = self._content(record)
        key = record.key
        seen_key = (*key, content.issuing_body.pk)
        if seen_key in self._seen:
            raise BadRecord(f"same document as {self._seen[seen_key]}, already imported")
        existing = self._documents.get(key)
        if existing is not None and existing[1] != content.issuing_body.pk:
            raise BadRecord(
                f"number {record.number} is already used in {key[1]} by another issuing body's "
                f"document (page {existing[0]})"
            )
        try:
            with transaction.atomic():
                if existing is None:
                    page, outcome = self._create(record, content, note), "created"
                else:
                    page, changed = self._update(existing[0], content, note)
                    outcome = "updated" if changed else "unchanged"
        except Exception:
            # Rolled back: the parent's child counter in memory may be one ahead of the row.
            self.parent.refresh_from_db(fields=["numchild"])
            raise
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        if outcome != "unchanged":
            self._documents[key] = (page.pk, content.issuing_body.pk)
            self.touched.append(page.pk)
        self._seen[seen_key] = f"{file_name}:{lineno}"

    def _content(self, record: Record) -> _Content:
        normative = is_normative(record.type_name, record.number)
        doc_type = self._types.get((exact_form(record.type_name), normative))
        if doc_type is None:  # not seen by the scan (it only reads well-formed lines)
            doc_type = DocumentType.objects.create(
                name=record.type_name,
                code=_unique_code(
                    initials(record.type_name),
                    {fold(c).upper() for c in DocumentType.objects.values_list("code", flat=True)},
                    MAX_TYPE_CODE,
                ),
                is_normative=normative,
            )
            self._types[(exact_form(record.type_name), normative)] = doc_type
        body = self._bodies.get(exact_form(record.issuer))
        if body is None:
            body = IssuingBody.objects.create(
                name=record.issuer,
                place=central_body_place(record.issuer),
                code=_unique_code(
                    issuer_code(number_parts(record.number)[1]) or initials(record.issuer),
                    {fold(c).upper() for c in IssuingBody.objects.values_list("code", flat=True)},
                    MAX_BODY_CODE,
                ),
            )
            self._bodies[exact_form(record.issuer)] = body
        sectors = [
            self._sectors[exact_form(name)]
            for name in record.topics
            if exact_form(name) in self._sectors
        ]
        preamble, blocks, signer, signer_title, recipients = "", [], record.signer, "", ""
        if record.articles is not None:
            blocks = article_blocks(record.articles)
        elif record.text:
            parsed = self._parse(record.text)
            if parsed is not None and parsed.articles():
                blocks, lines = parsed_body(parsed)
                preamble = "\n".join(lines)
                signature = parsed.signature
                if not signer and signature is not None and signature.name:
                    signer = _line(signature.name)[:MAX_SIGNER]
                    signer_title = "\n".join(_line(t) for t in signature.titles)
                recipients = "\n".join(_line(r) for r in parsed.recipients)
                self.report.parsed_texts += 1
            else:
                preamble = record.text.strip()
                self.report.kept_texts += 1
        return _Content(
            title=_page_title(record.title),
            summary=record.title,
            document_type=doc_type,
            issuing_body=body,
            issued_on=record.issued_on,
            effective_on=record.effective_on,
            signer=signer,
            signer_title=signer_title,
            preamble=preamble,
            body=blocks,
            recipients=recipients,
            sectors=sectors,
        )

    def _parse(self, text: str):
        if self.parse_text is None:
            return None
        try:
            return self.parse_text(text)
        except Exception:  # a parser failure keeps the text: nothing is lost
            return None

    def _slug(self, record: Record) -> str:
        base = slugify(re.sub(r"[^0-9a-z]+", "-", fold(record.number)))[: MAX_SLUG - 12]
        base = base.strip("-") or "van-ban"
        candidates = [base, f"{base}-{record.issued_on.year}"]
        for candidate in candidates:
            if candidate not in self._slugs:
                break
        else:
            suffix = 2
            while (candidate := f"{base}-{record.issued_on.year}-{suffix}") in self._slugs:
                suffix += 1
        self._slugs.add(candidate)
        return candidate

    def _create(self, record: Record, content: _Content, note: str) -> LegalDocumentPage:
        page = LegalDocumentPage(
            title=content.title,
            slug=self._slug(record),
            summary=content.summary,
            document_type=content.document_type,
            issuing_body=content.issuing_body,
            number=record.number,
            issued_on=content.issued_on,
            effective_on=content.effective_on,
            signer=content.signer,
            signer_title=content.signer_title,
            preamble=content.preamble,
            body=content.body,
            recipients=content.recipients,
            live=False,
        )
        page.sectors.set(content.sectors)
        try:
            self.parent.add_child(instance=page)
        except Exception:
            self._slugs.discard(page.slug)
            raise
        _import_published(page, note)
        with workflow_writes():
            _publish_new_page(page)
        return page

    def _update(self, page_id: int, content: _Content, note: str):
        page = LegalDocumentPage.objects.get(pk=page_id)
        state = DocumentWorkflow.objects.filter(page=page).values_list("state", flat=True).first()
        if state == State.PLANNED:
            # A page registered but never issued with this number: issue and publish it now.
            return self._publish_planned(page, content, note), True
        if state != State.PUBLISHED or not page.live:
            raise BadRecord(
                f"page {page.pk} with this number is in workflow state {state!r}, not "
                "published: left as it is"
            )
        process = {
            "issued_on": content.issued_on,
            "effective_on": content.effective_on,
            "signer": content.signer or page.signer,
            "signer_title": content.signer_title or page.signer_title,
        }
        fields = {
            "title": content.title,
            "summary": content.summary,
            "document_type_id": content.document_type.pk,
            "preamble": content.preamble,
            "recipients": content.recipients or page.recipients,
        }
        same = (
            all(getattr(page, name) == value for name, value in process.items())
            and all(getattr(page, name) == value for name, value in fields.items())
            and _plain(list(page.body.raw_data)) == _plain(content.body)
            and {s.pk for s in page.sectors.all()} == {s.pk for s in content.sectors}
        )
        if same:
            return page, False
        # Process fields live on the page row only (a revision never brings them back).
        LegalDocumentPage.objects.filter(pk=page.pk).update(**process)
        for name, value in {**process, **fields}.items():
            setattr(page, name, value)
        page.body = content.body
        page.sectors.set(content.sectors)
        # A new version of a published text from the source: pinned as its official text.
        with workflow_writes():
            revision = page.save_revision(clean=False)
            record_imported_text(page=page, revision=revision)
            revision.publish(skip_permission_checks=True)
        return page, True

    def _publish_planned(self, page, content: _Content, note: str):
        for name in ("title", "summary", "preamble", "recipients", "body"):
            setattr(page, name, getattr(content, name))
        page.document_type = content.document_type
        page.issued_on, page.effective_on = content.issued_on, content.effective_on
        page.signer, page.signer_title = content.signer, content.signer_title
        page.sectors.set(content.sectors)
        page.save()
        return _issue_and_publish(page, note)


def _issue_and_publish(page: LegalDocumentPage, note: str) -> LegalDocumentPage:
    """The workflow's ``import_published`` step, then the page goes live as a Wagtail revision
    (saved while the document is still planned, as the workflow's own publish step does)."""
    revision = page.save_revision(clean=False)
    _import_published(page, note)
    with workflow_writes():
        record_imported_text(page=page, revision=revision)
        revision.publish(skip_permission_checks=True)
    return page


def _import_published(page: LegalDocumentPage, note: str) -> None:
    workflow = DocumentWorkflow.objects.get(page=page)
    workflow.import_published(by=None, description=note)  # StateLog "import_published"
    workflow.save()


def _publish_new_page(page: LegalDocumentPage) -> None:
    """Publish a page created a moment ago, with what ``revision.publish()`` does for it.

    For a new page Wagtail's publish action re-reads the page, re-validates and re-saves it,
    looks for aliases, comments, scheduled dates and earlier revisions that cannot exist yet:
    about half of an import's time. Here the revision is written, the page row updated once,
    the publish logged and ``page_published`` sent (which writes our index change), all in
    the caller's transaction. Updates of existing pages use the full ``revision.publish()``.
    """
    now = timezone.now()
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
        created_at=now,
    )
    fields = {
        "latest_revision": revision,
        "latest_revision_created_at": now,
        "live_revision": revision,
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
        "draft_title": page.title,
        "expired": False,
    }
    Page.objects.filter(pk=page.pk).update(**fields)
    for name, value in fields.items():
        setattr(page, name, value)
    record_imported_text(page=page, revision=revision)
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
    page_published.send(sender=LegalDocumentPage, instance=page, revision=revision)


def _page_title(title: str) -> str:
    if len(title) <= MAX_TITLE:
        return title
    cut = title[: MAX_TITLE - 1].rsplit(" ", 1)[0]
    return cut + "…"


@contextlib.contextmanager
def deferred_indexing():
    """Skip per-page work while importing: Wagtail's search index and reference index (see
    ``update_wagtail_indexes``), our outbox's per-commit apply (applied in batches at the end),
    and the workflow's e-mail to portal editors for each document published by the import."""
    from wagtail.search.signal_handlers import post_save_signal_handler

    from workflow import notifications

    search_off = post_save.disconnect(post_save_signal_handler, sender=LegalDocumentPage)
    try:
        with disable_reference_index_auto_update(), outbox.deferred(), notifications.muted():
            yield
    finally:
        if search_off:
            post_save.connect(post_save_signal_handler, sender=LegalDocumentPage)


def update_wagtail_indexes(
    page_ids: list[int], *, batch_size: int = 200, progress: Callable[[int], None] | None = None
) -> None:
    """Wagtail's search index (admin search) and reference index for the imported pages."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for start in range(0, len(page_ids), batch_size):
        chunk = page_ids[start : start + batch_size]
        pages = list(LegalDocumentPage.objects.filter(pk__in=chunk))
        backend.add_bulk(LegalDocumentPage, pages)
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)
        if progress is not None:
            progress(len(chunk))
