"""Where the bot keeps personal data: every column that holds a Slack user id, an e-mail address or a
name, and what forgetting does to it. Export, forget and the test that a new personal column is covered
all read this one table.

A row that is only about the person (their directory entry, an RSVP, an owner role) is deleted. A row
that is part of the plan's record (a confirmation, a comment, a highlight, a meeting someone created)
keeps its content, and its person column gets the pseudonym instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from sqlalchemy.orm import InstrumentedAttribute

from participation.storage.models import (
    AuditEntry,
    Base,
    ChannelMember,
    Confirmation,
    Highlight,
    HighlightVersion,
    IndicatorComment,
    IndicatorOwner,
    Meeting,
    NetworkGuest,
    NetworkRecord,
    OutboxItem,
    Person,
    PlanUpload,
    Poll,
    PollRecipient,
    Rsvp,
    UserPreference,
)

Holds = Literal["user", "email"]
Forget = Literal["delete", "pseudonymise"]


@dataclass(frozen=True)
class PersonalColumn:
    column: InstrumentedAttribute[Any]
    holds: Holds
    forget: Forget

    @property
    def table(self) -> str:
        return str(self.column.class_.__tablename__)

    @property
    def name(self) -> str:
        return str(self.column.key)


PERSONAL: tuple[PersonalColumn, ...] = (
    PersonalColumn(Person.slack_user_id, "user", "delete"),
    PersonalColumn(Person.email, "email", "delete"),
    PersonalColumn(UserPreference.slack_user_id, "user", "delete"),
    PersonalColumn(ChannelMember.slack_user_id, "user", "delete"),
    PersonalColumn(IndicatorOwner.slack_user_id, "user", "delete"),
    PersonalColumn(Rsvp.slack_user_id, "user", "delete"),
    PersonalColumn(NetworkGuest.email, "email", "delete"),
    PersonalColumn(PlanUpload.slack_user_id, "user", "delete"),
    # Asked and answered only, and kept (pseudonymised) so a poll's "asked" figure does not change.
    PersonalColumn(PollRecipient.slack_user_id, "user", "pseudonymise"),
    PersonalColumn(Confirmation.confirmed_by, "user", "pseudonymise"),
    PersonalColumn(IndicatorComment.author, "user", "pseudonymise"),
    PersonalColumn(Highlight.author, "user", "pseudonymise"),
    PersonalColumn(HighlightVersion.edited_by, "user", "pseudonymise"),
    PersonalColumn(Meeting.created_by, "user", "pseudonymise"),
    PersonalColumn(Poll.created_by, "user", "pseudonymise"),
    PersonalColumn(NetworkRecord.linked_by, "user", "pseudonymise"),
    PersonalColumn(NetworkGuest.added_by, "user", "pseudonymise"),
    PersonalColumn(AuditEntry.actor, "user", "pseudonymise"),
)
"""Columns that hold one person's id or address as their whole value."""

MENTIONING: dict[type[Base], tuple[str, ...]] = {
    OutboxItem: ("key", "payload", "result"),
    AuditEntry: ("before", "after"),
}
"""Columns whose text or JSON may mention a person anywhere inside (an outbox item's recipient and key,
an audit entry's before and after)."""

NAMES: tuple[InstrumentedAttribute[Any], ...] = (Person.name, NetworkGuest.name)
"""Names, which go with the row that holds them: exported with it, gone when it is deleted."""

NOT_PERSONAL: frozenset[str] = frozenset({"plans.source_name", "plan_uploads.filename"})
"""Columns whose name looks personal but which hold no person: a plan file's name."""


@dataclass(frozen=True)
class Subject:
    """The person asked about: their Slack ids and their e-mail addresses (lower case)."""

    users: frozenset[str]
    emails: frozenset[str]

    def values(self, holds: Holds) -> frozenset[str]:
        return self.users if holds == "user" else self.emails

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """A match of any of their ids or addresses as a whole word inside a text."""
        words = sorted((*self.users, *self.emails), key=len, reverse=True)
        return re.compile(r"(?<![\w.@-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w@-]|\.\w)", re.I)

    def mentioned(self, value: Any) -> bool:
        return bool(self.pattern.search(_text(value)))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def replace(value: Any, pattern: re.Pattern[str], by: str) -> Any:
    """`value` (a text, or JSON made of dicts, lists and texts) with every match replaced by `by`."""
    if isinstance(value, str):
        return pattern.sub(by, value)
    if isinstance(value, list):
        return [replace(item, pattern, by) for item in value]
    if isinstance(value, dict):
        return {replace(k, pattern, by): replace(v, pattern, by) for k, v in value.items()}
    return value
