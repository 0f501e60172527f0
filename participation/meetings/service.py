"""Creating, moving and cancelling meetings. Every change and everything it sends is one transaction:
the meeting row, the audit entry and the outbox items (invites, the channel's announcement) commit
together or not at all, so a refused or failed change sends nothing."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.settings import Settings
from participation import directory
from participation.meetings.networks import ChannelUnavailable, Member, members_of, network_config
from participation.meetings.notify import announce, send_invites
from participation.storage.models import AuditEntry, Meeting, NetworkRecord, utcnow

MAX_MEETING = dt.timedelta(hours=12)


class Refusal(StrEnum):
    UNKNOWN_NETWORK = "unknown_network"
    NOT_LINKED = "not_linked"
    NOT_IN_CHANNEL = "not_in_channel"
    IN_PAST = "in_past"
    END_BEFORE_START = "end_before_start"
    TOO_LONG = "too_long"
    OVERLAP = "overlap"
    NO_SUCH_MEETING = "no_such_meeting"
    CANCELLED = "cancelled"
    STARTED = "started"
    BAD_LINK = "bad_link"


class MeetingRefused(Exception):
    """A change the rules do not allow; `reason` and `details` let the caller say why in any language."""

    def __init__(self, reason: Refusal, **details: Any) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.details = details


@dataclass(frozen=True)
class Clash:
    """The meeting a new time would overlap, as plain values: the refusal outlives the transaction."""

    id: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    network_id: str = ""


@dataclass(frozen=True)
class MeetingDraft:
    network_id: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str | None = None
    online_url: str | None = None
    agenda: str | None = None


def check(
    session: Session, draft: MeetingDraft, now: dt.datetime, moving: Meeting | None = None
) -> NetworkRecord:
    """Refuse what cannot be a meeting: an unknown or unlinked network, the past, a backwards or
    over-long time, a link that is not a web address, or an overlap with the network's other meetings."""
    network = session.get(NetworkRecord, draft.network_id) if network_config(draft.network_id) else None
    if network is None:
        raise MeetingRefused(Refusal.UNKNOWN_NETWORK, network=draft.network_id)
    if not network.channel_id:
        raise MeetingRefused(Refusal.NOT_LINKED, network=draft.network_id)
    if draft.starts_at <= now:
        raise MeetingRefused(Refusal.IN_PAST)
    if draft.ends_at <= draft.starts_at:
        raise MeetingRefused(Refusal.END_BEFORE_START)
    if draft.ends_at - draft.starts_at > MAX_MEETING:
        raise MeetingRefused(Refusal.TOO_LONG)
    # https only: the link goes to every member and guest in invitations and calendar files, and a
    # meeting link carries its passcode. (An evidence link may be http://; see confirmations.service.)
    if draft.online_url and not draft.online_url.startswith("https://"):
        raise MeetingRefused(Refusal.BAD_LINK)
    clash = session.scalar(
        select(Meeting).where(
            Meeting.network_id == draft.network_id,
            Meeting.status == "scheduled",
            Meeting.starts_at < draft.ends_at,
            Meeting.ends_at > draft.starts_at,
            Meeting.id != (moving.id if moving else -1),
        )
    )
    if clash is not None:
        raise MeetingRefused(
            Refusal.OVERLAP,
            other=Clash(clash.id, clash.title, clash.starts_at, clash.ends_at, clash.network_id),
        )
    return network


def _members(session: Session, network: NetworkRecord, settings: Settings) -> list[Member]:
    try:
        return members_of(session, network, settings.default_language)
    except ChannelUnavailable:
        raise MeetingRefused(Refusal.NOT_IN_CHANNEL, channel=network.channel_id) from None


def create(
    session: Session, settings: Settings, draft: MeetingDraft, actor: str, now: dt.datetime
) -> Meeting:
    network = check(session, draft, now)
    members = _members(session, network, settings)
    meeting = Meeting(
        network_id=draft.network_id,
        uid=f"{uuid.uuid4()}@osallisuusbotti",
        title=draft.title,
        starts_at=draft.starts_at,
        ends_at=draft.ends_at,
        place=draft.place,
        online_url=draft.online_url,
        agenda=draft.agenda,
        sequence=0,
        status="scheduled",
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    session.add(meeting)
    session.flush()
    _audit(session, actor, "meeting.create", meeting, None)
    send_invites(session, settings, meeting, members, now)
    announce(session, settings, network, meeting, "new", now)
    return meeting


def move(
    session: Session,
    settings: Settings,
    meeting_id: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    actor: str,
    now: dt.datetime,
) -> Meeting:
    meeting, network = _moving(session, meeting_id, starts_at, ends_at, now)
    before = _snapshot(meeting)
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    _publish(session, settings, network, meeting, before, "moved", actor, now)
    return meeting


def check_move(
    session: Session, meeting_id: int, starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime
) -> None:
    """What `move` would refuse, changing nothing: a form is answered with it before the work is done."""
    _moving(session, meeting_id, starts_at, ends_at, now)


def _moving(
    session: Session, meeting_id: int, starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime
) -> tuple[Meeting, NetworkRecord]:
    meeting = _open_meeting(session, meeting_id, now)
    draft = MeetingDraft(
        meeting.network_id, meeting.title, starts_at, ends_at, meeting.place, meeting.online_url
    )
    return meeting, check(session, draft, now, moving=meeting)


def check_cancel(session: Session, meeting_id: int, now: dt.datetime) -> None:
    """What `cancel` would refuse, changing nothing."""
    _open_meeting(session, meeting_id, now)


def cancel(session: Session, settings: Settings, meeting_id: int, actor: str, now: dt.datetime) -> Meeting:
    meeting = _open_meeting(session, meeting_id, now)
    network = session.get(NetworkRecord, meeting.network_id)
    assert network is not None
    before = _snapshot(meeting)
    meeting.status = "cancelled"
    _publish(session, settings, network, meeting, before, "cancelled", actor, now)
    return meeting


def _publish(
    session: Session,
    settings: Settings,
    network: NetworkRecord,
    meeting: Meeting,
    before: dict[str, Any],
    change: str,
    actor: str,
    now: dt.datetime,
) -> None:
    """A change to a sent meeting is a new version: SEQUENCE rises, and everyone hears of it."""
    members = _members(session, network, settings)
    meeting.sequence += 1
    meeting.updated_at = now
    _audit(session, actor, "meeting.move" if change == "moved" else "meeting.cancel", meeting, before)
    send_invites(session, settings, meeting, members, now)
    announce(session, settings, network, meeting, change, now)


def _open_meeting(session: Session, meeting_id: int, now: dt.datetime) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise MeetingRefused(Refusal.NO_SUCH_MEETING, meeting_id=meeting_id)
    if meeting.status == "cancelled":
        raise MeetingRefused(Refusal.CANCELLED, meeting_id=meeting_id)
    if meeting.starts_at <= now:
        raise MeetingRefused(Refusal.STARTED, meeting_id=meeting_id)
    return meeting


def check_channel(session: Session, channel_id: str, bot_user_id: str | None) -> None:
    """A network can only be linked to a channel the bot is in: it reads the members and posts there.
    The directory says so (the bot's own membership, kept from Slack's member events and the sync)."""
    if not directory.in_channel(session, channel_id, bot_user_id):
        raise MeetingRefused(Refusal.NOT_IN_CHANNEL, channel=channel_id)


def _snapshot(meeting: Meeting) -> dict[str, Any]:
    return {
        "network": meeting.network_id,
        "title": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting.ends_at.isoformat(),
        "place": meeting.place,
        "online_url": meeting.online_url,
        "status": meeting.status,
        "sequence": meeting.sequence,
    }


def _audit(
    session: Session, actor: str, action: str, meeting: Meeting, before: dict[str, Any] | None
) -> None:
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            entity=f"meeting:{meeting.id}",
            before=before,
            after=_snapshot(meeting),
            at=utcnow(),
        )
    )
