"""Official DOCX export (Decree 30/2020/NĐ-CP Appendix I): ``export_document(page) -> bytes``."""

from documents.export.writer import DocxBuilder, HeaderSpec, export_document, export_filename

__all__ = ["DocxBuilder", "HeaderSpec", "export_document", "export_filename"]
