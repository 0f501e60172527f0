"""The staff networks: their configuration (names, usual day and time) and who their members are.

The network's channel is the list of its members, so joining or leaving the channel is joining or leaving
the network; who is in the channel, with their address and language, is read from the directory that
the bot keeps from Slack, never from Slack itself. Guests are members by e-mail only.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from functools import cache
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from config import NETWORKS_FILE
from participation import directory
from participation.plan.schema import Slug, Text
from participation.storage.models import NetworkRecord

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where it is built in: read at start-up


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
    data = yaml.load(NETWORKS_FILE.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
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
    """The directory knows no members of the channel: the bot is not in it, or the channel is gone."""


def members_of(session: Session, network: NetworkRecord, default_language: str) -> list[Member]:
    """The channel's people (not bots, not deactivated), then the guests, each with their language."""
    found: list[Member] = []
    if network.channel_id:
        people = directory.reachable(session, network.channel_id, default_language)  # the one query
        if not people and not directory.member_ids(session, network.channel_id):
            raise ChannelUnavailable(network.channel_id)
        found = [Member(p.name, p.language, p.email, p.user_id) for p in people]
    known = {member.email for member in found if member.email}
    for guest in network.guests:
        if guest.email not in known:
            found.append(Member(name=guest.name or guest.email, language=guest.language, email=guest.email))
    return found
