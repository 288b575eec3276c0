"""The public comment form on a draft under consultation."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PublicCommentForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=200)
    organisation = forms.CharField(
        label=_("Cơ quan, tổ chức (nếu có)"), max_length=200, required=False
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        help_text=_("Để nhận xác nhận đã tiếp nhận góp ý. Không được công khai."),
    )
    article = forms.ChoiceField(label=_("Góp ý cho"), required=False)
    text = forms.CharField(
        label=_("Nội dung góp ý"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill it in.
    website = forms.CharField(required=False, label=_("Để trống ô này"))

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", _("Toàn bộ dự thảo"))] + [
            (a["article"]["number"], _("Điều %(number)s") % {"number": a["article"]["number"]})
            for a in articles
        ]

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
