"""What reading one DOCX may cost: sizes, counts and time. Beyond any of them the file is
refused whole (``DocumentTooLarge``); nothing is cut short. The figures and why they were chosen
are in docs/documents.md ("Bounded imports")."""

import time
from collections.abc import Callable
from dataclasses import dataclass

from documents.parsing.model import DocumentParseError

MB = 1024 * 1024
_CLOCK_EVERY = 256  # lines between two looks at the clock


@dataclass(frozen=True)
class ReadLimits:
    xml_bytes: int = 32 * MB  # one XML part (word/document.xml, styles, numbering), unpacked
    tags: int = 2_000_000  # "<" in all the parts read: about a million elements
    paragraphs: int = 20_000  # paragraphs, line breaks and table rows: lines for the parser
    characters: int = 2_000_000  # text handed to the parser
    held_bytes: int = 4 * MB  # XML read since the last block let go: one paragraph, one row
    token_bytes: int = 1 * MB  # bytes between two "<": one tag, or one run of text
    seconds: float = 20.0  # reading and parsing together


DEFAULT_LIMITS = ReadLimits()


class DocumentTooLarge(DocumentParseError):
    """The file is over one of the limits. The message says which, in Vietnamese, as the end
    of a sentence ("Không nhập được tệp Word vì <message>.")."""


def number(value: int) -> str:
    """50000 -> "50.000", as Vietnamese writes it."""
    return f"{value:,}".replace(",", ".")


def megabytes(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",").removesuffix(",0")


class Budget:
    """Counts what one read has cost so far and refuses as soon as a limit is passed."""

    def __init__(self, limits: ReadLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self.deadline = clock() + limits.seconds
        self.tags = 0
        self.paragraphs = 0
        self.characters = 0

    def line(self) -> None:
        """A paragraph, a line break or a table row was read."""
        self.paragraphs += 1
        if self.paragraphs > self.limits.paragraphs:
            raise DocumentTooLarge(
                f"văn bản dài hơn {number(self.limits.paragraphs)} đoạn, dòng và hàng của bảng"
            )
        if not self.paragraphs % _CLOCK_EVERY:
            self.check_time()

    def markup(self, tags: int) -> None:
        """``tags`` more "<" were read: opening and closing tags, about two per element."""
        self.tags += tags
        if self.tags > self.limits.tags:
            raise DocumentTooLarge(
                f"cấu trúc tệp quá phức tạp (hơn {number(self.limits.tags // 2)} thành phần XML)"
            )

    def held(self, size: int) -> None:
        """``size`` bytes of XML have been read since the last block was let go."""
        if size > self.limits.held_bytes:
            raise DocumentTooLarge(
                "tệp có một đoạn văn hoặc một hàng của bảng lớn hơn "
                f"{megabytes(self.limits.held_bytes)} MB"
            )

    def text(self, size: int) -> None:
        self.characters += size
        if self.characters > self.limits.characters:
            raise DocumentTooLarge(f"văn bản dài hơn {number(self.limits.characters)} ký tự")

    def check_time(self) -> None:
        if self.clock() > self.deadline:
            raise DocumentTooLarge(
                f"đọc tệp mất quá {number(round(self.limits.seconds))} giây nên đã dừng"
            )

    def part_size(self, name: str, size: int) -> None:
        """A part's size as the zip directory states it, before anything is unpacked."""
        if size > self.limits.xml_bytes:
            raise DocumentTooLarge(
                f"phần nội dung {name} có {megabytes(size)} MB khi giải nén, "
                f"vượt giới hạn {megabytes(self.limits.xml_bytes)} MB"
            )
