"""Working-day arithmetic on Vietnam's official calendar (weekends, public holidays, Tết)."""

from datetime import date, timedelta
from functools import cache

import holidays

_ONE_DAY = timedelta(days=1)


@cache
def _holidays(year: int) -> holidays.HolidayBase:
    # expand=False: the cached calendar is shared between threads and must never grow.
    return holidays.country_holidays("VN", years=year, expand=False)


def is_working_day(day: date) -> bool:
    """False on Saturdays, Sundays and public holidays.

    A Saturday worked in exchange for a bridge day off (e.g. 14/02/2015 for 16/02/2015) counts
    as a working day, as it does for civil servants.
    """
    return _holidays(day.year).is_working_day(day)


def working_day_on_or_after(day: date) -> date:
    """The first working day from `day` on: where a deadline falling on a day off ends."""
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def add_working_days(start: date, n: int) -> date:
    """The date `n` working days after `start` (`start` itself is not counted)."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    day = start
    while n:
        day += _ONE_DAY
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when `end` is before `start`.

    The inverse of `add_working_days`: `working_days_between(d, add_working_days(d, n)) == n`.
    """
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))
