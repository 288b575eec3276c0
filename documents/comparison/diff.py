"""An article-aware comparison of two bodies (raw StreamField data of ``cms.blocks``).

The bodies are cut into units (``units``); units, and then the parts of a matched article, are
paired (``pairing``); what is left is added or removed. Each change becomes a row of the
comparison table with word-level operations (``words``) and an explanation in Vietnamese.

A renumbered but otherwise identical clause is not reported (inserting a clause renumbers the
ones after it); a renumbered article is, since its citation changes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .pairing import moved_pairs, pair_up
from .units import Part, Unit, units
from .words import Op, word_ops


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    RENUMBERED = "renumbered"
    CHANGED = "changed"


@dataclass(frozen=True)
class Row:
    """One change, as a row of the comparison table: the old and the new text with their
    word-level operations, and what happened in words."""

    kind: Kind
    old_label: str
    new_label: str
    ops: tuple[tuple[Op, str], ...]
    explanation: str
    unit_kind: str = "article"
    part: bool = False  # a clause (or the tables) of an article, not a whole unit

    @property
    def old_text(self) -> str:
        return "".join(text for op, text in self.ops if op != Op.INSERT).strip()

    @property
    def new_text(self) -> str:
        return "".join(text for op, text in self.ops if op != Op.DELETE).strip()


@dataclass(frozen=True)
class Comparison:
    rows: tuple[Row, ...] = ()

    def count(self, kind: Kind, *, clauses: bool = False) -> int:
        """How many articles (or, with ``clauses``, clauses of articles) were so changed."""
        return sum(
            1
            for row in self.rows
            if row.kind == kind and row.unit_kind == "article" and row.part == clauses
        )


def _explain(kind: Kind, old_label: str, new_label: str, *, moved: bool, renumbered: bool) -> str:
    if kind == Kind.ADDED:
        return f"Bổ sung {new_label}."
    if kind == Kind.REMOVED:
        return f"Bãi bỏ {old_label}."
    where = f"{old_label} của dự thảo trước"
    if kind == Kind.CHANGED:
        text = f"Sửa đổi {new_label}"
        if moved or renumbered:
            text += f" ({where}, {'chuyển vị trí' if moved else 'đánh số lại'})"
        return text + "."
    if kind == Kind.MOVED:
        target = f", nay là {new_label}" if renumbered else ""
        return f"Chuyển vị trí {where}{target}; nội dung không đổi."
    return f"Đánh số lại {where} thành {new_label}; nội dung không đổi."


def _row(
    kind,
    old_label,
    new_label,
    old_text,
    new_text,
    unit_kind,
    *,
    part=False,
    moved=False,
    renumbered=False,
):
    if kind == Kind.ADDED:
        ops = ((Op.INSERT, new_text),)
    elif kind == Kind.REMOVED:
        ops = ((Op.DELETE, old_text),)
    else:
        ops = word_ops(old_text, new_text)
    explanation = _explain(kind, old_label, new_label, moved=moved, renumbered=renumbered)
    return Row(kind, old_label, new_label, ops, explanation, unit_kind, part)


def _head_text(unit: Unit) -> str:
    """The first part as printed: an article's part after "Điều 5."; other blocks' text
    already carries their label."""
    text = unit.parts[0].text if unit.parts else ""
    if unit.kind != "article":
        return text
    return f"{unit.label}. {text}" if text else unit.label


def _full_text(unit: Unit) -> str:
    return "\n".join([_head_text(unit), *(p.printed for p in unit.parts[1:] if p.printed)])


def _part_label(part: Part | None, unit: Unit) -> str:
    if part is None:
        return ""
    return f"{part.label} {unit.label}" if part.label else unit.label


def _part_rows(old: Unit, new: Unit) -> list[Row]:
    """Rows for the clauses (and tables) of a changed article."""
    olds, news = old.parts[1:], new.parts[1:]
    pairs = pair_up(olds, news, key=lambda p: p.key, text=lambda p: p.text)
    moved = moved_pairs(pairs)
    rows = []
    for i, j in pairs:
        a = olds[i] if i is not None else None
        b = news[j] if j is not None else None
        if a is not None and b is not None and a.text == b.text and i not in moved:
            continue  # unchanged, perhaps renumbered (see the module's docstring)
        if a is None:
            kind = Kind.ADDED
        elif b is None:
            kind = Kind.REMOVED
        else:
            kind = Kind.CHANGED if a.text != b.text else Kind.MOVED
        rows.append(
            _row(
                kind,
                _part_label(a, old),
                _part_label(b, new),
                a.printed if a else "",
                b.printed if b else "",
                new.kind,
                part=True,
                moved=i in moved,
                renumbered=bool(a and b and a.key != b.key),
            )
        )
    return rows


def _unit_rows(old: Unit, new: Unit, *, moved: bool) -> list[Row]:
    renumbered = old.label != new.label
    if old.text == new.text:
        if not (moved or renumbered):
            return []
        kind = Kind.MOVED if moved else Kind.RENUMBERED
        return [
            _row(
                kind,
                old.label,
                new.label,
                _full_text(old),
                _full_text(new),
                new.kind,
                moved=moved,
                renumbered=renumbered,
            )
        ]
    rows = []
    head_changed = old.parts[0].text != new.parts[0].text
    if head_changed or moved or renumbered or old.kind != "article":
        rows.append(
            _row(
                Kind.CHANGED,
                old.label,
                new.label,
                _head_text(old),
                _head_text(new),
                new.kind,
                moved=moved,
                renumbered=renumbered,
            )
        )
    return rows + _part_rows(old, new)


def compare(old_body: Iterable, new_body: Iterable) -> Comparison:
    """The changes from ``old_body`` to ``new_body`` (raw StreamField data)."""
    old, new = units(old_body), units(new_body)
    pairs = pair_up(old, new, key=lambda u: u.key, text=lambda u: u.text, kind=lambda u: u.kind)
    moved = moved_pairs(pairs)
    rows: list[Row] = []
    for i, j in pairs:
        if j is None:
            rows.append(_row(Kind.REMOVED, old[i].label, "", _full_text(old[i]), "", old[i].kind))
        elif i is None:
            rows.append(_row(Kind.ADDED, "", new[j].label, "", _full_text(new[j]), new[j].kind))
        else:
            rows.extend(_unit_rows(old[i], new[j], moved=i in moved))
    return Comparison(tuple(rows))
