"""A new document's address is its title transliterated, whatever slug the admin's script sent."""

from django.urls import reverse

from cms.models import LegalDocumentPage
from cms.text import is_garbled_slug_of, slug_of
from tests import factories
from tests.workflow.conftest import editor_form_data

TITLE = "Quy định về quản lý và phát triển hạ tầng kỹ thuật viễn thông thụ động"
# What Wagtail's slug script (ASCII table, "đ" -> "dj") sends for TITLE.
SCRIPT_SLUG = "quy-djnh-v-qun-ly-va-phat-trin-h-tng-k-thut-vin-thong-th-djng"
WANTED = "quy-dinh-ve-quan-ly-va-phat-trien-ha-tang-ky-thuat-vien-thong-thu-dong"


def test_slug_of_transliterates_and_cuts_at_a_word():
    assert slug_of(TITLE) == WANTED
    assert slug_of("Đề án “Chuyển đổi số” năm 2026", 20) == "de-an-chuyen-doi-so"
    assert slug_of("12/2026/QĐ-UBND") == "12-2026-qd-ubnd"


def test_garbled_slugs_are_recognised_and_typed_ones_are_not():
    assert is_garbled_slug_of(SCRIPT_SLUG, TITLE)
    # Django's slugify without Unicode: accents stripped, "đ" dropped.
    assert is_garbled_slug_of(
        "quy-inh-ve-quan-ly-va-phat-trien-ha-tang", "Quy định về quản lý và phát triển hạ tầng"
    )
    # The script's "slugify" on blur: every non-ASCII letter dropped.
    assert is_garbled_slug_of("quy-nh-v-qun-l-v-pht-trin-h-tng-k-thut-vin-thng-th-ng", TITLE)
    assert not is_garbled_slug_of("ha-tang-thu-dong", TITLE)
    assert not is_garbled_slug_of("quy-djnh", TITLE)  # a prefix typed by hand
    assert not is_garbled_slug_of("", TITLE)


def add(client, index, slug, title=TITLE):
    url = reverse("wagtailadmin_pages:add", args=["cms", "legaldocumentpage", index.pk])
    page = LegalDocumentPage(
        title=title,
        slug=slug,
        summary="Tóm tắt",
        document_type=factories.document_type(),
        issuing_body=factories.issuing_body(),
    )
    response = client.post(url, editor_form_data(page, planned_submission="2027-01-01"))
    assert response.status_code == 302, response.content.decode()[:2000]
    return LegalDocumentPage.objects.filter(title=title).order_by("-pk").first()


def test_the_add_view_transliterates_the_slug_the_script_sent(index, drafter, client):
    client.force_login(drafter)
    assert add(client, index, SCRIPT_SLUG).slug == WANTED


def test_a_page_saved_without_a_slug_gets_the_transliterated_title(index):
    page = index.add_child(
        instance=LegalDocumentPage(
            title=TITLE,
            summary="Tóm tắt",
            document_type=factories.document_type(),
            issuing_body=factories.issuing_body(),
            live=False,
        )
    )
    assert page.slug == WANTED


def test_siblings_keep_distinct_slugs(index, drafter, client):
    client.force_login(drafter)
    assert add(client, index, SCRIPT_SLUG).slug == WANTED
    assert add(client, index, SCRIPT_SLUG).slug == f"{WANTED}-2"


def test_a_slug_typed_by_hand_is_kept(index, drafter, client):
    client.force_login(drafter)
    assert add(client, index, "ha-tang-thu-dong").slug == "ha-tang-thu-dong"
