"""An article-aware comparison of two bodies (raw StreamField data of ``cms.blocks``).

The bodies are cut into units (articles, and each other block: chapter and section headings,
notes, tables, attached texts, appendices); an article is cut again into parts (its heading with
the opening text, then each clause with its points). Units, and then parts inside a matched
article, are paired by ``pair_up``: identical text first, then the most similar text (Dice
coefficient of word pairs, so a renumbered or moved article is still found), then the same
number. What is left is added or
removed. Word-level changes come from ``difflib`` (standard library) over word tokens.

A renumbered but otherwise identical clause is not reported (inserting a clause renumbers the
ones after it); a renumbered article is, since its citation changes.
"""

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import TypeVar

from cms.blocks import list_values, placed_blocks
from cms.record import body_lines

# Below this similarity two texts are not taken for versions of one another.
SIMILAR = 0.5
T = TypeVar("T")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])", re.UNICODE)


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    RENUMBERED = "renumbered"
    CHANGED = "changed"


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


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


# -- units -------------------------------------------------------------------------------------


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


# -- pairing -----------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _words(text: str) -> list[str]:
    return [token.strip().casefold() for token in _tokens(text)]


def shingles(text: str) -> frozenset:
    """The word pairs of a text (its words when it has one), case folded: what similarity
    compares, cheap enough to compare every old unit with every new one."""
    words = _words(text)
    return frozenset(pairwise(words)) if len(words) > 1 else frozenset(words)


def similarity(a: frozenset, b: frozenset) -> float:
    """Dice coefficient of two shingle sets (0 to 1)."""
    if not a and not b:
        return 1.0
    if 2 * min(len(a), len(b)) < SIMILAR * (len(a) + len(b)):
        return 0.0  # cannot reach SIMILAR: spare the intersection
    return 2 * len(a & b) / (len(a) + len(b))


def pair_up(
    old: Sequence[T],
    new: Sequence[T],
    *,
    key: Callable[[T], str],
    text: Callable[[T], str],
    kind: Callable[[T], str] = lambda _item: "",
) -> list[tuple[int | None, int | None]]:
    """Pairs of indices (old, new), None on the side where a unit is missing, in the new
    order (see ``_in_new_order``). ``kind`` keeps units of different kinds apart."""
    matched: dict[int, int] = {}  # new index -> old index
    free_old = set(range(len(old)))

    def take(i: int, j: int) -> None:
        matched[j] = i
        free_old.discard(i)

    by_text: dict[tuple[str, str], list[int]] = {}
    for i, item in enumerate(old):
        by_text.setdefault((kind(item), text(item)), []).append(i)
    for j, item in enumerate(new):
        same = [i for i in by_text.get((kind(item), text(item)), []) if i in free_old]
        if same:
            # Among identical texts prefer the one with the same number.
            take(next((i for i in same if key(old[i]) == key(item)), same[0]), j)
    old_shingles = [shingles(text(item)) for item in old]
    new_shingles = [shingles(text(item)) for item in new]
    scored = sorted(
        (
            (
                similarity(old_shingles[i], new_shingles[j])
                + (0.05 if key(old[i]) == key(new[j]) else 0),
                i,
                j,
            )
            for j in range(len(new))
            if j not in matched
            for i in sorted(free_old)
            if kind(old[i]) == kind(new[j])
        ),
        key=lambda scored_pair: (-scored_pair[0], scored_pair[2], scored_pair[1]),
    )
    for score, i, j in scored:
        if score >= SIMILAR and i in free_old and j not in matched:
            take(i, j)
    old_by_key = {key(old[i]): i for i in sorted(free_old, reverse=True)}
    for j, item in enumerate(new):
        i = old_by_key.get(key(item))
        if j not in matched and i is not None and i in free_old:
            take(i, j)
    return _in_new_order(matched, free_old, len(new))


def _in_new_order(matched: dict[int, int], removed: set[int], count: int):
    """The new units in order with their old partners; each removed old unit right after
    the nearest earlier old unit, so it shows where it was."""
    pairs: list[tuple[int | None, int | None]] = [(matched.get(j), j) for j in range(count)]
    for i in sorted(removed, reverse=True):
        # After the pair holding the nearest earlier old unit, or first.
        at = next(
            (
                n + 1
                for n in range(len(pairs) - 1, -1, -1)
                if pairs[n][0] is not None and pairs[n][0] < i
            ),
            0,
        )
        pairs.insert(at, (i, None))
    return pairs


def moved_pairs(pairs: Sequence[tuple[int | None, int | None]]) -> set[int]:
    """Old indices of the matched units that changed place: those outside the longest run
    of matched units kept in their old order."""
    olds = [i for i, j in pairs if i is not None and j is not None]
    # Longest increasing subsequence (patience sorting), remembering predecessors.
    tails: list[int] = []
    previous: dict[int, int | None] = {}
    for i in olds:
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if tails[middle] < i:
                low = middle + 1
            else:
                high = middle
        previous[i] = tails[low - 1] if low else None
        if low == len(tails):
            tails.append(i)
        else:
            tails[low] = i
    kept, current = set(), tails[-1] if tails else None
    while current is not None:
        kept.add(current)
        current = previous[current]
    return set(olds) - kept


# -- words -------------------------------------------------------------------------------------


def word_ops(old: str, new: str) -> tuple[tuple[Op, str], ...]:
    """Word-level operations turning ``old`` into ``new`` (white space and case kept, a
    token compared without its leading white space); consecutive operations merged."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(
        None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False
    )
    ops: list[tuple[Op, str]] = []

    def emit(op: Op, text: str) -> None:
        if not text:
            return
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit(Op.EQUAL, "".join(b[j1:j2]))
            continue
        emit(Op.DELETE, "".join(a[i1:i2]))
        emit(Op.INSERT, "".join(b[j1:j2]))
    return tuple(ops)


# -- rows ---------------------------------------------------------------------------------------


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
