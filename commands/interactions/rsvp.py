"""A member's click on "I will attend" / "I cannot attend". A new click replaces the earlier answer."""

from __future__ import annotations

from commands.context import Invocation
from participation import directory, numbers
from participation.meetings.rsvps import record_rsvp
from participation.meetings.texts import meeting_title, meeting_when
from participation.messages import Reply, notice
from participation.storage.models import Meeting, NetworkRecord, utcnow


def rsvp(invocation: Invocation, meeting_text: str, attending: bool) -> Reply:
    _ = invocation._
    meeting_id = numbers.row_id(meeting_text)
    if meeting_id is None:
        return notice(_("That button is not one of mine. Nothing was recorded."), error=True)
    with invocation.db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            return notice(_("That meeting no longer exists. Nothing was recorded."), error=True)
        if meeting.status == "cancelled":
            return notice(_("That meeting is cancelled, so there is nothing to answer."), error=True)
        if meeting.starts_at <= invocation.now():
            return notice(_("That meeting has already started; answers are closed."), error=True)
        network = session.get(NetworkRecord, meeting.network_id)
        if network is None or not directory.in_channel(session, network.channel_id or "", invocation.user_id):
            return notice(
                _("Only the network's members answer its invitations. Nothing was recorded."), error=True
            )
        record_rsvp(session, meeting.id, invocation.user_id, attending, utcnow())
        when = meeting_when(meeting, invocation.language, invocation.zone)
        title = meeting_title(meeting, invocation.language)
    text = (
        _("Noted: you will attend {title} on {when}.")
        if attending
        else _("Noted: you cannot attend {title} on {when}. You can change your answer with the buttons.")
    )
    return notice(text.format(title=title, when=when))
