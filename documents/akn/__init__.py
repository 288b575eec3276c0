"""Akoma Ntoso 3.0 (OASIS LegalDocML) for published documents: the FRBR names (``uri``) and the
XML (``builder``). docs/documents.md, "Open legal data (issue 15)", has the mapping."""

from .builder import AKN_NAMESPACE, akn_bytes, akn_tree
from .uri import WorkURI, work_uri

__all__ = ["AKN_NAMESPACE", "WorkURI", "akn_bytes", "akn_tree", "work_uri"]
