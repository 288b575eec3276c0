from .audit import AuditEntry
from .consultation import Comment, ConsultationRound, ResponseKind, SourceKind
from .dossier import DossierFile
from .mail import OutgoingEmail
from .milestone import MILESTONE_STEPS, MilestoneText
from .numbers import NumberSequence
from .postponement import PostponementRequest, PostponementStatus
from .record import (
    Correction,
    CorrectionStatus,
    DeletedDocument,
    IssuedText,
    IssuedTextKind,
)
from .workflow import DocumentWorkflow, issued_here

__all__ = [
    "MILESTONE_STEPS",
    "AuditEntry",
    "Comment",
    "ConsultationRound",
    "Correction",
    "CorrectionStatus",
    "DeletedDocument",
    "DocumentWorkflow",
    "DossierFile",
    "IssuedText",
    "IssuedTextKind",
    "MilestoneText",
    "NumberSequence",
    "OutgoingEmail",
    "PostponementRequest",
    "PostponementStatus",
    "ResponseKind",
    "SourceKind",
    "issued_here",
]
