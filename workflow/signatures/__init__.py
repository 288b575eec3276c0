"""Signed originals: verification of signed PDFs and comparison of their text with the issued
text (issue 17). Pure services on bytes and text, no models: storing the results, the publish
guard and the public page build on them (docs/documents.md, "Signed originals: verification")."""
