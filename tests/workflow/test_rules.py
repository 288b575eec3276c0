import dataclasses
from datetime import date

import pytest

from workflow.rules import (
    LAW64_2025,
    LAW80_2015,
    RULE_SETS,
    UnknownRuleSetError,
    check_effective_date,
    get_rule_set,
    is_overdue,
)


def test_rule_sets_by_code() -> None:
    assert get_rule_set("law80_2015") is LAW80_2015
    assert get_rule_set("law64_2025") is LAW64_2025
    assert set(RULE_SETS) == {"law80_2015", "law64_2025"}
    assert LAW64_2025.in_force_from == date(2025, 4, 1)


def test_unknown_rule_set_names_the_known_ones() -> None:
    with pytest.raises(UnknownRuleSetError, match="law80_2015"):
        get_rule_set("law_2008")


def test_verified_limits() -> None:
    assert LAW80_2015.min_days_sign_to_effect == 10
    assert LAW80_2015.gazette_send_days == 3


def test_rule_sets_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        LAW80_2015.min_consultation_days = 60  # type: ignore[misc]


def test_consultation_end_min() -> None:
    assert LAW80_2015.consultation_end_min(date(2015, 6, 1)) == date(2015, 7, 1)
    longer = dataclasses.replace(LAW80_2015, min_consultation_days=60)
    assert longer.consultation_end_min(date(2015, 6, 1)) == date(2015, 7, 31)


def test_earliest_effective_is_not_moved_off_a_weekend() -> None:
    assert LAW80_2015.earliest_effective(date(2015, 10, 5)) == date(2015, 10, 15)
    # 10 days after Wednesday 01/04/2026 is a Saturday: a minimum, so it stays.
    assert LAW80_2015.earliest_effective(date(2026, 4, 1)) == date(2026, 4, 11)


def test_gazette_due() -> None:
    assert LAW80_2015.gazette_due(date(2015, 10, 5)) == date(2015, 10, 8)
    # Signed Wednesday 04/03/2026: day 3 is a Saturday, so the deadline ends on Monday.
    assert LAW80_2015.gazette_due(date(2026, 3, 4)) == date(2026, 3, 9)
    # Signed 11/02/2026: day 3 is Saturday 14/02, first of the nine Tết days off.
    assert LAW80_2015.gazette_due(date(2026, 2, 11)) == date(2026, 2, 23)


def test_appraisal_due_in_calendar_days() -> None:
    assert LAW80_2015.appraisal_due(date(2026, 3, 2)) == date(2026, 3, 12)
    # 10 days after 06/02/2026 is Monday 16/02, a Tết day off.
    assert LAW80_2015.appraisal_due(date(2026, 2, 6)) == date(2026, 2, 23)


def test_appraisal_due_in_working_days() -> None:
    rules = dataclasses.replace(LAW80_2015, appraisal_in_working_days=True)
    assert rules.appraisal_due(date(2026, 2, 13)) == date(2026, 3, 6)


def test_effective_date_accepted_from_the_minimum() -> None:
    signed = date(2015, 10, 5)
    for effective in (date(2015, 10, 15), date(2016, 1, 1)):
        assert (
            check_effective_date(signed_on=signed, effective_on=effective, rules=LAW80_2015) is None
        )


def test_effective_date_too_early() -> None:
    message = check_effective_date(
        signed_on=date(2015, 10, 5), effective_on=date(2015, 10, 14), rules=LAW80_2015
    )
    assert message is not None
    assert "14/10/2015" in message
    assert "15/10/2015" in message
    assert "10 ngày" in message
    assert "80/2015/QH13" in message


def test_effective_before_signing_is_too_early() -> None:
    message = check_effective_date(
        signed_on=date(2026, 3, 2), effective_on=date(2026, 3, 1), rules=LAW64_2025
    )
    assert message is not None
    assert "64/2025/QH15" in message


def test_is_overdue() -> None:
    due = date(2026, 3, 9)
    assert not is_overdue(due=due, today=date(2026, 3, 9), done=None)
    assert is_overdue(due=due, today=date(2026, 3, 10), done=None)
    assert not is_overdue(due=due, today=date(2026, 4, 1), done=date(2026, 3, 9))
    # Done late stays late, so the step can be flagged after the fact.
    assert is_overdue(due=due, today=date(2026, 4, 1), done=date(2026, 3, 10))
