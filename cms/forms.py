"""The public comment form on a draft under consultation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .text import nfc

# The limits of workflow's Comment (author, organisation, email), which cms may not import;
# tests/cms/test_comment_form_limits.py keeps them equal.
AUTHOR_MAX_LENGTH = 200
ORGANISATION_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254


class NFCMixin:
    """Cleans to NFC before the length validators run: the length checked is the length stored."""

    def to_python(self, value):
        value = super().to_python(value)
        return nfc(value) if isinstance(value, str) else value


class NFCCharField(NFCMixin, forms.CharField):
    pass


class NFCEmailField(NFCMixin, forms.EmailField):
    pass


class PublicCommentForm(forms.Form):
    name = NFCCharField(label=_("Họ và tên"), max_length=AUTHOR_MAX_LENGTH)
    organisation = NFCCharField(
        label=_("Cơ quan, tổ chức (nếu có)"), max_length=ORGANISATION_MAX_LENGTH, required=False
    )
    email = NFCEmailField(
        label=_("Thư điện tử"),
        max_length=EMAIL_MAX_LENGTH,
        required=False,
        help_text=_("Để nhận xác nhận đã tiếp nhận góp ý. Không được công khai."),
    )
    article = forms.ChoiceField(label=_("Góp ý cho"), required=False)
    text = NFCCharField(
        label=_("Nội dung góp ý"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill it in.
    website = forms.CharField(required=False, label=_("Để trống ô này"))

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", _("Toàn bộ dự thảo"))] + [
            (a.number, _("Điều %(number)s") % {"number": a.cited_number}) for a in articles
        ]

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
