"""Validity status (tình trạng hiệu lực) derived from dates and relations, never typed by hand."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Validity(models.TextChoices):
    NOT_YET = "not_yet", _("Chưa có hiệu lực")
    IN_FORCE = "in_force", _("Còn hiệu lực")
    PARTLY_EXPIRED = "partly_expired", _("Hết hiệu lực một phần")
    EXPIRED = "expired", _("Hết hiệu lực toàn bộ")


@dataclass(frozen=True)
class Termination:
    """A later document that replaces or repeals this one, wholly or in part."""

    effective_on: datetime.date | None
    partial: bool


def derive_validity(
    *,
    issued_on: datetime.date | None,
    effective_on: datetime.date | None,
    expires_on: datetime.date | None,
    terminations: Iterable[Termination] = (),
    on: datetime.date,
) -> Validity | None:
    """The status on day ``on``; ``None`` for a document that has not been issued.

    A document without an effective date takes effect when signed (administrative
    documents usually do). A termination counts from its own effective date.
    """
    if issued_on is None:
        return None
    if (effective_on or issued_on) > on:
        return Validity.NOT_YET
    if expires_on is not None and expires_on <= on:
        return Validity.EXPIRED
    in_force = [t for t in terminations if t.effective_on is not None and t.effective_on <= on]
    if any(not t.partial for t in in_force):
        return Validity.EXPIRED
    if in_force:
        return Validity.PARTLY_EXPIRED
    return Validity.IN_FORCE
