"""The domain's questions to the directory: who a person is, who is in a channel, who coordinates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, String, bindparam, select
from sqlalchemy.orm import Session

from participation.i18n import supported
from participation.storage import revisions
from participation.storage.models import ChannelMember, Person, UserPreference


@dataclass(frozen=True)
class Listed:
    """A person the bot may write to, with what a message or an invitation needs."""

    user_id: str
    name: str
    email: str | None
    language: str


def language_of(session: Session, user_id: str, default: str) -> str:
    return languages_of(session, [user_id], default)[user_id]


def languages_of(session: Session, user_ids: Iterable[str], default: str) -> dict[str, str]:
    """Each person's language, in two queries however many people are asked about."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return {}
    chosen = dict(
        session.execute(
            select(UserPreference.slack_user_id, UserPreference.language).where(
                UserPreference.slack_user_id.in_(wanted)
            )
        )
        .tuples()
        .all()
    )
    locales = dict(
        session.execute(select(Person.slack_user_id, Person.locale).where(Person.slack_user_id.in_(wanted)))
        .tuples()
        .all()
    )
    return {user: _language(chosen.get(user), locales.get(user), default) for user in wanted}


_USER = bindparam("user", type_=String())
# What every answer starts with, as the columns of one statement: the person's own language, their Slack
# locale, whether the directory has them coordinating, and the dashboard's revision number. Built once:
# a statement object keeps its SQL cache key, so each use only binds the user. The replay guard on
# PostgreSQL reads the same columns in its own statement (bot.replay), making a request's first round
# trip its only one when the answer is kept.
WHO_COLUMNS = (
    select(UserPreference.language).where(UserPreference.slack_user_id == _USER).scalar_subquery(),
    select(Person.locale).where(Person.slack_user_id == _USER).scalar_subquery(),
    select(Person.coordinator).where(Person.slack_user_id == _USER).scalar_subquery(),
    revisions.DASHBOARD_NUMBER,
)
_WHO = select(*WHO_COLUMNS)
WhoRow = tuple[str | None, str | None, bool | None, int | None]


def who(session: Session, user_id: str, default: str, named: Iterable[str]) -> tuple[str, bool]:
    """A person's language and whether they coordinate, in one statement: every answer starts with it.
    The same statement reads the dashboard's revision number, noted for the request's dashboard
    (participation.storage.revisions.note), so a kept `status` costs this one statement."""
    chosen, locale, coordinator, revision = session.execute(_WHO, {"user": user_id}).one()
    revisions.note(session, revision)
    return who_of((chosen, locale, coordinator, revision), user_id, default, named)


def who_of(row: WhoRow, user_id: str, default: str, named: Iterable[str]) -> tuple[str, bool]:
    """The answer of `who` from its columns (WHO_COLUMNS), however they were read."""
    chosen, locale, coordinator, _revision = row
    return _language(chosen, locale, default), user_id in set(named) or bool(coordinator)


def _language(chosen: str | None, locale: str | None, default: str) -> str:
    """Their own choice (`/osallisuus lang`), else their Slack locale, else DEFAULT_LANGUAGE."""
    return chosen or supported(locale) or default


def name_of(session: Session, user_id: str) -> str | None:
    """The name Slack shows for the person, if the directory has one."""
    return session.scalar(select(Person.name).where(Person.slack_user_id == user_id)) or None


def member_ids(session: Session, channel_id: str) -> list[str]:
    """Every user id the directory has for the channel, people not yet synced included."""
    query = select(ChannelMember.slack_user_id).where(ChannelMember.channel_id == channel_id)
    return sorted(session.scalars(query))


def in_channel(session: Session, channel_id: str, user_id: str | None) -> bool:
    """Whether the directory has `user_id` (the bot's own id, or a person's) among the channel's members."""
    if not user_id:
        return False
    found = session.get(ChannelMember, (channel_id, user_id))
    return found is not None


def reachable(session: Session, channel_id: str, default: str) -> list[Listed]:
    """The channel's people the bot may write to, each with name, address and language, in one query."""
    query = (
        select(Person.slack_user_id, Person.name, Person.email, Person.locale, UserPreference.language)
        .join(ChannelMember, ChannelMember.slack_user_id == Person.slack_user_id)
        .outerjoin(UserPreference, UserPreference.slack_user_id == Person.slack_user_id)
        .where(ChannelMember.channel_id == channel_id, _writable())
        .order_by(Person.slack_user_id)
    )
    return [
        Listed(user, name or user, email, _language(chosen, locale, default))
        for user, name, email, locale, chosen in session.execute(query).tuples()
    ]


def listed(session: Session, user_ids: Iterable[str], default: str) -> tuple[list[Listed], list[str]]:
    """The people among `user_ids` the bot may write to, in the order asked, and the ids it may not
    (unknown to the directory, bots, deactivated)."""
    wanted = list(dict.fromkeys(user_ids))
    if not wanted:
        return [], []
    query = (
        select(Person.slack_user_id, Person.name, Person.email, Person.locale, UserPreference.language)
        .outerjoin(UserPreference, UserPreference.slack_user_id == Person.slack_user_id)
        .where(Person.slack_user_id.in_(wanted), _writable())
    )
    found = {
        user: Listed(user, name or user, email, _language(chosen, locale, default))
        for user, name, email, locale, chosen in session.execute(query).tuples()
    }
    return [found[user] for user in wanted if user in found], [user for user in wanted if user not in found]


def coordinator_ids(session: Session, named: Iterable[str]) -> list[str]:
    """The coordinators: those named by id in COORDINATORS, and those the sync found in its user groups."""
    flagged = session.scalars(select(Person.slack_user_id).where(Person.coordinator.is_(True)))
    return sorted(set(named) | set(flagged))


def _writable() -> ColumnElement[bool]:
    return Person.is_bot.is_(False) & Person.deleted.is_(False)
