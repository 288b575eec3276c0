"""Open legal data on the portal: a published document as Akoma Ntoso XML, and every published
document as JSON Lines (plain or gzip-compressed, streamed). Public, like the document pages:
anything not published is a 404 (docs/documents.md, "Open legal data (issue 15)")."""

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator

from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_GET

from cms.models import DeploymentIdentity
from documents.akn import akn_bytes, work_uri
from documents.corpus.export import jsonl_lines, published_document, published_documents

AKN_TYPE = "application/akn+xml; charset=utf-8"


@require_GET
def akn_document(request, page_id: int):
    page = published_document(page_id)
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


# A work, expression or manifestation name: /akn/vn-caobang/act/quyet-dinh/2015/05-2015-qd-ubnd
# [/vie@2015-03-02][.xml]
_AKN_NAME = re.compile(
    r"^(?P<work>[a-z]{2}(?:-[a-z0-9]+)?/act/[a-z0-9-]+/(?P<year>\d{4})/[a-z0-9-]+)"
    r"(?:/[a-z]{3}@[0-9-]*)?(?:/!main)?(?:\.xml)?$"
)


@require_GET
def akn_resolver(request, name: str):
    """An AKN name (``/akn/...``) -> the published document's XML (a redirect), else 404."""
    match = _AKN_NAME.match(name)
    if match is None:
        raise Http404
    identity = DeploymentIdentity.current(request)
    wanted = f"/akn/{match['work']}"
    candidates = published_documents().filter(issued_on__year=int(match["year"]))
    for page in candidates.select_related("document_type", "issuing_body"):
        if work_uri(page, identity=identity).work == wanted:
            return HttpResponseRedirect(reverse("documents:akn", args=[page.pk]))
    raise Http404


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
