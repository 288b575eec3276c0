"""The publish rule on the signed original (issue 17): the latest signed copy of an issued
document must be a PDF whose every signature verifies (unaltered, certificate valid when it
signed, chained to a configured trust root, not revoked) and whose text matches the pinned
issued text (``SIGNED_TEXT_MATCH_THRESHOLD``), unless leadership allowed its publication with
a reason (``DossierFile.override_reason``). Read-only: the ``publish`` guard and the workflow
page ask it; ``signed_copies.allow_publication`` records the override.

No signed copy at all is the dossier guard's business ("Hồ sơ còn thiếu"), not this one's.
"""

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .dossier import DossierKind


def text_threshold() -> float:
    return float(settings.SIGNED_TEXT_MATCH_THRESHOLD)


def latest_signed_copy(workflow):
    """The latest version of the signed copy, read from the workflow's dossier files (whole,
    so a prefetch serves it); None without one."""
    copies = [f for f in workflow.dossier_files.all() if f.kind == DossierKind.SIGNED_COPY]
    return max(copies, key=lambda f: f.version, default=None)


def text_matches(match) -> bool:
    """Exact, or (below a threshold of 100) at least the threshold's percentage of words."""
    threshold = text_threshold()
    return match.is_exact or (threshold < 100 and match.percent >= threshold)


def verification_problems(copy) -> list[str]:
    """Why ``copy`` (a signed-copy dossier file) is not a verified signed original, in
    Vietnamese; [] when it is. The override is not considered here."""
    check = copy.signature_check
    if check is None:
        return [_("Bản gốc đã ký mới nhất không phải là tệp PDF có chữ ký số.")]
    problems = list(check.report.messages)
    for number, signature in enumerate(check.report.signatures, start=1):
        problems.extend(
            _("Chữ ký thứ %(number)d: %(problem)s") % {"number": number, "problem": message}
            for message in signature.messages
        )
    if check.text is None:
        problems.append(check.text_note)
    elif not text_matches(check.text):
        problems.append(
            _(
                "Nội dung tệp chỉ giống %(percent)s%% với văn bản đã ban hành "
                "(yêu cầu %(threshold)s%%)."
            )
            % {
                "percent": number_format(check.text.percent),
                "threshold": number_format(text_threshold()),
            }
        )
    return list(dict.fromkeys(problems))  # an unreadable file says so once


def publish_problems(workflow) -> list[str]:
    """What keeps the document from being published because of its signed original."""
    copy = latest_signed_copy(workflow)
    if copy is None or copy.override_at is not None:
        return []
    problems = verification_problems(copy)
    if not problems:
        return []
    return [
        _("Bản gốc đã ký chưa được xác minh nên chưa được đăng tải:"),
        *problems,
        _("Tải lên bản gốc đã ký hợp lệ, hoặc Lãnh đạo Sở cho phép đăng tải và ghi rõ lý do."),
    ]
