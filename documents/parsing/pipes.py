"""Tables written as text: rows of cells between bars, "| 1 | Phường Tô Hiệu | 2,0% |".

Web exports (and Markdown) give a table as such lines, with a rule row ("|---|---|", or "|||"
once the rule is cleaned) under the header. A run of them is read as the table it is, so it
is kept as rows and cells, not as lines of an article.
"""

from collections.abc import Sequence

from documents.parsing.lines import Line
from documents.parsing.model import Table

_BAR = "|"
_RULE_CHARS = frozenset("|-:=_ \u2013\u2014")
_MIN_CELLS = 2


def _is_row(line: Line) -> bool:
    text = line.text
    return text.startswith(_BAR) and text.endswith(_BAR) and text.count(_BAR) > _MIN_CELLS


def _cells(line: Line) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.text[1:-1].split(_BAR))


def read_pipe_tables(items: Sequence[Line | Table]) -> list[Line | Table]:
    """The items with each run of bar rows (blank lines between them allowed) as one Table; rule
    rows, which hold no text, are left out."""
    result: list[Line | Table] = []
    rows: list[tuple[str, ...]] = []
    blanks: list[Line] = []  # blank lines after a row: inside the table if another row follows
    for item in items:
        if isinstance(item, Line) and _is_row(item):
            if not set(item.text) <= _RULE_CHARS:
                rows.append(_cells(item))
            blanks = []
        elif rows and isinstance(item, Line) and not item.text:
            blanks.append(item)
        else:
            if rows:
                result.append(Table(tuple(rows)))
                result.extend(blanks)
                rows, blanks = [], []
            result.append(item)
    if rows:
        result.append(Table(tuple(rows)))
        result.extend(blanks)
    return result
