"""Comparison of two drafts of a document, article by article (issue 14): ``diff`` holds the pure
comparison, ``table`` the three-column DOCX table of appraisal dossiers."""
