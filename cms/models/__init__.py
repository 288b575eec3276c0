from .pages import (
    ConsultationIndexPage,
    DocumentIndexPage,
    HomePage,
    LegalDocumentPage,
    LegalDocumentQuerySet,
)
from .relations import DocumentRelation
from .snippets import DocumentType, IssuingBody, Sector

__all__ = [
    "ConsultationIndexPage",
    "DocumentIndexPage",
    "DocumentRelation",
    "DocumentType",
    "HomePage",
    "IssuingBody",
    "LegalDocumentPage",
    "LegalDocumentQuerySet",
    "Sector",
]
