"""Every kind of public page, with demo-like data, for the standards checks (issue 15).

The Nu HTML Checker (tests/cms/test_html_validity.py) reads them through Django's test client,
axe-core (tests/browser/test_portal_standards.py) through Chromium; both take the list built here.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import path

from cms.models import DocumentIndexPage, LegalDocumentPage
from config.urls import urlpatterns as project_urls
from tests.whole_text import whole_text_decision
from tests.workflow import signed_pdfs

FORBIDDEN_PATH = "/cam-truy-cap/"
SECTOR = "cong-nghe-thong-tin"  # a sector of the demo
COMMENT = {
    "name": "Nguyễn Văn B",
    "organisation": "",
    "email": "b@example.invalid",
    "article": "",
    "text": "Đề nghị làm rõ Điều 1.",
    "website": "",
}


def _forbidden(request):
    raise PermissionDenied


# A ROOT_URLCONF for the checks: the project's URLs and one that answers 403 (no public URL
# refuses a visitor, yet templates/403.html is a public page).
urlpatterns = [path(FORBIDDEN_PATH.strip("/") + "/", _forbidden), *project_urls]


@dataclass(frozen=True)
class PortalPage:
    name: str
    path: str
    status: int = 200
    english: bool = False
    post: dict | None = None  # the form sent to ``path``; the page is its answer (a Path: a file)


def signed_pdf_file() -> Path:
    """A signed PDF for the verification page, as a file: the browser uploads it by its path."""
    pki = signed_pdfs.build_pki()
    data = signed_pdfs.make_pdf(pages=[["QUYET DINH", "Dieu 1. Pham vi dieu chinh"]])
    signed = signed_pdfs.sign(data=data, identity=pki.person, pki=pki, field_name="NguoiKy")
    path = Path(tempfile.mkdtemp(prefix="ldt-portal-")) / "van-ban-da-ky.pdf"
    path.write_bytes(signed)
    return path


def build_portal() -> list[PortalPage]:
    """The demo (with its draft open for comment), a decision holding the whole text; the pages."""
    call_command("load_demo", verbosity=0)
    whole = whole_text_decision(
        DocumentIndexPage.objects.get(),
        title="Quyết định ban hành Quy định về quản lý cụm công nghiệp",
        recipients="Như Điều 3;\nLưu: VT.",
    )
    # The demo's draft open for comment (the royalty rules, workflow.demo.later).
    draft = LegalDocumentPage.objects.get(slug="du-thao-quy-dinh-nhuan-but")
    planning = LegalDocumentPage.objects.get(slug="du-thao-quy-hoach-ha-tang-vien-thong-thu-dong")
    call_command("search_reindex", verbosity=0)
    consultation = f"/lay-y-kien/{draft.pk}/"
    return [
        PortalPage("home", "/"),
        PortalPage("documents", "/van-ban/"),
        PortalPage("documents-filtered", f"/van-ban/?sector={SECTOR}&type=&sort=title"),
        PortalPage("document-629", "/van-ban/629-qd-ubnd/"),
        PortalPage("document-whole-text", whole.url),
        PortalPage("document-appendix-table", planning.url),
        PortalPage("search-empty", "/tim-kiem/"),
        PortalPage("search-results", "/tim-kiem/?q=c%C3%B4ng+ngh%E1%BB%87+th%C3%B4ng+tin"),
        PortalPage("search-facet", "/tim-kiem/?q=c%C3%B4ng+ngh%E1%BB%87&sector=" + SECTOR),
        PortalPage("search-nothing", "/tim-kiem/?q=zzzqqq"),
        PortalPage("search-refused", "/tim-kiem/?year_from=abc", status=400),
        PortalPage("consultations", "/lay-y-kien/"),
        PortalPage("consultation-draft", consultation),
        PortalPage("consultation-refused", consultation, status=400, post={"text": ""}),
        PortalPage("consultation-sent", consultation, post=COMMENT),
        PortalPage("verification", "/xac-thuc/"),
        PortalPage("verification-result", "/xac-thuc/", post={"tep": signed_pdf_file()}),
        PortalPage("verification-refused", "/xac-thuc/", status=400, post={"tep": ""}),
        PortalPage("not-found", "/khong-co-trang-nay/", status=404),
        PortalPage("forbidden", FORBIDDEN_PATH, status=403),
        PortalPage("en-home", "/", english=True),
        PortalPage("en-documents", "/van-ban/", english=True),
        PortalPage("en-document-whole-text", whole.url, english=True),
        PortalPage("en-search-results", "/tim-kiem/?q=ngh%E1%BB%8B+quy%E1%BA%BFt", english=True),
        PortalPage("en-consultation-draft", consultation, english=True),
        PortalPage("en-not-found", "/khong-co-trang-nay/", status=404, english=True),
    ]
