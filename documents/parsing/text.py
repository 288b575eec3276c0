"""Plain-text reader."""

from documents.parsing.model import ParsedDocument
from documents.parsing.parser import parse_blocks


def parse_text(text: str) -> ParsedDocument:
    """Parse a legal text given as plain text, one paragraph per line."""
    return parse_blocks(text.splitlines())
