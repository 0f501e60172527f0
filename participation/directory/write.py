"""How the directory is kept: the sync in `bot/` reads Slack first, then writes here in one short
transaction, with neutral values. A whole workspace is written in a few statements (multi-row upserts
in chunks), so a sync of thousands of people holds its transaction for milliseconds, not seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from participation.storage.dialects import insert as _insert
from participation.storage.models import ChannelMember, Person

CHUNK = 500  # rows per statement: 500 people × 7 values stays far below SQLite's and PostgreSQL's limits


@dataclass(frozen=True)
class PersonInfo:
    """A person as the edge read them: enough to write to them, invite them and pick their language."""

    user_id: str
    name: str = ""
    email: str | None = None
    locale: str | None = None
    is_bot: bool = False
    deleted: bool = False


def store_people(session: Session, infos: Iterable[PersonInfo], now: dt.datetime) -> int:
    """Insert or update each person; their coordinator flag is left as it was (see `set_coordinators`)."""
    rows = [_row(info, now) for info in {info.user_id: info for info in infos}.values()]
    for start in range(0, len(rows), CHUNK):
        insert = _insert(session)(Person).values(rows[start : start + CHUNK])
        changed = {
            name: insert.excluded[name]
            for name in ("name", "email", "locale", "is_bot", "deleted", "synced_at")
        }
        session.execute(insert.on_conflict_do_update(index_elements=["slack_user_id"], set_=changed))
    return len(rows)


def set_channel_members(session: Session, channel_id: str, user_ids: Iterable[str], now: dt.datetime) -> None:
    """The channel's members are exactly `user_ids` from now on (an empty list: the channel is unknown)."""
    wanted = sorted(set(user_ids))
    session.execute(delete(ChannelMember).where(ChannelMember.channel_id == channel_id))
    rows = [{"channel_id": channel_id, "slack_user_id": user, "synced_at": now} for user in wanted]
    for start in range(0, len(rows), CHUNK):
        session.execute(_insert(session)(ChannelMember).values(rows[start : start + CHUNK]))


def add_channel_member(session: Session, channel_id: str, user_id: str, now: dt.datetime) -> None:
    found = session.get(ChannelMember, (channel_id, user_id))
    if found is None:
        session.add(ChannelMember(channel_id=channel_id, slack_user_id=user_id, synced_at=now))
    else:
        found.synced_at = now


def remove_channel_member(session: Session, channel_id: str, user_id: str) -> None:
    session.execute(
        delete(ChannelMember).where(
            ChannelMember.channel_id == channel_id, ChannelMember.slack_user_id == user_id
        )
    )


def set_coordinators(session: Session, user_ids: Iterable[str]) -> None:
    """Exactly these people carry the coordinator flag (the members of the COORDINATORS user groups)."""
    wanted = sorted(set(user_ids))
    session.execute(
        update(Person)
        .where(Person.coordinator.is_(True), Person.slack_user_id.not_in(wanted))
        .values(coordinator=False)
    )
    if wanted:
        session.execute(
            update(Person)
            .where(Person.coordinator.is_(False), Person.slack_user_id.in_(wanted))
            .values(coordinator=True)
        )


def stale_or_unknown(
    session: Session, user_ids: Iterable[str], now: dt.datetime, max_age: dt.timedelta
) -> list[str]:
    """The ids among `user_ids` the directory does not have, or last saw more than `max_age` ago."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return []
    fresh = set(
        session.scalars(
            select(Person.slack_user_id).where(
                Person.slack_user_id.in_(wanted), Person.synced_at >= now - max_age
            )
        )
    )
    return [user for user in wanted if user not in fresh]


def _row(info: PersonInfo, now: dt.datetime) -> dict[str, Any]:
    row = asdict(info)
    row["slack_user_id"] = row.pop("user_id")
    row["name"] = (info.name or "")[:255]
    row["email"] = info.email[:320] if info.email else None
    row["locale"] = info.locale[:16] if info.locale else None
    return {**row, "coordinator": False, "synced_at": now}
