"""The public comment form holds exactly what the comment model stores, counted after NFC.

Before: an e-mail of 255-320 characters passed the form and failed the model (HTTP 500); a name
that grows under NFC passed the form and overflowed the column (PostgreSQL: HTTP 500; SQLite:
stored over the limit).
"""

import pytest

from cms import forms as public_forms
from cms.forms import PublicCommentForm
from workflow.models import Comment

pytestmark = pytest.mark.django_db

# U+FB2C is excluded from composition: NFC turns one code point into three.
GROWS = "\ufb2c"
# "é" written decomposed: NFC turns two code points into one.
SHRINKS = "e\u0301"
EMAIL_320 = "x" * (320 - len("@example.com")) + "@example.com"


def url(page) -> str:
    return f"/lay-y-kien/{page.pk}/"


def post(client, page, **fields):
    data = {"name": "Nguyễn Văn A", "text": "Đề nghị làm rõ phạm vi điều chỉnh.", **fields}
    return client.post(url(page), data)


def test_the_form_limits_are_the_model_limits():
    limits = {
        "author": public_forms.AUTHOR_MAX_LENGTH,
        "organisation": public_forms.ORGANISATION_MAX_LENGTH,
        "email": public_forms.EMAIL_MAX_LENGTH,
    }
    assert limits == {name: Comment._meta.get_field(name).max_length for name in limits}
    fields = PublicCommentForm().fields
    assert (
        fields["name"].max_length,
        fields["organisation"].max_length,
        fields["email"].max_length,
    ) == (limits["author"], limits["organisation"], limits["email"])


def test_an_email_longer_than_the_model_allows_is_a_field_error(client, open_draft):
    assert len(EMAIL_320) == 320
    response = post(client, open_draft, email=EMAIL_320)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["email"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize("field", ["name", "organisation"])
def test_a_value_that_grows_under_nfc_is_a_field_error(client, open_draft, field):
    response = post(client, open_draft, **{field: GROWS * 200})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert "600" in response.context["form"].errors[field][0]  # the length that would be stored
    assert not Comment.objects.exists()


def test_a_decomposed_name_is_measured_as_stored(client, open_draft):
    # 400 code points as typed, 200 letters once composed: exactly the column's size.
    response = post(client, open_draft, name=SHRINKS * 200, email="a@example.vn")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == "\u00e9" * 200


def test_the_form_cleans_to_nfc():
    form = PublicCommentForm(
        {
            "name": "Nguye\u0302\u0303n",
            "organisation": "So\u031b\u0309",
            "text": "Go\u0301p y\u0301",
        }
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["name"], form.cleaned_data["organisation"]) == ("Nguyễn", "Sở")
    assert form.cleaned_data["text"] == "Góp ý"
