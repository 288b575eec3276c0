"""The comparable units of a body (raw StreamField data of ``cms.blocks``): each article, cut
into parts (its heading with the opening text, then each clause with its points, then its
tables), and each other block (chapter and section headings, notes, tables, attached texts,
appendices) as one part. A clause's number is kept out of its text, so a clause only
renumbered reads the same."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cms.blocks import list_values, placed_blocks
from cms.record import body_lines

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Part:
    """An article's heading and opening text (``key`` ""), or one of its clauses."""

    key: str
    label: str  # "Khoản 2"; "" for the heading part
    text: str  # without the clause's number, so that a renumbered clause reads the same
    prefix: str = ""  # "2. ": the number as printed

    @property
    def printed(self) -> str:
        return self.prefix + self.text


@dataclass(frozen=True)
class Unit:
    kind: str  # the block type: article, chapter, section, note, table, attachment, appendix
    key: str  # what identifies it by number: "article:0:5", "chapter:II", "note:"
    label: str  # "Điều 5", "Điều 5 của Quy định ban hành kèm theo", "Chương II", "Ghi chú"
    parts: tuple[Part, ...]

    @property
    def text(self) -> str:
        return "\n".join(part.text for part in self.parts if part.text)


def _clean(text) -> str:
    return _SPACE.sub(" ", str(text or "")).strip()


def _clause_text(clause: Mapping) -> str:
    lines = [_clean(clause.get("text"))]
    lines += [
        _clean(f"{point.get('letter') or ''}) {point.get('text') or ''}")
        for point in list_values(clause.get("points"))
    ]
    return "\n".join(line for line in lines if line)


def _article_parts(value: Mapping) -> tuple[Part, ...]:
    head = [_clean(value.get("heading"))]
    head += [_clean(line) for line in str(value.get("text") or "").splitlines()]
    parts = [Part("", "", "\n".join(line for line in head if line))]
    for index, clause in enumerate(list_values(value.get("clauses")), start=1):
        number = _clean(clause.get("number"))
        label = f"Khoản {number}" if number else f"Đoạn {index}"
        prefix = f"{number}. " if number else ""
        parts.append(Part(number or f"#{index}", label, _clause_text(clause), prefix))
    tables = [line for table in list_values(value.get("tables")) for line in body_lines([table])]
    if tables:
        parts.append(Part("tables", "Bảng", "\n".join(tables)))
    return tuple(parts)


def _attachment_suffix(attachment: int, title: str) -> str:
    if not attachment:
        return ""
    name = " ".join(title.split()).capitalize() or "Văn bản"
    return f" của {name} ban hành kèm theo"


_KIND_LABELS = {
    "chapter": "Chương",
    "section": "Mục",
    "appendix": "Phụ lục",
    "note": "Ghi chú",
    "table": "Bảng",
    "attachment": "Văn bản ban hành kèm theo",
}


def units(body: Iterable) -> list[Unit]:
    """The comparable units of a body, in order."""
    result = []
    for item in placed_blocks(body):
        value = item.value if isinstance(item.value, Mapping) else {}
        suffix = _attachment_suffix(item.attachment, item.attachment_title)
        if item.kind == "article":
            number = _clean(value.get("number"))
            key = f"article:{item.attachment}:{number}"
            result.append(Unit("article", key, f"Điều {number}{suffix}", _article_parts(value)))
            continue
        number = _clean(value.get("number"))
        label = " ".join(filter(None, [_KIND_LABELS.get(item.kind, item.kind), number]))
        text = "\n".join(line for line in body_lines([item.block]) if line)
        key = f"{item.kind}:{item.attachment}:{number}"
        result.append(Unit(item.kind, key, label + suffix, (Part("", "", text),)))
    return result
