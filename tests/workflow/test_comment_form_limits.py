"""The staff comment form and ``services.record_comment``: limits counted after NFC, and a
comment the model refuses is a clerk's message, never a 500.

Before: the form checked lengths before NFC (an author of 200 "\\ufb2c" passed, grew to 600 and
overflowed the column), and ``record_comment`` let ``ValidationError`` reach the view.
"""

import pytest
from django.urls import reverse

from workflow import services
from workflow.errors import WorkflowError
from workflow.forms import CommentForm
from workflow.models import Comment
from workflow.models.consultation import SourceKind
from workflow.states import State

GROWS = "\ufb2c"  # one code point that NFC writes as three


def data(**fields) -> dict:
    return {
        "source_kind": SourceKind.AGENCY,
        "author": "Sở Nội vụ",
        "article": "2",
        "text": "Đề nghị làm rõ phạm vi điều chỉnh.",
        **fields,
    }


def test_the_form_limits_are_the_model_limits():
    fields = CommentForm().fields
    for name in ("author", "organisation", "article"):
        assert fields[name].max_length == Comment._meta.get_field(name).max_length, name


@pytest.mark.parametrize(
    "field, value", [("author", GROWS * 200), ("organisation", GROWS * 200), ("article", GROWS * 4)]
)
def test_a_value_that_grows_under_nfc_is_a_field_error(field, value):
    form = CommentForm(data(**{field: value}))
    assert not form.is_valid()
    assert list(form.errors) == [field]


def test_the_form_cleans_to_nfc_and_measures_the_stored_length():
    form = CommentForm(data(author="e\u0301" * 200, article="5a\u0301"))
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["author"], form.cleaned_data["article"]) == ("é" * 200, "5á")


@pytest.fixture
def consultation(normative_draft, walk):
    return walk(normative_draft, State.CONSULTATION)


@pytest.mark.django_db
def test_the_view_shows_the_error_and_stores_nothing(client, consultation, drafter):
    client.force_login(drafter)
    url = reverse("workflow:comment_add", args=[consultation.pk])
    response = client.post(url, data(author=GROWS * 200))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["author"]
    assert not Comment.objects.exists()

    assert client.post(url, data(author="Sở Tư pháp")).status_code == 302
    assert Comment.objects.get().author == "Sở Tư pháp"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, message",
    [
        (
            {"email": "x" * 308 + "@example.com"},
            "Thư điện tử: Giá trị này chỉ có tối đa 254 kí tự (hiện có 320)",
        ),
        (
            {"author": GROWS * 200},
            "Người / cơ quan góp ý: Giá trị này chỉ có tối đa 200 kí tự (hiện có 600)",
        ),
    ],
)
def test_record_comment_refuses_what_the_model_refuses(consultation, fields, message):
    with pytest.raises(WorkflowError) as error:
        services.record_comment(workflow=consultation, **data(**fields))
    assert error.value.messages == [message]
    assert not Comment.objects.exists()
