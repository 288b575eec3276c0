"""The parts of a DOCX package, read as a stream under the limits of ``limits.py``.

Only the parts the reader needs are unpacked: the content types, the relationships, the main
document, its styles and its numbering (images and other parts are never decompressed). Each
XML part is parsed with lxml's ``iterparse`` and every element is dropped as soon as it has been
read, so memory follows the largest paragraph or table row, not the file.
"""

import posixpath
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO

from lxml import etree

from documents.parsing.limits import MB, Budget, DocumentTooLarge, megabytes
from documents.parsing.model import DocumentParseError

# python-docx's own names for what it reads (docx.opc.constants).
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = _RT + "officeDocument"
STYLES = _RT + "styles"
NUMBERING = _RT + "numbering"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# The zip directory as a whole (before any XML is read).
MAX_MEMBERS = 2000
MAX_UNPACKED_BYTES = 200 * MB
MAX_RATIO = 100
_RATIO_FLOOR = 1 * MB  # small members may compress very well without being a threat

CORRUPT = "Tệp DOCX bị hỏng, không đọc được nội dung"
_CHUNK = 64 * 1024  # unpacked bytes fed to the XML parser at a time


class Package:
    """An open DOCX archive; use as a context manager."""

    def __init__(self, source: str | IO[bytes], budget: Budget) -> None:
        self.budget = budget
        self.stream: BoundedStream | None = None  # of the part being read
        try:
            self.archive = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, OSError) as error:
            # Password-protected Word files are not zip archives either (OLE containers).
            raise DocumentParseError(
                "Tệp không phải DOCX (hoặc bị hỏng, hoặc có mật khẩu)"
            ) from error
        self.members = {info.filename: info for info in self.archive.infolist()}
        self._check_directory()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.archive.close()

    def _check_directory(self) -> None:
        members = self.members.values()
        unpacked = sum(member.file_size for member in members)
        bomb = any(
            member.file_size > _RATIO_FLOOR and member.file_size > MAX_RATIO * member.compress_size
            for member in members
        )
        if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES or bomb:
            raise DocumentParseError("Tệp DOCX quá lớn hoặc nén bất thường, không xử lý")

    # -- locating the parts, as python-docx does ---------------------------------------------

    def main_document(self) -> str:
        """The main document part's name, after checking it is a Word document."""
        if "[Content_Types].xml" not in self.members:
            raise DocumentParseError(CORRUPT)
        name = self._related("", OFFICE_DOCUMENT)
        if name is None or self._content_type(name) != _MAIN_TYPE:
            raise DocumentParseError(CORRUPT)
        return name

    def related(self, source: str, reltype: str) -> str | None:
        """The part ``source`` points to with this relationship, or None."""
        return self._related(source, reltype)

    def _related(self, source: str, reltype: str) -> str | None:
        folder, filename = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{filename}.rels")
        if rels not in self.members:
            return None
        targets = [
            node.get("Target", "")
            for node in self.children(rels, [f"{_RELS_NS}Relationship"])
            if node.get("Type") == reltype and node.get("TargetMode") != "External"
        ]
        if len(targets) > 1:  # python-docx refuses an ambiguous relationship too
            raise DocumentParseError(CORRUPT)
        if not targets:
            return None
        name = posixpath.normpath(posixpath.join("/", folder, targets[0])).lstrip("/")
        if name not in self.members:
            raise DocumentParseError(CORRUPT)
        return name

    def _content_type(self, name: str) -> str | None:
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        override = default = None
        tags = [f"{_TYPES_NS}Override", f"{_TYPES_NS}Default"]
        for node in self.children("[Content_Types].xml", tags):
            if node.tag == f"{_TYPES_NS}Override":
                if node.get("PartName", "").lower() == f"/{name}".lower():
                    override = node.get("ContentType")
            elif node.get("Extension", "").lower() == extension:
                default = node.get("ContentType")
        return override or default

    # -- reading XML parts under the limits --------------------------------------------------

    def events(self, name: str, tags: Iterable[str] | None = None) -> Iterator[etree._Element]:
        """Elements of one part as each ends (only ``tags``, if given). Call ``release`` on
        what has been read: until then it is held, and counts against the limits."""
        info = self.members[name]
        self.budget.part_size(name, info.file_size)
        parser = etree.XMLPullParser(
            events=("end",),
            tag=tags,
            # Word writes UTF-8; decoding anything else as UTF-8 keeps the byte-level checks
            # below true (in UTF-16 or UTF-7 a "<" is not the byte "<").
            encoding="utf-8",
            remove_blank_text=True,
            remove_comments=True,
            remove_pis=True,
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
        )
        with self.archive.open(info) as raw:
            self.stream = BoundedStream(raw, name, self.budget)
            while chunk := self.stream.read(_CHUNK):
                parser.feed(chunk)
                for _event, element in parser.read_events():
                    yield element
            parser.close()
            for _event, element in parser.read_events():
                yield element

    def children(self, name: str, tags: Iterable[str]) -> Iterator[etree._Element]:
        """The children of the part's root element with these tags, each complete; each is
        dropped once the caller moves on."""
        for element in self.events(name, tags):
            parent = element.getparent()
            if parent is not None and parent.getparent() is None:
                yield element
                self.release(element)

    def release(self, element: etree._Element) -> None:
        """Empty an element that has been read, and drop what comes before it in its parent
        (emptied elements, or parts the walk does not read). The emptied element itself goes
        with the next one: the XML parser may still be appending after it."""
        element.clear()
        parent = element.getparent()
        while parent is not None and (previous := element.getprevious()) is not None:
            parent.remove(previous)
        if self.stream is not None:
            self.stream.mark = self.stream.size


class BoundedStream:
    """A part as it is unpacked, counted: the zip directory's sizes are only a claim."""

    def __init__(self, raw: IO[bytes], name: str, budget: Budget) -> None:
        self.raw = raw
        self.name = name
        self.budget = budget
        self.limits = budget.limits
        self.size = 0
        self.mark = 0  # size when the last block was let go
        self.gap = 0  # bytes since the last "<"
        self.tail = b""

    def read(self, size: int) -> bytes:
        data = self.raw.read(size)
        self.size += len(data)
        if self.size > self.limits.xml_bytes:
            raise DocumentTooLarge(
                f"phần nội dung {self.name} vượt giới hạn "
                f"{megabytes(self.limits.xml_bytes)} MB khi giải nén"
            )
        self.budget.held(self.size - self.mark)
        self.budget.markup(data.count(b"<"))
        self._check_tokens(data)
        # Entities declared in a DTD are kept as one node per reference (an amplifier).
        window = self.tail + data
        if b"<!ENTITY" in window:
            raise DocumentParseError(CORRUPT)
        self.tail = window[-16:]
        self.budget.check_time()
        return data

    def _check_tokens(self, data: bytes) -> None:
        first = data.find(b"<")
        if first < 0:
            longest = self.gap + len(data)
            self.gap = longest
        else:
            last = data.rfind(b"<")
            # A gap inside this chunk is shorter than the chunk: look only when that may matter.
            inner = 0
            if last - first > self.limits.token_bytes:
                inner = max(map(len, data[first:last].split(b"<")))
            longest = max(self.gap + first, inner)
            self.gap = len(data) - last - 1
        if longest > self.limits.token_bytes:
            raise DocumentTooLarge(
                f"phần nội dung {self.name} có một thẻ hoặc một đoạn chữ liền dài hơn "
                f"{megabytes(self.limits.token_bytes)} MB"
            )
