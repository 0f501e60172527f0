"""Calendar invitations for meetings: iCalendar files and iMIP e-mails that Outlook, Google Calendar and
Thunderbird all place at the same hour, whatever the season and whatever the member's own time zone."""

from __future__ import annotations

from participation.invites.ics import Attendee, Invite, feed_ics, invite_ics
from participation.invites.imip import imip_message

__all__ = ["Attendee", "Invite", "feed_ics", "imip_message", "invite_ics"]
