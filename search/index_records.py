"""What the search index knows about a published legal document (``IndexRecord``).

One small ``prepare_*`` function per part of the record, each taking the page: articles from the
structured body, the text outside articles, sectors, the dates ending the document (later
issued documents that replace or repeal it, as ``LegalDocumentPage.validity_on`` reads them)
and the public URL. ``records_for`` prepares many pages with a bounded number of queries.

Which pages are given to the index is the caller's decision: only published ones
(``indexable_documents()``); nothing here checks it again.
"""

import datetime
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from itertools import islice

from django.db.models import Min, TextField
from django.db.models.functions import Cast

from cms.blocks import article_plain_text, placed_articles
from cms.models import DocumentRelation, LegalDocumentPage
from cms.numbers import number_key
from cms.record import body_lines
from cms.text import nfc
from cms.validity import terminating
from search.backends.base import ArticleRecord, IndexRecord

# Headings of the body's divisions, as they are printed.
DIVISION_LABELS = {"chapter": "Chương", "section": "Mục"}


def indexable_documents():
    """The documents the public index may hold: live, without view restrictions, issued."""
    return LegalDocumentPage.objects.live().public().issued()


# The body as its JSON text, read by ``records_for`` in place of the body itself.
_BODY_JSON = "index_body_json"


def _raw_blocks(page: LegalDocumentPage) -> list[dict]:
    """The body's blocks as their raw JSON data: building the blocks' values would cost more
    than the rest of the record together."""
    if hasattr(page, _BODY_JSON):  # read by records_for (the body itself is not loaded)
        return json.loads(getattr(page, _BODY_JSON) or "[]")
    return list(page.body.raw_data)


def prepare_articles(
    page: LegalDocumentPage, blocks: list[dict] | None = None
) -> tuple[ArticleRecord, ...]:
    """The body's articles, those of attached texts included: their number is then cited
    ("5 của Quy định ban hành kèm theo"), which is how hits show them."""
    return tuple(
        ArticleRecord(
            number=nfc(placed.cited_number).strip(),
            heading=nfc(str(placed.article.get("heading") or "")).strip(),
            anchor=placed.anchor,
            text=nfc(article_plain_text(placed.article)),
        )
        for placed in placed_articles(_raw_blocks(page) if blocks is None else blocks)
    )


def _division_text(kind: str, value: dict) -> str:
    number = str(value.get("number") or "").strip()
    heading = str(value.get("heading") or "").strip()
    label = f"{DIVISION_LABELS[kind]} {number}".strip()
    return f"{label}. {heading}" if heading else label


def prepare_text(page: LegalDocumentPage, blocks: list[dict] | None = None) -> str:
    """The preamble, then everything in the body outside articles: chapter and section
    headings, tables, notes, attached texts' titles, appendices (as the canonical text
    writes them)."""
    parts = [page.preamble.strip()]
    for block in _raw_blocks(page) if blocks is None else blocks:
        kind = block.get("type")
        if kind in DIVISION_LABELS:
            parts.append(_division_text(kind, block.get("value") or {}))
        elif kind != "article":
            parts.extend(body_lines([block]))
    return nfc("\n".join(part for part in parts if part))


def prepare_sectors(page: LegalDocumentPage) -> tuple[tuple[str, str], ...]:
    return _sectors_of([page.pk]).get(page.pk, ())


def _sectors_of(page_ids: list[int]) -> dict[int, tuple[tuple[str, str], ...]]:
    """(slug, name) of each page's sectors, by slug, in one query."""
    links = (
        LegalDocumentPage.sectors.through.objects.filter(legaldocumentpage_id__in=page_ids)
        .order_by("legaldocumentpage_id", "sector__slug")
        .values_list("legaldocumentpage_id", "sector__slug", "sector__name")
    )
    sectors: dict[int, list[tuple[str, str]]] = {}
    for page_id, slug, name in links:
        sectors.setdefault(page_id, []).append((slug, name))
    return {page_id: tuple(pairs) for page_id, pairs in sectors.items()}


def prepare_terminations(
    page: LegalDocumentPage,
) -> tuple[datetime.date | None, datetime.date | None]:
    """Earliest effective dates of the issued documents ending this one (wholly, in part).

    The relations ``cms.validity.terminating`` selects, as ``LegalDocumentPage.validity_on``
    reads them; the earliest of each extent is all ``cms.validity.RULE`` needs on any day.
    """
    return _terminations_of([page.pk]).get(page.pk, (None, None))


def _terminations_of(
    page_ids: list[int],
) -> dict[int, tuple[datetime.date | None, datetime.date | None]]:
    """``prepare_terminations`` of each of ``page_ids`` ended by some document, in one query."""
    firsts = (
        terminating(DocumentRelation.objects.filter(target_id__in=page_ids))
        .values("target_id", "partial")
        .annotate(first=Min("ends_on"))
        .values_list("target_id", "partial", "first")
    )
    earliest: dict[int, list[datetime.date | None]] = {}
    for page_id, in_part, day in firsts:
        earliest.setdefault(page_id, [None, None])[in_part] = day
    return {page_id: (whole, partly) for page_id, (whole, partly) in earliest.items()}


def prepare_url(page: LegalDocumentPage) -> str:
    url = page.get_url()
    if url:
        return url
    # Not routable (no site): the path below the site's root page.
    parts = [part for part in page.url_path.split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts[1:])


def prepare_record(
    page: LegalDocumentPage,
    *,
    url: str | None = None,
    sectors: tuple[tuple[str, str], ...] | None = None,
    terminations: tuple[datetime.date | None, datetime.date | None] | None = None,
) -> IndexRecord:
    """The record of ``page``; its ``url``, ``sectors`` and ``terminations`` when already
    read (see ``records_for``: then nothing here reads the database), else read here."""
    if terminations is None:
        terminations = prepare_terminations(page)
    blocks = _raw_blocks(page)
    number = nfc(page.number).strip()
    return IndexRecord(
        page_id=page.pk,
        url=prepare_url(page) if url is None else url,
        number=number,
        number_key=page.number_key or (number_key(number) if number else ""),
        title=nfc(page.title).strip(),
        summary=nfc(page.summary).strip(),
        type_id=page.document_type_id,
        type_name=page.document_type.name,
        issuer_id=page.issuing_body_id,
        issuer_name=page.issuing_body.name,
        sectors=prepare_sectors(page) if sectors is None else sectors,
        issued_on=page.issued_on,
        effective_on=page.effective_on,
        expires_on=page.expires_on,
        terminated_on=terminations[0],
        partly_terminated_on=terminations[1],
        validity_evidence=page.validity_evidence,
        text=prepare_text(page, blocks),
        articles=prepare_articles(page, blocks),
    )


def _record_makers(pages: list[LegalDocumentPage]) -> list[Callable[[], IndexRecord]]:
    """Read what ``prepare_record`` needs from the database for ``pages`` (a few queries);
    the calls returned make their records without reading anything more."""
    ids = [page.pk for page in pages]
    sectors = _sectors_of(ids)
    terminations = _terminations_of(ids)
    return [
        partial(
            prepare_record,
            page,
            url=prepare_url(page),
            sectors=sectors.get(page.pk, ()),
            terminations=terminations.get(page.pk, (None, None)),
        )
        for page in pages
    ]


def _make(makers: list[Callable[[], IndexRecord]]) -> list[IndexRecord]:
    return [make() for make in makers]


def records_for(queryset, *, batch_size: int = 200) -> Iterator[IndexRecord]:
    """Records of the pages of ``queryset``, in batches of ``batch_size`` pages.

    Each batch costs the same few queries (pages, sectors, terminating relations) whatever
    its size; pages are read in primary-key order. The body comes as its JSON text, and a
    worker thread decodes it and makes the records of one batch while this thread reads the
    next (and the caller writes the records before): the worker never reads the database.
    """
    pages = (
        queryset.order_by("pk")
        .select_related("document_type", "issuing_body")
        .defer("body")
        .annotate(**{_BODY_JSON: Cast("body", TextField())})
        .iterator(chunk_size=batch_size)
    )
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-records") as pool:
        pending = None
        while batch := list(islice(pages, batch_size)):
            following = pool.submit(_make, _record_makers(batch))
            if pending is not None:
                yield from pending.result()
            pending = following
        if pending is not None:
            yield from pending.result()
