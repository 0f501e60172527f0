"""Who a poll asks, each with the language to ask them in.

After a meeting: those who said they would attend. When nobody said so (nobody answered the invitation,
or everyone who did said no), every Slack member of the network's channel except those who said they
could not come. Guests known only by e-mail are not asked: the poll lives in Slack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from participation.i18n import supported
from participation.meetings.networks import ChannelUnavailable, members_of
from participation.storage.models import Meeting, NetworkRecord, UserPreference

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Person:
    user_id: str
    language: str


def meeting_recipients(
    session: Session,
    client: WebClient,
    meeting: Meeting,
    default_language: str,
    language_of: Callable[[str], str],
) -> list[Person]:
    attending = [rsvp.slack_user_id for rsvp in meeting.rsvps if rsvp.attending]
    if attending:
        return [Person(user_id, language_of(user_id)) for user_id in attending]
    declined = {rsvp.slack_user_id for rsvp in meeting.rsvps}
    network = session.get(NetworkRecord, meeting.network_id)
    if network is None:
        return []
    try:
        members = members_of(session, client, network, default_language)
    except ChannelUnavailable as error:
        log.warning("meeting %s: the network's channel cannot be read (%s), no poll", meeting.id, error)
        return []
    return [
        Person(member.user_id, member.language)
        for member in members
        if member.user_id is not None and member.user_id not in declined
    ]


def slack_people(
    session: Session, client: WebClient, user_ids: Iterable[str], default_language: str
) -> tuple[list[Person], list[str]]:
    """The people among `user_ids` who can be asked, and the ids Slack does not know (or bots)."""
    found: list[Person] = []
    unknown: list[str] = []
    for user_id in dict.fromkeys(user_ids):
        try:
            user = client.users_info(user=user_id, include_locale=True).get("user") or {}
        except SlackApiError:
            user = {}
        if not user or user.get("is_bot") or user.get("deleted") or user_id == "USLACKBOT":
            unknown.append(user_id)
            continue
        preference = session.get(UserPreference, user_id)
        language = preference.language if preference else supported(user.get("locale")) or default_language
        found.append(Person(user_id, language))
    return found, unknown
