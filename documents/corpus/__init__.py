"""The corpus import: issued documents from JSON Lines files become published pages.

``records`` reads the files into typed records, ``inference`` infers what the records do not
say (codes, normative or not), ``importer`` creates and updates the pages; the body is built
by ``documents.convert``, as for a DOCX import.
"""
