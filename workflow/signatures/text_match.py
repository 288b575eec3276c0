"""Is the signed text the issued text? The PDF's text is extracted (pypdf), page furniture is
dropped (page numbers, a line repeated at the top or bottom of every page), words broken by a
hyphen at a line's end are joined, and the words are compared one by one with the issued text,
both in ``cms.text.exact_form`` (NFC, one tone-mark position, lower case): a changed diacritic
("phạt"/"phát") is a difference, punctuation, spacing, line breaks and case are not.
"""

import difflib
import io
import logging
import re
from dataclasses import asdict, dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from cms.text import WORD, exact_form, nfc

from . import pdf_input

logger = logging.getLogger(__name__)

# A PDF text longer than this is not compared word by word (the comparison is quadratic at
# worst); the signatures are still checked.
MAX_COMPARED_WORDS = 60_000
# Words of context on each side of a difference.
CONTEXT_WORDS = 5
# "3", "- 3 -", "Trang 3", "3/12", "Trang 3/12": a line that is only a page number.
_PAGE_NUMBER = re.compile(r"^\W*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?\W*$", re.IGNORECASE)
# A word broken at a line's end: a letter, a hyphen, the line break, a lower-case letter.
_BROKEN_WORD = re.compile(r"(\w)-\n([^\W\d_])")


@dataclass(frozen=True)
class TextDifference:
    """One place where the texts differ: words of the issued text and of the PDF (either may
    be empty: missing from or added in the PDF), with the issued words around them."""

    issued: str
    signed: str
    before: str
    after: str


@dataclass(frozen=True)
class TextMatch:
    percent: float  # 0-100: words in common, relative to both texts
    issued_words: int
    signed_words: int
    difference_count: int
    differences: tuple[TextDifference, ...]  # the first ones

    @property
    def is_exact(self) -> bool:
        return self.difference_count == 0


def too_long_to_compare(pdf_text: str) -> bool:
    """A text compared word by word would take too long (``MAX_COMPARED_WORDS``)."""
    return len(WORD.findall(pdf_text)) > MAX_COMPARED_WORDS


def match_to_json(match: TextMatch) -> dict:
    """The match as plain JSON (stored with a dossier file); ``match_from_json`` reads it."""
    return asdict(match)


def match_from_json(data: dict) -> TextMatch:
    differences = tuple(TextDifference(**item) for item in data["differences"])
    return TextMatch(**{**data, "differences": differences})


def extract_pdf_text(*, data: bytes) -> str:
    """The PDF's text, page furniture removed. Raises ``pdf_input.UnreadablePdf``."""
    pdf_input.check_pdf_bytes(data=data)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise pdf_input.UnreadablePdf(pdf_input.ENCRYPTED)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, RecursionError) as error:
        logger.info("PDF text not extracted: %s", error)
        raise pdf_input.UnreadablePdf(pdf_input.MALFORMED) from error
    return "\n".join(_without_furniture([nfc(page).splitlines() for page in pages]))


def _without_furniture(pages: list[list[str]]) -> list[str]:
    lines_of = [[line.strip() for line in page if line.strip()] for page in pages]
    lines_of = [[line for line in page if not _PAGE_NUMBER.match(line)] for page in lines_of]
    repeated = set()
    if len(lines_of) > 1:
        for edge in (0, -1):
            ends = {page[edge] if page else None for page in lines_of}
            if len(ends) == 1 and None not in ends:
                repeated |= ends
    return [line for page in lines_of for line in page if line not in repeated]


def _words(text: str) -> list[str]:
    joined = _BROKEN_WORD.sub(lambda m: m[1] + m[2] if m[2].islower() else m[0], text)
    return WORD.findall(nfc(joined))


def compare_with_issued_text(
    *, pdf_text: str, issued_text: str, max_differences: int = 10
) -> TextMatch:
    """Word-by-word comparison of the signed PDF's text with the issued text."""
    issued, signed = _words(issued_text), _words(pdf_text)
    matcher = difflib.SequenceMatcher(
        a=[exact_form(word) for word in issued],
        b=[exact_form(word) for word in signed],
        autojunk=False,
    )
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    common = sum(block.size for block in matcher.get_matching_blocks())
    total = len(issued) + len(signed)
    return TextMatch(
        percent=round(100 * 2 * common / total, 1) if total else 100.0,
        issued_words=len(issued),
        signed_words=len(signed),
        difference_count=len(changes),
        differences=tuple(
            TextDifference(
                issued=" ".join(issued[i1:i2]),
                signed=" ".join(signed[j1:j2]),
                before=" ".join(issued[max(0, i1 - CONTEXT_WORDS) : i1]),
                after=" ".join(issued[i2 : i2 + CONTEXT_WORDS]),
            )
            for _tag, i1, i2, j1, j2 in changes[:max_differences]
        ),
    )
