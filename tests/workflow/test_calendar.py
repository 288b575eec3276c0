from datetime import date

import pytest

from workflow.calendar import (
    add_working_days,
    is_working_day,
    working_day_on_or_after,
    working_days_between,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2015, 2, 16),  # bridge day off before Tết Ất Mùi (Monday)
        date(2015, 2, 18),  # New Year's Eve
        date(2015, 2, 19),  # Tết Ất Mùi, first day
        date(2015, 2, 20),
        date(2026, 2, 16),  # Tết Bính Ngọ: Monday 16 to Friday 20 February 2026
        date(2026, 2, 17),
        date(2026, 2, 20),
        date(2015, 4, 30),  # Reunification Day
        date(2025, 4, 30),
        date(2015, 9, 2),  # National Day
        date(2025, 9, 1),  # National Day, second day since the 2019 Labour Code
        date(2025, 9, 2),
        date(2026, 3, 7),  # Saturday
        date(2026, 3, 8),  # Sunday
    ],
)
def test_days_off(day: date) -> None:
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 3, 6),  # an ordinary Friday
        date(2026, 2, 23),  # first working day after Tết 2026
        date(2015, 2, 14),  # Saturday worked in exchange for Monday 16/02/2015
    ],
)
def test_working_days(day: date) -> None:
    assert is_working_day(day)


def test_add_working_days_across_a_weekend() -> None:
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 6), 5) == date(2026, 3, 13)


def test_add_working_days_across_tet() -> None:
    # Friday before Tết 2026: the nine days 14-22 February are all off.
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 13), 10) == date(2026, 3, 6)


def test_add_working_days_across_national_day() -> None:
    assert add_working_days(date(2025, 8, 29), 1) == date(2025, 9, 3)


def test_add_working_days_zero_and_negative() -> None:
    assert add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 7)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 6), -1)


def test_add_working_days_across_a_year_end() -> None:
    # 31/12/2025 (Wednesday) + 1: New Year's Day is off.
    assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)


def test_working_days_between() -> None:
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 6)) == 0
    assert working_days_between(date(2026, 3, 13), date(2026, 3, 6)) == -5


@pytest.mark.parametrize("n", [0, 1, 3, 10, 25])
def test_working_days_between_inverts_add(n: int) -> None:
    start = date(2026, 2, 10)
    assert working_days_between(start, add_working_days(start, n)) == n


def test_working_day_on_or_after() -> None:
    assert working_day_on_or_after(date(2026, 3, 6)) == date(2026, 3, 6)
    assert working_day_on_or_after(date(2026, 2, 14)) == date(2026, 2, 23)
