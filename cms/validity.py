"""Validity status (tình trạng hiệu lực) derived from dates and relations, never typed by hand.

The one home of the rule. A later issued document ends this one when it replaces or repeals
it (``TERMINATING_KINDS``): wholly, or in part when the relation is ``partial``, from the day
that document takes effect. Each document's terminations reduce to the earliest day of each
extent (``terminated_on``, ``partly_terminated_on``), and ``RULE`` reads those dates: its first
clause that holds on the day asked gives the status.

A status needs evidence (docs/documents.md, "Validity that is true"). Dates and terminating
relations are evidence of what they say; that a document is still in force is known only when
the system saw it issued (``ValidityEvidence.ISSUED``: the workflow's issue step) or its source
record says so (``ValidityEvidence.SOURCE``). A document with neither (``validity_evidence``
NULL: an imported text whose source states no status) is ``UNKNOWN`` where it would otherwise
be in force. Relations rejected by staff are no evidence (``terminating``).

Every engine evaluates ``RULE`` itself, so none can drift from it:

- Python: ``derive_validity`` and ``ValidityDates.status_on`` (the embedded search backends,
  on the dates they index);
- SQL: ``annotate_validity`` (the portal's listing annotates and filters by it);
- Elasticsearch: ``search.backends.elasticsearch`` translates ``RULE`` into queries over the
  indexed dates (this layer knows nothing of search).

``tests/cms/test_validity_parity.py`` checks every engine against one table of cases.
"""

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Case, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cms.relation_kinds import RelationKind, RelationReview


class Validity(models.TextChoices):
    NOT_YET = "not_yet", _("Chưa có hiệu lực")
    IN_FORCE = "in_force", _("Còn hiệu lực")
    PARTLY_EXPIRED = "partly_expired", _("Hết hiệu lực một phần")
    EXPIRED = "expired", _("Hết hiệu lực toàn bộ")
    UNKNOWN = "unknown", _("Chưa xác định")


class ValidityEvidence(models.TextChoices):
    """What shows that a document not ended by a date or a relation is still in force."""

    ISSUED = "issued", _("Ban hành qua hệ thống")
    SOURCE = "source", _("Nguồn dữ liệu ghi còn hiệu lực")


# Relations by which the source document ends its target (wholly, or in part when ``partial``).
TERMINATING_KINDS = frozenset({RelationKind.REPLACES, RelationKind.REPEALS})


class Comparison(enum.Enum):
    """How a clause compares its date with the day asked."""

    MISSING = "missing"  # the document has no such date
    AFTER = "after"  # date > day
    REACHED = "reached"  # date <= day


@dataclass(frozen=True)
class Clause:
    """One clause of ``RULE``: where it holds, the document has ``status``."""

    field: str  # a field of ``ValidityDates``
    test: Comparison
    status: Validity | None

    def holds(self, value: Any, on: Any) -> bool:
        if self.test is Comparison.MISSING:
            return value is None
        if value is None:
            return False
        return value > on if self.test is Comparison.AFTER else value <= on


RULE: tuple[Clause, ...] = (
    Clause("issued_on", Comparison.MISSING, None),  # not issued: no status at all
    Clause("start_on", Comparison.AFTER, Validity.NOT_YET),
    Clause("expires_on", Comparison.REACHED, Validity.EXPIRED),
    Clause("terminated_on", Comparison.REACHED, Validity.EXPIRED),
    Clause("partly_terminated_on", Comparison.REACHED, Validity.PARTLY_EXPIRED),
    Clause("validity_evidence", Comparison.MISSING, Validity.UNKNOWN),  # nothing says in force
)
OTHERWISE = Validity.IN_FORCE


def start_of(*, issued_on: Any, effective_on: Any) -> Any:
    """The day a document takes effect: administrative documents without an effective date
    take effect when signed."""
    return effective_on or issued_on


@dataclass(frozen=True)
class ValidityDates:
    """The dates ``RULE`` reads. Any type that compares with the day asked: the embedded search
    index keeps ISO strings."""

    issued_on: Any
    effective_on: Any
    expires_on: Any
    terminated_on: Any  # the earliest day a whole termination counts from
    partly_terminated_on: Any  # the earliest day a partial one counts from
    validity_evidence: Any  # a ValidityEvidence value, None: no evidence of being in force

    @property
    def start_on(self) -> Any:
        return start_of(issued_on=self.issued_on, effective_on=self.effective_on)

    def status_on(self, on: Any) -> Validity | None:
        for clause in RULE:
            if clause.holds(getattr(self, clause.field), on):
                return clause.status
        return OTHERWISE


@dataclass(frozen=True)
class Termination:
    """A later document that replaces or repeals this one, wholly or in part."""

    effective_on: datetime.date | None
    partial: bool


def _earliest(days: Iterable[datetime.date | None]) -> datetime.date | None:
    return min((day for day in days if day is not None), default=None)


def derive_validity(
    *,
    issued_on: datetime.date | None,
    effective_on: datetime.date | None,
    expires_on: datetime.date | None,
    validity_evidence: str | None,
    terminations: Iterable[Termination] = (),
    on: datetime.date,
) -> Validity | None:
    """The status on day ``on``; ``None`` for a document that has not been issued.

    A termination counts from its own effective date (none: it never counts).
    """
    terminations = list(terminations)
    return ValidityDates(
        issued_on=issued_on,
        effective_on=effective_on,
        expires_on=expires_on,
        terminated_on=_earliest(t.effective_on for t in terminations if not t.partial),
        partly_terminated_on=_earliest(t.effective_on for t in terminations if t.partial),
        validity_evidence=validity_evidence,
    ).status_on(on)


# --- SQL -----------------------------------------------------------------------------------------


def _start_expression(prefix: str = "") -> Coalesce:
    """``start_of`` in SQL, for the document at ``prefix`` ("source__": a relation's source)."""
    return Coalesce(f"{prefix}effective_on", f"{prefix}issued_on")


def relation_start() -> Coalesce:
    """The day a ``DocumentRelation`` takes effect, in SQL: its own ``effective_from`` (a
    text's "hết hiệu lực kể từ ngày …"), else the day its source takes effect."""
    return Coalesce("effective_from", _start_expression("source__"))


def terminating(relations: models.QuerySet) -> models.QuerySet:
    """Those of ``relations`` (``DocumentRelation`` rows) that end their target, each annotated
    with ``ends_on``, the day it counts from (``relation_start``). A source that is not issued
    ends nothing; a relation staff rejected is no evidence."""
    return (
        relations.filter(kind__in=TERMINATING_KINDS, source__issued_on__isnull=False)
        .exclude(review=RelationReview.REJECTED)
        .annotate(ends_on=relation_start())
    )


_LOOKUPS = {Comparison.MISSING: "isnull", Comparison.AFTER: "gt", Comparison.REACHED: "lte"}


def _holds_in_sql(clause: Clause, on: datetime.date) -> Q:
    value = True if clause.test is Comparison.MISSING else on
    return Q(**{f"{clause.field}__{_LOOKUPS[clause.test]}": value})


def annotate_validity(documents: models.QuerySet, *, on: datetime.date) -> models.QuerySet:
    """``documents`` (legal document pages) annotated with ``validity_value``, the status on
    day ``on`` as its value (NULL: not issued), computed in the database by ``RULE``."""
    # The relation model read from the page model: cms.models imports this module.
    relations = documents.model._meta.get_field("incoming_relations").related_model.objects
    ends = terminating(relations.filter(target=OuterRef("pk")))

    def earliest(partial: bool) -> Subquery:
        return Subquery(ends.filter(partial=partial).order_by("ends_on").values("ends_on")[:1])

    dated = documents.annotate(
        start_on=_start_expression(),
        terminated_on=earliest(False),
        partly_terminated_on=earliest(True),
    )
    return dated.annotate(
        validity_value=Case(
            *(When(_holds_in_sql(clause, on), then=Value(clause.status)) for clause in RULE),
            default=Value(OTHERWISE),
            output_field=models.CharField(),
        )
    )
