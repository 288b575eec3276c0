"""The demo's illustrative 2016 stage: the three documents the product is about reach the portal
through the workflow, and a draft is open for comment, on a fresh ``load_demo``."""

import datetime
import io
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django_fsm_log.models import StateLog
from docx import Document
from wagtail.models import Page, Revision

from cms.models import LegalDocumentPage
from documents.reports.programme import programme_entries
from search import outbox
from workflow.models import Comment, DocumentWorkflow, DossierFile, IssuedText
from workflow.public import open_consultations
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
        assert page.workflow.dossier_files.filter(kind="signed_copy").exists()


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
