"""Published documents as JSON Lines in the interchange format ``import_documents`` reads
(``records.py``; the corpus README's fields), so another portal can load ours.

Each record carries the metadata, ``articles`` (every article of the main text and of the
attached texts, in order, its clauses, points and tables written into its ``text`` as
``article_plain_text`` writes them) and ``text``, the whole issued text line by line (preamble,
every body block as the canonical text writes it, signature, recipients). The importer builds
the body from ``articles`` when there are any and parses ``text`` otherwise; ``text`` also
keeps what articles cannot hold (chapters, notes, attached texts' titles, appendices).
"""

import json
from collections.abc import Callable, Iterator

from django.db.models import QuerySet

from cms.blocks import article_plain_text, placed_articles
from cms.models import DeploymentIdentity, LegalDocumentPage
from cms.record import body_lines
from documents.akn import work_uri
from workflow.states import State


def published_documents() -> QuerySet:
    """What the portal publishes: live, public pages whose workflow is published."""
    return LegalDocumentPage.objects.live().public().filter(workflow__state=State.PUBLISHED)


def published_document(page_id: int) -> LegalDocumentPage | None:
    """A published document with its type and issuer, or None (a 404 for the portal)."""
    return (
        published_documents()
        .filter(pk=page_id)
        .select_related("document_type", "issuing_body")
        .first()
    )


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def whole_text(page: LegalDocumentPage) -> str:
    lines = [
        *_lines(page.preamble),
        *body_lines(page.body.raw_data),
        *_lines(page.signer_title),
        *_lines(page.signer),
        *_lines(page.recipients),
    ]
    return "\n".join(line for line in lines if line)


def document_record(
    page: LegalDocumentPage, *, identity: DeploymentIdentity, url: str = ""
) -> dict:
    articles = [
        {
            "number": placed.number,
            "heading": str(placed.article.get("heading") or ""),
            "text": article_plain_text(placed.article),
        }
        for placed in placed_articles(page.body.raw_data)
    ]
    return {
        "id": work_uri(page, identity=identity).work,
        "number": page.number or None,
        "type": page.document_type.name,
        "title": page.title,
        "summary": page.summary,
        "issuer": page.issuing_body.name,
        "issued_on": page.issued_on.isoformat() if page.issued_on else None,
        "effective_on": page.effective_on.isoformat() if page.effective_on else None,
        "expires_on": page.expires_on.isoformat() if page.expires_on else None,
        "signer": page.signer or None,
        "status": None,
        "source_url": url or None,
        "topics": [sector.name for sector in page.sectors.all()] or None,
        "articles": articles or None,
        "text": whole_text(page),
    }


def jsonl_lines(
    *, identity: DeploymentIdentity, url_of: Callable[[LegalDocumentPage], str] | None = None
) -> Iterator[bytes]:
    """One UTF-8 JSON line per published document, oldest first, read in chunks."""
    pages = (
        published_documents()
        .select_related("document_type", "issuing_body")
        .prefetch_related("sectors")
        .order_by("issued_on", "pk")
    )
    for page in pages.iterator(chunk_size=200):
        record = document_record(page, identity=identity, url=url_of(page) if url_of else "")
        yield (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
