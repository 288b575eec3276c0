"""Official DOCX export (Decree 30/2020/NĐ-CP Appendix I): ``export_document(page) -> bytes``.

``docx_builder``: the generic python-docx builder; ``layout``: the decree's values and their
sources; ``official``: the official layout's blocks on that builder; ``page_export``: a legal
document page in that layout; ``stored``: the portal's file of a published revision, built once.
"""

from documents.export.page_export import export_document, export_filename

__all__ = ["export_document", "export_filename"]
