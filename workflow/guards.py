"""Side-effect-free transition conditions that can say, in Vietnamese, why they fail.

A guard is a django-fsm condition (``guard(workflow) -> bool``) with ``problems(workflow)``
listing what blocks the step; the admin shows those lines next to the disabled button.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import signed_original
from .states import State


class Guard:
    def __init__(self, check: Callable[..., list[str]]):
        self.check = check
        self.__name__ = check.__name__

    def problems(self, workflow) -> list[str]:
        return self.check(workflow)

    def __call__(self, workflow) -> bool:
        return not self.check(workflow)


def dossier_complete(transition: str) -> Guard:
    def check(workflow) -> list[str]:
        missing = workflow.missing_items(transition)
        if not missing:
            return []
        labels = ", ".join(str(kind.label) for kind in missing)
        return [_("Hồ sơ còn thiếu: %(items)s.") % {"items": labels}]

    check.__name__ = f"dossier_complete_{transition}"
    return Guard(check)


@Guard
def is_normative(workflow) -> list[str]:
    if workflow.is_normative:
        return []
    return [_("Chỉ văn bản quy phạm pháp luật mới gửi Sở Tư pháp thẩm định.")]


@Guard
def consulted_at_least_once(workflow) -> list[str]:
    # Related rows are read whole (.all()): from the prefetch when the list has one.
    if any(r.closed_on is not None for r in workflow.consultation_rounds.all()):
        return []
    return [_("Dự thảo chưa qua đợt lấy ý kiến nào (phải lấy ý kiến và kết thúc ít nhất một đợt).")]


@Guard
def all_comments_answered(workflow) -> list[str]:
    pending = sum(1 for comment in workflow.comments.all() if not comment.response_kind)
    if not pending:
        return []
    return [
        ngettext(
            "Còn %(count)d ý kiến góp ý chưa có giải trình, tiếp thu.",
            "Còn %(count)d ý kiến góp ý chưa có giải trình, tiếp thu.",
            pending,
        )
        % {"count": pending}
    ]


@Guard
def appraised_if_normative(workflow) -> list[str]:
    """Administrative documents go from drafting to submission; normative ones need appraisal."""
    if workflow.is_normative and workflow.state != State.APPRAISED:
        return [_("Văn bản quy phạm pháp luật phải được Sở Tư pháp thẩm định trước khi trình.")]
    return []


@Guard
def no_open_correction(workflow) -> list[str]:
    """What goes online is a settled text: not while a correction is being prepared."""
    if any(c.status == "open" for c in workflow.corrections.all()):
        return [_("Văn bản đang được đính chính: hoàn tất hoặc hủy đính chính trước khi đăng tải.")]
    return []


@Guard
def signed_original_verified(workflow) -> list[str]:
    """The latest signed copy verifies (signatures, trusted chain, the issued text), or
    leadership allowed its publication (``workflow.signed_original``)."""
    return signed_original.publish_problems(workflow)
