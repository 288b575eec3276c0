"""What Wagtail's own page actions may do to the official record, asked of one policy.

Every admin path Wagtail offers (editor, delete, move, copy, unpublish, privacy, revisions,
bulk actions, the API) asks ``page.permissions_for_user(user)`` before it acts. Our page
classes answer with ``RecordPermissionTester``, which first asks the record policy. The
workflow app registers that policy (``register_policy``) because the rules depend on the
drafting state, and cms must not import workflow. Without a policy (a cms-only context)
Wagtail's rules apply alone.

The policy answers a refusal in Vietnamese or ``None``; the same answer hides the buttons,
refuses the request (``refusal`` is shown to the user) and drives the model-level nets.
"""

import enum
from collections.abc import Callable
from typing import Protocol

from wagtail.models import PagePermissionTester


class PageAction(enum.StrEnum):
    EDIT = "edit"  # save a draft revision, revert to an old revision
    DELETE = "delete"
    MOVE = "move"
    COPY = "copy"  # a new draft from this page (aliases and live copies are never allowed)
    PUBLISH = "publish"  # Wagtail's publish, bulk publish, scheduled go-live
    UNPUBLISH = "unpublish"  # Wagtail's unpublish, bulk unpublish, expiry
    PRIVACY = "privacy"  # page view restrictions


Checker = Callable[[PageAction], str | None]


class Policy(Protocol):
    def checker(self, page) -> Checker: ...

    def row_follows_drafts(self, page) -> bool: ...


_policy: Policy | None = None


def register_policy(policy: Policy | None) -> None:
    global _policy
    _policy = policy


def _allow_all(action: PageAction) -> None:
    return None


def checker(page) -> Checker:
    if _policy is None or page.pk is None:
        return _allow_all
    return _policy.checker(page)


def refusal(page, action: PageAction) -> str | None:
    """Why ``action`` is refused on ``page`` (a message for the user), or None when allowed."""
    return checker(page)(action)


def row_follows_drafts(page) -> bool:
    return _policy is None or page.pk is None or _policy.row_follows_drafts(page)


class RecordPermissionTester(PagePermissionTester):
    """Wagtail's tester, narrowed by the record policy for every user, superusers included."""

    def _allowed(self, action: PageAction) -> bool:
        if not hasattr(self, "_check"):
            self._check = checker(self.page)
        return self._check(action) is None

    def can_edit(self):
        return self._allowed(PageAction.EDIT) and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._allowed(PageAction.DELETE) and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        # Wagtail ties moving to deleting; for the record they differ (a draft may move).
        return self._allowed(PageAction.MOVE) and super().can_delete(ignore_bulk=True)

    def can_move_to(self, destination):
        # Wagtail lets superusers move anything anywhere: not for the record.
        return self.can_move() and super().can_move_to(destination)

    def can_copy(self):
        return self._allowed(PageAction.COPY) and super().can_edit()

    def can_publish(self):
        return self._allowed(PageAction.PUBLISH) and super().can_publish()

    def can_unpublish(self):
        return self._allowed(PageAction.UNPUBLISH) and super().can_unpublish()

    def can_set_view_restrictions(self):
        return self._allowed(PageAction.PRIVACY) and super().can_publish()

    def can_unschedule(self):
        return self._allowed(PageAction.PUBLISH) and super().can_publish()


class RecordPagesMixin:
    """For page classes: Wagtail's permission checks go through ``RecordPermissionTester``."""

    def permissions_for_user(self, user):
        return RecordPermissionTester(user, self)
