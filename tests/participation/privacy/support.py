"""Two people's data in every table that can hold some, written as the bot's features leave it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from participation.storage.models import (
    AuditEntry,
    ChannelMember,
    Confirmation,
    Highlight,
    HighlightVersion,
    IndicatorComment,
    IndicatorOwner,
    IndicatorRecord,
    Meeting,
    NetworkGuest,
    NetworkRecord,
    OutboxItem,
    Person,
    Poll,
    PollRecipient,
    Rsvp,
    UserPreference,
)

AINO, SVEN = "UFI00001", "USV00001"
EMAILS = {AINO: "aino.virtanen@example.org", SVEN: "sven.lindqvist@example.org"}
AT = dt.datetime(2025, 3, 4, 10, 0, tzinfo=dt.UTC)


def fill(session: Session) -> None:
    indicator = session.scalars(select(IndicatorRecord).order_by(IndicatorRecord.id)).first()
    network = session.scalars(select(NetworkRecord).order_by(NetworkRecord.id)).first()
    assert indicator is not None and network is not None
    meeting = Meeting(
        network_id=network.id,
        uid=f"m-{AT.timestamp()}@test",
        title="Kevään tapaaminen",
        starts_at=AT,
        ends_at=AT + dt.timedelta(hours=1),
        created_by=AINO,
    )
    poll = Poll(
        kind="training",
        title="Koulutus",
        event_date=AT.date(),
        opened_at=AT,
        remind_at=AT,
        closes_at=AT + dt.timedelta(days=7),
        created_by=SVEN,
    )
    session.add_all([meeting, poll])
    session.flush()
    for user in (AINO, SVEN):
        session.add_all(_rows(user, indicator.id, meeting.id, poll.id, network.id, indicator.plan_id))
    session.add(AuditEntry(at=AT, actor=SVEN, action="meeting.create", entity=f"meeting:{meeting.id}"))


def _rows(user: str, indicator: int, meeting: int, poll: int, network: str, plan: str) -> list[object]:
    email = EMAILS[user]
    highlight = Highlight(plan_id=plan, year=2025, section="other", text=f"Kohokohta {user}", author=user)
    highlight.versions.append(HighlightVersion(section="other", text="ennen", edited_by=user))
    return [
        Person(slack_user_id=user, name=f"Name of {user}", email=email, locale="fi-FI"),
        UserPreference(slack_user_id=user, language="sv"),
        ChannelMember(channel_id="CNET0001", slack_user_id=user),
        IndicatorOwner(indicator_id=indicator, slack_user_id=user, source="chat"),
        Confirmation(indicator_id=indicator, year=2025, value_bool=True, confirmed_by=user, confirmed_at=AT),
        IndicatorComment(indicator_id=indicator, year=2025, text="Hyvin meni", author=user),
        highlight,
        Rsvp(meeting_id=meeting, slack_user_id=user, attending=True),
        PollRecipient(poll_id=poll, slack_user_id=user, answered=user == AINO),
        NetworkGuest(
            network_id=network, email=f"guest-of-{user.lower()}@example.org", language="fi", added_by=user
        ),
        OutboxItem(
            key=f"reminder:1:{user}", kind="message", payload={"to": user, "message": "x", "args": {}}
        ),
        OutboxItem(
            key=f"invite:1:{email}",
            kind="email",
            status="sent",
            sent_at=AT,
            payload={"raw": f"To: {email}\r\n\r\nHei", "from": "bot@example.org", "to": [email]},
        ),
        AuditEntry(
            at=AT,
            actor=user,
            action="confirmation.add",
            entity="indicator:x:2025",
            after={"confirmed_by": user, "owners": [user]},
        ),
    ]
