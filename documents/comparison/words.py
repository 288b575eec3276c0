"""Words: the tokens texts are compared by, word-level operations (``difflib``, standard
library) and the word-pair sets that tell how alike two texts are."""

import difflib
import re
from enum import StrEnum
from itertools import pairwise

# Below this similarity two texts are not taken for versions of one another.
SIMILAR = 0.5
_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])", re.UNICODE)


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


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
