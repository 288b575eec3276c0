"""Vietnamese in the admin outside the browser walk: humanised dates, the JavaScript catalogue,
date formats, the login form."""

import datetime
import json

import pytest
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.timesince import timesince
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

from tests.browser.english import english_words


@pytest.fixture
def vietnamese():
    with translation.override("vi"):
        yield


def test_humanised_dates_have_vietnamese_units(vietnamese):
    now = timezone.now()
    assert timesince(now - datetime.timedelta(hours=22), now) == "22\xa0giờ"
    assert timesince_simple(now - datetime.timedelta(days=4020)).endswith("năm trước")
    for delta in (datetime.timedelta(minutes=5), datetime.timedelta(days=400)):
        past, future = naturaltime(now - delta), naturaltime(now + delta)
        assert past.endswith("trước") and future.endswith("sau")
        assert english_words(past) == english_words(future) == []


def test_dates_are_day_month_year(vietnamese):
    day = datetime.date(2026, 3, 2)
    assert formats.date_format(day) == formats.date_format(day, "SHORT_DATE_FORMAT") == "02/03/2026"


@pytest.mark.django_db
def test_wagtails_javascript_strings_are_vietnamese(client):
    client.cookies["django_language"] = "vi"
    with translation.override("vi"):
        catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    for text in ("Thu gọn tất cả", "Chèn khối nội dung", "Tìm trong các lựa chọn…"):
        assert json.dumps(text) in catalogue  # the catalogue escapes non-ASCII as JSON does


@pytest.mark.django_db
def test_login_form_labels_the_password_in_vietnamese(client):
    html = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Mật khẩu" in html and ">Password<" not in html


def test_a_date_column_shows_a_date_and_a_moment_relative(vietnamese):
    day = render_to_string(
        "wagtailadmin/tables/date_cell.html", {"value": datetime.date(2015, 3, 2)}
    )
    assert "02/03/2015" in day and "trước" not in day
    moment = timezone.now() - datetime.timedelta(hours=22)
    assert "22\xa0giờ trước" in render_to_string(
        "wagtailadmin/tables/date_cell.html", {"value": moment}
    )
