"""Open legal data on the portal: a published document as Akoma Ntoso XML, and every published
document as JSON Lines (plain or gzip-compressed, streamed). Public, like the document pages:
anything not published is a 404 (docs/documents.md, "Open legal data (issue 15)")."""

import hashlib
import zlib
from collections.abc import Iterable, Iterator

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_GET

from cms.models import DeploymentIdentity
from documents.akn import akn_bytes
from documents.corpus.export import jsonl_lines, published_documents

AKN_TYPE = "application/akn+xml; charset=utf-8"


@require_GET
def akn_document(request, page_id: int):
    page = (
        published_documents()
        .filter(pk=page_id)
        .select_related("document_type", "issuing_body")
        .first()
    )
    if page is None:
        raise Http404
    data = akn_bytes(page, identity=DeploymentIdentity.current(request))
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    # Revalidated every time (a document taken off the portal must not linger in caches);
    # the ETag makes the revalidation cheap for the client.
    not_modified = get_conditional_response(request, etag=etag)
    response = not_modified or HttpResponse(data, content_type=AKN_TYPE)
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    if not_modified is None:
        response["Content-Disposition"] = f'inline; filename="van-ban-{page.pk}.akn.xml"'
    return response


def _gzipped(chunks: Iterable[bytes]) -> Iterator[bytes]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: a gzip member
    for chunk in chunks:
        if out := compressor.compress(chunk):
            yield out
    yield compressor.flush()


@require_GET
def bulk_documents(request, compressed: bool = False):
    """Every published document, one JSON record a line (``import_documents`` reads it)."""
    identity = DeploymentIdentity.current(request)
    lines = jsonl_lines(identity=identity, url_of=lambda page: page.get_full_url(request))
    filename = "van-ban.jsonl.gz" if compressed else "van-ban.jsonl"
    response = StreamingHttpResponse(
        _gzipped(lines) if compressed else lines,
        content_type="application/gzip" if compressed else "application/jsonl; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response
