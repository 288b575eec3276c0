"""Text retention: how many words of a source text the stored document keeps.

The words of the source (a plain text, or a DOCX file's lines and table cells) are compared, as a
multiset, with the words of what an import stores: the header fields (number, title, issuer,
place and date, signer and signer title), the preamble, every body block (articles, headings,
tables, notes, attached documents, appendices) and the recipients. A word is a run of letters and
digits (``cms.text.WORD``), NFC and lower case; a number is compared without leading zeros
("05" and "5" are the same day).

Source text that is legitimately not stored as words (docs/documents.md, "Whole text"):

- the national motto (quốc hiệu and tiêu ngữ), which every page prints from its template;
- the gazette's running heads and page numbers (``parsing.furniture``);
- the label of the number line ("Số:", "Luật số:" in "Luật số: 59/2020/QH14"; the number itself
  is stored);
- the enacting formula ("QUYẾT ĐỊNH:"), which the page prints from the document type;
- a web export's title line above the header, which repeats the title.

The labels the page prints with block numbers ("Điều", "Chương", "Mục", "Phụ lục") and above the
recipients ("Nơi nhận") are counted as stored, as the reader sees them.

``manage.py retention_report`` prints the report over the shared corpus (laws-vlc.jsonl.gz and
the DOCX files): the overall share and the worst documents with their most missing words.
"""

import datetime as dt
import gzip
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cms.text import WORD, nfc
from documents.convert import page_content
from documents.parsing import ParsedDocument, Table, parse_text
from documents.parsing.docx import read_blocks
from documents.parsing.furniture import is_running_head
from documents.parsing.header import motto_texts, number_label
from documents.parsing.limits import DEFAULT_LIMITS, Budget
from documents.parsing.lines import Line
from documents.parsing.parser import Block, parse_blocks

CORPUS = Path(os.environ.get("LEGAL_CORPUS_DIR", "/work/shared/corpus"))
LAWS = "laws-vlc.jsonl.gz"
DOCX_FOLDERS = ("docx", "docx-2025-2026")
# What the page prints before a block's number.
_LABELS = {"article": "Điều", "chapter": "Chương", "section": "Mục", "appendix": "Phụ lục"}
_RECIPIENTS_LABEL = "Nơi nhận"


def words(text: str) -> Iterator[str]:
    for word in WORD.findall(nfc(text).lower()):
        yield (word.lstrip("0") or "0") if word.isdigit() else word


@dataclass(frozen=True)
class Retention:
    name: str
    source: int  # words of the source, less the exempt ones
    kept: int  # of those, words found in the stored document
    missing: Counter = field(default_factory=Counter, compare=False)

    @property
    def ratio(self) -> float:
        return self.kept / self.source if self.source else 1.0


def retention(
    *, name: str, source: Iterable[str], exempt: Iterable[str], stored: Iterable[str]
) -> Retention:
    """The share of the source's words (less ``exempt``) that ``stored`` holds, as multisets."""
    wanted = Counter(w for text in source for w in words(text))
    wanted.subtract(w for text in exempt for w in words(text))
    wanted = +wanted
    held = Counter(w for text in stored for w in words(text))
    missing = wanted - held
    total = sum(wanted.values())
    return Retention(name, total, total - sum(missing.values()), missing)


def block_texts(blocks: list[dict]) -> Iterator[str]:
    """Every text a body (StreamField raw JSON) holds, with the labels the page prints."""
    for block in blocks:
        kind, value = block["type"], block["value"]
        if label := _LABELS.get(kind):
            yield label
        yield from _strings(value)


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        if "type" in value and "value" in value:  # a block of a small stream (appendix content)
            yield from _strings(value["value"])
            return
        for item in value.values():
            yield from _strings(item)


def _long_date(date: dt.date | None) -> str:
    return f"ngày {date.day} tháng {date.month} năm {date.year}" if date else ""


def stored_texts(parsed: ParsedDocument) -> Iterator[str]:
    """What the imports store of a parsed text: header fields and ``convert.page_content``."""
    content = page_content(parsed)
    header = parsed.header
    yield from (header.issuer, header.number, header.place, _long_date(header.date))
    yield from (header.doc_type, header.summary, content.signer, content.signer_title)
    yield from content.preamble
    yield from block_texts(content.blocks)
    if content.recipients:
        yield _RECIPIENTS_LABEL
    yield from content.recipients


def exempt_texts(parsed: ParsedDocument, lines: Iterable[str]) -> Iterator[str]:
    """The source text legitimately not stored (see the module's docstring)."""
    label = bool(parsed.header.number)  # the header's number line is still to come
    for text in lines:
        line = Line.of(text)
        if is_running_head(line):
            yield line.text
        yield from motto_texts(line)
        if label and (label_text := number_label(line)):
            yield label_text
            label = False
    yield parsed.enacting
    yield parsed.header.title_line


def _block_lines(blocks: list[Block]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Table):
            yield from (line for row in block.rows for cell in row for line in cell.splitlines())
        else:
            yield from block.splitlines()


def text_retention(name: str, text: str) -> Retention:
    parsed = parse_text(text)
    lines = text.splitlines()
    return retention(
        name=name, source=lines, exempt=exempt_texts(parsed, lines), stored=stored_texts(parsed)
    )


def docx_retention(path: Path) -> Retention:
    blocks = read_blocks(path, budget=Budget(DEFAULT_LIMITS))
    parsed = parse_blocks(blocks)
    lines = list(_block_lines(blocks))
    name = f"{path.parent.name}/{path.name}"
    return retention(
        name=name, source=lines, exempt=exempt_texts(parsed, lines), stored=stored_texts(parsed)
    )


def corpus_retention(corpus: Path = CORPUS) -> list[Retention]:
    """Every full text of the shared corpus: the laws and the DOCX files."""
    results = []
    with gzip.open(corpus / LAWS, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("text"):
                results.append(text_retention(record["id"], record["text"]))
    for folder in DOCX_FOLDERS:
        results.extend(docx_retention(path) for path in sorted((corpus / folder).glob("*.docx")))
    return results


def overall(results: list[Retention]) -> float:
    source = sum(r.source for r in results)
    return sum(r.kept for r in results) / source if source else 1.0


def report(results: list[Retention], worst: int = 5) -> str:
    lines = [
        f"{len(results)} documents, {sum(r.source for r in results)} words, "
        f"{overall(results):.3%} retained; lowest {min(r.ratio for r in results):.2%}",
        f"worst {worst}:",
    ]
    for result in sorted(results, key=lambda r: r.ratio)[:worst]:
        top = ", ".join(f"{w}×{n}" for w, n in result.missing.most_common(8))
        lines.append(
            f"  {result.ratio:7.2%}  {result.source - result.kept:6d} of {result.source:7d}"
            f"  {result.name}  [{top}]"
        )
    return "\n".join(lines)
