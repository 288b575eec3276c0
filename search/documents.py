"""What the search index knows about a published legal document (``IndexRecord``).

One small ``prepare_*`` function per part of the record, each taking the page: articles from the
structured body, the text outside articles, sectors, the dates ending the document (later
issued documents that replace or repeal it, as ``LegalDocumentPage.validity_on`` reads them)
and the public URL. ``records_for`` prepares many pages with a bounded number of queries.

Which pages are given to the index is the caller's decision: only published ones
(``indexable_documents()``); nothing here checks it again.
"""

import datetime
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db.models import Prefetch
from django.utils.html import strip_tags

from cms.models import DocumentRelation, LegalDocumentPage
from cms.models.relations import TERMINATING_KINDS
from search.backends.base import ArticleRecord, IndexRecord
from search.normalize import nfc
from workflow.numbering import number_key

# Headings of the body's divisions, as they are printed.
DIVISION_LABELS = {"chapter": "Chương", "section": "Mục"}


def indexable_documents():
    """The documents the public index may hold: live, without view restrictions, issued."""
    return LegalDocumentPage.objects.live().public().issued()


def prepare_articles(page: LegalDocumentPage) -> tuple[ArticleRecord, ...]:
    articles = []
    for item in page.articles():
        value = item["article"]
        articles.append(
            ArticleRecord(
                number=nfc(str(value["number"] or "")).strip(),
                heading=nfc(str(value["heading"] or "")).strip(),
                anchor=value.anchor,
                text=nfc(value.plain_text()),
            )
        )
    return tuple(articles)


def _value_text(value) -> Iterator[str]:
    """Every piece of text inside a block value (strings, rich text, structs, lists)."""
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif hasattr(value, "source"):  # RichText
        yield strip_tags(value.source)
    elif hasattr(value, "items") and callable(value.items):  # StructValue, dict
        for child in value.values():
            yield from _value_text(child)
    elif isinstance(value, Iterable):  # ListValue, StreamValue
        for child in value:
            yield from _value_text(getattr(child, "value", child))


def _block_text(block) -> str:
    if block.block_type in DIVISION_LABELS:
        number = str(block.value["number"] or "").strip()
        heading = str(block.value["heading"] or "").strip()
        label = f"{DIVISION_LABELS[block.block_type]} {number}".strip()
        return f"{label}. {heading}" if heading else label
    return "\n".join(part.strip() for part in _value_text(block.value) if part.strip())


def prepare_text(page: LegalDocumentPage) -> str:
    """The preamble, then everything in the body outside articles (chapter headings...)."""
    parts = [page.preamble.strip()]
    parts.extend(_block_text(block) for block in page.body if block.block_type != "article")
    return nfc("\n".join(part for part in parts if part))


def prepare_sectors(page: LegalDocumentPage) -> tuple[tuple[str, str], ...]:
    sectors = sorted(page.sectors.all(), key=lambda sector: sector.slug)
    return tuple((sector.slug, sector.name) for sector in sectors)


def _terminating_relations(page: LegalDocumentPage) -> Iterable[DocumentRelation]:
    prefetched = getattr(page, "_prefetched_objects_cache", {})
    if "incoming_relations" in prefetched:
        return prefetched["incoming_relations"]
    return page.incoming_relations.filter(
        kind__in=TERMINATING_KINDS, source__issued_on__isnull=False
    ).select_related("source")


def prepare_terminations(
    page: LegalDocumentPage,
) -> tuple[datetime.date | None, datetime.date | None]:
    """Earliest effective dates of the issued documents ending this one (wholly, in part).

    The same relations and dates as ``LegalDocumentPage.validity_on``; the earliest of each
    kind is all ``cms.validity.derive_validity`` needs on any day.
    """
    whole: list[datetime.date] = []
    partial: list[datetime.date] = []
    for relation in _terminating_relations(page):
        source = relation.source
        if relation.kind not in TERMINATING_KINDS or source.issued_on is None:
            continue
        (partial if relation.partial else whole).append(source.effective_on or source.issued_on)
    return min(whole, default=None), min(partial, default=None)


def prepare_url(page: LegalDocumentPage) -> str:
    url = page.get_url()
    if url:
        return url
    # Not routable (no site): the path below the site's root page.
    parts = [part for part in page.url_path.split("/") if part]
    return "/" + "".join(f"{part}/" for part in parts[1:])


def prepare_record(page: LegalDocumentPage) -> IndexRecord:
    terminated_on, partly_terminated_on = prepare_terminations(page)
    number = nfc(page.number).strip()
    return IndexRecord(
        page_id=page.pk,
        url=prepare_url(page),
        number=number,
        number_key=page.number_key or (number_key(number) if number else ""),
        title=nfc(page.title).strip(),
        summary=nfc(page.summary).strip(),
        type_id=page.document_type_id,
        type_name=page.document_type.name,
        issuer_id=page.issuing_body_id,
        issuer_name=page.issuing_body.name,
        sectors=prepare_sectors(page),
        issued_on=page.issued_on,
        effective_on=page.effective_on,
        expires_on=page.expires_on,
        terminated_on=terminated_on,
        partly_terminated_on=partly_terminated_on,
        text=prepare_text(page),
        articles=prepare_articles(page),
    )


def with_index_data(queryset):
    """``queryset`` with everything ``prepare_record`` reads, in a fixed number of queries."""
    terminations = DocumentRelation.objects.filter(
        kind__in=TERMINATING_KINDS, source__issued_on__isnull=False
    ).select_related("source")
    return queryset.select_related("document_type", "issuing_body").prefetch_related(
        "sectors", Prefetch("incoming_relations", queryset=terminations)
    )


def records_for(queryset, *, batch_size: int = 200) -> Iterator[IndexRecord]:
    """Records of the pages of ``queryset``, in batches of ``batch_size`` pages.

    Each batch costs the same few queries (pages, sectors, terminating relations) whatever
    its size; pages are read in primary-key order.
    """
    pages = with_index_data(queryset.order_by("pk")).iterator(chunk_size=batch_size)
    while batch := list(islice(pages, batch_size)):
        yield from map(prepare_record, batch)
