from .identity import DeploymentIdentity, PortalNames
from .pages import (
    ConsultationIndexPage,
    DocumentIndexPage,
    HomePage,
    LegalDocumentPage,
    LegalDocumentQuerySet,
)
from .relations import REVERSE_LABELS, DocumentRelation, RelationKind
from .snippets import DocumentType, IssuingBody, Sector, central_body_place

__all__ = [
    "REVERSE_LABELS",
    "ConsultationIndexPage",
    "DeploymentIdentity",
    "DocumentIndexPage",
    "DocumentRelation",
    "DocumentType",
    "HomePage",
    "IssuingBody",
    "LegalDocumentPage",
    "LegalDocumentQuerySet",
    "PortalNames",
    "RelationKind",
    "Sector",
    "central_body_place",
]
