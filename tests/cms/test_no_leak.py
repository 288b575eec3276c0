"""Nothing unpublished reaches an anonymous visitor, on any public surface."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from search.outbox import apply_pending
from tests import factories
from workflow import services
from workflow.dossier import DossierKind
from workflow.models import Comment
from workflow.states import State

pytestmark = pytest.mark.django_db

SECRET = "Bí mật dự thảo"
UNPUBLISHED = [s for s in State if s != State.PUBLISHED]


def docx_file() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph(SECRET)
    document.save(buffer)
    return SimpleUploadedFile("secret.docx", buffer.getvalue())


def walk(workflow, *names, **data):
    for name in names:
        services.perform_transition(
            workflow_id=workflow.pk, name=name, user=None, system=True, **data.get(name, {})
        )


@pytest.fixture
def site():
    home, index = factories.site_tree()
    factories.consultation_index(home, title="Lấy ý kiến")
    # One published document, so listings are not trivially empty.
    factories.legal_document(index, slug="public", number="1/QĐ-UBND", title="Công khai")
    return index


def document_in(index, state: State):
    """A normative document taken to ``state`` through the real steps, with a comment."""
    admin = get_user_model().objects.create_superuser("root", password="x")
    page = factories.legal_document(
        index,
        slug="secret",
        title=SECRET,
        live=False,
        document_type=factories.document_type(is_normative=True),
        preamble=SECRET,
    )
    workflow = page.workflow
    attach = lambda kind: services.attach_dossier_file(  # noqa: E731
        workflow=workflow, user=admin, kind=kind, upload=docx_file()
    )
    ends = datetime.date.today() + datetime.timedelta(days=60)
    path = {
        State.PLANNED: [],
        State.WITHDRAWN: ["withdraw"],
        State.DRAFTING: ["start_drafting"],
        State.CONSULTATION: ["start_drafting", "open_consultation"],
        State.APPRAISAL: [
            "start_drafting",
            "open_consultation",
            "close_consultation",
            "send_for_appraisal",
        ],
        State.APPRAISED: [
            "start_drafting",
            "open_consultation",
            "close_consultation",
            "send_for_appraisal",
            "complete_appraisal",
        ],
        State.SUBMITTED: [
            "start_drafting",
            "open_consultation",
            "close_consultation",
            "send_for_appraisal",
            "complete_appraisal",
            "submit",
        ],
        State.ISSUED: [
            "start_drafting",
            "open_consultation",
            "close_consultation",
            "send_for_appraisal",
            "complete_appraisal",
            "submit",
            "issue",
        ],
    }[state]
    for kind in DossierKind:
        attach(kind)
    for name in path:
        data = {}
        if name == "open_consultation":
            data["consultation_ends_on"] = ends
        if name == "close_consultation":
            services.record_comment(
                workflow=workflow, source_kind="person", author="Công dân", text=SECRET + " góp ý"
            )
            for comment in Comment.objects.filter(workflow=workflow):
                services.respond_to_comment(
                    comment_id=comment.pk, user=admin, kind="accepted", text="Tiếp thu"
                )
        if name == "issue":
            data["issue"] = services.IssueData(
                issued_on=datetime.date.today(),
                effective_on=datetime.date.today() + datetime.timedelta(days=15),
                signer="Nguyễn Văn A",
                signer_title="CHỦ TỊCH",
            )
        services.perform_transition(
            workflow_id=workflow.pk, name=name, user=None, system=True, note=SECRET, **data
        )
        if name == "send_for_appraisal":
            attach(DossierKind.APPRAISAL_REPORT)  # the report of this round
    workflow.refresh_from_db()
    assert workflow.state == state
    page.refresh_from_db()
    return page


def public_urls(page) -> list[str]:
    files = page.workflow.dossier_files.all()
    return [
        page.url_path.replace("/trang-chu-test", "", 1),
        "/van-ban/secret/",
        "/",
        "/van-ban/",
        "/van-ban/?sort=oldest",
        "/van-ban/?validity=not_yet",
        f"/van-ban/?year={datetime.date.today().year}",
        "/feeds/van-ban/",
        "/sitemap.xml",
        "/api/v2/van-ban/?fields=*",
        f"/api/v2/van-ban/{page.pk}/",
        f"/api/v2/van-ban/?search={SECRET}",
        "/tim-kiem/?q=bi+mat+du+thao",
        f"/api/search/?q={SECRET}",
        "/api/search/?q=bi+mat+du+thao",
        "/api/search/?q=secret",
        reverse("signed_copy", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        *[reverse("workflow:dossier_file", args=[f.pk]) for f in files],
        *["/media/" + f.file.name for f in files],
        *["/private_media/" + f.file.name for f in files],
    ]


@pytest.mark.parametrize("state", UNPUBLISHED, ids=[s.value for s in UNPUBLISHED])
def test_no_public_surface_shows_an_unpublished_document(client, site, state):
    page = document_in(site, state)
    assert not page.live
    apply_pending()  # what the outbox does after commit
    search = client.get("/api/search/", {"q": "bi mat du thao"}).json()
    assert search["total"] == 0
    # The index is not simply empty: the published document is found.
    assert client.get("/api/search/", {"q": "cong khai"}).json()["total"] == 1
    for url in public_urls(page):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET.encode() not in body, url
        assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"], url


def test_a_draft_in_consultation_is_readable_but_its_comments_are_not(client, site):
    page = document_in(site, State.CONSULTATION)
    services.record_comment(
        workflow=page.workflow, source_kind="person", author="Người góp ý", text="Góp ý kín"
    )
    html = client.get(f"/lay-y-kien/{page.pk}/").content.decode()
    assert SECRET in html  # the draft itself is public while open for comment
    assert "Góp ý kín" not in html and "Người góp ý" not in html
    # Once consultation closes, the draft disappears from the portal.
    for comment in page.workflow.comments.all():
        services.respond_to_comment(
            comment_id=comment.pk,
            user=get_user_model().objects.get(username="root"),
            kind="noted",
            text="Ghi nhận",
        )
    walk(page.workflow, "close_consultation")
    assert client.get(f"/lay-y-kien/{page.pk}/").status_code == 404
    assert SECRET not in client.get("/lay-y-kien/").content.decode()
