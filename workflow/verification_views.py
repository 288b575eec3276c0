"""``/xac-thuc/`` and ``/api/xac-thuc/``: anyone sends a PDF and learns whether its signatures
hold and whether it is a published document's signed original or carries its text
(``workflow.public_verification``; docs/documents.md, "Public verification").

The file is read into memory (``verification_upload``), verified and dropped: it is never
stored, nor its digest. Each file checked counts against a per-address rate limit."""

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponseNotAllowed, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from cms.public_url import absolute_url
from cms.ratelimit import RateLimit

from .public_verification import PublicVerification, verify_public_pdf
from .signatures.pdf_input import UnreadablePdf, max_bytes, too_large_message
from .verification_upload import capped_upload, upload_too_large

FIELD = "tep"
# Files checked per client address and window: each one costs a PDF parse and the signatures.
RATE_LIMIT = RateLimit(scope="verification", limit=10, window_seconds=600)


def rate_limited_message() -> str:
    return _("Bạn đã kiểm tra quá nhiều tệp trong 10 phút. Vui lòng thử lại sau.")


def _received_pdf(request) -> bytes:
    """The PDF sent (a multipart field ``tep``, or the API's raw ``application/pdf`` body);
    raises ``UnreadablePdf`` with the reason."""
    limit = max_bytes()
    if request.content_type == "application/pdf":
        data = request.read(limit + 1)
        if len(data) > limit:
            raise UnreadablePdf(too_large_message())
        return data
    try:
        upload = request.FILES.get(FIELD)
    except (MultiPartParserError, SuspiciousOperation, RequestDataTooBig):
        raise UnreadablePdf(_("Yêu cầu tải lên không hợp lệ.")) from None
    if upload_too_large(request):
        raise UnreadablePdf(too_large_message())
    if upload is None:
        raise UnreadablePdf(_("Hãy chọn một tệp PDF để kiểm tra."))
    try:
        return upload.read()
    finally:
        upload.close()


def _verify(request) -> tuple[PublicVerification | None, str, int]:
    """The verification, the error message and the status for one POST."""
    if not RATE_LIMIT.allows(request):
        return None, rate_limited_message(), 429
    try:
        data = _received_pdf(request)
    except UnreadablePdf as error:
        if upload_too_large(request):
            RATE_LIMIT.count(request)
        return None, str(error.message), 400
    RATE_LIMIT.count(request)
    result = verify_public_pdf(data=data)
    if result.refused:
        return result, result.report.messages[0], 400
    return result, "", 200


@capped_upload
@csrf_protect
def verification_page(request):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    result, error, status = None, "", 200
    if request.method == "POST":
        result, error, status = _verify(request)
    response = render(
        request,
        "workflow/public/verification.html",
        {
            "result": None if error else result,
            "error": error,
            "field": FIELD,
            "max_size": filesizeformat(max_bytes()),
        },
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(RATE_LIMIT.window_seconds)
    add_never_cache_headers(response)  # a form with a CSRF token, or someone's answer
    return response


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    add_never_cache_headers(response)
    return response


# Other systems post without a CSRF token (``capped_upload`` exempts the view); nothing is
# stored or changed, and the rate limit applies as on the page.
@capped_upload
def verification_api(request):
    if request.method != "POST":
        response = _json({"error": _("Chỉ hỗ trợ phương thức POST.")}, 405)
        response["Allow"] = "POST"
        return response
    result, error, status = _verify(request)
    if error:
        response = _json({"error": error}, status)
        if status == 429:
            response["Retry-After"] = str(RATE_LIMIT.window_seconds)
        return response
    return _json(verification_json(result))


def _document_json(page) -> dict:
    return {
        "title": page.title,
        "number": page.number,
        "issued_on": page.issued_on.isoformat() if page.issued_on else None,
        "url": absolute_url(page.url),
    }


def _signature_json(check) -> dict:
    signer = check.signer
    return {
        "field": check.field_name,
        "valid": check.is_valid,
        "signer": None
        if signer is None
        else {
            "name": signer.common_name,
            "organisation": signer.organisation,
            "serial": signer.serial,
            "issuer": signer.issuer,
        },
        "signing_time": check.signing_time.isoformat() if check.signing_time else None,
        "time_source": "timestamp" if check.timestamp_time else "claimed",
        "intact": check.intact,
        "unaltered": check.unaltered,
        "coverage": str(check.coverage),
        "trusted": check.trusted,
        "certificate_valid_at_signing": check.certificate_valid_at_signing,
        "revocation": str(check.revocation),
        "problems": [
            {"code": str(problem), "message": message}
            for problem, message in zip(check.problems, check.messages, strict=True)
        ],
    }


def verification_json(result: PublicVerification) -> dict:
    """The answer of ``/api/xac-thuc/`` (shape in docs/api.md)."""
    report, text = result.report, result.text
    return {
        "sha256": report.sha256,
        "size": report.size,
        "signed": bool(report.signatures),
        "valid": report.is_valid,
        "problems": [
            {"code": str(problem), "message": message}
            for problem, message in zip(report.problems, report.messages, strict=True)
        ],
        "signatures": [_signature_json(check) for check in report.signatures],
        "exact_copy_of": _document_json(result.exact_copy_of) if result.exact_copy_of else None,
        "text_match": None
        if text is None
        else {
            "document": _document_json(text.page),
            "percent": text.match.percent,
            "exact": text.match.is_exact,
            "difference_count": text.match.difference_count,
            "differences": [
                {
                    "issued": difference.issued,
                    "signed": difference.signed,
                    "before": difference.before,
                    "after": difference.after,
                }
                for difference in text.match.differences
            ],
        },
    }
