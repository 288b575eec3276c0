from .identity import DeploymentIdentity, PortalNames
from .pages import (
    ConsultationIndexPage,
    DocumentIndexPage,
    HomePage,
    LegalDocumentPage,
    LegalDocumentQuerySet,
)
from .relations import DocumentRelation
from .snippets import DocumentType, IssuingBody, Sector, central_body_place

__all__ = [
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
    "Sector",
    "central_body_place",
]
