"""Bulk import of issued documents from the corpus (JSON Lines, DESIGN §8).

Two passes over the input:

1. a quick scan counts the lines and collects the reference data the records name (document
   types, issuing bodies, codification topics), which is created once, in bulk, with codes
   inferred from the records (``inference``);
2. each record (``records``) becomes an issued, published ``LegalDocumentPage`` under the
   document index. Records go in batches, each one transaction: the new documents of a batch
   are published together at its end (``workflow.bulk_publication``); a bad record is reported
   with its line number and leaves nothing behind. An interrupted import loses only the batch
   in progress; a rerun finds the others present and unchanged.

A document is identified by its number's comparison key (``cms.numbers.number_key``),
its issue year and its issuing body: importing it again updates the page (or leaves it alone
when nothing changed), never duplicates it. Within one run, of the records for the same
document the one with the most complete text (most words; the first of equals) is imported and
the others are reported as skipped, naming the one kept; the first pass finds it, so a rerun
changes nothing. Records whose number, date or issuer are only in their text are matched in the
second pass, once parsed, where the more complete text also wins.

A record without a number, type, title, issuer, date or signer takes them from the header and
signature of its text (``records.from_text``); the history note of the publication names the
fields so read.

Text-only records are split into articles by the structure parser and converted as the DOCX
import converts (``documents.convert``); reading and parsing run ahead in worker processes
(``parsing_pool``). Issue and publication go through the workflow: new documents by
``workflow.bulk_publication.publish_new_documents``, updates by
``workflow.official_text.import_issued``.

Per-document work that is not needed while loading is deferred (``deferred_indexing``):
Wagtail's own search and reference indexes are not updated per page (see
``update_wagtail_indexes``), and what follows each publication in other apps (the search
index) is done at the end (``workflow.bulk``).
"""

import contextlib
import datetime
import gzip
import multiprocessing
import os
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, reset_queries, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.models import (
    DocumentIndexPage,
    DocumentType,
    IssuingBody,
    LegalDocumentPage,
    Sector,
    central_body_place,
)
from cms.numbers import number_key
from cms.record import body_lines
from cms.text import exact_form, nfc, slug_of
from documents.convert import page_content
from documents.corpus.inference import (
    MAX_BODY_CODE,
    MAX_TYPE_CODE,
    body_code,
    code_key,
    initials,
    is_local_code,
    is_normative,
    issuer_code,
    new_body_code,
    number_parts,
    type_code,
    unique_code,
)
from documents.corpus.records import (
    READ_LABELS,
    BadRecord,
    Record,
    ScanFields,
    checked,
    from_text,
    one_line,
    page_title,
    parse_record,
    read_lines,
    scan_fields,
    topic_name,
    with_title,
)
from documents.parsing import parse_text
from documents.parsing.model import ParsedDocument
from workflow.bulk import bulk_publication
from workflow.bulk_publication import NewDocument, publish_new_documents
from workflow.official_text import import_issued
from workflow.selectors import state_of_page
from workflow.states import State

MAX_SLUG = Page._meta.get_field("slug").max_length


@dataclass
class Skipped:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"

    @classmethod
    def at(cls, here: str, reason: str) -> "Skipped":
        """The line named "file:line" skipped for ``reason``."""
        path, line = here.rsplit(":", 1)
        return cls(path, int(line), reason)


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


def article_blocks(articles) -> list[dict]:
    """The records' own articles -> the body's article blocks (text kept whole, no clauses)."""
    return [
        {
            "type": "article",
            "value": {
                "number": one_line(article.get("number")),
                "heading": one_line(article.get("heading")),
                "text": nfc(article.get("text") or "").strip(),
                "clauses": [],
            },
        }
        for article in articles
    ]


def _plain(value):
    """StreamField raw data without block ids and list-item wrappers, for comparisons."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        if set(value) <= {"type", "value", "id"} and value.get("type") == "item":
            return _plain(value.get("value"))
        return {k: _plain(v) for k, v in value.items() if k != "id"}
    return value


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


AHEAD = 64  # lines handed to the workers ahead of the one being imported


def needs_parse(record: Record) -> bool:
    """Whether the record's text is parsed: it has no articles, or lacks a field the text's
    header or signature may give."""
    lacking = not all(getattr(record, name) for name in READ_LABELS)
    return bool(record.text) and (record.articles is None or lacking)


def prepare(raw: bytes, *, parse: bool) -> tuple["Record | Exception", ParsedDocument | None]:
    """A line as a record (or why it is not one), and its text parsed when the record needs
    it. No database access: runs in the worker processes of ``parsing_pool``."""
    try:
        record = parse_record(raw)
    except Exception as exc:  # reported with the line
        return exc, None
    if not (parse and needs_parse(record)):
        return record, None
    try:
        return record, parse_text(record.text)
    except Exception:  # a parser failure keeps the text: nothing is lost
        return record, None


@contextlib.contextmanager
def parsing_pool(workers: int) -> Iterator[Executor | None]:
    """Worker processes that read and parse the lines while this one writes (None: none).
    Forked, so they start with the settings and models already loaded; they never use the
    database connection they inherit."""
    if workers < 1:
        yield None
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_follow_parent, initargs=(os.getpid(),)
    ) as pool:
        yield pool


def _follow_parent(parent: int) -> None:
    """A worker ends when the import is killed (``kill -9`` leaves it waiting for work)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


@dataclass
class _Pending:
    """A new document waiting for the end of its batch."""

    record: Record
    content: _Content
    note: str
    here: str  # "file:line"
    key: tuple[str, int]
    seen_key: tuple[str, int, int]
    slug: str


def _reason(exc: Exception) -> str:
    """Why a record was refused, for the summary."""
    if isinstance(exc, BadRecord):
        return str(exc)
    if isinstance(exc, PermissionDenied):
        return f"refused: {exc}"
    if isinstance(exc, ValidationError):
        return "refused: " + "; ".join(exc.messages)
    if isinstance(exc, DatabaseError):
        return f"database refused: {exc}"
    return f"unexpected error: {type(exc).__name__}: {exc}"


class DocumentImporter:
    def __init__(
        self,
        *,
        parent: DocumentIndexPage,
        use_parser: bool = True,
        topics_as_sectors: bool = True,
        today: datetime.date | None = None,
        commit_every: int = 200,
        pool: Executor | None = None,
    ):
        self.parent = parent
        self.use_parser = use_parser
        self.pool = pool
        self.topics_as_sectors = topics_as_sectors
        self.today = today or timezone.localdate()
        self.commit_every = commit_every
        self.report = ImportReport()
        self.touched: list[int] = []  # pages created or updated
        self._types: dict[tuple[str, bool], DocumentType] = {}
        self._bodies: dict[str, IssuingBody] = {}
        self._sectors: dict[str, Sector] = {}
        self._documents: dict[tuple[str, int], tuple[int, int]] = {}
        # (number key, year, issuer) -> ("file:line", words) of the record imported in this run.
        self._seen: dict[tuple[str, int, int], tuple[str, int]] = {}
        # (number key, year, issuer) -> (words, "file:line") of the record kept (first pass).
        self._longest: dict[tuple[str, int, str], tuple[int, str]] = {}
        self._slugs: set[str] = set()
        self._pending: list[_Pending] = []

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
                for lineno, raw in read_lines(path):
                    if not raw.strip():
                        continue
                    count += 1
                    fields = scan_fields(raw)
                    if fields is None:
                        continue  # reported in pass 2
                    number, type_name, issuer = fields.number, fields.type_name, fields.issuer
                    self._note_words(fields, path, lineno)
                    type_part, issuer_part = number_parts(number)
                    type_key = (exact_form(type_name), is_normative(type_name, number))
                    types[type_key][type_part] += 1
                    type_names[type_key][type_name] += 1
                    bodies[exact_form(issuer)][issuer_code(issuer_part)] += 1
                    body_names[exact_form(issuer)][issuer] += 1
                    for topic in fields.topics if self.topics_as_sectors else ():
                        if isinstance(topic, str) and (name := topic_name(topic)):
                            topics[exact_form(name)][name] += 1
        self._load_reference_data()
        self._create_types(types, type_names)
        self._create_bodies(bodies, body_names)
        self._create_sectors(topics)
        self._load_documents()
        return count

    def _note_words(self, fields: ScanFields, path: Path, lineno: int) -> None:
        """Remember the most complete record of each document (by number, year and issuer).
        Records refused whatever their text (no text, an impossible date) are left out, so
        that they do not push aside one that can be imported."""
        issued_on = fields.issued_on
        if not fields.words or issued_on is None or issued_on > self.today:
            return
        if issued_on.year < 1900:
            return
        try:
            key = (number_key(fields.number), issued_on.year, exact_form(fields.issuer))
        except ValueError:
            return
        if key[0] and fields.words > self._longest.get(key, (0,))[0]:
            self._longest[key] = (fields.words, f"{path.name}:{lineno}")

    def _load_reference_data(self) -> None:
        for doc_type in DocumentType.objects.all():
            self._types[(exact_form(doc_type.name), doc_type.is_normative)] = doc_type
        for body in IssuingBody.objects.all():
            self._bodies[exact_form(body.name)] = body
        for sector in Sector.objects.all():
            self._sectors[exact_form(sector.name)] = sector

    def _create_types(self, codes, names) -> None:
        taken = {
            (code_key(code), normative)
            for code, normative in DocumentType.objects.values_list("code", "is_normative")
        }
        new = []
        for key, counter in sorted(codes.items(), key=lambda item: -item[1].total()):
            if key in self._types:
                continue
            name = names[key].most_common(1)[0][0]
            normative = key[1]
            taken_here = {c for c, n in taken if n == normative}
            code = unique_code(type_code(name, counter), taken_here, MAX_TYPE_CODE)
            taken.add((code_key(code), normative))
            new.append(DocumentType(name=name, code=code, is_normative=normative))
        for doc_type in DocumentType.objects.bulk_create(new):
            self._types[(exact_form(doc_type.name), doc_type.is_normative)] = doc_type
        self.report.reference_created["document types"] = len(new)

    def _create_bodies(self, codes, names) -> None:
        taken = {code_key(code) for code in IssuingBody.objects.values_list("code", flat=True)}
        new = []
        for key, counter in sorted(codes.items(), key=lambda item: -item[1].total()):
            if key in self._bodies:
                continue
            name = names[key].most_common(1)[0][0]
            code = unique_code(body_code(name, counter), taken, MAX_BODY_CODE)
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
            base = slug_of(name, 90) or "linh-vuc"
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
        """Import one file in batches of ``commit_every`` records, each batch one transaction:
        its new documents are published together (``workflow.bulk_publication``) when it ends,
        and a document already present is updated in a savepoint of its own. An interrupted
        import loses at most the batch in progress, wholly; a rerun finds the batches committed
        before as documents present (unchanged) and imports the rest."""
        shown = path.name
        lineno = 0
        with contextlib.ExitStack() as batch:
            in_batch = 0
            try:
                for lineno, record, parsed in self._prepared(path):
                    if in_batch == 0:
                        batch.enter_context(transaction.atomic())
                    self.report.lines += 1
                    reason = self._import_line(record, parsed, shown, lineno)
                    if reason is not None:
                        self.report.skipped.append(Skipped(shown, lineno, reason))
                    if progress is not None:
                        progress(1)
                    in_batch += 1
                    if in_batch >= self.commit_every:
                        self._flush()
                        batch.close()
                        reset_queries()  # DEBUG's query log would keep every batch's rows
                        in_batch = 0
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                reason = f"file unreadable after this line: {exc}"
                self.report.skipped.append(Skipped(shown, lineno, reason))
            self._flush()

    def _prepared(self, path: Path) -> Iterator[tuple[int, "Record | Exception", Any]]:
        """(line number, record or why not, parsed text or None) of each line, in order; the
        texts are parsed ahead in the worker processes, if any."""
        lines = ((lineno, raw) for lineno, raw in read_lines(path) if raw.strip())
        if self.pool is None:
            for lineno, raw in lines:
                yield lineno, *prepare(raw, parse=self.use_parser)
            return
        window: deque = deque()
        failure = None
        try:
            for lineno, raw in lines:
                window.append((lineno, self.pool.submit(prepare, raw, parse=self.use_parser)))
                if len(window) >= AHEAD:
                    lineno, future = window.popleft()
                    yield lineno, *future.result()
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            failure = exc  # the lines read before it are imported first
        while window:
            lineno, future = window.popleft()
            yield lineno, *future.result()
        if failure is not None:
            raise failure

    def _flush(self) -> None:
        """Publish the batch's new documents together; when that fails, one by one, so that
        only the documents at fault are refused (each with its reason)."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        try:
            with transaction.atomic():
                self._publish(pending)
            return
        except Exception:  # retried one by one below: each failure is reported
            self.parent.refresh_from_db(fields=["numchild"])
        for item in pending:
            try:
                with transaction.atomic():
                    self._publish([item])
            except Exception as exc:  # reported with its line; rolled back alone
                self._forget(item)
                self.report.created -= 1
                self.report.skipped.append(Skipped.at(item.here, _reason(exc)))

    def _publish(self, pending: list["_Pending"]) -> None:
        documents = [
            NewDocument(
                page=self._new_page(item.record, item.content, item.slug),
                sectors=tuple(item.content.sectors),
                note=item.note,
            )
            for item in pending
        ]
        publish_new_documents(parent=self.parent, documents=documents)
        for item, document in zip(pending, documents, strict=True):
            self._documents[item.key] = (document.page.pk, item.content.issuing_body.pk)
            self.touched.append(document.page.pk)

    def _pending_line(self, key: tuple[str, int]) -> str:
        return next(f"{item.here} of this import" for item in self._pending if item.key == key)

    def _forget(self, item: "_Pending") -> None:
        self._documents.pop(item.key, None)
        self._seen.pop(item.seen_key, None)
        self._slugs.discard(item.slug)
        self.parent.refresh_from_db(fields=["numchild"])

    def _import_line(self, record, parsed, file_name: str, lineno: int) -> str | None:
        """Import one line; the reason it was skipped, or None."""
        try:
            if isinstance(record, Exception):
                raise record
            self._import(record, parsed, file_name, lineno)
        except Exception as exc:  # one odd record must not stop a long import; it rolled back
            return _reason(exc)
        return None

    def _import(self, record: Record, parsed, file_name: str, lineno: int) -> None:
        here = f"{file_name}:{lineno}"
        if record.number and record.issuer and record.issued_on and record.issued_on <= self.today:
            # Its own fields name the document: a less complete duplicate goes no further.
            self._check_most_complete(record, here)
        read: tuple[str, ...] = ()
        if parsed is not None:
            record, read = from_text(record, header=parsed.header, signature=parsed.signature)
        record, typed = self._type_from_number(record)
        record, issued_by = self._issuer_from_number(record)
        record, titled = with_title(record)
        record = checked(record, today=self.today)
        note = f"Nhập từ tệp {file_name}, dòng {lineno}."
        if read:
            note += " Đọc từ văn bản: " + ", ".join(READ_LABELS[name] for name in read) + "."
        if typed:
            note += " Loại văn bản suy từ số văn bản."
        if issued_by:
            note += " Cơ quan ban hành suy từ số văn bản."
        if titled:
            note += " Tiêu đề lập từ loại và số văn bản."
        key = record.key
        self._check_most_complete(record, here)
        content = self._content(record, parsed)
        seen_key = (*key, content.issuing_body.pk)
        if seen_key in self._seen:
            self._same_document(record, content, note, here, seen_key)
            return
        existing = self._documents.get(key)
        if existing is not None and existing[1] != content.issuing_body.pk:
            where = f"page {existing[0]}" if existing[0] else self._pending_line(key)
            raise BadRecord(
                f"number {record.number} is already used in {key[1]} by another issuing body's "
                f"document ({where})"
            )
        if existing is None:
            # Published with the rest of its batch (``_flush``).
            slug = self._slug(record)
            self._pending.append(_Pending(record, content, note, here, key, seen_key, slug))
            self._documents[key] = (None, content.issuing_body.pk)
            self._seen[seen_key] = (here, record.words)
            self.report.created += 1
            return
        try:
            with transaction.atomic():
                page, changed = self._update(existing[0], content, note)
        except Exception:
            # Rolled back: the parent's child counter in memory may be one ahead of the row.
            self.parent.refresh_from_db(fields=["numchild"])
            raise
        outcome = "updated" if changed else "unchanged"
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        if changed:
            self._documents[key] = (page.pk, content.issuing_body.pk)
            self.touched.append(page.pk)
        self._seen[seen_key] = (here, record.words)

    def _same_document(self, record: Record, content: _Content, note: str, here: str, seen_key):
        """A second record of a document imported in this run whose number, date or issuer
        came from its text (the first pass could not match it): the more complete text is
        kept, the other line reported naming it."""
        first, words = self._seen[seen_key]
        if record.words <= words:
            raise BadRecord(f"same document as {first}, already imported")
        reason = (
            f"same document as {here}, whose text is more complete ({record.words} words "
            f"against {words}): that one is kept"
        )
        position = next((i for i, p in enumerate(self._pending) if p.seen_key == seen_key), None)
        if position is not None:  # not published yet: this record takes its place
            self._pending[position] = replace(
                self._pending[position], record=record, content=content, note=note, here=here
            )
        else:
            with transaction.atomic():
                self._update(self._documents[seen_key[:2]][0], content, note)
        self._seen[seen_key] = (here, record.words)
        self.report.skipped.append(Skipped.at(first, reason))

    def _issuer_from_number(self, record: Record) -> tuple[Record, bool]:
        """The record, with the issuing body its number's code names ("…/NĐ-CP": Chính phủ,
        "…/QH13": Quốc hội) when neither it nor its text names one and exactly one known body
        has that code, which is not a local authority's ("UBND" is the code of every
        province's committee); whether it was so found."""
        if record.issuer or not record.number:
            return record, False
        code = issuer_code(number_parts(record.number)[1])
        if not code or is_local_code(code):
            return record, False
        bodies = [b for b in self._bodies.values() if code_key(b.code) == code_key(code)]
        if len(bodies) != 1:
            return record, False
        return replace(record, issuer=bodies[0].name), True

    def _type_from_number(self, record: Record) -> tuple[Record, bool]:
        """The record, with the type its number's code names ("…/QĐ-UBND": Quyết định) when
        neither it nor its text names one and a known type has that code; whether it was so
        found."""
        if record.type_name or not record.number:
            return record, False
        type_part, _ = number_parts(record.number)
        if not type_part:
            return record, False
        normative = is_normative("", record.number)
        for doc_type in self._types.values():
            if doc_type.is_normative == normative and code_key(doc_type.code) == code_key(
                type_part
            ):
                return replace(record, type_name=doc_type.name), True
        return record, False

    def _content(self, record: Record, parsed: ParsedDocument | None) -> _Content:
        normative = is_normative(record.type_name, record.number)
        doc_type = self._types.get((exact_form(record.type_name), normative))
        if doc_type is None:  # not seen by the scan (it only reads well-formed lines)
            taken = {code_key(c) for c in DocumentType.objects.values_list("code", flat=True)}
            doc_type = DocumentType.objects.create(
                name=record.type_name,
                code=unique_code(initials(record.type_name), taken, MAX_TYPE_CODE),
                is_normative=normative,
            )
            self._types[(exact_form(record.type_name), normative)] = doc_type
        body = self._bodies.get(exact_form(record.issuer))
        if body is None:
            taken = {code_key(c) for c in IssuingBody.objects.values_list("code", flat=True)}
            body = IssuingBody.objects.create(
                name=record.issuer,
                place=central_body_place(record.issuer),
                code=unique_code(new_body_code(record.issuer, record.number), taken, MAX_BODY_CODE),
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
            if parsed is not None and parsed.articles():
                converted = page_content(parsed)
                blocks, preamble = converted.blocks, "\n".join(converted.preamble)
                recipients = "\n".join(converted.recipients)
                signature = parsed.signature
                if signature is not None and signer == one_line(signature.name):
                    signer_title = "\n".join(one_line(t) for t in signature.titles)
                self.report.parsed_texts += 1
            else:
                preamble = record.text.strip()
                self.report.kept_texts += 1
        return _Content(
            title=page_title(record.title),
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

    def _check_most_complete(self, record: Record, here: str) -> None:
        """``BadRecord`` when another line of this import holds the same document with more words
        (the first pass's choice)."""
        try:
            key = number_key(record.number)
        except ValueError:  # refused later by ``checked``, with its reason
            return
        kept = self._longest.get((key, record.issued_on.year, exact_form(record.issuer)))
        if kept is not None and kept[1] != here and record.words <= kept[0]:
            raise BadRecord(
                f"same document as {kept[1]}, whose text is more complete ({kept[0]} words "
                f"against {record.words}): that one is kept"
            )

    def _slug(self, record: Record) -> str:
        base = slug_of(record.number, MAX_SLUG - 12) or "van-ban"
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

    def _new_page(self, record: Record, content: _Content, slug: str) -> LegalDocumentPage:
        return LegalDocumentPage(
            title=content.title,
            slug=slug,
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
        )

    def _update(self, page_id: int, content: _Content, note: str):
        page = LegalDocumentPage.objects.get(pk=page_id)
        state = state_of_page(page.pk)
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
        stored, offered = (
            _stored_words(page.preamble, page.body.raw_data),
            _stored_words(content.preamble, content.body),
        )
        if offered < stored:
            # Another source's shorter copy (the codification's extract of a full law): the
            # most complete text stays, as between the lines of one import.
            raise BadRecord(
                f"same document as page {page.pk}, whose text is more complete ({stored} words "
                f"against {offered}): that one is kept"
            )
        # Process fields live on the page row only (a revision never brings them back).
        LegalDocumentPage.objects.filter(pk=page.pk).update(**process)
        for name, value in {**process, **fields}.items():
            setattr(page, name, value)
        page.body = content.body
        page.sectors.set(content.sectors)
        # A new version of a published text from the source: pinned as its official text.
        import_issued(page=page, note=note)
        return page, True

    def _publish_planned(self, page, content: _Content, note: str):
        for name in ("title", "summary", "preamble", "recipients", "body"):
            setattr(page, name, getattr(content, name))
        page.document_type = content.document_type
        page.issued_on, page.effective_on = content.issued_on, content.effective_on
        page.signer, page.signer_title = content.signer, content.signer_title
        page.sectors.set(content.sectors)
        page.save()
        import_issued(page=page, note=note)
        return page


def _stored_words(preamble: str, blocks) -> int:
    """How complete a document's stored text is: the words of its preamble and body."""
    lines = [preamble, *body_lines(list(blocks))]
    return sum(len(line.split()) for line in lines if line)


@contextlib.contextmanager
def deferred_indexing() -> Iterator[None]:
    """Skip per-page work while importing: Wagtail's search index and reference index (see
    ``update_wagtail_indexes``), and what other apps do after each publication (the search
    outbox's apply, the workflow's e-mails: ``workflow.bulk``)."""
    from wagtail.search.signal_handlers import post_save_signal_handler

    search_off = post_save.disconnect(post_save_signal_handler, sender=LegalDocumentPage)
    try:
        with disable_reference_index_auto_update(), bulk_publication():
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
