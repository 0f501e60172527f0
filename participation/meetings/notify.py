"""What a meeting's change sends, written to the outbox with keys that make each item unique:
one invite per meeting, version (SEQUENCE) and member; one announcement per meeting and version."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from email.utils import parseaddr

from sqlalchemy.orm import Session

from config.settings import Settings
from participation.i18n import translator
from participation.invites.ics import Attendee, Invite, feed_ics
from participation.invites.imip import imip_message
from participation.meetings.networks import Member
from participation.meetings.texts import details, meeting_title, meeting_when, network_name
from participation.messages import Actions, Button, Context, Header, Reply, Section
from participation.outbox.items import Kind, email, enqueue, file, message
from participation.storage.models import Meeting, NetworkRecord

log = logging.getLogger(__name__)
RSVP_YES = "meeting_rsvp_yes"
RSVP_NO = "meeting_rsvp_no"
ANNOUNCEMENT = "meeting.announcement"  # the channel hears of a change; written when it is sent


def organizer(settings: Settings) -> tuple[str, str]:
    name, address = parseaddr(settings.smtp_from or "")
    return name or "Osallisuusbotti", address or "osallisuusbotti@localhost"


def invite_for(
    settings: Settings,
    meeting: Meeting,
    attendees: tuple[Attendee, ...],
    now: dt.datetime,
    language: str | None = None,
) -> Invite:
    """The calendar entry, titled in `language` (an invitee's), or the deployment's for a shared feed."""
    name, address = organizer(settings)
    return Invite(
        uid=meeting.uid,
        sequence=meeting.sequence,
        title=meeting_title(meeting, language or settings.default_language),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        online_url=meeting.online_url,
        agenda=meeting.agenda,
        organizer_email=address,
        organizer_name=name,
        attendees=attendees,
        stamp=now,
        cancelled=meeting.status == "cancelled",
    )


def send_invites(
    session: Session, settings: Settings, meeting: Meeting, members: list[Member], now: dt.datetime
) -> int:
    """One iMIP e-mail per member with an address, in the member's language. Without SMTP_HOST, none.

    Each invitation lists only its own recipient: guests may be residents (experts by experience), whose
    addresses are not for every member to see.
    """
    if not settings.smtp_host:
        log.info("SMTP_HOST is not set: no e-mail invites for meeting %s", meeting.id)
        return 0
    sent = 0
    for member in members:
        if not member.email:
            continue
        recipient = Attendee(member.email.lower(), member.name)
        message = imip_message(
            invite_for(settings, meeting, (recipient,), now, member.language),
            recipient,
            subject=_subject(meeting, member.language, settings),
            text_body=_body(meeting, member.language, settings),
            zone=settings.zone,
            message_id=f"<invite.{meeting.id}.{meeting.sequence}.{_digest(recipient.email)}@osallisuusbotti>",
        )
        key = f"invite:{meeting.id}:{meeting.sequence}:{recipient.email}"
        sent += enqueue(session, key, Kind.EMAIL, email(message))
    return sent


def _digest(address: str) -> str:
    """A stable token per address, so a resent invite keeps its Message-ID and clients drop the copy."""
    return hashlib.sha256(address.encode()).hexdigest()[:16]


def _subject(meeting: Meeting, language: str, settings: Settings) -> str:
    _ = translator(language)
    when_text = meeting_when(meeting, language, settings.zone)
    title = meeting_title(meeting, language)
    if meeting.status == "cancelled":
        return _("Cancelled: {title}, {when}").format(title=title, when=when_text)
    if meeting.sequence > 0:
        return _("Updated invitation: {title}, {when}").format(title=title, when=when_text)
    return _("Invitation: {title}, {when}").format(title=title, when=when_text)


def _body(meeting: Meeting, language: str, settings: Settings) -> str:
    _ = translator(language)
    if meeting.status == "cancelled":
        opening = _("This meeting has been cancelled. Your calendar removes it when you open the attachment.")
    elif meeting.sequence > 0:
        opening = _("The meeting has changed. The attached invitation updates your calendar.")
    else:
        opening = _("You are invited to a network meeting. The attached invitation adds it to your calendar.")
    lines = [opening, "", *details(meeting, language, settings.zone, markup=False), "", _("Osallisuusbotti")]
    return "\n".join(lines)


def announce(
    session: Session,
    settings: Settings,
    network: NetworkRecord,
    meeting: Meeting,
    change: str,
    now: dt.datetime,
) -> None:
    """The network's channel hears of every change; a new or moved meeting comes with its .ics file."""
    if not network.channel_id:
        return
    language = settings.default_language
    _ = translator(language)
    key = f"announce:{meeting.id}:{meeting.sequence}"
    enqueue(
        session,
        key,
        Kind.MESSAGE,
        message(network.channel_id, ANNOUNCEMENT, {"meeting": meeting.id, "change": change}),
    )
    if meeting.status == "cancelled":
        return
    ics = feed_ics(
        [invite_for(settings, meeting, (), now)], network_name(meeting.network_id, language), settings.zone
    )
    enqueue(
        session,
        f"announce-ics:{meeting.id}:{meeting.sequence}",
        Kind.FILE,
        file(
            network.channel_id,
            f"meeting-{meeting.id}.ics",
            ics,
            _("Add to calendar: {title}").format(title=meeting_title(meeting, language)),
        ),
    )


def announcement(meeting: Meeting, change: str, language: str, settings: Settings) -> Reply:
    _ = translator(language)
    heading = {
        "new": _("New network meeting"),
        "moved": _("A network meeting has moved"),
        "cancelled": _("A network meeting is cancelled"),
    }[change]
    reply = Reply([Header(heading), Section("\n".join(details(meeting, language, settings.zone)))])
    if meeting.status == "cancelled":
        return reply
    reply.parts.append(
        Actions(
            (
                Button(_("I will attend"), RSVP_YES, str(meeting.id), primary=True),
                Button(_("I cannot attend"), RSVP_NO, str(meeting.id)),
            )
        )
    )
    reply.parts.append(Context(_("The .ics file below adds the meeting to your calendar.")))
    return reply
