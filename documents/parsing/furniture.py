"""Page furniture of the official gazette (Công báo), dropped before the text is parsed.

Texts copied from the gazette repeat on every page a running head "CÔNG BÁO/Số 255/Ngày
28-04-2026" and the page number, which would otherwise end the header or split an article.
Only those lines go: a running head, possibly with the page number on its line, and a bare
number on the line next to a running head. A number anywhere else is text and stays.
"""

import re
from collections.abc import Sequence

from cms.text import toneless_pattern
from documents.parsing.lines import Line
from documents.parsing.model import Table

_PAGE = r"\d{1,4}"
# "CÔNG BÁO/Số 255/Ngày 28-04-2026", "CÔNG BÁO/Số 255 + 256/Ngày 28-4-2026", "12 CÔNG BÁO/...".
_RUNNING_HEAD = toneless_pattern(
    rf"^(?:{_PAGE}\s+)?công báo\s*/\s*số\s*\d{{1,4}}(?:\s*\+\s*\d{{1,4}})*\s*/\s*"
    rf"ngày\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{4}}(?:\s+{_PAGE})?$"
)
_PAGE_NUMBER = re.compile(rf"{_PAGE}")


def is_running_head(line: Line) -> bool:
    return bool(_RUNNING_HEAD.match(line.key))


def drop_furniture(items: Sequence[Line | Table]) -> tuple[list[Line | Table], int]:
    """The items without the gazette's running heads and page numbers, and how many went."""
    heads = {i for i, item in enumerate(items) if isinstance(item, Line) and is_running_head(item)}
    if not heads:
        return list(items), 0
    dropped = set(heads)
    for i in heads:
        for step in (-1, 1):  # the nearest line with text on either side
            j = i + step
            while 0 <= j < len(items) and isinstance(items[j], Line) and not items[j].text:
                j += step
            item = items[j] if 0 <= j < len(items) else None
            if isinstance(item, Line) and _PAGE_NUMBER.fullmatch(item.text):
                dropped.add(j)
    return [item for i, item in enumerate(items) if i not in dropped], len(dropped)
