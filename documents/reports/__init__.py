"""Reports as DOCX: the comment-synthesis table and the drafting programme's progress report."""

from documents.reports.comments import comment_synthesis_docx
from documents.reports.programme import programme_report_docx

__all__ = ["comment_synthesis_docx", "programme_report_docx"]
