"""Who a poll asks, each with the language to ask them in.

After a meeting: those who said they would attend. When nobody said so (nobody answered the invitation,
or everyone who did said no), every Slack member of the network's channel except those who said they
could not come. Guests known only by e-mail are not asked: the poll lives in Slack. Who is in the channel,
and who may be written to at all (not bots, not deactivated), is read from the directory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from participation import directory
from participation.meetings.networks import ChannelUnavailable, members_of
from participation.storage.models import Meeting, NetworkRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Person:
    user_id: str
    language: str


def meeting_recipients(session: Session, meeting: Meeting, default_language: str) -> list[Person]:
    attending = [rsvp.slack_user_id for rsvp in meeting.rsvps if rsvp.attending]
    if attending:
        languages = directory.languages_of(session, attending, default_language)
        return [Person(user_id, languages[user_id]) for user_id in attending]
    declined = {rsvp.slack_user_id for rsvp in meeting.rsvps}
    network = session.get(NetworkRecord, meeting.network_id)
    if network is None:
        return []
    try:
        members = members_of(session, network, default_language)
    except ChannelUnavailable as error:
        log.warning("meeting %s: the network's channel is not known (%s), no poll", meeting.id, error)
        return []
    return [
        Person(member.user_id, member.language)
        for member in members
        if member.user_id is not None and member.user_id not in declined
    ]


def known_people(
    session: Session, user_ids: Iterable[str], default_language: str
) -> tuple[list[Person], list[str]]:
    """The people among `user_ids` who can be asked, and the ids the directory does not know as people
    (unknown, bots, deactivated)."""
    found, unknown = directory.listed(session, user_ids, default_language)
    return [Person(person.user_id, person.language) for person in found], unknown
