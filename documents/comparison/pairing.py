"""Pairing the units (or an article's parts) of two versions: identical text first, then the
most similar text (so a renumbered or moved article is still found), then the same number;
and which pairs changed place."""

from collections.abc import Callable, Sequence
from typing import TypeVar

from .words import SIMILAR, shingles, similarity

T = TypeVar("T")


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
