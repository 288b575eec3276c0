from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _


def send_comment_receipt(email: str, *, name: str, title: str) -> None:
    """Tell a commenter their comment reached the drafting team."""
    send_mail(
        _("Đã nhận góp ý của bạn"),
        _(
            "Kính gửi %(name)s,\n\nCơ quan soạn thảo đã nhận được góp ý của bạn cho dự thảo "
            "“%(title)s”. Góp ý sẽ được tổng hợp, tiếp thu hoặc giải trình theo quy định.\n\n"
            "Trân trọng."
        )
        % {"name": name, "title": title},
        settings.DEFAULT_FROM_EMAIL,
        [email],
        fail_silently=True,
    )
