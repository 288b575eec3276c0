"""Word automatic list numbers, which python-docx leaves out of ``Paragraph.text``.

An approximation of Word's rules: one counter set per list (numId), a level's counter starts at
its ``start`` value and restarts when a higher level advances; ``lvlText`` ("%1.", "%1.%2.") is
filled in with each level's ``numFmt``. Enough for "1.", "a)", "I." and bullets in legal texts.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_LEVELS = 9


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int
    suffix: str


def _val(element: etree._Element | None, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val") if child is not None else None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _roman(number: int) -> str:
    result = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, number = divmod(number, value)
        result += letters * count
    return result


def _format(number: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(number)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and number > 0:
        # Word repeats the letter past z: a..z, aa..zz.
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class Numbering:
    """Computes the label of each numbered paragraph, fed in document order."""

    def __init__(
        self, numbering: Iterable[etree._Element], styles: Iterable[etree._Element]
    ) -> None:
        """From the children of numbering.xml's and styles.xml's root elements, in order
        (streamed: each is read as it comes and not kept)."""
        self.levels: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self._read_numbering(numbering)
        self.style_numbers = _style_numbering(styles)

    def label(self, paragraph: etree._Element) -> str:
        """The number Word shows before this paragraph ("1. ", "a) ", "- "), or ""."""
        if not self.levels:
            return ""  # no list definitions: nothing is numbered
        ppr = paragraph.find(f"{_W}pPr")
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        style_num, style_level = self.style_numbers.get(_val(ppr, "pStyle") or "", (None, None))
        num_id = _val(num_pr, "numId") or style_num
        level = _int(_val(num_pr, "ilvl") or style_level, 0)
        levels = self.levels.get(num_id or "")
        if not levels or level not in levels:
            return ""  # no list, or numId 0 ("numbering removed")
        counters = self.counters.setdefault(num_id or "", [None] * _MAX_LEVELS)
        current = counters[level]
        counters[level] = levels[level].start if current is None else current + 1
        for deeper in range(level + 1, _MAX_LEVELS):
            counters[deeper] = None
        return self._render(levels, counters, level)

    def _render(self, levels: dict[int, _Level], counters: list[int | None], level: int) -> str:
        spec = levels[level]
        if spec.fmt == "none":
            return ""
        if spec.fmt == "bullet":
            text = "-"  # the bullet glyph is in a symbol font; legal texts write a dash
        else:
            text = spec.text
            for index in range(level + 1):
                value = counters[index]
                own = levels.get(index, spec)
                number = own.start if value is None else value
                text = text.replace(f"%{index + 1}", _format(number, own.fmt))
        return text + spec.suffix if text else ""

    def _read_numbering(self, nodes: Iterable[etree._Element]) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        # Each list (num) names its definition (abstractNum) and overrides start values.
        lists: list[tuple[str, str, list[tuple[int, str | None]]]] = []
        for node in nodes:
            if node.tag == f"{_W}abstractNum":
                abstract[node.get(f"{_W}abstractNumId", "")] = {
                    _int(lvl.get(f"{_W}ilvl"), 0): _read_level(lvl)
                    for lvl in node.iterfind(f"{_W}lvl")
                }
            elif node.tag == f"{_W}num":
                overrides = [
                    (_int(o.get(f"{_W}ilvl"), 0), _val(o, "startOverride"))
                    for o in node.iterfind(f"{_W}lvlOverride")
                ]
                lists.append(
                    (node.get(f"{_W}numId", ""), _val(node, "abstractNumId") or "", overrides)
                )
        for num_id, abstract_id, overrides in lists:
            levels = dict(abstract.get(abstract_id, {}))
            for index, start in overrides:
                if start is not None and index in levels:
                    old = levels[index]
                    levels[index] = _Level(old.fmt, old.text, _int(start, 1), old.suffix)
            self.levels[num_id] = {i: lvl for i, lvl in levels.items() if i < _MAX_LEVELS}


def _read_level(lvl: etree._Element) -> _Level:
    suffix = {"nothing": "", "space": " "}.get(_val(lvl, "suff") or "tab", " ")
    return _Level(
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
        start=_int(_val(lvl, "start"), 1),
        suffix=suffix,
    )


def _style_numbering(
    styles: Iterable[etree._Element],
) -> dict[str, tuple[str | None, str | None]]:
    """numId and ilvl that paragraph styles give (list styles such as "Bullet 2")."""
    direct: dict[str, tuple[str | None, str | None]] = {}
    parents: dict[str, str] = {}
    for style in styles:
        if style.tag != f"{_W}style":
            continue
        style_id = style.get(f"{_W}styleId", "")
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            direct[style_id] = (_val(num_pr, "numId"), _val(num_pr, "ilvl"))
        if parent := _val(style, "basedOn"):
            parents[style_id] = parent
    resolved: dict[str, tuple[str | None, str | None]] = {}
    for style_id in {*direct, *parents}:
        current, seen = style_id, set()
        while current and current not in direct and current not in seen:
            seen.add(current)
            current = parents.get(current, "")
        if current in direct:
            resolved[style_id] = direct[current]
    return resolved
