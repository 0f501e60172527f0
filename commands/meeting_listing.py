"""`meeting list` and `meeting show`: what anyone may see of the coming meetings; who answered what is
shown by name to the coordinators only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from commands.context import Invocation
from commands.meeting_one_line import parse_meeting_id
from participation.meetings.networks import network_config
from participation.meetings.service import MeetingRefused, Refusal
from participation.meetings.texts import details, meeting_title, meeting_when, network_name
from participation.messages import Context, Header, Reply, Section, person
from participation.storage.models import Meeting


def list_meetings(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    config = network_config(args[0]) if args else None
    if args and config is None:
        raise MeetingRefused(Refusal.UNKNOWN_NETWORK, network=args[0])
    since = invocation.now() - dt.timedelta(days=1)
    with invocation.db.session() as session:
        query = select(Meeting).where(Meeting.ends_at >= since).order_by(Meeting.starts_at)
        if config is not None:
            query = query.where(Meeting.network_id == config.id)
        meetings = list(session.scalars(query.limit(40)))
        lines = [_meeting_line(m, invocation) for m in meetings]
    reply = Reply([Header(_("Coming network meetings"))])
    reply.parts.append(Section("\n".join(lines) if lines else _("No meetings coming.")))
    reply.parts.append(Context(_("`/osallisuus meeting show <id>` shows a meeting and who is coming.")))
    return reply


def _meeting_line(meeting: Meeting, invocation: Invocation) -> str:
    _ = invocation._
    line = (
        f"#{meeting.id} *{meeting_title(meeting, invocation.language)}*: "
        f"{meeting_when(meeting, invocation.language, invocation.zone)} · "
        f"{network_name(meeting.network_id, invocation.language)}"
    )
    if meeting.status == "cancelled":
        return f"~{line}~ " + _("(cancelled)")
    coming = sum(rsvp.attending for rsvp in meeting.rsvps)
    return line + " · " + _("{count} attending").format(count=coming)


def show_meeting(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    meeting_id = parse_meeting_id(args, _)
    with invocation.db.session() as session:
        found = session.get(Meeting, meeting_id)
        if found is None:
            raise MeetingRefused(Refusal.NO_SUCH_MEETING, meeting_id=meeting_id)
        lines = details(found, invocation.language, invocation.zone)
        yes = [r.slack_user_id for r in found.rsvps if r.attending]
        no = [r.slack_user_id for r in found.rsvps if not r.attending]
        cancelled = found.status == "cancelled"
    reply = Reply([Header(f"#{meeting_id}"), Section("\n".join(lines))])
    if cancelled:
        reply.parts.append(Section(_("This meeting is cancelled.")))
    if invocation.is_coordinator:
        reply.parts.append(
            Section(
                _("Attending ({count}): {people}").format(count=len(yes), people=_mentions(yes))
                + "\n"
                + _("Not attending ({count}): {people}").format(count=len(no), people=_mentions(no))
            )
        )
    else:
        reply.parts.append(Section(_("{count} attending").format(count=len(yes))))
    return reply


def _mentions(users: list[str]) -> str:
    return ", ".join(person(user) for user in users) or "–"
