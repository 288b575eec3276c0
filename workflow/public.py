"""What the public portal may see of the workflow: drafts open for comment, and their comments
going in (never out)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from cms.process import CommentRefused

from . import notifications, services
from .dossier import DossierKind
from .errors import WorkflowError
from .models import ConsultationRound, DocumentWorkflow
from .models.consultation import SourceKind
from .states import State


@dataclass(frozen=True)
class OpenConsultation:
    workflow: DocumentWorkflow
    round: ConsultationRound

    @property
    def page(self):
        return self.workflow.page

    def days_left(self, today: datetime.date | None = None) -> int:
        return max((self.round.ends_on - (today or timezone.localdate())).days, 0)


def open_consultations() -> list[OpenConsultation]:
    """Drafts currently open for comment, closing soonest first."""
    open_rounds = ConsultationRound.objects.filter(closed_on__isnull=True)
    workflows = (
        DocumentWorkflow.objects.in_state(State.CONSULTATION)
        .with_page()
        .prefetch_related(Prefetch("consultation_rounds", open_rounds, to_attr="open_rounds"))
    )
    found = [OpenConsultation(w, w.open_rounds[-1]) for w in workflows if w.open_rounds]
    return sorted(found, key=lambda c: c.round.ends_on)


def open_consultation(page_id: int) -> OpenConsultation | None:
    return next((c for c in open_consultations() if c.page.pk == page_id), None)


def submit_public_comment(
    *,
    consultation: OpenConsultation,
    name: str,
    organisation: str,
    email: str,
    article: str,
    text: str,
):
    """A comment sent from the portal: stored for the drafting team, never shown publicly.

    A commenter who gave an address gets a receipt, queued in the same transaction as the
    comment (sent after commit, retried while the mail server is down)."""
    with transaction.atomic():
        comment = services.record_comment(
            workflow=consultation.workflow,
            source_kind=SourceKind.PORTAL,
            author=name,
            organisation=organisation,
            email=email,
            article=article,
            text=text,
        )
        if email:
            notifications.queue_comment_receipt(
                email=email, name=name, title=consultation.page.title
            )
    return comment


def published_signed_copy(page_id: int):
    """The latest signed copy of a published document, or None (drafts never have one here)."""
    workflow = (
        DocumentWorkflow.objects.filter(page_id=page_id, state=State.PUBLISHED, page__live=True)
        .only("pk")
        .first()
    )
    if workflow is None:
        return None
    return workflow.dossier_files.filter(kind=DossierKind.SIGNED_COPY).order_by("-version").first()


class PortalProcess:
    """The ``cms.process.PublicProcess`` the portal's pages use (registered in ``apps.py``)."""

    def open_consultations(self) -> list[OpenConsultation]:
        return open_consultations()

    def open_consultation(self, page_id: int) -> OpenConsultation | None:
        return open_consultation(page_id)

    def submit_comment(self, **fields) -> None:
        try:
            submit_public_comment(**fields)
        except WorkflowError as exc:
            raise CommentRefused(*exc.messages) from exc

    def signed_copy(self, page_id: int):
        return published_signed_copy(page_id)
