"""The staff networks: their configuration (names, usual day and time) and who their members are.

Members are read from Slack when they are needed, not copied: the network's channel is the list, so
joining or leaving the channel is joining or leaving the network. Guests are members by e-mail only.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from functools import cache
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from config import NETWORKS_FILE
from participation.i18n import supported
from participation.plan.schema import Slug, Text
from participation.storage.models import NetworkRecord, UserPreference

log = logging.getLogger(__name__)


class NetworkConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: Text
    weekday: Annotated[int, Field(ge=1, le=5)]
    start: dt.time
    minutes: Annotated[int, Field(ge=15, le=8 * 60)]


class _NetworksFile(BaseModel):
    networks: tuple[NetworkConfig, ...]


@cache
def configured_networks() -> dict[str, NetworkConfig]:
    data = yaml.safe_load(NETWORKS_FILE.read_text(encoding="utf-8"))
    return {network.id: network for network in _NetworksFile.model_validate(data).networks}


def network_config(network_id: str) -> NetworkConfig | None:
    return configured_networks().get(network_id.strip().lower())


def ensure_network_rows(session: Session) -> None:
    """Every configured network has a row, and so a calendar feed token, from the first start on."""
    for network_id in configured_networks():
        if session.get(NetworkRecord, network_id) is None:
            session.add(NetworkRecord(id=network_id, feed_token=secrets.token_urlsafe(24)))


@dataclass(frozen=True)
class Member:
    """Someone to invite: a Slack user (with `user_id`) or a guest known only by e-mail."""

    name: str
    language: str
    email: str | None = None
    user_id: str | None = None


class ChannelUnavailable(Exception):
    """The bot cannot read the channel's members: it is not in the channel, or the channel is gone."""


def channel_members(client: WebClient, channel_id: str) -> list[str]:
    members: list[str] = []
    cursor = None
    try:
        while True:
            response = client.conversations_members(channel=channel_id, cursor=cursor, limit=200)
            members += list(response.get("members") or [])
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return members
    except SlackApiError as error:
        raise ChannelUnavailable(str(error.response.get("error", "error"))) from None


def members_of(
    session: Session, client: WebClient, network: NetworkRecord, default_language: str
) -> list[Member]:
    """The channel's people (not bots, not deactivated), then the guests, each with their language."""
    found: list[Member] = []
    if network.channel_id:
        for user_id in channel_members(client, network.channel_id):
            member = _slack_member(session, client, user_id, default_language)
            if member is not None:
                found.append(member)
    known = {member.email for member in found if member.email}
    for guest in network.guests:
        if guest.email not in known:
            found.append(Member(name=guest.name or guest.email, language=guest.language, email=guest.email))
    return found


def _slack_member(session: Session, client: WebClient, user_id: str, default_language: str) -> Member | None:
    try:
        user = client.users_info(user=user_id, include_locale=True).get("user") or {}
    except SlackApiError as error:
        log.warning("users.info failed for %s: %s", user_id, error.response.get("error"))
        return None
    if user.get("is_bot") or user.get("deleted") or user_id == "USLACKBOT":
        return None
    preference = session.get(UserPreference, user_id)
    language = preference.language if preference else supported(user.get("locale")) or default_language
    profile = user.get("profile") or {}
    name = profile.get("real_name") or user.get("real_name") or user.get("name") or user_id
    return Member(name=name, language=language, email=profile.get("email"), user_id=user_id)
