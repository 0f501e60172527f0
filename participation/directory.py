"""The people and channels the bot knows, as stored by the directory sync in `bot/`.

The domain asks these questions inside its transactions; none of them calls Slack. A person's own choice
of language (`/osallisuus lang`) wins over the Slack locale, which wins over DEFAULT_LANGUAGE.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from participation.i18n import supported
from participation.storage.models import ChannelMember, Person, UserPreference


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
    return {user: chosen.get(user) or supported(locales.get(user)) or default for user in wanted}


def person_of(session: Session, user_id: str) -> Person | None:
    return session.get(Person, user_id)


def members_of(session: Session, channel_id: str) -> list[Person]:
    """The channel's people the bot may write to (not bots, not deactivated), in one query."""
    query = (
        select(Person)
        .join(ChannelMember, ChannelMember.slack_user_id == Person.slack_user_id)
        .where(ChannelMember.channel_id == channel_id, Person.is_bot.is_(False), Person.deleted.is_(False))
        .order_by(Person.slack_user_id)
    )
    return list(session.scalars(query))


def member_ids(session: Session, channel_id: str) -> list[str]:
    """Every user id the directory has for the channel, people not yet synced included."""
    query = select(ChannelMember.slack_user_id).where(ChannelMember.channel_id == channel_id)
    return sorted(session.scalars(query))


def coordinator_ids(session: Session, named: Iterable[str]) -> list[str]:
    """The coordinators: those named in COORDINATORS, and members of its groups as the sync found them."""
    query = select(Person.slack_user_id).where(Person.coordinator.is_(True), Person.deleted.is_(False))
    return sorted(set(named) | set(session.scalars(query)))
