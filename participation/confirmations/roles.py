"""Who may do what: coordinators everything, owners confirm their own indicators, everyone views."""

from __future__ import annotations

from participation.messages import person
from participation.storage.models import IndicatorRecord


def owners_of(indicator: IndicatorRecord) -> list[str]:
    return [owner.slack_user_id for owner in indicator.owners]


def is_owner(user_id: str, indicator: IndicatorRecord) -> bool:
    return user_id in owners_of(indicator)


def may_confirm(user_id: str, is_coordinator: bool, indicator: IndicatorRecord) -> bool:
    """Computed indicators are nobody's to confirm: the bot keeps their figures from its own records."""
    if indicator.computed:
        return False
    return is_coordinator or is_owner(user_id, indicator)


def mentions(users: list[str], nobody: str) -> str:
    return ", ".join(person(user) for user in users) or nobody
