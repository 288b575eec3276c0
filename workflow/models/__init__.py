from .consultation import Comment, ConsultationRound, ResponseKind, SourceKind
from .dossier import DossierFile
from .numbers import NumberSequence
from .postponement import PostponementRequest, PostponementStatus
from .workflow import DocumentWorkflow

__all__ = [
    "Comment",
    "ConsultationRound",
    "DocumentWorkflow",
    "DossierFile",
    "NumberSequence",
    "PostponementRequest",
    "PostponementStatus",
    "ResponseKind",
    "SourceKind",
]
