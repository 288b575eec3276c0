"""Admin forms for steps that need data, dossier uploads, comments and postponements."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.forms import NFCCharField

from .dossier import DossierKind
from .models.consultation import Comment, ResponseKind, SourceKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        help_text=help_text,
    )


class TransitionForm(forms.Form):
    expected_state = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Được lưu vào lịch sử và gửi kèm thông báo."),
    )

    def step_data(self) -> dict:
        """Keyword arguments for ``services.perform_transition`` besides name, user and note."""
        return {}


class ReasonForm(TransitionForm):
    note = forms.CharField(
        label=_("Lý do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bắt buộc. Được lưu vào lịch sử và gửi kèm thông báo."),
    )


class ConsultationForm(TransitionForm):
    ends_on = date_field(_("Ngày kết thúc lấy ý kiến"))

    def step_data(self) -> dict:
        return {"consultation_ends_on": self.cleaned_data["ends_on"]}


class IssueForm(TransitionForm):
    number = forms.CharField(
        label=_("Số, ký hiệu"),
        required=False,
        max_length=60,
        help_text=_("Để trống để hệ thống cấp số tiếp theo trong sổ."),
    )
    issued_on = date_field(_("Ngày ban hành (ngày ký)"))
    effective_on = date_field(
        _("Ngày có hiệu lực"),
        required=False,
        help_text=_("Văn bản QPPL: không sớm hơn 10 ngày kể từ ngày ký."),
    )
    signer = forms.CharField(label=_("Người ký"), max_length=120)
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một chức danh, ví dụ: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH trên hai dòng."),
    )

    def step_data(self) -> dict:
        from .services import IssueData

        data = self.cleaned_data
        return {
            "issue": IssueData(
                number=data["number"],
                issued_on=data["issued_on"],
                effective_on=data["effective_on"],
                signer=data["signer"],
                signer_title=data["signer_title"],
            )
        }


class PublishForm(TransitionForm):
    gazette_sent_on = date_field(_("Ngày gửi Công báo"), required=False)
    gazette_reference = forms.CharField(label=_("Số Công báo"), required=False, max_length=100)

    def step_data(self) -> dict:
        return {
            "gazette_sent_on": self.cleaned_data["gazette_sent_on"],
            "gazette_reference": self.cleaned_data["gazette_reference"],
        }


FORMS = {
    "": TransitionForm,
    "reason": ReasonForm,
    "consultation": ConsultationForm,
    "issue": IssueForm,
    "publish": PublishForm,
}


class DossierUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hồ sơ"))
    file = forms.FileField(label=_("Tệp"), help_text=_("Tệp Word (.docx) hoặc PDF, tối đa 20 MB."))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, kinds: list[DossierKind], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]


def comment_limit(name: str) -> int:
    return Comment._meta.get_field(name).max_length


class CommentForm(forms.Form):
    source_kind = forms.ChoiceField(
        label=_("Nguồn"), choices=[c for c in SourceKind.choices if c[0] != SourceKind.PORTAL]
    )
    author = NFCCharField(label=_("Người / cơ quan góp ý"), max_length=comment_limit("author"))
    organisation = NFCCharField(
        label=_("Đơn vị"), max_length=comment_limit("organisation"), required=False
    )
    article = NFCCharField(label=_("Điều"), max_length=comment_limit("article"), required=False)
    text = NFCCharField(label=_("Nội dung góp ý"), widget=forms.Textarea(attrs={"rows": 5}))


class ResponseForm(forms.Form):
    response_kind = forms.ChoiceField(label=_("Hình thức xử lý"), choices=ResponseKind.choices)
    response_text = forms.CharField(
        label=_("Nội dung tiếp thu, giải trình"), widget=forms.Textarea(attrs={"rows": 5})
    )


class PostponementForm(forms.Form):
    new_planned = date_field(
        _("Thời hạn trình mới"), help_text=_("Tháng đề nghị trình; ngày được tính là ngày 01.")
    )
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 4}))
    letter = forms.FileField(label=_("Công văn đề nghị (PDF hoặc .docx)"), required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("approve", _("Chấp thuận")), ("reject", _("Không chấp thuận"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CorrectionOpenForm(forms.Form):
    reason = forms.CharField(
        label=_("Sai sót cần đính chính"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ví dụ: Điều 5 khoản 2 ghi sai số hiệu văn bản dẫn chiếu."),
    )


class CorrectionApplyForm(forms.Form):
    reference = forms.CharField(
        label=_("Văn bản đính chính"),
        max_length=200,
        help_text=_("Số, ký hiệu và ngày của văn bản đính chính, ví dụ: 120/QĐ-UBND ngày …"),
    )


class CorrectionCancelForm(forms.Form):
    pass


class AllowPublicationForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do cho phép đăng tải"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Bắt buộc. Được lưu vào nhật ký quy trình. Ví dụ: văn bản giấy ký tay, bản chụp "
            "được Văn phòng UBND tỉnh xác nhận."
        ),
    )
