from .consultation import Comment, ConsultationRound, ResponseKind, SourceKind
from .dossier import DossierFile
from .mail import OutgoingEmail
from .numbers import NumberSequence
from .postponement import PostponementRequest, PostponementStatus
from .workflow import DocumentWorkflow

__all__ = [
    "Comment",
    "ConsultationRound",
    "DocumentWorkflow",
    "DossierFile",
    "NumberSequence",
    "OutgoingEmail",
    "PostponementRequest",
    "PostponementStatus",
    "ResponseKind",
    "SourceKind",
]
