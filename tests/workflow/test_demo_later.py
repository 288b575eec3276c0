"""The demo's illustrative 2016 stage: the three documents the product is about reach the portal
through the workflow, and a draft is open for comment, on a fresh ``load_demo``."""

import datetime
import io
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cryptography import x509
from django.core.management import call_command
from django_fsm_log.models import StateLog
from docx import Document
from wagtail.models import Page, Revision

from cms.models import LegalDocumentPage
from documents.reports.programme import programme_entries
from search import outbox
from workflow.models import Comment, DocumentWorkflow, DossierFile, IssuedText
from workflow.public import open_consultations
from workflow.signed_original import latest_signed_copy, verification_problems
from workflow.states import State

pytestmark = pytest.mark.django_db

# slug: (number, words a visitor searches for)
PRODUCT = {
    "du-thao-quy-che-phat-ngon": ("08/2016/QĐ-UBND", "người phát ngôn"),
    "du-thao-quy-dinh-chu-ky-so": ("03/2016/QĐ-UBND", "chữ ký số"),
    "du-thao-quy-hoach-ha-tang-vien-thong-thu-dong": ("512/QĐ-UBND", "viễn thông thụ động"),
}
ROYALTIES = "du-thao-quy-dinh-nhuan-but"


@pytest.fixture
def demo(settings):
    settings.DEMO_USERS_ENABLED = True
    # As the development settings do: the demo CA that load_demo writes is trusted.
    settings.SIGNATURE_TRUST_ROOTS_DIR = str(settings.DEMO_CA_DIR)
    call_command("load_demo", stdout=StringIO())
    outbox.apply_pending()  # the index changes wait for a commit the test never makes


def product(slug: str) -> LegalDocumentPage:
    return LegalDocumentPage.objects.get(slug=slug)


def test_the_three_product_documents_are_issued_and_published(demo):
    for slug, (number, _words) in PRODUCT.items():
        page = product(slug)
        assert page.live, slug
        assert page.workflow.state == State.PUBLISHED
        assert page.number == number
        assert page.issued_on.year == 2016
        assert page.sectors.exists()
        # The pinned text is the one online, and it is the 2016 text with its articles.
        assert IssuedText.objects.filter(workflow=page.workflow).exists()
        assert len(list(page.articles())) >= 3
        assert "minh họa" in page.preamble
        # Every step was a transition of the state machine, ending at publication.
        steps = list(
            StateLog.objects.for_(page.workflow).order_by("pk").values_list("transition", flat=True)
        )
        assert steps[-3:] == ["submit", "issue", "publish"]
        # Its signed original: the issued text as a PDF signed by the signer, then the office,
        # with the demo CA's certificates, verified (the demo CA trusted, as in development).
        copy = latest_signed_copy(page.workflow)
        assert copy.original_name.endswith("-demo.pdf")
        assert verification_problems(copy) == [] and copy.override_at is None
        check = copy.signature_check
        assert check.text.is_exact
        assert [s.signer.common_name for s in check.report.signatures] == [
            f"{page.signer} (DEMO)",
            f"{page.issuing_body.name} (DEMO)",
        ]
        assert all("DEMO" in s.signer.issuer for s in check.report.signatures)


def test_the_demo_ca_is_labelled_and_its_keys_are_not_written(demo, settings):
    files = list(Path(settings.DEMO_CA_DIR).iterdir())
    assert files
    for path in files:
        data = path.read_bytes()
        assert b"PRIVATE KEY" not in data
        certificate = x509.load_pem_x509_certificate(data)
        assert "Chỉ dùng để trình diễn" in certificate.subject.rfc4514_string()
        assert certificate.subject == certificate.issuer  # the root: only it is written


def test_the_document_page_shows_the_verified_original(client, demo):
    page = product("du-thao-quy-dinh-chu-ky-so")
    html = client.get(page.url).content.decode()
    assert "Đã ký số bởi" in html and "văn bản không bị thay đổi sau khi ký" in html


def test_where_the_demo_ca_is_not_trusted_leadership_allows_publication(settings):
    """Any settings but development's (production, tests by default): the demo's copies do
    not verify, so leadership allows them, with the reason in the audit log."""
    settings.DEMO_USERS_ENABLED = True
    settings.SIGNATURE_TRUST_ROOTS_DIR = ""
    call_command("load_demo", stdout=StringIO())
    for slug in PRODUCT:
        workflow = product(slug).workflow
        assert workflow.state == State.PUBLISHED
        copy = latest_signed_copy(workflow)
        assert verification_problems(copy) and copy.override_at is not None
        assert copy.override_by.username == "lanhdao" and "DEMO" in copy.override_reason
        entry = StateLog.objects.for_(workflow).get(transition="allow_unverified_original")
        assert "DEMO" in entry.description and entry.by == copy.override_by


def test_the_telecom_planning_has_its_appendix_table(demo):
    page = product("du-thao-quy-hoach-ha-tang-vien-thong-thu-dong")
    [appendix] = [block for block in page.body if block.block_type == "appendix"]
    table = appendix.value["content"][0].value
    assert table["data"][0][1] == "Đơn vị hành chính"
    assert table["data"][-1][1] == "Tổng cộng"


def test_the_portal_shows_them(client, demo):
    index = client.get("/van-ban/").content.decode()
    feed = client.get("/feeds/van-ban/").content.decode()
    for slug, (number, words) in PRODUCT.items():
        page = product(slug)
        assert number in index
        assert number in feed
        found = client.get("/tim-kiem/", {"q": words})
        assert found.status_code == 200
        assert page.title in found.content.decode(), words
        api = client.get("/api/search/", {"q": words}).json()
        assert api["hits"][0]["number"] == number, words
        document = client.get(page.url)
        assert document.status_code == 200
        assert "Điều 1" in document.content.decode()
        download = client.get(f"/van-ban/{page.pk}/tai-ve.docx")
        assert download.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
        assert number.split("/")[0] in text
        signed = client.get(f"/van-ban/{page.pk}/ban-goc/")
        assert signed.status_code == 200
        assert "ban-goc-da-ky-" in signed["Content-Disposition"]


def test_a_draft_is_open_for_comment_on_the_portal(client, demo):
    draft = LegalDocumentPage.objects.get(slug=ROYALTIES)
    assert not draft.live
    assert draft.workflow.state == State.CONSULTATION
    [consultation] = open_consultations()
    assert consultation.page.pk == draft.pk
    # Opened the day the demo was loaded, for 45 days: open with days left on a fresh run.
    assert (consultation.round.ends_on - consultation.round.opened_on).days == 45
    assert consultation.days_left() > 0
    listing = BeautifulSoup(client.get("/lay-y-kien/").content, "html.parser")
    link = listing.find("a", string=lambda text: text and draft.title in text)
    page = client.get(link["href"])
    assert page.status_code == 200
    assert "Hệ số nhuận bút" in page.content.decode()  # the 2016 draft's article 3
    assert "<form" in page.content.decode()


def test_load_demo_twice_changes_nothing(demo):
    def counts():
        return {
            model.__name__: model.objects.count()
            for model in (Page, Revision, StateLog, DossierFile, Comment, IssuedText)
        } | {"states": sorted(DocumentWorkflow.objects.values_list("state", flat=True))}

    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first


def test_the_2015_review_still_reads_as_it_was(demo):
    # The review's report reads the history as it was on 30/06/2015, whatever came after.
    entries = programme_entries(
        date_from=datetime.date(2015, 1, 1),
        date_to=datetime.date(2015, 6, 30),
        today=datetime.date(2015, 7, 10),
    )
    stages = {entry.page.slug: entry.state_label for entry in entries}
    by_slug = {entry.page.slug: entry for entry in entries}
    # The dossier as it stood then: the final memo came in 2016.
    assert "Tờ trình" in by_slug["du-thao-quy-dinh-chu-ky-so"].missing
    assert stages == {
        "du-thao-quy-hoach-ha-tang-vien-thong-thu-dong": "Đang soạn thảo",
        "du-thao-quy-dinh-chu-ky-so": "Đã thẩm định",
        "du-thao-quy-che-phat-ngon": "Đang soạn thảo",
        "du-thao-quy-dinh-thong-tin-doi-ngoai": "Đang thẩm định",
        ROYALTIES: "Đã đăng ký",
    }


def test_until_2015_stops_at_the_review_and_the_later_stage_follows(settings):
    settings.DEMO_USERS_ENABLED = False
    call_command("load_demo", until=2015, stdout=StringIO())
    assert not LegalDocumentPage.objects.filter(slug__in=PRODUCT, live=True).exists()
    assert LegalDocumentPage.objects.get(slug=ROYALTIES).workflow.state == State.PLANNED
    call_command("load_demo", stdout=StringIO())
    assert LegalDocumentPage.objects.filter(slug__in=PRODUCT, live=True).count() == 3
