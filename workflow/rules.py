"""Legal time limits for drafting and issuing provincial normative documents.

Periods in days follow the Civil Code 2015 (arts. 147-148): they start the day after the event,
and a deadline whose last day is a day off ends on the next working day. Minimum periods
("not earlier than") are not moved that way.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from workflow.calendar import add_working_days, working_day_on_or_after

EFFECTIVE_TOO_EARLY = (
    "Ngày có hiệu lực {effective_on} quá sớm: văn bản quy phạm pháp luật của Ủy ban nhân dân tỉnh "
    "có hiệu lực không sớm hơn {days} ngày kể từ ngày ký ban hành ({signed_on}), tức là từ ngày "
    "{earliest} trở đi ({law})."
)


class UnknownRuleSetError(LookupError):
    """A settings value names no known rule set."""


@dataclass(frozen=True, kw_only=True)
class RuleSet:
    code: str
    label: str
    in_force_from: date
    # Law 80/2015 art. 129 -> art. 120(2): "ít nhất là 30 ngày". Checked in the 2015 text only;
    # later amendments are not verified, so the value stays configurable.
    min_consultation_days: int = 30
    # Art. 130 -> art. 121(4): report "trong thời hạn 10 ngày" after the Department of Justice
    # receives a complete dossier: calendar days in the 2015 text; amendments not verified.
    appraisal_limit_days: int = 10
    appraisal_in_working_days: bool = False
    # Verified: art. 151(1), provincial normative documents.
    min_days_sign_to_effect: int = 10
    # Verified: art. 150(4).
    gazette_send_days: int = 3

    def consultation_end_min(self, opened_on: date) -> date:
        """Earliest day a consultation opened on `opened_on` may end."""
        return opened_on + timedelta(days=self.min_consultation_days)

    def appraisal_due(self, sent_on: date) -> date:
        """Last day for the appraisal report on a dossier sent (complete) on `sent_on`."""
        if self.appraisal_in_working_days:
            return add_working_days(sent_on, self.appraisal_limit_days)
        return working_day_on_or_after(sent_on + timedelta(days=self.appraisal_limit_days))

    def earliest_effective(self, signed_on: date) -> date:
        """Earliest effective date of a normative document signed on `signed_on`."""
        return signed_on + timedelta(days=self.min_days_sign_to_effect)

    def gazette_due(self, signed_on: date) -> date:
        """Last day for sending a document signed on `signed_on` to the official gazette."""
        return working_day_on_or_after(signed_on + timedelta(days=self.gazette_send_days))


LAW80_2015 = RuleSet(
    code="law80_2015",
    label="Luật số 80/2015/QH13",
    in_force_from=date(2016, 7, 1),
)
# Law 64/2025/QH15 has not been checked: every limit keeps the Law 80/2015 value until verified.
LAW64_2025 = RuleSet(
    code="law64_2025",
    label="Luật số 64/2025/QH15",
    in_force_from=date(2025, 4, 1),
)

RULE_SETS: Mapping[str, RuleSet] = MappingProxyType(
    {rules.code: rules for rules in (LAW80_2015, LAW64_2025)}
)


def get_rule_set(code: str) -> RuleSet:
    try:
        return RULE_SETS[code]
    except KeyError:
        known = ", ".join(sorted(RULE_SETS))
        raise UnknownRuleSetError(f"Unknown rule set {code!r}; expected one of: {known}") from None


def _dmy(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def check_effective_date(*, signed_on: date, effective_on: date, rules: RuleSet) -> str | None:
    """A message when a normative document would take effect too early, else None."""
    earliest = rules.earliest_effective(signed_on)
    if effective_on >= earliest:
        return None
    return EFFECTIVE_TOO_EARLY.format(
        effective_on=_dmy(effective_on),
        days=rules.min_days_sign_to_effect,
        signed_on=_dmy(signed_on),
        earliest=_dmy(earliest),
        law=rules.label,
    )


def is_overdue(*, due: date, today: date, done: date | None) -> bool:
    """Whether a step with deadline `due` is late: done after `due`, or still open after it."""
    return (done or today) > due
