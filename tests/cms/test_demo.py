from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from cms.demo.content import DEMO_PASSWORD, DEMO_USERS
from cms.models import DocumentType, HomePage, IssuingBody, LegalDocumentPage, Sector

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "types": DocumentType.objects.count(),
        "bodies": IssuingBody.objects.count(),
        "sectors": Sector.objects.count(),
        "sites": Site.objects.count(),
        "groups": Group.objects.count(),
    }


def test_load_demo_is_idempotent(settings):
    settings.DEMO_USERS_ENABLED = True
    call_command("load_demo", stdout=StringIO())
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first
    # 1 root + home + 2 indexes + 3 issued + 5 programme documents
    assert first["pages"] == 12
    assert first["users"] == len(DEMO_USERS) + 1


def test_demo_content_follows_the_2015_review(client, settings):
    settings.DEMO_USERS_ENABLED = False
    # The review's state; the illustrative 2016 stage: tests/workflow/test_demo_later.py.
    call_command("load_demo", until=2015, stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)

    issued = LegalDocumentPage.objects.live().order_by("issued_on")
    assert [(d.number, d.issued_on.strftime("%d/%m/%Y")) for d in issued] == [
        ("510/KH-UBND", "18/03/2015"),
        ("56-CTr/TU", "06/05/2015"),
        ("629/QĐ-UBND", "25/05/2015"),
    ]
    programme = LegalDocumentPage.objects.filter(live=False)
    assert programme.count() == 5
    royalty = programme.get(slug="du-thao-quy-dinh-nhuan-but")
    assert royalty.planned_submission.strftime("%m/%Y") == "10/2015"
    assert programme.filter(title__icontains="chữ ký số").exists()
    assert programme.filter(title__icontains="viễn thông thụ động").exists()

    home = client.get("/")
    assert home.status_code == 200
    assert "629/QĐ-UBND" in home.content.decode()
    # Drafts of the programme are not public.
    assert client.get("/van-ban/du-thao-quy-dinh-nhuan-but/").status_code == 404
    page = client.get("/van-ban/629-qd-ubnd/").content.decode()
    assert "Văn bản minh họa" in page
    assert "25/05/2015" in page


def test_demo_users_only_where_enabled(settings):
    settings.DEMO_USERS_ENABLED = False
    call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()


def test_demo_users_have_one_role_each(settings, client):
    settings.DEMO_USERS_ENABLED = True
    call_command("load_demo", stdout=StringIO())
    for username, *_names, _role in DEMO_USERS:
        user = get_user_model().objects.get(username=username)
        assert user.groups.count() == 1
        assert not user.is_superuser
        assert client.login(username=username, password=DEMO_PASSWORD)
        assert client.get("/admin/").status_code == 200
