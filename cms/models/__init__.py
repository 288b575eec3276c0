from .pages import (
    ConsultationIndexPage,
    DocumentIndexPage,
    HomePage,
    LegalDocumentPage,
    LegalDocumentQuerySet,
)
from .relations import REVERSE_LABELS, DocumentRelation, RelationKind
from .snippets import DocumentType, IssuingBody, Sector

__all__ = [
    "REVERSE_LABELS",
    "ConsultationIndexPage",
    "DocumentIndexPage",
    "DocumentRelation",
    "DocumentType",
    "HomePage",
    "IssuingBody",
    "LegalDocumentPage",
    "LegalDocumentQuerySet",
    "RelationKind",
    "Sector",
]
